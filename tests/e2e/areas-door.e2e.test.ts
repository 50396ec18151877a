import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { disposalCast } from '../integration/support/disposal';
import { loginAs as loginThrough } from '../integration/support/holdings';
import { areasOf, areasOrganization, authorizeContractor, contractor, openAreaTab, openAreasAs, people, pickPerson } from './support/areas';
import { byTestId, cleanPagesAfterEach, fieldDescription, preparedPerFile, shown } from './support/e2e';

/*
 * The door (issue #12 items 3–4; MIC §35) through the real renderer, router and encrypted database,
 * from the keyboard: an outsider without an escort in the サーバ室 (立会い必要) is refused with the
 * escort's message beside its field and nothing typed is lost; an escorted visit is recorded and the
 * same person again is refused as already inside; an expired authorization is refused, a manager's
 * approval with a wrong password is refused in the dialog (the password field emptied), and the
 * right one records the visit as an exception that the 在室者 list shows.
 * The clock of backend and browser stands at 2026-11-22 10:00 JST.
 */
type Stage = 'door' | 'overnight';

/** A cleaning contractor whose authorization ended on 2026-10-31. */
const cleaner = { name: '伊藤 一郎', kana: 'イトウ イチロウ', affiliation: '株式会社市民清掃' };

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('door', null, async (backend) => {
    const org = await areasOrganization(backend);
    await authorizeContractor(backend, org, { validFrom: '2026-11-01' });
    await authorizeContractor(backend, org, { person: { kind: 'new', outsider: cleaner }, affiliation: cleaner.affiliation, validFrom: '2026-04-01', validUntil: '2026-10-31' });
  });
  // 高橋 let in yesterday at 16:00 with a badge and his laptop, and never checked out.
  await stage('overnight', 'door', async (backend) => {
    const org = await areasOf(backend);
    const cast = await disposalCast(backend, { citizens: org.citizens, tax: org.tax });
    await loginThrough(backend, people.clerk);
    const [hit] = await backend.ok('areas.people.search', { text: contractor.name, limit: 5 });
    await backend.ok('areas.visits.checkIn', {
      areaId: org.serverRoom,
      person: { kind: 'known', personId: hit!.personId! },
      purpose: 'サーバの夜間保守',
      escortUserId: cast.officer,
      badgeNo: 'B-09',
      devicesIn: [{ label: '私物ノートPC', inspection: 'passed' }],
      enteredAt: new Date('2026-11-21T16:00:00+09:00').toISOString(),
      remarks: '',
    });
    await backend.ok('auth.logout');
  });
});
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

async function openDoor(): Promise<Page> {
  const { page } = await startClean('door');
  await openAreasAs(page, people.clerk, 'door');
  await (await shown(page, 'door-area')).selectOption({ label: 'サーバ室' });
  await expect(byTestId(page, 'door-area-rules').textContent()).resolves.toBe('外部の者の立会い: 必要　持込み: 検査のうえ可　持出し: 検査のうえ可');
  return page;
}

/** Waits until the element with `testId` has the focus (it moves in React's effects, after the render a test sees). */
const focusIs = (page: Page, testId: string) => page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);

/** 氏名 → Enter → 用件 typed; the focus is left in 用件. */
async function personAndPurpose(page: Page, search: string, name: string, purpose: string): Promise<void> {
  await pickPerson(page, 'door-person', search, name);
  await focusIs(page, 'door-purpose');
  await page.keyboard.type(purpose);
}

/** From 用件: Enter → 立会者 (required for an outsider here), 鈴木 picked; the focus moves on to 入館証番号. */
async function escortedBySuzuki(page: Page): Promise<void> {
  await page.keyboard.press('Enter');
  await focusIs(page, 'door-escort-input');
  await pickPerson(page, 'door-escort', '鈴木', people.officer.displayName);
  await focusIs(page, 'door-badge');
}

const alertText = (page: Page) => shown(page, 'form-error').then((l) => l.textContent());

describe('the door: refusals and a manager’s approval', () => {
  it('refuses an outsider without an escort where the area requires one; nothing typed is lost', async () => {
    const page = await openDoor();
    await personAndPurpose(page, 'たかはし', contractor.name, 'サーバの定期保守');
    await page.keyboard.press('Enter');
    await focusIs(page, 'door-escort-input');
    // Enter in the empty 立会者 does not submit; Ctrl+Enter does.
    await page.keyboard.press('Enter');
    await expect(byTestId(page, 'form-error').count()).resolves.toBe(0);
    await page.keyboard.press('Control+Enter');
    await shown(page, 'form-error');
    await expect(fieldDescription(page, 'door-escort-input')).resolves.toContain('この区域では、外部の者の入室に立会者が必要です。立会者を選んでください。');
    await expect(byTestId(page, 'door-purpose').inputValue()).resolves.toBe('サーバの定期保守');
    await expect(byTestId(page, 'door-person-input').inputValue()).resolves.toBe(contractor.name);
    // No approval is offered for a missing escort: it is refused outright.
    await expect(byTestId(page, 'door-approval-offer').count()).resolves.toBe(0);
    await expect(byTestId(page, 'door-notice').count()).resolves.toBe(0);
  });

  it('records an escorted visit, then refuses the same person while inside', async () => {
    const page = await openDoor();
    await personAndPurpose(page, '高橋', contractor.name, 'サーバの定期保守');
    await escortedBySuzuki(page);
    await page.keyboard.type('B-07');
    await page.keyboard.press('Enter');
    await focusIs(page, 'door-devices-scan');
    await page.keyboard.press('Enter');
    await expect((await shown(page, 'door-notice')).textContent()).resolves.toMatch(/^高橋 保さんの入室を記録しました（サーバ室 \d\d:\d\d）$/);
    // Cleared for the next visitor, the area kept, the focus back in 氏名.
    await expect(byTestId(page, 'door-person-input').inputValue()).resolves.toBe('');
    await expect(byTestId(page, 'door-purpose').inputValue()).resolves.toBe('');
    await expect(byTestId(page, 'door-badge').inputValue()).resolves.toBe('');
    await focusIs(page, 'door-person-input');
    await expect(byTestId(page, 'door-area').locator('option:checked').textContent()).resolves.toBe('サーバ室');

    await page.keyboard.type('高橋');
    await byTestId(page, 'door-person-list').locator('[role="option"]', { hasText: '在室中' }).waitFor();
    await page.locator('[data-testid="door-person-list"][aria-busy="false"]').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('再入室');
    await escortedBySuzuki(page);
    await page.keyboard.press('Control+Enter');
    await expect(alertText(page)).resolves.toMatch(/^高橋 保 さんはすでにこの区域に在室中です（.*入室）。$/);
    await expect(byTestId(page, 'door-purpose').inputValue()).resolves.toBe('再入室');
  });

  it('an expired authorization: a wrong password is refused in the dialog, the manager’s records an exception', async () => {
    const page = await openDoor();
    await personAndPurpose(page, '伊藤', cleaner.name, 'サーバ室の清掃');
    await expect(byTestId(page, 'door-person-picked').textContent()).resolves.toContain('期限切れ');
    await escortedBySuzuki(page);
    await page.keyboard.press('Control+Enter');
    await expect(alertText(page)).resolves.toContain('伊藤 一郎 さんの入室許可');
    await expect(alertText(page)).resolves.toContain('で期限が切れています。入室させるには保護管理者の承認が必要です。');

    await byTestId(page, 'door-approval-offer').click();
    await shown(page, 'door-approval-dialog');
    await focusIs(page, 'door-approval-loginId');
    await page.keyboard.type(people.manager.loginId);
    await byTestId(page, 'door-approval-password').fill('Wrong-2026-pw');
    await byTestId(page, 'door-approval-note').fill('清掃の委託契約を更新中のため');
    await byTestId(page, 'door-approval-submit').click();
    await byTestId(page, 'door-approval-dialog').locator('[data-testid="form-error"]').waitFor();
    await expect(fieldDescription(page, 'door-approval-password')).resolves.toContain('承認者のログインIDまたはパスワードが正しくありません。');
    // The password is never kept after the call.
    await expect(byTestId(page, 'door-approval-password').inputValue()).resolves.toBe('');
    await expect(byTestId(page, 'door-notice').count()).resolves.toBe(0);

    await byTestId(page, 'door-approval-password').fill(people.manager.password);
    await byTestId(page, 'door-approval-submit').click();
    await byTestId(page, 'door-approval-dialog').waitFor({ state: 'detached' });
    await expect((await shown(page, 'door-notice')).textContent()).resolves.toMatch(/^伊藤 一郎さんの入室を、保護管理者の承認による例外として記録しました（サーバ室 \d\d:\d\d）$/);
    await expect(byTestId(page, 'form-error').count()).resolves.toBe(0);
    await focusIs(page, 'door-person-input');

    await openAreaTab(page, 'inside');
    const row = page.locator('[data-testid="inside-table"] tbody tr', { hasText: cleaner.name });
    await expect(row.textContent()).resolves.toMatch(/伊藤 一郎.*株式会社市民清掃.*外部の者.*サーバ室.*サーバ室の清掃.*鈴木 次郎.*許可のない入室（承認あり）/);
  });

  it('an open visit of yesterday stands out; its check-out says what is an exception and records it', async () => {
    const { page } = await startClean('overnight');
    await openAreasAs(page, people.clerk, 'inside');
    const row = page.locator('[data-testid="inside-table"] tbody tr', { hasText: contractor.name });
    await expect(row.textContent()).resolves.toMatch(/高橋 保.*前日以前から在室中.*2026年11月21日 16:00.*B-09.*私物ノートPC（異常なし）/);
    await row.getByRole('button', { name: '高橋 保さんの退室' }).click();
    await shown(page, 'checkout-dialog');
    await focusIs(page, 'checkout-badge');
    await page.keyboard.press('Enter');
    await focusIs(page, 'checkout-devices-scan');
    // A label not brought in and not registered: said before 退室, an exception if it leaves.
    await page.keyboard.type('USB-999');
    await page.keyboard.press('Enter');
    await expect((await shown(page, 'checkout-devices-row-0')).textContent()).resolves.toMatch(/USB-999.*未登録.*持込みの記録なし → 例外になります/);
    await page.keyboard.type('私物ノートPC');
    await page.keyboard.press('Enter');
    await expect((await shown(page, 'checkout-devices-row-1')).textContent()).resolves.not.toContain('例外');
    await byTestId(page, 'checkout-devices-remove-0').click();
    await expect(byTestId(page, 'checkout-devices').locator('li').count()).resolves.toBe(1);
    // The badge left unticked: said so; a time that is not one is refused here, before main.
    await expect(byTestId(page, 'checkout-dialog').textContent()).resolves.toContain('チェックしないと「入館証の未返却」として記録されます。');
    await byTestId(page, 'checkout-time').fill('9時');
    await byTestId(page, 'checkout-submit').click();
    await byTestId(page, 'checkout-dialog').locator('.field-error', { hasText: '時刻は 14:05 のように' }).waitFor();
    await byTestId(page, 'checkout-time').fill('09:30');
    await byTestId(page, 'checkout-submit').click();
    await expect((await shown(page, 'inside-notice')).textContent()).resolves.toBe('高橋 保さんの退室を記録しました（09:30）');
    await row.waitFor({ state: 'detached' });
    await page.locator('[data-testid="inside-count"]', { hasText: /^在室者 0人$/ }).waitFor();

    await openAreaTab(page, 'book');
    await expect(page.locator('[data-testid="book-table"] tbody tr', { hasText: contractor.name }).textContent()).resolves.toContain('入館証の未返却');
  });
});

// What an English screen may show in Japanese: the data (names, 課等, areas, purposes, devices).
const japaneseData = [
  '総務省', '行政管理局', '市民課', '税務課', 'サーバ室', '市民課執務室', '本庁舎3階', contractor.name, contractor.kana, contractor.affiliation,
  'サーバの夜間保守', '私物ノートPC', people.clerk.displayName, people.officer.displayName, people.manager.displayName,
];

/** Japanese words (or i18n keys) on the page that are not data: each is a message not said in English. */
async function japaneseLeft(page: Page): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  for (const d of [...japaneseData].sort((a, b) => b.length - a.length)) text = text.replaceAll(d, ' ');
  const keys = text.match(/\b(?:area[A-Za-z]*|visit[A-Za-z]*|common|errors|validation)\.[a-zA-Z.]+\b/g) ?? [];
  return [...(text.match(/[\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).filter((w) => w !== '日本語'), ...keys];
}

describe('English', () => {
  it('the 在室者 list, the check-out, the day close and the door say nothing in Japanese but the data', async () => {
    const { page } = await startClean('overnight');
    await openAreasAs(page, people.manager, 'inside');
    await byTestId(page, 'language-select').selectOption('en');
    await page.locator('[data-testid="inside-count"]', { hasText: '1 inside' }).waitFor();
    await expect(japaneseLeft(page), 'inside').resolves.toEqual([]);
    await page.getByRole('button', { name: `Exit of ${contractor.name}` }).click();
    await shown(page, 'checkout-dialog');
    await byTestId(page, 'checkout-devices-scan').fill('USB-999');
    await page.keyboard.press('Enter');
    await shown(page, 'checkout-devices-row-0');
    await expect(japaneseLeft(page), 'check-out').resolves.toEqual([]);
    await page.keyboard.press('Escape');
    await byTestId(page, 'checkout-dialog').waitFor({ state: 'detached' });
    await byTestId(page, 'inside-day-close').click();
    await byTestId(page, 'day-close-submit').click();
    await byTestId(page, 'day-close-dialog').locator('.field-error').waitFor();
    await expect(japaneseLeft(page), 'day close').resolves.toEqual([]);
    await page.keyboard.press('Escape');
    await openAreaTab(page, 'door');
    await pickPerson(page, 'door-person', contractor.name, contractor.name);
    await page.keyboard.press('Control+Enter');
    await shown(page, 'form-error');
    await expect(japaneseLeft(page), 'door').resolves.toEqual([]);
  });
});
