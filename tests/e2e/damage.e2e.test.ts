import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief } from '../integration/support/backend';
import { flipPageByte, leafPages } from '../integration/support/damage';
import { ledgerOrganization } from '../integration/support/holdings';
import { prepareBackup, preparedBackup, restoreOnScreen } from './support/backup';
import { byTestId, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs } from './support/holdings';

/*
 * A damaged database (issue #9, 7) through the real renderer: the login screen says in
 * Japanese what happened and what to do, offers 「バックアップから復元」, and the restore of
 * this database's own backup brings the chief back in.
 */
/** One bit of `table`'s last leaf page flipped in its encrypted area. Returns the page number. */
function damageLastPageOf(dir: string, table: string): number {
  const page = leafPages(dir, table).at(-1)!;
  flipPageByte(path.join(dir, 'daicho.db'), page);
  return page;
}

let mappingsPage = 0;
const stages = preparedPerFile<'damaged' | 'mappingsDamaged'>(async (stage) => {
  await stage('mappingsDamaged', null, async (backend) => {
    await ledgerOrganization(backend);
    // A table no login reads (import mappings): the chief works on, and 改ざん検査 finds it.
    mappingsPage = damageLastPageOf(backend.dir, 'import_mappings');
  });
  await stage('damaged', null, async (backend) => {
    await ledgerOrganization(backend);
    await prepareBackup(backend);
    // The access log's newest page: every login reads it (its own event extends it).
    damageLastPageOf(backend.dir, 'audit_events');
  });
});

describe('a damaged database on the login screen', () => {
  it('says what happened and what to do, and restores this database’s backup from there', async () => {
    const app = await stages.start('damaged');
    const { page } = app;
    await (await shown(page, 'login-id')).fill(chief.loginId);
    await byTestId(page, 'login-password').fill(chief.password);
    await byTestId(page, 'login-submit').click();
    const message = (await (await shown(page, 'form-error')).textContent()) ?? '';
    expect(message).toContain('データベースが破損している');
    expect(message).toContain('バックアップから復元');
    expect(message).toContain('システム担当者');
    await screenshot(page, 'login-database-damaged.png');

    await byTestId(page, 'login-restore-link').click();
    await shown(page, 'login-restore');
    await restoreOnScreen(app, preparedBackup(stages.dir('damaged')), 'backup-restore-file');

    await (await shown(page, 'login-id')).fill(chief.loginId);
    await byTestId(page, 'login-password').fill(chief.password);
    await byTestId(page, 'login-submit').click();
    await shown(page, 'nav-settings');
  });

  it('改ざん検査 names the damaged page and says what to do', async () => {
    const app = await stages.start('mappingsDamaged');
    const { page } = app;
    await loginAs(page, chief);
    await byTestId(page, 'nav-audit').click();
    await (await shown(page, 'audit-verify')).click();
    await expect((await shown(page, 'audit-verify-result')).textContent()).resolves.toContain('データベースファイルに問題があります');
    const result = await shown(page, 'audit-integrity');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(`${mappingsPage}ページ目：HMACの検証に失敗しました`);
    expect(text).toContain('暗号化ページの検証（cipher_integrity_check：全ページのHMAC）：問題が1件あります。');
    expect(text).toContain('SQLiteの整合性検査（integrity_check）');
    expect((await byTestId(page, 'audit-integrity-what-to-do').textContent()) ?? '').toContain('最新のバックアップから復元してください');
    await byTestId(page, 'audit-verify-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'audit-verify-damaged.png');
  });
});
