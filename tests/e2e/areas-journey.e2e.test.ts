import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../integration/support/backend';
import { loginAs as loginThrough } from '../integration/support/holdings';
import { mediumInput } from '../integration/support/media';
import { pdfToText, withPdfFile } from '../integration/support/pdfText';
import { areasOrganization, authorizeContractor, openAreaTab, openAreasAs, people, pickPerson } from './support/areas';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, logout } from './support/holdings';

/*
 * Issue #12's "Done when" in one run, through the real renderer, router and encrypted database:
 * the manager 山田 authorizes the contractor 山田 太郎 (株式会社テスト保守) for the サーバ室 on the
 * 入室許可 tab; at the door the clerk 田中 records, FROM THE KEYBOARD ALONE, his escorted visit with
 * the registered USB stick USB-001 inspected in; an unescorted visit of a colleague is refused with
 * the escort's message, then recorded once escorted; on 在室者 the clerk checks 山田 太郎 out with
 * USB-001 inspected out and the badge returned (keyboard only), and closes the day for the colleague
 * with a reason; the daily book of the サーバ室 goes to PDF and the paper holds the visit.
 * Screenshots of the door form and the 在室者 list. Clock: 2026-11-22 10:00 JST.
 */
type Stage = 'journey';

const visitor = { name: '山田 太郎', kana: 'ヤマダ タロウ', affiliation: '株式会社テスト保守' };
const colleague = { name: '佐々木 健', kana: 'ササキ ケン', affiliation: '株式会社テスト保守' };
const purpose = 'サーバのディスク交換';

/**
 * The areas and the register: USB-001 of 市民課 in its cabinet with an approved 持出し (so it may
 * leave the サーバ室: MIC §34), and the colleague already authorized (the UI authorizes the visitor).
 */
async function prepare(backend: TestApp): Promise<void> {
  const org = await areasOrganization(backend);
  await authorizeContractor(backend, org, { person: { kind: 'new', outsider: colleague }, affiliation: colleague.affiliation, kind: 'contractor' });
  await loginThrough(backend, people.officer);
  const place = await backend.ok('media.storageLocations.create', { name: 'サーバ室ラック', departmentId: org.citizens, besideTerminal: false });
  const medium = await backend.ok('media.create', mediumInput(org.citizens, { mediaNo: 'USB-001', makeModel: 'ACME SecureUSB 32GB', storageLocationId: place.id }));
  await loginThrough(backend, people.clerk);
  const takeout = await backend.ok('media.takeout.request', {
    mediumId: medium.id,
    purpose: 'サーバのディスク交換に使うファームウェアの持込み',
    destination: 'サーバ室',
    contentsSummary: 'ファームウェア（個人情報なし）',
    safeguards: { encryption: true, password: false, lockedCase: false, sealed: false },
    dueBack: '2026-11-27',
  });
  await loginThrough(backend, people.manager);
  await backend.ok('media.takeout.approve', { takeoutId: takeout.id, note: '' });
  await backend.ok('auth.logout');
}

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('journey', null, prepare);
});
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

/** Types into the picker that has the focus, waits for the option naming `name`, ↓ to it and Enter: keys only. */
async function keyPick(page: Page, picker: string, text: string, name: string): Promise<void> {
  await page.keyboard.type(text);
  const option = byTestId(page, `${picker}-list`).locator('[role="option"]', { hasText: name }).first();
  await option.waitFor();
  // The answer for the whole text is in: while it is on its way the last one stays shown, and Enter waits.
  await page.locator(`[data-testid="${picker}-list"][aria-busy="false"]`).waitFor();
  for (let n = 0; n < 25 && (await option.getAttribute('aria-selected')) !== 'true'; n++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** The scan field: a reader types the label and Enter; waits for the row it adds. */
async function scan(page: Page, devices: string, label: string): Promise<void> {
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="${devices}"] li[data-label="${label}"]`).waitFor();
}

/** The text in the order it is drawn (`pdftotext -raw`): a cell's wrapped lines follow each other. */
const pdfToRawText = (pdf: Buffer) => withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));

/** Waits until the element with `testId` has the focus (it moves in React's effects, after the render a test sees). */
const focusIs = (page: Page, testId: string) => page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);

/** The manager grants the visitor's authorization on the 入室許可 tab (D's form). */
async function authorizeVisitor(page: Page): Promise<void> {
  await openAreasAs(page, people.manager, 'authorizations');
  await byTestId(page, 'authorization-create').click();
  await shown(page, 'authorization-form');
  await pickPerson(page, 'authorization-person', visitor.name, null);
  await page.keyboard.type(visitor.kana);
  await byTestId(page, 'authorization-person-new-affiliation').fill(visitor.affiliation);
  await expect(byTestId(page, 'authorization-kind').inputValue()).resolves.toBe('contractor');
  await byTestId(page, 'authorization-areas').getByLabel(/^サーバ室/).check();
  await expect(byTestId(page, 'authorization-valid-until').inputValue()).resolves.toBe('2027-03-31');
  await byTestId(page, 'authorization-form-submit').click();
  await shown(page, 'authorization-notice');
  await logout(page);
}

/** At the door, keys only: 氏名 → 用件 → 立会者 → 入館証 → USB-001 inspected in → Enter. */
async function recordVisitByKeyboard(page: Page): Promise<void> {
  await expect(byTestId(page, 'door-area').locator('option:checked').textContent()).resolves.toBe('サーバ室');
  await focusIs(page, 'door-person-input');
  await keyPick(page, 'door-person', 'やまだ', visitor.name);
  await expect(byTestId(page, 'door-person-picked').textContent()).resolves.toContain('有効');
  await page.keyboard.type(purpose);
  await page.keyboard.press('Enter');
  await keyPick(page, 'door-escort', '鈴木', people.officer.displayName);
  await page.keyboard.type('B-01');
  await page.keyboard.press('Enter');
  await focusIs(page, 'door-devices-scan');
  await scan(page, 'door-devices', 'USB-001');
  const row = byTestId(page, 'door-devices-row-0');
  await expect(row.textContent()).resolves.toContain('登録済みの媒体 USB-001（USBメモリ・保管中）');
  await expect(byTestId(page, 'door-devices-inspection-0').inputValue()).resolves.toBe('passed');
  await screenshot(page, 'areas-door-form.png');
  await page.keyboard.press('Enter');
  await expect((await shown(page, 'door-notice')).textContent()).resolves.toMatch(/^山田 太郎さんの入室を記録しました（サーバ室 10:\d\d）$/);
  await focusIs(page, 'door-person-input');
}

/** The colleague without an escort: refused with the escort's message; escorted, recorded (keys only). */
async function refuseThenEscort(page: Page): Promise<void> {
  await keyPick(page, 'door-person', 'ささき', colleague.name);
  await page.keyboard.type(purpose);
  await page.keyboard.press('Control+Enter');
  await expect((await shown(page, 'form-error')).textContent()).resolves.toBeTruthy();
  await page.locator('[data-testid="door-escort"] .field-error', { hasText: 'この区域では、外部の者の入室に立会者が必要です。' }).waitFor();
  await expect(byTestId(page, 'door-notice').textContent()).resolves.not.toContain(colleague.name);
  // The focus stayed in 用件; Enter there goes on to 立会者.
  await focusIs(page, 'door-purpose');
  await page.keyboard.press('Enter');
  await keyPick(page, 'door-escort', '鈴木', people.officer.displayName);
  await page.keyboard.press('Control+Enter');
  await page.locator('[data-testid="door-notice"]', { hasText: `${colleague.name}さんの入室を記録しました` }).waitFor();
}

describe('取扱区域: authorize, the door by keyboard, check-out, close the day, the daily book', () => {
  it('goes from a new authorization to a printed daily book that holds the visit', async () => {
    const app = await startClean('journey');
    const { page } = app;
    await authorizeVisitor(page);

    // 入室・退室 is the screen's first tab: opened, the focus is in 氏名.
    await loginAs(page, people.clerk);
    await byTestId(page, 'nav-areas').click();
    await shown(page, 'door-form');
    await recordVisitByKeyboard(page);
    await refuseThenEscort(page);

    // 在室者: both inside; 山田 太郎 leaves with USB-001 inspected out and the badge back (keys only).
    await openAreaTab(page, 'inside');
    const table = byTestId(page, 'inside-table');
    await table.locator('tbody tr', { hasText: colleague.name }).waitFor();
    await expect(table.locator('tbody tr', { hasText: visitor.name }).textContent()).resolves.toMatch(/山田 太郎.*株式会社テスト保守.*外部の者.*サーバ室.*サーバのディスク交換.*鈴木 次郎.*B-01.*USB-001（異常なし）/);
    await screenshot(page, 'areas-inside.png');
    await table.locator('tbody tr', { hasText: visitor.name }).getByRole('button', { name: '山田 太郎さんの退室' }).focus();
    await page.keyboard.press('Enter');
    await shown(page, 'checkout-dialog');
    await focusIs(page, 'checkout-badge');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await focusIs(page, 'checkout-devices-scan');
    await scan(page, 'checkout-devices', 'USB-001');
    await expect(byTestId(page, 'checkout-devices-row-0').textContent()).resolves.toContain('持出しの承認あり');
    await page.keyboard.press('Enter');
    await expect((await shown(page, 'inside-notice')).textContent()).resolves.toMatch(/^山田 太郎さんの退室を記録しました（10:\d\d）$/);
    await table.locator('tbody tr', { hasText: visitor.name }).waitFor({ state: 'detached' });

    // 終業時の一括退室: the colleague's visit, with a reason.
    await byTestId(page, 'inside-day-close').click();
    await shown(page, 'day-close-dialog');
    await expect(byTestId(page, 'day-close-visits').locator('input[type="checkbox"]:checked').count()).resolves.toBe(1);
    await byTestId(page, 'day-close-submit').click();
    await page.locator('[data-testid="day-close-dialog"] .field-error').waitFor();
    await byTestId(page, 'day-close-reason').fill('退室の記録漏れ。立会者の鈴木が17時に退室を確認した。');
    await byTestId(page, 'day-close-submit').click();
    // The notice of the check-out is replaced, and the list reloaded.
    await page.locator('[data-testid="inside-notice"]', { hasText: /^1件の入室記録を一括退室にしました。$/ }).waitFor();
    await page.locator('[data-testid="inside-count"]', { hasText: /^在室者 0人$/ }).waitFor();

    // The daily book of the サーバ室 on paper (F's print dialog), read back.
    await openAreaTab(page, 'book');
    await byTestId(page, 'book-print-day').click();
    await shown(page, 'book-print-dialog');
    await byTestId(page, 'book-print-area').selectOption({ label: 'サーバ室' });
    await byTestId(page, 'book-print-pdf').click();
    await answerPasswordPrompt(page, people.clerk.password);
    await shown(page, 'book-print-output');
    const pdf = readFileSync(app.savedPaths.at(-1)!);
    const paper = pdfToText(pdf);
    for (const text of [visitor.name, 'R8-0002', 'USB-001', colleague.name, '一括退室']) expect(paper).toContain(text);
    // 所属 and 用件 wrap in their narrow columns: in drawing order, without the line breaks, each is whole.
    const drawn = pdfToRawText(pdf).replace(/\s+/g, '');
    for (const text of [visitor.affiliation, purpose, '持込み:USB-001（異常なし）', '持出し:USB-001（異常なし）']) expect(drawn).toContain(text);
  });
});
