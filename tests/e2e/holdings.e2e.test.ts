import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../integration/support/pdfText';
import { answerPasswordPrompt, byTestId, fieldDescription, screenshot, shown, startApp, type E2eApp } from './support/e2e';
import { csvHeader, csvRows, loginAs, logout, openHolding, openHoldings, people, prepareStages, registered, type Stage, type Stages } from './support/holdings';

/*
 * 保有個人情報等台帳 through the real renderer, router and encrypted database: a clerk
 * registers a holding in the form, an officer verifies it (the clerk cannot), the clerk records
 * a use and changes the entry (back to 要照合, changes highlighted), imports a CSV through the
 * wizard, and a manager decides the category and saves the ledger as a PDF that is read back.
 * Each step starts from the story's state before it (made once, through the backend), so
 * any one of them runs alone.
 */
const compact = (s: string) => s.replace(/\s+/g, '');

let stages: Stages;
let app: E2eApp | undefined;
beforeAll(async () => {
  stages = await prepareStages();
});
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});
afterAll(() => stages?.dispose());

async function startAt(stage: Stage): Promise<E2eApp> {
  app = await startApp({ dataFrom: stages.dir(stage) });
  await shown(app.page, 'login-screen');
  return app;
}

/** Waits until the list's first row is this entry (the old rows stay on screen while a page loads). */
async function firstRowIs(page: Page, ledgerNo: string): Promise<void> {
  await page.locator(`[data-testid="holdings-table"] tbody tr:first-child[data-testid="holding-row-${ledgerNo}"]`).waitFor();
}

/** Waits until the usage log shows this page (「2 / 2」) with its rows, not the previous ones. */
async function usagePageShown(page: Page, pageOf: string): Promise<void> {
  await page.locator('[data-testid="usage-total"]', { hasText: pageOf }).waitFor();
  await page.locator('[data-testid="usage-table"][aria-busy="false"]').waitFor();
}

/** The story at this stage, this person logged in, this entry open. */
async function openEntryAs(stage: Stage, person: (typeof people)[keyof typeof people], ledgerNo: string): Promise<Page> {
  const { page } = await startAt(stage);
  await loginAs(page, person);
  await openHoldings(page);
  await openHolding(page, ledgerNo);
  return page;
}

/** The imported ledger, the manager logged in, searching 国民健康: one row left. Typing filters after a pause (no sleep here: the rows tell us). */
async function managerSearchesHealth(): Promise<Page> {
  const { page } = await startAt('imported');
  await loginAs(page, people.manager);
  await openHoldings(page);
  await byTestId(page, 'holdings-search').fill('国民健康');
  await byTestId(page, 'holding-row-R8-0101').waitFor({ state: 'detached' });
  await expect(byTestId(page, 'holdings-total').textContent()).resolves.toBe('全1件 ・ 1 / 1 ページ');
  return page;
}

/** Changes the open entry's 保管場所 through the form and waits until it is saved (back to 要照合). */
async function changeStorageLocation(page: Page, location: string): Promise<void> {
  await byTestId(page, 'holding-edit').click();
  await shown(page, 'holding-form');
  await byTestId(page, 'holding-form-storageLocation').fill(location);
  await byTestId(page, 'holding-form-submit').click();
  await shown(page, 'holding-changed-notice');
  await byTestId(page, 'holding-form').waitFor({ state: 'detached' });
}

function expectNoStrayTraffic(a: E2eApp): void {
  expect(a.pageErrors).toEqual([]);
  expect(a.blockedRequests).toEqual([]);
}

describe('保有個人情報等台帳: registering and verifying', () => {
  it('a clerk registers a holding in the form; fields are checked beside each field', async () => {
    const { page } = await startAt('organization');
    await loginAs(page, people.clerk);
    await openHoldings(page);
    await expect(byTestId(page, 'holdings-total').textContent()).resolves.toBe('全0件');
    await byTestId(page, 'holdings-create').click();
    await shown(page, 'holding-form');
    // The clerk's own department is the only choice, preselected.
    await expect(byTestId(page, 'holding-form-departmentId').locator('option').count()).resolves.toBe(1);

    // 管理番号 may be left blank: the form names the number main would assign now.
    const ledgerNoHint = page.locator('.field', { has: byTestId(page, 'holding-form-ledgerNo') }).locator('.field-hint');
    await ledgerNoHint.filter({ hasText: '空欄の場合は R8-0001 を割り当てます' }).waitFor();
    await byTestId(page, 'holding-form-ledgerNo').fill(registered.ledgerNo);
    await byTestId(page, 'holding-form-owner').fill(registered.owner);
    await byTestId(page, 'holding-form-handlers').fill(registered.handlers[0]!);
    await byTestId(page, 'holding-form-handlers').press('Enter');
    await byTestId(page, 'holding-form-purpose').fill(registered.purpose);
    await byTestId(page, 'holding-form-recordItems').fill(registered.recordItems[0]!);
    await byTestId(page, 'holding-form-recordItems').press('Enter');
    // A list pasted as one text (「氏名、住所、生年月日、性別」) adds an item each; 氏名 is not added twice.
    await byTestId(page, 'holding-form-recordItems').fill(registered.recordItems.join('、'));
    await byTestId(page, 'holding-form-recordItems').press('Enter');
    await expect(byTestId(page, 'holding-form-recordItems-items').locator('li > span').allTextContents()).resolves.toEqual(registered.recordItems);
    await byTestId(page, 'holding-form-recordScope').fill(registered.recordScope);
    await byTestId(page, 'holding-form-subjectCount').fill('3000');
    await byTestId(page, 'holding-form-subjectCountApproximate').check();
    // The suggested category follows the rules live: 1,000 persons or more → B.
    await expect(byTestId(page, 'holding-form-suggestion').textContent()).resolves.toContain('B');
    await byTestId(page, 'holding-form-medium').selectOption(registered.medium);
    await byTestId(page, 'holding-form-storageLocation').fill(registered.storageLocation);
    await byTestId(page, 'holding-form-storageMethod').fill(registered.storageMethod);
    await byTestId(page, 'holding-form-authorizedPersons').fill(registered.authorizedPersons[0]!);
    await byTestId(page, 'holding-form-retention-date').fill(registered.retention);
    await byTestId(page, 'holding-form-disposalMethod').fill(registered.disposalMethod);

    // The name is missing: main refuses, and the message stands beside the field.
    await byTestId(page, 'holding-form-submit').click();
    const nameField = page.locator('.field', { has: byTestId(page, 'holding-form-name') });
    await nameField.locator('.field-error').waitFor();
    await expect(nameField.locator('.field-error').textContent()).resolves.toBe('入力してください。');
    await screenshot(page, 'holdings-form.png');

    // Nothing typed is cut off unseen: 201 characters stay, counted, and refused beside the field.
    await byTestId(page, 'holding-form-name').fill('台'.repeat(201));
    await expect(byTestId(page, 'holding-form-name').inputValue()).resolves.toHaveLength(201);
    await expect(nameField.locator('[data-testid="field-count"]').textContent()).resolves.toBe('201 / 200文字');
    await expect(nameField.locator('.field-error').textContent()).resolves.toBe('200文字以内で入力してください。');
    const purposeField = page.locator('.field', { has: byTestId(page, 'holding-form-purpose') });
    await expect(purposeField.locator('[data-testid="field-count"]').textContent()).resolves.toBe(`${registered.purpose.length} / 2,000文字`);

    await byTestId(page, 'holding-form-name').fill(registered.name);
    await byTestId(page, 'holding-form-submit').click();
    await shown(page, 'holding-detail');
    await expect(byTestId(page, 'holding-notice').textContent()).resolves.toContain(registered.ledgerNo);
    await expect(byTestId(page, 'holding-detail-title').textContent()).resolves.toContain(registered.name);
    await expect(byTestId(page, 'holding-detail').locator('.detail-heading [data-testid="holding-status"]').textContent()).resolves.toBe('要照合');
    await expect(byTestId(page, 'holding-facts').textContent()).resolves.toContain('氏名、住所、生年月日、性別');
    // A clerk may not verify (照合 is for an officer or above): no button at all; nor is a draft reviewed.
    await expect(byTestId(page, 'holding-verify').count()).resolves.toBe(0);
    await expect(byTestId(page, 'holding-mark-reviewed').count()).resolves.toBe(0);
    await logout(page);
    expectNoStrayTraffic(app!);
  });

  it('an officer verifies it (the clerk had no 照合する button)', async () => {
    const page = await openEntryAs('registered', people.officer, registered.ledgerNo);
    await byTestId(page, 'holding-verify').click();
    await shown(page, 'holding-verify-dialog');
    await byTestId(page, 'holding-verify-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe('照合しました。');
    // Verified content may now be confirmed as unchanged — after saying so in a dialog.
    await byTestId(page, 'holding-mark-reviewed').click();
    await shown(page, 'holding-review-dialog');
    await byTestId(page, 'holding-review-submit').click();
    await page.locator('[data-testid="holding-notice"]', { hasText: '見直し済み（変更なし）として記録しました。' }).waitFor();
    await expect(byTestId(page, 'holding-facts').textContent()).resolves.toContain(people.officer.displayName);
    await expect(byTestId(page, 'holding-verify').count()).resolves.toBe(0);
    expectNoStrayTraffic(app!);
  });

});

describe('保有個人情報等台帳: recording a use, changing, importing', () => {
  it('the clerk records a use and changes the entry: back to 要照合, the change highlighted', async () => {
    const page = await openEntryAs('verified', people.clerk, registered.ledgerNo);
    await byTestId(page, 'usage-record').click();
    await shown(page, 'usage-form');
    // The person defaults to the logged-in user, the date to today in the organisation's zone.
    await expect(byTestId(page, 'usage-person').inputValue()).resolves.toBe(people.clerk.displayName);
    await expect(byTestId(page, 'usage-date').inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await byTestId(page, 'usage-kind').selectOption('copy');
    await byTestId(page, 'usage-purpose').fill('窓口交付用の写し作成');
    await byTestId(page, 'usage-count').fill('3');
    // Chromium runs in Japanese: the date field reads 年/月/日 (look at it in this picture).
    await screenshot(page, 'usage-form.png');
    await byTestId(page, 'usage-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe('取扱いを記録しました。');
    const usageRow = byTestId(page, 'usage-table').locator('tbody tr').first();
    await expect(usageRow.textContent()).resolves.toContain('窓口交付用の写し作成');
    await expect(usageRow.textContent()).resolves.toContain('複製');

    await changeStorageLocation(page, '耐火金庫');
    const highlighted = byTestId(page, 'holding-timeline').locator('.timeline-highlight');
    await expect(highlighted.count()).resolves.toBe(1);
    await expect(highlighted.textContent()).resolves.toMatch(/保管場所.*サーバ室（施錠）.*耐火金庫/);
    // The verification now vouches for an older version, in the printed sheet's words.
    await expect(byTestId(page, 'holding-facts').textContent()).resolves.toContain('鈴木 次郎第2版を照合（その後に変更あり）');
    expectNoStrayTraffic(app!);
  });

  it('the clerk sets 保存期限 to 「5年」 with the keyboard and writes a 備考; both read back in the same words', async () => {
    const page = await openEntryAs('registered', people.clerk, registered.ledgerNo);
    await byTestId(page, 'holding-edit').click();
    await shown(page, 'holding-form');
    // 日付 / 永年 / 年数 are one radio group: arrow keys move along it, as on Windows.
    await byTestId(page, 'holding-form-retention-kind-date').focus();
    await page.keyboard.press('ArrowRight');
    await expect(byTestId(page, 'holding-form-retention-kind-permanent').isChecked()).resolves.toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect(byTestId(page, 'holding-form-retention-kind-years').isChecked()).resolves.toBe(true);
    await byTestId(page, 'holding-form-retention-years').fill('5');
    await byTestId(page, 'holding-form-remarks').fill('旧台帳（平成30年度）から移行');
    await byTestId(page, 'holding-form-submit').click();
    await byTestId(page, 'holding-form').waitFor({ state: 'detached' });
    const facts = byTestId(page, 'holding-facts');
    await facts.filter({ hasText: '旧台帳（平成30年度）から移行' }).waitFor();
    await expect(facts.textContent()).resolves.toContain('5年');
    await expect(facts.textContent()).resolves.toContain('旧台帳（平成30年度）から移行');
    await expect(byTestId(page, 'holding-timeline').textContent()).resolves.toMatch(/保存期限.*2031年3月31日.*5年/);
    expectNoStrayTraffic(app!);
  });

  it('an officer who changed an entry sees 照合する disabled, and why, before clicking it', async () => {
    const page = await openEntryAs('verified', people.officer, registered.ledgerNo);
    await changeStorageLocation(page, '書庫B');
    await expect(byTestId(page, 'holding-verify').isDisabled()).resolves.toBe(true);
    await expect(fieldDescription(page, 'holding-verify')).resolves.toContain('記入・変更したのはあなたのため、照合できません。');
    expectNoStrayTraffic(app!);
  });

  it('the clerk imports a CSV through the wizard: errors first, then all rows to verify', async () => {
    const { page, dir } = await startAt('changed');
    await loginAs(page, people.clerk);
    await openHoldings(page);
    const file = path.join(dir, '台帳一覧.csv');
    // Row 2's medium is not one the app knows.
    writeFileSync(file, `\uFEFF${csvHeader}${csvRows.badMedium}`);
    app!.openAnswer.path = file;
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
    await expect(errors.locator('tbody tr').textContent()).resolves.toMatch(/^3行目媒体/);
    await expect(byTestId(page, 'import-commit').isDisabled()).resolves.toBe(true);

    // Fixed in Excel, picked again.
    writeFileSync(file, `\uFEFF${csvHeader}${csvRows.good}`);
    await byTestId(page, 'import-choose').click();
    await byTestId(page, 'import-errors').waitFor({ state: 'detached' });
    await byTestId(page, 'import-map-7').selectOption('storageLocation');
    await byTestId(page, 'import-check').click();
    await expect((await shown(page, 'import-check-ok')).textContent()).resolves.toBe('エラーはありません（2件）。');
    await byTestId(page, 'import-commit').click();
    await expect((await shown(page, 'holdings-notice')).textContent()).resolves.toBe('2件を登録しました（要照合）。');
    await shown(page, 'holding-row-R8-0201');
    await shown(page, 'holding-row-R8-0202');
    await expect(byTestId(page, 'holding-row-R8-0201').textContent()).resolves.toContain('要配慮');
    await expect(byTestId(page, 'holdings-total').textContent()).resolves.toBe('全3件 ・ 1 / 1 ページ');
    expectNoStrayTraffic(app!);
  });

});

describe('保有個人情報等台帳: a search that is refused', () => {
  it('a 個人番号 typed into the search is refused as a search, beside the box, with no list under it', async () => {
    const page = await managerSearchesHealth();
    await byTestId(page, 'holdings-search').fill('保険 123456789018');
    const refusal = await shown(page, 'form-error');
    await byTestId(page, 'holdings-total').waitFor({ state: 'detached' });
    // The last result does not stay under the refusal, and no internal key shows.
    expect(await byTestId(page, 'holdings-table').count()).toBe(0);
    expect(await refusal.textContent()).not.toMatch(/\btext\b/);
    await expect(fieldDescription(page, 'holdings-search')).resolves.toContain('個人番号では検索できません。');
    await expect(byTestId(page, 'holdings-search').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'holdings-search-refused.png');
    await byTestId(page, 'holdings-search').fill('');
    await shown(page, 'holding-row-R8-0101');
    await byTestId(page, 'form-error').waitFor({ state: 'detached' });
    expectNoStrayTraffic(app!);
  });
});

describe('保有個人情報等台帳: the manager\'s decision and the paper ledger', () => {
  it('a manager decides the category and saves the ledger, in the list\'s order, as a PDF', async () => {
    const page = await managerSearchesHealth();
    await byTestId(page, 'holdings-clear').click();
    await shown(page, 'holding-row-R8-0101');
    await expect(byTestId(page, 'holdings-search').inputValue()).resolves.toBe('');
    // Sorting by 管理番号: descending, ascending, descending again; paper follows the list's order.
    await byTestId(page, 'holdings-sort-ledgerNo').click();
    await firstRowIs(page, 'R8-0202');
    await byTestId(page, 'holdings-sort-ledgerNo').click();
    await firstRowIs(page, registered.ledgerNo);
    await byTestId(page, 'holdings-sort-ledgerNo').click();
    await firstRowIs(page, 'R8-0202');
    await screenshot(page, 'holdings-list.png');

    // A list print takes the ledger out in bulk: the password again first (issue #9 item 4).
    await byTestId(page, 'holdings-pdf').click();
    await answerPasswordPrompt(page, people.manager.password);
    const saved = await shown(page, 'holdings-output');
    expect(app!.savedPaths).toHaveLength(1);
    await expect(saved.textContent()).resolves.toContain(app!.savedPaths[0]!);
    const paper = compact(pdfToText(readFileSync(app!.savedPaths[0]!)));
    expect(paper).toContain(compact(registered.name));
    expect(paper.indexOf('R8-0202')).toBeGreaterThan(-1);
    expect(paper.indexOf('R8-0202')).toBeLessThan(paper.indexOf(registered.ledgerNo));

    await openHolding(page, registered.ledgerNo);
    await byTestId(page, 'holding-categorize').click();
    await shown(page, 'holding-categorize-dialog');
    await byTestId(page, 'holding-category-B').check();
    await byTestId(page, 'holding-categorize-reason').fill('本人の数が1,000人以上のため');
    await byTestId(page, 'holding-categorize-submit').click();
    await expect((await shown(page, 'holding-notice')).textContent()).resolves.toBe('管理区分をBに決定しました。');
    const entries = byTestId(page, 'holding-timeline').locator('[data-testid="timeline-entry"]');
    await expect(entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).resolves.toEqual(['categorize', 'update', 'verify', 'create']);
    await screenshot(page, 'holdings-timeline.png');
    expectNoStrayTraffic(app!);
  });

});

describe('保有個人情報等台帳: paging', () => {
  it('a long list pages by keyset: 最初 / 前へ / 次へ / 最後, and back to the same page from a detail', async () => {
    const { page } = await startAt('long');
    await loginAs(page, people.clerk);
    await openHoldings(page);
    const total = byTestId(page, 'holdings-total');
    const rowCount = () => byTestId(page, 'holdings-table').locator('tbody tr').count();
    await expect(total.textContent()).resolves.toBe('全120件 ・ 1 / 3 ページ');
    await expect(byTestId(page, 'holdings-prev').isDisabled()).resolves.toBe(true);
    await expect(byTestId(page, 'holdings-first').isDisabled()).resolves.toBe(true);

    await byTestId(page, 'holdings-next').click();
    await firstRowIs(page, 'R8-1051');
    await expect(total.textContent()).resolves.toBe('全120件 ・ 2 / 3 ページ');

    await byTestId(page, 'holdings-last').click();
    await firstRowIs(page, 'R8-1101');
    await expect(total.textContent()).resolves.toBe('全120件 ・ 3 / 3 ページ');
    await expect(rowCount()).resolves.toBe(20);
    await expect(byTestId(page, 'holdings-next').isDisabled()).resolves.toBe(true);

    await byTestId(page, 'holdings-prev').click();
    await firstRowIs(page, 'R8-1051');
    await expect(total.textContent()).resolves.toBe('全120件 ・ 2 / 3 ページ');

    // The detail and back: the same page, the same rows.
    await openHolding(page, 'R8-1060');
    await byTestId(page, 'holding-back').click();
    await shown(page, 'holding-row-R8-1060');
    await expect(total.textContent()).resolves.toBe('全120件 ・ 2 / 3 ページ');

    await byTestId(page, 'holdings-first').click();
    await firstRowIs(page, 'R8-1001');
    await expect(total.textContent()).resolves.toBe('全120件 ・ 1 / 3 ページ');
    await screenshot(page, 'holdings-pager.png');
    expectNoStrayTraffic(app!);
  });

  it('a long usage log pages the same way inside the detail', async () => {
    const page = await openEntryAs('long', people.clerk, 'R8-1001');
    const total = byTestId(page, 'usage-total');
    const rows = byTestId(page, 'usage-table').locator('tbody tr');
    await expect((await shown(page, 'usage-total')).textContent()).resolves.toBe('全55件 ・ 1 / 2 ページ');
    await expect(rows.count()).resolves.toBe(50);
    await byTestId(page, 'usage-next').click();
    await usagePageShown(page, '2 / 2');
    await expect(rows.count()).resolves.toBe(5);
    await expect(byTestId(page, 'usage-next').isDisabled()).resolves.toBe(true);
    await byTestId(page, 'usage-first').click();
    await usagePageShown(page, '1 / 2');
    await expect(rows.count()).resolves.toBe(50);
    await byTestId(page, 'usage-last').click();
    await usagePageShown(page, '2 / 2');
    await expect(rows.count()).resolves.toBe(5);
    await byTestId(page, 'usage-prev').click();
    await usagePageShown(page, '1 / 2');
    await expect(rows.count()).resolves.toBe(50);
    await expect(total.textContent()).resolves.toBe('全55件 ・ 1 / 2 ページ');
    expectNoStrayTraffic(app!);
  });
});
