import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { holdingInput, ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { byTestId, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, logout, openHolding, openHoldings, people, registered } from './support/holdings';

/*
 * アクセス記録 as a person reads it, through the real renderer, router and encrypted database:
 * a clerk changes where an entry is kept; the manager of the 課等 opens the access log and
 * reads the change as the entry's 管理番号 and name and 「保管場所: 前 → 後」, then narrows
 * the log to changes only (logins and reads leave) and removes that filter again.
 */
// The organisation with the clerk's entry, made once through the backend.
const data = preparedPerFile<'registered'>((stage) =>
  stage('registered', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.clerk);
    await backend.ok('holdings.create', holdingInput(citizens, registered));
  }),
);

/** The access log's rows as text, once the table has settled. */
async function logRows(page: Page): Promise<string[]> {
  await page.locator('[data-testid="audit-table"][aria-busy="false"]').waitFor();
  return byTestId(page, 'audit-table').locator('tbody tr').allTextContents();
}

/** The words of the 操作 cells, one per row (the code under them left out). */
async function actionsShown(page: Page): Promise<string[]> {
  await page.locator('[data-testid="audit-table"][aria-busy="false"]').waitFor();
  const cells = await byTestId(page, 'audit-table').locator('tbody tr td:nth-child(4)').allInnerTexts();
  return cells.map((c) => c.split('\n')[0]!.trim());
}

describe('アクセス記録: a log a person reads', () => {
  it("shows the clerk's change as the entry's 管理番号 and name and 詳細 in words; changes only hides logins and reads", async () => {
    const app = await data.start('registered');
    const { page } = app;
    await shown(page, 'login-screen');

    // The clerk changes 保管場所 in the form.
    await loginAs(page, people.clerk);
    await openHoldings(page);
    await openHolding(page, registered.ledgerNo);
    await byTestId(page, 'holding-edit').click();
    await shown(page, 'holding-form');
    await byTestId(page, 'holding-form-storageLocation').fill('書庫B');
    await byTestId(page, 'holding-form-submit').click();
    await byTestId(page, 'holding-form').waitFor({ state: 'detached' });
    await page.locator('[data-testid="holding-facts"]', { hasText: '書庫B' }).waitFor();
    await logout(page);

    // The manager of 市民課 reads the log.
    await loginAs(page, people.manager);
    await byTestId(page, 'nav-audit').click();
    await shown(page, 'audit-table');
    const change = byTestId(page, 'audit-table').locator('tbody tr', { hasText: '台帳の変更' }).first();
    await change.waitFor();
    await expect(change.getByTestId('audit-target').textContent()).resolves.toBe(`${registered.ledgerNo} ${registered.name}`);
    const detail = await change.getByTestId('audit-detail').locator('li').allTextContents();
    expect(detail).toEqual(expect.arrayContaining([`保管場所: ${registered.storageLocation} → 書庫B`, '版: 2']));
    // The read of the entry names it too; no key of the code anywhere in the log.
    const opened = byTestId(page, 'audit-table').locator('tbody tr', { hasText: '保有個人情報等台帳の閲覧' }).filter({ hasNotText: '一覧' }).first();
    await expect(opened.getByTestId('audit-target').textContent()).resolves.toBe(`${registered.ledgerNo} ${registered.name}`);
    const everything = (await logRows(page)).join('\n');
    expect(everything).not.toMatch(/storageLocation|holdingId|pageSize|direction|query:/);
    expect(await actionsShown(page)).toEqual(expect.arrayContaining(['ログイン', '保有個人情報等台帳の閲覧']));

    // 変更のみ: logins and reads leave, the change stays; the filter shows and can be removed.
    await byTestId(page, 'audit-changes-only').check();
    await shown(page, 'audit-changes-only-chip');
    await page.locator('[data-testid="audit-total"]', { hasText: '全' }).waitFor();
    await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid="audit-table"] tbody tr td:nth-child(4)')].some((td) => td.textContent?.startsWith('ログイン')));
    const changesOnly = await actionsShown(page);
    expect(changesOnly).toEqual(expect.arrayContaining(['台帳の変更', '台帳の登録']));
    expect(changesOnly.filter((a) => a.startsWith('ログイン') || a.includes('閲覧'))).toEqual([]);
    await screenshot(page, 'access-log.png');

    await byTestId(page, 'audit-changes-only-chip').getByRole('button').click();
    await byTestId(page, 'audit-changes-only-chip').waitFor({ state: 'detached' });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="audit-table"] tbody tr td:nth-child(4)')].some((td) => td.textContent?.startsWith('ログイン')));
    await expect(byTestId(page, 'audit-changes-only').isChecked()).resolves.toBe(false);
    expect(app.pageErrors).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
  });
});
