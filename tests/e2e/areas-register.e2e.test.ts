import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chief, type TestApp } from '../integration/support/backend';
import { areasOf, areasOrganization, authorizeContractor, contractor, openAreasAs, openAreaTab, people, pickPerson } from './support/areas';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, fieldDescription, preparedPerFile, screenshot, shown } from './support/e2e';
import { ledgerOrganization } from '../integration/support/holdings';
import { loginAs } from './support/holdings';

/*
 * 区域 and 入室許可 screens (issue #12 items 1–2; MIC §19, §35) through the real renderer, router and
 * encrypted database: the manager registers the サーバ室 with its kind's rules, authorizes a
 * contractor typed new in the person picker from the keyboard alone (to the fiscal year's end in
 * the organisation's zone: the clock stands at 2026-11-22), a clerk reads without the buttons,
 * refusals are said beside their fields in Japanese with nothing saved, the home card opens the
 * list filtered, and the English screens show no Japanese but the data.
 */
type Stage = 'organization' | 'areas' | 'authorized' | 'expiring';

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('organization', null, (backend) => ledgerOrganization(backend));
  await stage('areas', null, (backend) => areasOrganization(backend));
  await stage('authorized', 'areas', async (backend) => authorizeContractor(backend, await areasOf(backend)));
  // Valid until 2026-12-10: within 30 days of the clock's 2026-11-22 (まもなく期限).
  await stage('expiring', 'areas', async (backend: TestApp) => authorizeContractor(backend, await areasOf(backend), { validUntil: '2026-12-10' }));
});

const startClean = cleanPagesAfterEach((s: Stage) => data.start(s));

async function openAs(s: Stage, person: { loginId: string; password: string }, tab: 'areas' | 'authorizations'): Promise<Page> {
  const { page } = await startClean(s);
  await openAreasAs(page, person, tab);
  return page;
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Tab (only the keyboard) until the element with `testId` has the focus. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let n = 0; n < 40; n++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

const fiscalYearEnd = /2027年3月31日|令和9年3月31日/;
const rowTexts = (page: Page, table: string) => byTestId(page, table).locator('tbody tr').allTextContents();

describe('区域', () => {
  it('the manager registers the サーバ室: 情報システム室 brings its rules, a rule set by hand stays', async () => {
    const page = await openAs('organization', people.manager, 'areas');
    // The table says so once the list has answered (it is empty while loading).
    await expect.poll(() => byTestId(page, 'area-table').locator('tbody').textContent()).toContain('区域はまだ登録されていません');
    await byTestId(page, 'area-create').click();
    await shown(page, 'area-form');
    // The manager's one 課等 is no choice: the focus starts at 区域名.
    await expect(focusedTestId(page)).resolves.toBe('area-name');
    await page.keyboard.type('サーバ室');
    await byTestId(page, 'area-kind').selectOption('systemRoom');
    await expect(byTestId(page, 'area-escort').inputValue()).resolves.toBe('required');
    await expect(byTestId(page, 'area-devices-in').inputValue()).resolves.toBe('inspect');
    // 持出し set to 禁止 by hand, then the kind changes there and back: 持出し stays the manager's.
    await byTestId(page, 'area-devices-out').selectOption('prohibited');
    await byTestId(page, 'area-kind').selectOption('handling');
    await expect(byTestId(page, 'area-escort').inputValue()).resolves.toBe('notRequired');
    await expect(byTestId(page, 'area-devices-out').inputValue()).resolves.toBe('prohibited');
    await byTestId(page, 'area-kind').selectOption('systemRoom');
    await byTestId(page, 'area-devices-out').selectOption('inspect');
    await byTestId(page, 'area-location').fill('本庁舎3階');
    await byTestId(page, 'area-form-submit').click();
    await byTestId(page, 'area-form').waitFor({ state: 'detached' });
    await expect((await shown(page, 'area-notice')).textContent()).resolves.toBe('区域「サーバ室」を登録しました。');
    await page.locator('[data-testid^="area-row-"]', { hasText: 'サーバ室' }).waitFor();
    const [row] = await rowTexts(page, 'area-table');
    for (const word of ['サーバ室', '情報システム室', '本庁舎3階', '必要', '検査のうえ可', '使用中']) expect(row).toContain(word);
    await screenshot(page, 'areas-register-areas.png');
  });

  it('a name already used is refused beside 区域名, nothing added', async () => {
    const page = await openAs('areas', people.manager, 'areas');
    await byTestId(page, 'area-create').click();
    await (await shown(page, 'area-name')).fill('サーバ室');
    await byTestId(page, 'area-form-submit').click();
    await expect.poll(() => fieldDescription(page, 'area-name')).toContain('同じ名前の区域がすでにあります');
    await byTestId(page, 'area-form').getByRole('button', { name: 'キャンセル' }).click();
    await expect.poll(() => rowTexts(page, 'area-table')).toHaveLength(2);
  });

  it('retiring asks for a reason; a retired area comes back with 再開', async () => {
    const page = await openAs('areas', people.manager, 'areas');
    const row = page.locator('[data-testid^="area-row-"]', { hasText: '市民課執務室' });
    await row.getByRole('button', { name: '廃止' }).click();
    await shown(page, 'area-retire');
    await byTestId(page, 'area-retire-submit').click();
    await expect.poll(() => fieldDescription(page, 'area-retire-reason')).toContain('入力してください');
    await byTestId(page, 'area-retire-reason').fill('執務室の移転');
    await byTestId(page, 'area-retire-submit').click();
    await expect((await shown(page, 'area-notice')).textContent()).resolves.toBe('区域「市民課執務室」を廃止しました。');
    await expect.poll(() => rowTexts(page, 'area-table')).toHaveLength(1);
    await byTestId(page, 'area-include-retired').check();
    await page.locator('[data-testid^="area-row-"]', { hasText: '市民課執務室' }).getByRole('button', { name: '再開' }).click();
    await expect.poll(() => byTestId(page, 'area-notice').textContent()).toBe('区域「市民課執務室」を再開しました。');
  });
});

describe('入室許可', () => {
  it('the manager authorizes a contractor typed new in the picker, keyboard only, to the fiscal year’s end', async () => {
    const page = await openAs('areas', people.manager, 'authorizations');
    await byTestId(page, 'authorization-create').click();
    await shown(page, 'authorization-form');
    await expect(focusedTestId(page)).resolves.toBe('authorization-person-input');
    await expect(byTestId(page, 'authorization-valid-until').inputValue()).resolves.toBe('2027-03-31');
    await expect(byTestId(page, 'authorization-valid-from').inputValue()).resolves.toBe('2026-11-22');
    await pickPerson(page, 'authorization-person', contractor.name, null);
    // The new outsider's fields open with the name as typed; the focus is on よみ.
    await expect(byTestId(page, 'authorization-person-new-name').inputValue()).resolves.toBe(contractor.name);
    await expect(focusedTestId(page)).resolves.toBe('authorization-person-new-kana');
    await page.keyboard.type(contractor.kana);
    await page.keyboard.press('Tab');
    await expect(focusedTestId(page)).resolves.toBe('authorization-person-new-affiliation');
    await page.keyboard.type(contractor.affiliation);
    // 区分 follows the person (外部の者 → 委託先), 所属 is filled from the picker.
    await expect(byTestId(page, 'authorization-kind').inputValue()).resolves.toBe('contractor');
    await expect(byTestId(page, 'authorization-affiliation').inputValue()).resolves.toBe(contractor.affiliation);
    const { serverRoom } = await areaIdsOnPage(page);
    await tabTo(page, `authorization-area-${serverRoom}`);
    await page.keyboard.press('Space');
    await tabTo(page, 'authorization-purpose');
    await page.keyboard.type('サーバ保守');
    await tabTo(page, 'authorization-form-submit');
    await screenshot(page, 'areas-register-authorization-form.png');
    await page.keyboard.press('Enter');
    await byTestId(page, 'authorization-form').waitFor({ state: 'detached' });
    const notice = await (await shown(page, 'authorization-notice')).textContent();
    const permitNo = /入室許可 (R8-\d{4}) を登録しました。/.exec(notice ?? '')?.[1];
    expect(permitNo, notice ?? '').toBeDefined();
    const facts = (await byTestId(page, 'authorization-facts').textContent()) ?? '';
    for (const word of [contractor.name, contractor.kana, '外部の者', '委託先', contractor.affiliation, 'サーバ室', '有効', people.manager.displayName]) expect(facts).toContain(word);
    expect(facts).toMatch(fiscalYearEnd);
    await byTestId(page, 'authorization-back').click();
    await page.locator('[data-testid^="authorization-row-"]').first().waitFor();
    const rows = await rowTexts(page, 'authorization-table');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(permitNo);
    expect(rows[0]).toMatch(fiscalYearEnd);
    await screenshot(page, 'areas-register-authorizations.png');
  });

  it('refusals are said beside the field in Japanese, nothing saved: an outsider without 所属, the manager themself', async () => {
    const page = await openAs('areas', people.manager, 'authorizations');
    await byTestId(page, 'authorization-create').click();
    await shown(page, 'authorization-form');
    await pickPerson(page, 'authorization-person', '山本 一', null);
    const { serverRoom } = await areaIdsOnPage(page);
    await byTestId(page, `authorization-area-${serverRoom}`).check();
    await byTestId(page, 'authorization-form-submit').click();
    await expect.poll(() => fieldDescription(page, 'authorization-person-new-affiliation')).toMatch(/入力してください|所属を入力してください/);
    // Nobody picked at all: said beside the picker, the focus back in it.
    await byTestId(page, 'authorization-person-input').fill('');
    await byTestId(page, 'authorization-form-submit').click();
    await expect.poll(() => fieldDescription(page, 'authorization-person-input')).toContain('入力してください');
    await expect(focusedTestId(page)).resolves.toBe('authorization-person-input');
    // MIC §12-2: no one authorizes themself.
    await pickPerson(page, 'authorization-person', '山田', people.manager.displayName);
    await expect(byTestId(page, 'authorization-kind').inputValue()).resolves.toBe('staff');
    await byTestId(page, 'authorization-form-submit').click();
    await expect.poll(() => fieldDescription(page, 'authorization-person-input')).toContain('自分自身の入室許可は出せません');
    await screenshot(page, 'areas-register-refusal.png');
    await byTestId(page, 'authorization-form').getByRole('button', { name: 'キャンセル' }).click();
    await expect((await shown(page, 'authorization-total')).textContent()).resolves.toBe('全0件');
  });

  it('the picker finds a remembered outsider by よみ in ひらがな; Esc closes the list, not the dialog; ↓ and Enter pick', async () => {
    const page = await openAs('authorized', people.manager, 'authorizations');
    await byTestId(page, 'authorization-create').click();
    await shown(page, 'authorization-form');
    await page.keyboard.type('たかはし');
    const option = byTestId(page, 'authorization-person-list').locator('[role="option"]', { hasText: contractor.name });
    await option.waitFor();
    for (const word of [contractor.kana, contractor.affiliation, '外部の者']) await expect(option.textContent()).resolves.toContain(word);
    await expect(byTestId(page, 'authorization-person-input').getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await expect(byTestId(page, 'authorization-person-input').getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(byTestId(page, 'authorization-form').isVisible()).resolves.toBe(true);
    await page.keyboard.press('ArrowDown');
    await option.waitFor();
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await expect(byTestId(page, 'authorization-person-input').inputValue()).resolves.toBe(contractor.name);
    await expect(byTestId(page, 'authorization-person-picked').textContent()).resolves.toContain(contractor.affiliation);
    // A person already known: no outsider fields to type again.
    await expect(byTestId(page, 'authorization-person-outsider').count()).resolves.toBe(0);
    await expect(byTestId(page, 'authorization-affiliation').inputValue()).resolves.toBe(contractor.affiliation);
  });

  it('a clerk reads the areas and the authorizations without any button to change them', async () => {
    const page = await openAs('authorized', people.clerk, 'areas');
    await expect.poll(() => rowTexts(page, 'area-table')).toHaveLength(2);
    await expect(byTestId(page, 'area-create').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid^="area-edit-"], [data-testid^="area-retire-"]').count()).resolves.toBe(0);
    await openAreaTab(page, 'authorizations');
    await expect.poll(() => rowTexts(page, 'authorization-table')).toHaveLength(1);
    await expect(byTestId(page, 'authorization-create').count()).resolves.toBe(0);
    await byTestId(page, 'authorization-table').locator('tbody tr').first().getByRole('button').click();
    await shown(page, 'authorization-detail');
    await expect(page.locator('[data-testid="authorization-edit"], [data-testid="authorization-revoke"]').count()).resolves.toBe(0);
  });

  it('the manager edits the period and the type: the history says what changed, in the register’s words', async () => {
    const page = await openAs('authorized', people.manager, 'authorizations');
    await byTestId(page, 'authorization-table').locator('tbody tr').first().getByRole('button').click();
    await shown(page, 'authorization-detail');
    await byTestId(page, 'authorization-edit').click();
    await shown(page, 'authorization-form');
    // The person and the 課等 are the authorization's own: shown, not offered.
    await expect(byTestId(page, 'authorization-person-input').count()).resolves.toBe(0);
    await expect(byTestId(page, 'authorization-form').textContent()).resolves.toContain(contractor.name);
    await byTestId(page, 'authorization-kind').selectOption('contractor');
    await byTestId(page, 'authorization-valid-until').fill('2026-11-01');
    await byTestId(page, 'authorization-form-submit').click();
    // Before its start: refused beside 有効期限, nothing saved.
    await expect.poll(() => fieldDescription(page, 'authorization-valid-until')).toContain('有効期限は有効期間の開始日以降にしてください');
    await byTestId(page, 'authorization-valid-until').fill('2026-12-31');
    await byTestId(page, 'authorization-form-submit').click();
    await byTestId(page, 'authorization-form').waitFor({ state: 'detached' });
    await expect((await shown(page, 'authorization-notice')).textContent()).resolves.toMatch(/入室許可 R8-\d{4} の変更を保存しました。/);
    const history = (await byTestId(page, 'authorization-timeline').textContent()) ?? '';
    for (const word of ['編集', '許可の区分', '委託先', '保守', '有効期限']) expect(history).toContain(word);
    expect(history).toMatch(/2026年12月31日|令和8年12月31日/);
    await expect(byTestId(page, 'authorization-detail-state').textContent()).resolves.toBe('有効');
  });

  it('the manager revokes with a reason: the state says 取消し and the history keeps the reason', async () => {
    const page = await openAs('authorized', people.manager, 'authorizations');
    await byTestId(page, 'authorization-table').locator('tbody tr').first().getByRole('button').click();
    await shown(page, 'authorization-detail');
    await byTestId(page, 'authorization-revoke').click();
    await (await shown(page, 'authorization-revoke-dialog-reason')).fill('保守契約の終了');
    await byTestId(page, 'authorization-revoke-dialog-submit').click();
    await expect.poll(() => byTestId(page, 'authorization-detail-state').textContent()).toBe('取消し');
    await expect(byTestId(page, 'authorization-timeline').textContent()).resolves.toContain('保守契約の終了');
    await expect(byTestId(page, 'authorization-revoke').count()).resolves.toBe(0);
  });

  it('the list goes out as CSV, as the filters show it, after the password (MIC §22)', async () => {
    const app = await startClean('authorized');
    const { page } = app;
    await openAreasAs(page, people.clerk, 'authorizations');
    await byTestId(page, 'authorization-filter-state').selectOption('valid');
    await page.locator('[data-testid="authorization-total"]', { hasText: '全1件' }).waitFor();
    await byTestId(page, 'authorization-export').click();
    await answerPasswordPrompt(page, people.clerk.password);
    const saved = await shown(page, 'authorization-output');
    expect(app.savedPaths).toHaveLength(1);
    await expect(saved.textContent()).resolves.toContain(app.savedPaths[0]!);
    const csv = readFileSync(app.savedPaths[0]!, 'utf8');
    for (const word of ['許可番号', contractor.name, contractor.affiliation, 'サーバ室']) expect(csv).toContain(word);
  });

  it('the home card 「まもなく期限が切れる入室許可」 opens the list with まもなく期限', async () => {
    const { page } = await startClean('expiring');
    await shown(page, 'login-screen');
    await loginAs(page, people.manager);
    await (await shown(page, 'home-card-areas.authorizationsExpiring')).click();
    await shown(page, 'areas-AuthorizationsPanel');
    await expect(byTestId(page, 'authorization-filter-state').inputValue()).resolves.toBe('expiring');
    await page.locator('[data-testid^="authorization-row-"]').first().waitFor();
    const rows = await rowTexts(page, 'authorization-table');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('まもなく期限');
  });
});

// What an English screen may show in Japanese: the data (names, 課等, areas, the records' texts).
const japaneseData = ['総務省', '行政管理局', 'サーバ室', '市民課執務室', '税務課書庫', '本庁舎3階', '本庁舎1階', 'サーバ保守', '市民課', '税務課', contractor.name, contractor.kana, contractor.affiliation, chief.displayName];

async function japaneseLeft(page: Page): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  for (const d of [...japaneseData, ...Object.values(people).map((p) => p.displayName)]) text = text.replaceAll(d, ' ');
  const keys = text.match(/\b(?:area[A-Za-z]*|authorization[A-Za-z]*|person[A-Za-z]*|common|errors|validation)\.[a-zA-Z.]+\b/g) ?? [];
  return [...(text.match(/[\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).filter((w) => w !== '日本語'), ...keys];
}

describe('English', () => {
  it('the areas, the authorizations, one opened and the form say nothing in Japanese but the data', async () => {
    const page = await openAs('authorized', people.manager, 'areas');
    await byTestId(page, 'language-select').selectOption('en');
    await expect.poll(() => byTestId(page, 'tab-areas').textContent()).toBe('Areas');
    await expect(japaneseLeft(page), 'areas').resolves.toEqual([]);
    await byTestId(page, 'area-create').click();
    await shown(page, 'area-form');
    await byTestId(page, 'area-form-submit').click();
    await byTestId(page, 'area-form').locator('[data-testid="form-error"]').waitFor();
    await expect(japaneseLeft(page), 'area form').resolves.toEqual([]);
    await byTestId(page, 'area-form').getByRole('button', { name: 'Cancel' }).click();
    await openAreaTab(page, 'authorizations');
    await expect(japaneseLeft(page), 'authorizations').resolves.toEqual([]);
    await byTestId(page, 'authorization-table').locator('tbody tr').first().getByRole('button').click();
    await shown(page, 'authorization-detail');
    await expect(japaneseLeft(page), 'authorization').resolves.toEqual([]);
    await byTestId(page, 'authorization-back').click();
    await byTestId(page, 'authorization-create').click();
    await shown(page, 'authorization-form');
    await pickPerson(page, 'authorization-person', 'Tanaka', null);
    await byTestId(page, 'authorization-form-submit').click();
    await byTestId(page, 'authorization-form').locator('[data-testid="form-error"]').waitFor();
    await expect(japaneseLeft(page), 'authorization form').resolves.toEqual([]);
    await screenshot(page, 'areas-register-en-form.png');
  });
});

/** The area ids behind the form's checkboxes, by name (the test reads them as a user reads the labels). */
async function areaIdsOnPage(page: Page): Promise<{ serverRoom: number }> {
  const box = byTestId(page, 'authorization-areas').locator('label', { hasText: 'サーバ室' }).locator('input');
  await box.waitFor();
  const testId = (await box.getAttribute('data-testid')) ?? '';
  return { serverRoom: Number(testId.replace('authorization-area-', '')) };
}
