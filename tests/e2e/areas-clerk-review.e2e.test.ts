import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs as loginThrough } from '../integration/support/holdings';
import { pdfToText } from '../integration/support/pdfText';
import { areasOf, areasOrganization, chief, pickPerson, authorizeContractor, contractor, openAreasAs, people } from './support/areas';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';

/*
 * Review (Y): the 在室者 list as the clerk at the server room's door on a busy morning (issue #12
 * item 5). With 31 people inside, the one leaving is found by a part of the name or the badge handed
 * back (full width, as an IME left on types it), Enter opens their 退室 when one is shown, and after
 * the 退室 the filter is empty and has the focus again for the next one (the row's button is gone).
 * The clock of backend and browser stands at 2026-11-22 10:00 JST.
 */
type Stage = 'crowd' | 'inspected';

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('crowd', null, async (backend) => {
    const org = await areasOrganization(backend);
    const ids = [await authorizeContractor(backend, org)];
    for (let n = 1; n <= 30; n++) {
      const outsider = { name: `作業員 ${String(n).padStart(2, '0')}`, kana: 'サギョウイン', affiliation: `株式会社保守${n % 5}` };
      ids.push(await authorizeContractor(backend, org, { person: { kind: 'new', outsider }, affiliation: outsider.affiliation }));
    }
    await loginThrough(backend, people.clerk);
    const [escort] = await backend.ok('areas.people.search', { text: '鈴木', kind: 'staff', limit: 1 });
    for (const [n, { personId }] of ids.entries()) {
      await backend.ok('areas.visits.checkIn', {
        areaId: org.serverRoom,
        person: { kind: 'known', personId },
        purpose: 'サーバ保守',
        escortUserId: escort!.userId,
        badgeNo: `B-${String(n).padStart(2, '0')}`,
        devicesIn: [],
        remarks: '',
      });
    }
    await backend.ok('auth.logout');
  });
  // 和暦 on; at the day's end the clerk closes the five still inside (exceptions), the manager confirms one.
  await stage('inspected', 'crowd', async (backend) => {
    const org = await areasOf(backend);
    await loginThrough(backend, chief);
    await backend.ok('auth.reauthenticate', { password: chief.password });
    await backend.ok('settings.update', { dateDisplay: 'wareki', reason: '和暦表示に切り替え' });
    await loginThrough(backend, people.clerk);
    const { rows } = await backend.ok('areas.visits.inside', { areaId: org.serverRoom });
    await backend.ok('areas.visits.closeDay', { areaId: org.serverRoom, visitIds: rows.slice(0, 5).map((v) => v.id), reason: '終業時に退室の記録漏れ' });
    await loginThrough(backend, people.manager);
    await backend.ok('areas.visits.confirmException', { visitId: rows[0]!.id, version: rows[0]!.version + 1, note: '本人に確認済み' });
    await backend.ok('auth.logout');
  });
});
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

const focusIs = (page: Page, testId: string) => page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);
const countIs = (page: Page, text: string) => page.locator('[data-testid="inside-count"]', { hasText: text }).waitFor();
const rowCount = (page: Page) => page.locator('[data-testid="inside-table"] tbody tr [data-testid^="inside-row-"]').count();

describe('在室者: finding the one leaving among thirty', () => {
  it('filters by name or badge, opens the 退室 with Enter, and gives the focus back to the filter', async () => {
    const { page } = await startClean('crowd');
    await openAreasAs(page, people.clerk, 'inside');
    await countIs(page, '在室者 31人');
    await (await shown(page, 'inside-filter')).focus();
    // 「高橋保」 without the space finds 「高橋 保」.
    await page.keyboard.type('高橋保');
    await countIs(page, '在室者 31人（うち表示 1人）');
    await expect(rowCount(page)).resolves.toBe(1);
    await screenshot(page, 'areas-clerk-review-inside-filter.png');
    await page.keyboard.press('Enter');
    await expect((await shown(page, 'checkout-dialog')).textContent()).resolves.toContain(`${contractor.name}さんの退室`);
    await focusIs(page, 'checkout-badge');
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await expect((await shown(page, 'inside-notice')).textContent()).resolves.toMatch(/^高橋 保さんの退室を記録しました/);
    await countIs(page, '在室者 30人');
    await focusIs(page, 'inside-filter');
    await expect(byTestId(page, 'inside-filter').inputValue()).resolves.toBe('');

    // A badge handed back, typed with the IME on: 「ｂ－１７」 finds B-17 only.
    await page.keyboard.type('ｂ－１７');
    await countIs(page, '（うち表示 1人）');
    await expect(page.locator('[data-testid="inside-table"] tbody tr').first().textContent()).resolves.toContain('作業員 17');
    // Esc clears the filter (and closes nothing); several shown: Enter opens nothing.
    await page.keyboard.press('Escape');
    await expect(rowCount(page)).resolves.toBeGreaterThan(1);
    await page.keyboard.type('作業員 0');
    await countIs(page, '（うち表示 9人）');
    await page.keyboard.press('Enter');
    await expect(byTestId(page, 'checkout-dialog').count()).resolves.toBe(0);
    // Nothing matches: the empty list says so.
    await byTestId(page, 'inside-filter').fill('該当なし');
    await countIs(page, '（うち表示 0人）');
    await expect(byTestId(page, 'inside-table').textContent()).resolves.toContain('在室者はいません。');
  });

  it('English: the filter speaks English', async () => {
    const { page } = await startClean('crowd');
    await openAreasAs(page, people.clerk, 'inside');
    await byTestId(page, 'language-select').selectOption('en');
    await (await shown(page, 'inside-filter')).fill('B-05');
    await countIs(page, '31 inside (1 shown)');
    await expect(page.getByLabel('Find by name or badge').count()).resolves.toBe(1);
  });
});

describe('入室許可: a company’s five staff for the fiscal year', () => {
  it('「この内容で別の人を登録」 opens the form on the same terms; only the person is typed', async () => {
    const { page } = await startClean('crowd');
    await openAreasAs(page, people.manager, 'authorizations');
    await page.locator('[data-testid^="authorization-row-"]', { hasText: contractor.name }).click();
    await shown(page, 'authorization-detail');
    await byTestId(page, 'authorization-copy').click();
    await shown(page, 'authorization-form');
    // The terms carried over (区分 保守, 所属, the サーバ室, 目的, to the fiscal year's end); 許可番号 left for main to number.
    await expect(byTestId(page, 'authorization-kind').inputValue()).resolves.toBe('maintenance');
    await expect(byTestId(page, 'authorization-affiliation').inputValue()).resolves.toBe(contractor.affiliation);
    await expect(byTestId(page, 'authorization-purpose').inputValue()).resolves.toBe('サーバ保守');
    await expect(byTestId(page, 'authorization-valid-until').inputValue()).resolves.toBe('2027-03-31');
    await expect(byTestId(page, 'authorization-form').locator('input[type="checkbox"]:checked').count()).resolves.toBe(1);
    await focusIs(page, 'authorization-person-input');
    await screenshot(page, 'areas-clerk-review-authorization-copy.png');
    await pickPerson(page, 'authorization-person', '中村 健', null);
    await page.keyboard.type('ナカムラ ケン');
    await byTestId(page, 'authorization-person-new-affiliation').fill(contractor.affiliation);
    await byTestId(page, 'authorization-form-submit').click();
    await byTestId(page, 'authorization-form').waitFor({ state: 'detached' });
    await expect((await shown(page, 'authorization-notice')).textContent()).resolves.toMatch(/^入室許可 R8-0032 を登録しました。$/);
    const facts = (await byTestId(page, 'authorization-facts').textContent()) ?? '';
    for (const word of ['中村 健', '保守', contractor.affiliation, 'サーバ室', '有効']) expect(facts).toContain(word);
    // Cancelled: nothing made, the authorization stays open.
    await byTestId(page, 'authorization-copy').click();
    await shown(page, 'authorization-form');
    await page.keyboard.press('Escape');
    await byTestId(page, 'authorization-form').waitFor({ state: 'detached' });
    await expect(byTestId(page, 'authorization-facts').textContent()).resolves.toContain('中村 健');
  });
});

describe('the inspector: the サーバ室’s exceptions and their 確認, on screen and on paper', () => {
  it('in 和暦, the book’s 例外のみ and the 月報 say the same exceptions and who confirmed them', async () => {
    const app = await startClean('inspected');
    const { page } = app;
    await openAreasAs(page, chief, 'book');
    await byTestId(page, 'book-filter-area').selectOption({ label: 'サーバ室' });
    await byTestId(page, 'book-filter-exceptionsOnly').check();
    await page.locator('[data-testid="book-total"]', { hasText: /^全5件/ }).waitFor();
    const rows = page.locator('[data-testid="book-table"] tbody tr');
    await expect(rows.count()).resolves.toBe(5);
    await expect(rows.filter({ hasText: '確認済' }).count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: '未確認' }).count()).resolves.toBe(4);
    await expect(rows.first().textContent()).resolves.toContain('令和8年11月22日');
    // The 立会者 stays on one line (鈴木 次郎, not 鈴木 / 次郎), as the 氏名 does.
    const escort = rows.first().locator('.nowrap', { hasText: people.officer.displayName });
    await expect(escort.evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size)).resolves.toBe(1);
    await byTestId(page, 'book-print-month').click();
    await shown(page, 'book-print-dialog');
    await expect(byTestId(page, 'book-print-exceptions').isChecked()).resolves.toBe(true);
    await byTestId(page, 'book-print-pdf').click();
    await answerPasswordPrompt(page, chief.password);
    await shown(page, 'book-print-output');
    const paper = pdfToText(readFileSync(app.savedPaths[0]!));
    for (const words of ['入退室管理簿（月報）', '令和8年11月', '抽出条件 例外のみ', '全 5 件', `確認: ${people.manager.displayName}`, '※ 一括退室', '一括退室の理由: 終業']) expect(paper).toContain(words);
    expect(paper.match(/未確認/g)).toHaveLength(4);
  });
});
