import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief } from '../integration/support/backend';
import { databaseKeyFromPassword, openWithRawKey } from '../integration/support/documentedFormat';
import { holdingInput, ledgerOrganization, loginAs as loginThrough, people } from '../integration/support/holdings';
import { byTestId, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs } from './support/holdings';

/*
 * 改ざん検査 beyond the chain (issue #9, 5) through the real renderer: a holding's row edited
 * directly in the database is named in Japanese — which ledger, which 管理番号, which field —
 * with what to do.
 */
let ledgerNo = '';
const stages = preparedPerFile<'edited'>(async (stage) => {
  await stage('edited', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.clerk);
    const holding = await backend.ok('holdings.create', holdingInput(citizens, { ledgerNo: '' }));
    ledgerNo = holding.ledgerNo;
    await backend.ok('auth.logout');
    const db = openWithRawKey(path.join(backend.dir, 'daicho.db'), databaseKeyFromPassword(path.join(backend.dir, 'keyring.json'), chief.loginId, chief.password));
    db.prepare('UPDATE holdings SET subject_count = 99999 WHERE id = ?').run(holding.id);
    db.close();
  });
});

describe('改ざん検査 on screen', () => {
  it('names a ledger row edited outside the app, and the field', async () => {
    const app = await stages.start('edited');
    const { page } = app;
    await loginAs(page, chief);
    await byTestId(page, 'nav-audit').click();
    await (await shown(page, 'audit-verify')).click();
    const result = (await (await shown(page, 'audit-verify-result')).textContent()) ?? '';
    expect(result).toContain('記録のつながり');
    const finding = (await (await shown(page, 'audit-finding-rowChanged')).textContent()) ?? '';
    expect(finding).toContain(`保有個人情報等台帳 管理番号${ledgerNo}`);
    expect(finding).toContain('本人の数');
    expect(finding).toContain('アクセス記録にある最後の変更の記録と異なります');
    await byTestId(page, 'audit-verify-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'audit-verify-tampered-row.png');
  });
});
