import type { AuditEvent } from '../../../db/contract';
import { sayPhrase, type AuditWord } from '../../../db/contract/auditWords';
import { hasJapaneseLabel, japaneseText } from '../../../db/print/labels';
import { chief, createUser, firstLogin, type TestApp } from './backend';
import { loginAs } from './holdings';

/**
 * The access-log-in-words tests' shared pieces (issues #7, #10): a word and an event as the
 * Japanese screen says them, and a manager of 税務課 who must not read 市民課's words (MIC §9).
 */

/** A word as the Japanese screen says it (dates left as stored: the words are what is checked). */
export const say = (w: AuditWord): string =>
  'text' in w ? w.text : 'date' in w ? w.date : 'instant' in w ? w.instant : hasJapaneseLabel(w.key) ? japaneseText(w.key, w.params ?? {}) : (w.fallback ?? w.key);

/** Each phrase of an event, said as above. */
export const lines = (e: Pick<AuditEvent, 'words'>): string[] => e.words.map((p) => sayPhrase(p, say));

export const taxManager = { loginId: 'ito', displayName: '伊藤 税務課長', password: 'Zeimu-2026-pw-z' };

/** A manager of 税務課 (`tax`), made by the chief; logged out afterwards. */
export async function makeTaxManager(app: TestApp, tax: number): Promise<void> {
  await loginAs(app, chief);
  await createUser(app, { ...taxManager, role: 'manager', password: 'Initial-2026-z', departmentId: tax });
  await app.ok('auth.logout');
  await firstLogin(app, taxManager.loginId, 'Initial-2026-z', taxManager.password);
  await app.ok('auth.logout');
}
