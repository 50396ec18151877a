import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../integration/support/pdfText';
import { byTestId, screenshot, shown, startApp, type E2eApp } from './support/e2e';
import { loginAs, logout, openHolding, openHoldings, people, setUpLedgerOrganization } from './support/holdings';

/*
 * 保有個人情報等台帳 through the real renderer, router and encrypted database: a clerk
 * registers a holding in the form, an officer verifies it (the clerk cannot), the clerk records
 * a use and changes the entry (back to 要照合, changes highlighted), imports a CSV through the
 * wizard, and a manager decides the category and saves the ledger as a PDF that is read back.
 */
const holding = { ledgerNo: 'R8-0101', name: '住民基本台帳ファイル', purpose: '住民基本台帳法に基づく住民の居住関係の公証' };
const compact = (s: string) => s.replace(/\s+/g, '');

let app: E2eApp;
let csvDir: string;
beforeAll(async () => {
  app = await startApp();
  csvDir = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-csv-'));
  await setUpLedgerOrganization(app);
});
afterAll(async () => {
  await app?.dispose();
  if (csvDir) rmSync(csvDir, { recursive: true, force: true });
});

describe('保有個人情報等台帳: register, verify, record use, import, print', () => {
  it('a clerk registers a holding in the form; fields are checked beside each field', async () => {
    const { page } = app;
    await loginAs(page, people.clerk);
    await openHoldings(page);
    await expect(byTestId(page, 'holdings-total').textContent()).resolves.toContain('0');
    await byTestId(page, 'holdings-create').click();
    await shown(page, 'holding-form');
    // The clerk's own department is the only choice, preselected.
    await expect(byTestId(page, 'holding-form-departmentId').locator('option').count()).resolves.toBe(1);

    await byTestId(page, 'holding-form-ledgerNo').fill(holding.ledgerNo);
    await byTestId(page, 'holding-form-owner').fill('市民課長');
    await byTestId(page, 'holding-form-handlers').fill('田中 花子');
    await byTestId(page, 'holding-form-handlers').press('Enter');
    await byTestId(page, 'holding-form-purpose').fill(holding.purpose);
    for (const item of ['氏名', '住所', '生年月日', '性別']) {
      await byTestId(page, 'holding-form-recordItems').fill(item);
      await byTestId(page, 'holding-form-recordItems').press('Enter');
    }
    await expect(byTestId(page, 'holding-form-recordItems-items').locator('li').count()).resolves.toBe(4);
    await byTestId(page, 'holding-form-recordScope').fill('市内に住所を有する者');
    await byTestId(page, 'holding-form-subjectCount').fill('3000');
    await byTestId(page, 'holding-form-subjectCountApproximate').check();
    // The suggested category follows the rules live: 1,000 persons or more → B.
    await expect(byTestId(page, 'holding-form-suggestion').textContent()).resolves.toContain('B');
    await byTestId(page, 'holding-form-medium').selectOption('electronic');
    await byTestId(page, 'holding-form-storageLocation').fill('サーバ室（施錠）');
    await byTestId(page, 'holding-form-storageMethod').fill('暗号化');
    await byTestId(page, 'holding-form-authorizedPersons').fill('市民課職員');
    await byTestId(page, 'holding-form-retentionUntil').fill('2031-03-31');
    await byTestId(page, 'holding-form-disposalMethod').fill('消去ソフトによる上書き消去');

    // The name is missing: main refuses, and the message stands beside the field.
    await byTestId(page, 'holding-form-submit').click();
    const nameField = page.locator('.field', { has: byTestId(page, 'holding-form-name') });
    await nameField.locator('.field-error').waitFor();
    await expect(nameField.locator('.field-error').textContent()).resolves.toBe('入力してください。');
    await screenshot(page, 'holdings-form.png');

    await byTestId(page, 'holding-form-name').fill(holding.name);
    await byTestId(page, 'holding-form-submit').click();
    await shown(page, 'holding-detail');
    await expect(byTestId(page, 'holding-notice').textContent()).resolves.toContain(holding.ledgerNo);
    await expect(byTestId(page, 'holding-detail-title').textContent()).resolves.toContain(holding.name);
    await expect(byTestId(page, 'holding-detail').locator('.detail-heading [data-testid="holding-status"]').textContent()).resolves.toBe('要照合');
    await expect(byTestId(page, 'holding-facts').textContent()).resolves.toContain('氏名、住所、生年月日、性別');
    // A clerk may not verify (照合 is for an officer or above): no button at all.
    await expect(byTestId(page, 'holding-verify').count()).resolves.toBe(0);
    await logout(page);
  });

  it('an officer verifies it (the clerk had no 照合する button)', async () => {
    const { page } = app;
    await loginAs(page, people.officer);
    await openHoldings(page);
    await openHolding(page, holding.ledgerNo);
    await byTestId(page, 'holding-verify').click();
    await shown(page, 'holding-verify-dialog');
    await byTestId(page, 'holding-verify-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe('照合しました。');
    await expect(byTestId(page, 'holding-facts').textContent()).resolves.toContain(people.officer.displayName);
    await expect(byTestId(page, 'holding-verify').count()).resolves.toBe(0);
    await logout(page);
  });

  it('the clerk records a use and changes the entry: back to 要照合, the change highlighted', async () => {
    const { page } = app;
    await loginAs(page, people.clerk);
    await openHoldings(page);
    await openHolding(page, holding.ledgerNo);
    await byTestId(page, 'usage-record').click();
    await shown(page, 'usage-form');
    // The person defaults to the logged-in user.
    await expect(byTestId(page, 'usage-person').inputValue()).resolves.toBe(people.clerk.displayName);
    await byTestId(page, 'usage-kind').selectOption('copy');
    await byTestId(page, 'usage-purpose').fill('窓口交付用の写し作成');
    await byTestId(page, 'usage-count').fill('3');
    await byTestId(page, 'usage-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe('取扱いを記録しました。');
    const usageRow = byTestId(page, 'usage-table').locator('tbody tr').first();
    await expect(usageRow.textContent()).resolves.toContain('窓口交付用の写し作成');
    await expect(usageRow.textContent()).resolves.toContain('複製');

    await byTestId(page, 'holding-edit').click();
    await shown(page, 'holding-form');
    await byTestId(page, 'holding-form-storageLocation').fill('耐火金庫');
    await byTestId(page, 'holding-form-submit').click();
    await shown(page, 'holding-changed-notice');
    await byTestId(page, 'holding-form').waitFor({ state: 'detached' });
    const highlighted = byTestId(page, 'holding-timeline').locator('.timeline-highlight');
    await expect(highlighted.count()).resolves.toBe(1);
    await expect(highlighted.textContent()).resolves.toMatch(/保管場所.*サーバ室（施錠）.*耐火金庫/);
  });

  it('the clerk imports a CSV through the wizard: errors first, then all rows as drafts', async () => {
    const { page } = app;
    await byTestId(page, 'holding-back').click();
    await shown(page, 'holdings-table');
    const file = path.join(csvDir, '台帳一覧.csv');
    const header = '番号,名称,課名,利用目的,記録項目,本人の数,媒体,保管庫,要配慮\n';
    // Row 2's medium is not one the app knows.
    writeFileSync(file, `\uFEFF${header}R8-0201,国民健康保険被保険者台帳,市民課,保険給付のため,"氏名、住所",約1200人,電子,書庫A,○\nR8-0202,研修受講者名簿,市民課,研修の実施管理,氏名,45,フロッピー,書庫B,\n`);
    app.openAnswer.path = file;
    await byTestId(page, 'holdings-import').click();
    await shown(page, 'holding-import-dialog');
    await byTestId(page, 'import-choose').click();
    await expect((await shown(page, 'import-row-count')).textContent()).resolves.toBe('2件');
    await expect(byTestId(page, 'import-file').textContent()).resolves.toContain('UTF-8');
    // 「保管庫」 is not a header the app guesses: the clerk maps it by hand.
    await expect(byTestId(page, 'import-map-7').inputValue()).resolves.toBe('');
    await byTestId(page, 'import-map-7').selectOption('storageLocation');
    await byTestId(page, 'import-check').click();
    const errors = await shown(page, 'import-errors');
    await expect(errors.locator('tbody tr').count()).resolves.toBe(1);
    await expect(errors.locator('tbody tr').textContent()).resolves.toMatch(/^2媒体/);
    await expect(byTestId(page, 'import-commit').isDisabled()).resolves.toBe(true);

    // Fixed in Excel, picked again.
    writeFileSync(file, `\uFEFF${header}R8-0201,国民健康保険被保険者台帳,市民課,保険給付のため,"氏名、住所",約1200人,電子,書庫A,○\nR8-0202,研修受講者名簿,市民課,研修の実施管理,氏名,45,紙,書庫B,\n`);
    await byTestId(page, 'import-choose').click();
    await byTestId(page, 'import-errors').waitFor({ state: 'detached' });
    await byTestId(page, 'import-map-7').selectOption('storageLocation');
    await byTestId(page, 'import-check').click();
    await expect((await shown(page, 'import-check-ok')).textContent()).resolves.toBe('エラーはありません（2件）。');
    await byTestId(page, 'import-commit').click();
    await expect((await shown(page, 'holdings-notice')).textContent()).resolves.toBe('2件を下書きとして登録しました。');
    await shown(page, 'holding-row-R8-0201');
    await shown(page, 'holding-row-R8-0202');
    await expect(byTestId(page, 'holding-row-R8-0201').textContent()).resolves.toContain('要配慮');
    await expect(byTestId(page, 'holdings-total').textContent()).resolves.toBe('全 3 件中 1–3 件');
    await logout(page);
  });

  it('a manager decides the category and saves the ledger as a PDF', async () => {
    const { page } = app;
    await loginAs(page, people.manager);
    await openHoldings(page);
    // Search: typing filters after a pause (no sleep here: the rows tell us).
    await byTestId(page, 'holdings-search').fill('国民健康');
    await byTestId(page, 'holding-row-R8-0101').waitFor({ state: 'detached' });
    await expect(byTestId(page, 'holdings-total').textContent()).resolves.toBe('全 1 件中 1–1 件');
    await byTestId(page, 'holdings-clear').click();
    await shown(page, 'holding-row-R8-0101');
    // Sorting by 管理番号 descending.
    await byTestId(page, 'holdings-sort-ledgerNo').click();
    await expect(byTestId(page, 'holdings-table').locator('tbody tr').first().getAttribute('data-testid')).resolves.toBe('holding-row-R8-0202');
    await byTestId(page, 'holdings-sort-ledgerNo').click();
    await expect(byTestId(page, 'holdings-table').locator('tbody tr').first().getAttribute('data-testid')).resolves.toBe('holding-row-R8-0101');
    await screenshot(page, 'holdings-list.png');

    await byTestId(page, 'holdings-pdf').click();
    const saved = await shown(page, 'holdings-output');
    expect(app.savedPaths).toHaveLength(1);
    await expect(saved.textContent()).resolves.toContain(app.savedPaths[0]!);
    const paper = compact(pdfToText(readFileSync(app.savedPaths[0]!)));
    expect(paper).toContain(holding.ledgerNo);
    expect(paper).toContain(compact(holding.name));
    expect(paper).toContain('R8-0202');

    await openHolding(page, holding.ledgerNo);
    await byTestId(page, 'holding-categorize').click();
    await shown(page, 'holding-categorize-dialog');
    await byTestId(page, 'holding-category-B').check();
    await byTestId(page, 'holding-categorize-reason').fill('本人の数が1,000人以上のため');
    await byTestId(page, 'holding-categorize-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe('管理区分をBに決定しました。');
    const entries = byTestId(page, 'holding-timeline').locator('[data-testid="timeline-entry"]');
    await expect(entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).resolves.toEqual(['categorize', 'update', 'verify', 'create']);
    await screenshot(page, 'holdings-timeline.png');

    expect(app.pageErrors).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
  });
});
