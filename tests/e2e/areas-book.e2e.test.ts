import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import type { TestApp } from '../integration/support/backend';
import { disposalCast } from '../integration/support/disposal';
import { loginAs as loginThrough } from '../integration/support/holdings';
import { pdfToText } from '../integration/support/pdfText';
import { areasOf, areasOrganization, authorizeContractor, chief, contractor, openAreasAs, people, pickPerson, type AreasOrganization } from './support/areas';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs } from './support/holdings';

/*
 * 入退室管理簿 on screen (issue #12 item 6; MIC §35) through the real renderer, router and encrypted
 * database: visits recorded at the door by the clerk through the backend (the door's screens are
 * areas-door's business), then the book lists them newest first, its filters narrow (例外のみ shows
 * the exception, marked in words), keyset pages of 50 move both ways and survive a visit's detail,
 * the detail shows the devices and the exception, a manager confirms it, and the daily book goes
 * to PDF. The clock of backend and browser stands at 2026-11-22 10:00 JST.
 */
type Stage = 'book' | 'many';

/** A visitor let in without an authorization, on the chief's approval at the door (an exception). */
const cleaner = { name: '伊藤 一郎', kana: 'イトウ イチロウ', affiliation: '株式会社市民清掃' };

/** A time of 2026-11-22 in JST as main takes it (UTC). */
const jst = (time: string, day = '2026-11-22') => new Date(`${day}T${time}:00+09:00`).toISOString();

async function checkInAndOut(backend: TestApp, checkIn: ChannelInput<'areas.visits.checkIn'>, checkOut: Omit<ChannelInput<'areas.visits.checkOut'>, 'visitId' | 'version'>) {
  const visit = await backend.ok('areas.visits.checkIn', checkIn);
  return backend.ok('areas.visits.checkOut', { visitId: visit.id, version: visit.version, ...checkOut });
}

/** The contractor escorted by 鈴木 into the サーバ室 with a USB stick inspected in and out (09:00–09:30), and the cleaner inside since 09:40. */
async function bookVisits(backend: TestApp): Promise<void> {
  const org = await areasOrganization(backend);
  // From the 1st: the 'many' stage adds visits of the day before.
  const { personId } = await authorizeContractor(backend, org, { validFrom: '2026-11-01' });
  const cast = await disposalCast(backend, { citizens: org.citizens, tax: org.tax });
  await loginThrough(backend, people.clerk);
  const stick = { label: 'USBメモリ（保守用・持参）', inspection: 'passed' as const };
  await checkInAndOut(
    backend,
    { areaId: org.serverRoom, person: { kind: 'known', personId }, purpose: 'サーバの定期保守', escortUserId: cast.officer, badgeNo: 'B-01', devicesIn: [stick], enteredAt: jst('09:00'), remarks: '' },
    { devicesOut: [stick], badgeReturned: true, exitedAt: jst('09:30'), remarks: '' },
  );
  await backend.ok('areas.visits.checkIn', {
    areaId: org.office,
    person: { kind: 'new', outsider: cleaner },
    purpose: '窓口の清掃',
    escortUserId: null,
    badgeNo: '',
    devicesIn: [],
    enteredAt: jst('09:40'),
    exceptionApproval: { loginId: chief.loginId, password: chief.password, note: '臨時の清掃（委託契約の更新手続中）' },
    remarks: '',
  });
  await backend.ok('auth.logout');
}

/** 52 more escorted visits of the contractor the day before, ten minutes apart (54 rows in all: two pages). */
async function manyVisits(backend: TestApp, org: AreasOrganization): Promise<void> {
  const cast = await disposalCast(backend, { citizens: org.citizens, tax: org.tax });
  await loginThrough(backend, people.clerk);
  const [hit] = await backend.ok('areas.people.search', { text: contractor.name, limit: 5 });
  const start = Date.parse(jst('07:00', '2026-11-21'));
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  for (let n = 0; n < 52; n++) {
    await checkInAndOut(
      backend,
      { areaId: org.serverRoom, person: { kind: 'known', personId: hit!.personId! }, purpose: `定期点検 ${n + 1}`, escortUserId: cast.officer, badgeNo: '', devicesIn: [], enteredAt: at(n * 10), remarks: '' },
      { devicesOut: [], badgeReturned: null, exitedAt: at(n * 10 + 5), remarks: '' },
    );
  }
  await backend.ok('auth.logout');
}

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('book', null, (backend) => bookVisits(backend));
  await stage('many', 'book', async (backend) => manyVisits(backend, await areasOf(backend)));
});
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

async function openBookAs(stage: Stage, person: { loginId: string; password: string }) {
  const app = await startClean(stage);
  await openAreasAs(app.page, person, 'book');
  await shown(app.page, 'book-table');
  return app;
}

const table = (page: Page) => byTestId(page, 'book-table');
/** The person named in each row, top to bottom. */
const names = (page: Page) => table(page).locator('tbody tr.row-link td:nth-child(4)').allTextContents();
/** Waits until the book shows `total` (the page after a filter has come back). */
const totalIs = (page: Page, text: string) => page.locator('[data-testid="book-total"]', { hasText: new RegExp(`^${text}`) }).waitFor();

describe('入退室管理簿', () => {
  it('lists the visits newest first; filters narrow, and the exception stands out in words', async () => {
    const { page } = await openBookAs('book', people.clerk);
    await totalIs(page, '全2件');
    await expect(names(page)).resolves.toEqual([cleaner.name, contractor.name]);
    const marked = table(page).locator('tbody tr.row-exception');
    await expect(marked.count()).resolves.toBe(1);
    await expect(marked.textContent()).resolves.toMatch(/伊藤 一郎.*例外あり.*未確認.*許可のない入室（承認あり）/);
    await expect(table(page).locator('tbody tr', { hasText: contractor.name }).textContent()).resolves.toMatch(/サーバ室.*株式会社北部システム保守.*外部の者.*サーバの定期保守.*鈴木 次郎.*B-01.*返却済/);
    await screenshot(page, 'areas-book.png');

    await byTestId(page, 'book-filter-exceptionsOnly').check();
    await totalIs(page, '全1件');
    await expect(names(page)).resolves.toEqual([cleaner.name]);
    await byTestId(page, 'book-filter-exceptionsOnly').uncheck();
    await totalIs(page, '全2件');

    await byTestId(page, 'book-filter-area').selectOption({ label: 'サーバ室' });
    await totalIs(page, '全1件');
    await expect(names(page)).resolves.toEqual([contractor.name]);
    await byTestId(page, 'book-clear').click();
    // 条件をクリア drops the month too: every visit of the scope.
    await totalIs(page, '全2件');

    await pickPerson(page, 'book-filter-person', 'たかはし', contractor.name);
    await expect((await shown(page, 'book-filter-person-name')).textContent()).resolves.toBe(contractor.name);
    await totalIs(page, '全1件');
    await expect(names(page)).resolves.toEqual([contractor.name]);
    await byTestId(page, 'book-filter-person-clear').click();
    await totalIs(page, '全2件');

    await byTestId(page, 'book-filter-status').selectOption('inside');
    await totalIs(page, '全1件');
    await expect(names(page)).resolves.toEqual([cleaner.name]);
    // A day with no visit: the table says so.
    await byTestId(page, 'book-filter-from').fill('2026-11-23');
    await totalIs(page, '全0件');
    await expect(table(page).textContent()).resolves.toContain('条件に合う入退室の記録はありません。');
  });

  it('pages of 50 move next and back, and a visit opened from page 2 comes back to page 2', async () => {
    const { page } = await openBookAs('many', people.clerk);
    await totalIs(page, '全54件 ・ 1 / 2 ページ');
    await expect(table(page).locator('tbody tr.row-link').count()).resolves.toBe(50);
    await byTestId(page, 'book-next').click();
    await totalIs(page, '全54件 ・ 2 / 2 ページ');
    await page.locator('[data-testid="book-table"][aria-busy="false"]').waitFor();
    await expect(table(page).locator('tbody tr.row-link').count()).resolves.toBe(4);
    // The oldest visits of all: the first of the day before is last.
    await expect(table(page).locator('tbody tr.row-link').last().textContent()).resolves.toContain('定期点検 1');

    await table(page).locator('tbody tr.row-link').first().getByRole('button').click();
    await shown(page, 'visit-detail');
    await byTestId(page, 'visit-back').click();
    await totalIs(page, '全54件 ・ 2 / 2 ページ');
    await page.locator('[data-testid="book-table"][aria-busy="false"]').waitFor();
    await expect(table(page).locator('tbody tr.row-link').count()).resolves.toBe(4);

    await byTestId(page, 'book-prev').click();
    await totalIs(page, '全54件 ・ 1 / 2 ページ');
    await page.locator('[data-testid="book-table"][aria-busy="false"]').waitFor();
    await expect(table(page).locator('tbody tr.row-link').count()).resolves.toBe(50);
    await expect(names(page).then((n) => n[0])).resolves.toBe(cleaner.name);
  });

  it('a visit shows its devices; the clerk sees the exception, the manager confirms it, and it leaves 未確認の例外のみ', async () => {
    const app = await openBookAs('book', people.clerk);
    let page = app.page;
    await table(page).locator('tbody tr', { hasText: contractor.name }).getByRole('button').click();
    await shown(page, 'visit-detail');
    await expect(byTestId(page, 'visit-devices-in').textContent()).resolves.toMatch(/USBメモリ（保守用・持参）.*異常なし/);
    await expect(byTestId(page, 'visit-devices-out').textContent()).resolves.toMatch(/USBメモリ（保守用・持参）.*異常なし/);
    await expect(byTestId(page, 'visit-facts').textContent()).resolves.toMatch(/鈴木 次郎/);
    await expect(byTestId(page, 'visit-timeline').locator('[data-testid="timeline-entry"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-action')))).resolves.toEqual(['checkOut', 'checkIn']);
    // The check-in's registration names the area, the 課等 and the permit, never their ids.
    const registered = await byTestId(page, 'visit-timeline').locator('[data-action="checkIn"] details').textContent();
    expect(registered).toMatch(/区域サーバ室.*課等市民課.*許可番号R8-0001/);
    expect(registered).not.toMatch(/(区域|課等|許可番号|記録者|例外の承認者)\d/);
    await byTestId(page, 'visit-back').click();
    await table(page).locator('tbody tr', { hasText: cleaner.name }).getByRole('button').click();
    await shown(page, 'visit-detail');
    await expect(byTestId(page, 'visit-exception-list').textContent()).resolves.toBe('許可のない入室（承認あり）');
    await expect(byTestId(page, 'visit-exceptions').textContent()).resolves.toMatch(/佐藤 一郎.*臨時の清掃（委託契約の更新手続中）.*未確認/);
    // The clerk at the door does not confirm (areas.grant; main refuses anyway).
    await expect(byTestId(page, 'visit-confirm-form').count()).resolves.toBe(0);

    // The manager's home card 確認待ちの入退室の例外 opens the book on exactly those.
    await byTestId(page, 'header-logout').click();
    page = app.page;
    await shown(page, 'login-screen');
    await loginAs(page, people.manager);
    const card = await shown(page, 'home-card-areas.unconfirmedExceptions');
    await expect(card.locator('[data-testid="home-card-count"]').textContent()).resolves.toContain('1');
    await card.click();
    await shown(page, 'book-table');
    await expect(byTestId(page, 'book-filter-unconfirmedOnly').isChecked()).resolves.toBe(true);
    await totalIs(page, '全1件');
    await table(page).locator('tbody tr', { hasText: cleaner.name }).getByRole('button').click();
    await shown(page, 'visit-confirm-form');
    await screenshot(page, 'areas-book-visit.png');
    await byTestId(page, 'visit-confirm-note').fill('委託契約の更新を確認。次回から入室許可を出す。');
    await byTestId(page, 'visit-confirm-submit').click();
    await expect((await shown(page, 'visit-notice')).textContent()).resolves.toBe('例外の確認を記録しました。');
    await expect((await shown(page, 'visit-confirmed-by')).textContent()).resolves.toContain(people.manager.displayName);
    await expect(byTestId(page, 'visit-confirm-form').count()).resolves.toBe(0);
    await byTestId(page, 'visit-back').click();
    // The filters came back with the book; the confirmed visit no longer counts.
    await expect(byTestId(page, 'book-filter-unconfirmedOnly').isChecked()).resolves.toBe(true);
    await totalIs(page, '全0件');
    await byTestId(page, 'book-filter-unconfirmedOnly').uncheck();
    await totalIs(page, '全2件');
    await expect(table(page).locator('tbody tr.row-exception').textContent()).resolves.toMatch(/例外あり.*確認済/);
  });

  it('prints the daily book of the サーバ室 to PDF after the password; the paper holds the visit', async () => {
    const app = await openBookAs('book', people.clerk);
    const { page } = app;
    await byTestId(page, 'book-print-day').click();
    await shown(page, 'book-print-dialog');
    await byTestId(page, 'book-print-area').selectOption({ label: 'サーバ室' });
    await expect(byTestId(page, 'book-print-day-input').inputValue()).resolves.toBe('2026-11-22');
    await byTestId(page, 'book-print-pdf').click();
    await answerPasswordPrompt(page, people.clerk.password);
    await expect((await shown(page, 'book-print-output')).textContent()).resolves.toContain(app.savedPaths[0]!);
    const paper = pdfToText(readFileSync(app.savedPaths[0]!));
    // (所属 wraps in its narrow column: its permit number stands for the row.)
    for (const expected of ['入退室管理簿（日報）', 'サーバ室', contractor.name, 'R8-0001', 'B-01', people.officer.displayName]) expect(paper).toContain(expected);
    // Only the サーバ室: the cleaner was in the 市民課執務室.
    expect(paper).not.toContain(cleaner.name);
    // 月報を印刷: the month's book of the same area (the password given a moment ago still stands).
    await byTestId(page, 'book-print-close').click();
    await byTestId(page, 'book-print-month').click();
    await shown(page, 'book-print-dialog');
    await expect(byTestId(page, 'book-print-period-month').isChecked()).resolves.toBe(true);
    await expect(byTestId(page, 'book-print-month-input').inputValue()).resolves.toBe('2026-11');
    await byTestId(page, 'book-print-area').selectOption({ label: 'サーバ室' });
    await screenshot(page, 'areas-book-print.png');
    await byTestId(page, 'book-print-pdf').click();
    await shown(page, 'book-print-output');
    const month = pdfToText(readFileSync(app.savedPaths[1]!));
    for (const expected of ['入退室管理簿（月報）', 'サーバ室', contractor.name]) expect(month).toContain(expected);
    // No area chosen: said at the field, nothing printed.
    await byTestId(page, 'book-print-area').selectOption('');
    await byTestId(page, 'book-print-pdf').click();
    await expect(byTestId(page, 'book-print-dialog').textContent()).resolves.toContain('区域を選んでください。');
    expect(app.savedPaths).toHaveLength(2);
    await byTestId(page, 'book-print-close').click();

    // CSV of the rows the filters show (例外のみ: the cleaner alone); the password given for the
    // paper a moment ago still stands (the clock has not moved).
    await byTestId(page, 'book-filter-exceptionsOnly').check();
    await totalIs(page, '全1件');
    await byTestId(page, 'book-export').click();
    await expect((await shown(page, 'book-output')).textContent()).resolves.toContain('（1件）');
    const csv = readFileSync(app.savedPaths[2]!, 'utf8');
    expect(csv).toContain(cleaner.name);
    expect(csv).not.toContain(contractor.name);
  });
});

// What an English screen may show in Japanese: the data (names, 課等, areas, purposes, notes, devices).
const japaneseData = [
  '総務省', '行政管理局', '市民課', '税務課', 'サーバ室', '市民課執務室', '税務課書庫', '本庁舎3階', '本庁舎1階',
  contractor.name, contractor.affiliation, cleaner.name, cleaner.affiliation, 'サーバの定期保守', '窓口の清掃',
  '臨時の清掃（委託契約の更新手続中）', 'USBメモリ（保守用・持参）', people.clerk.displayName, people.officer.displayName,
  people.manager.displayName, chief.displayName,
];

async function japaneseLeft(page: Page): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  // Longest first: 市民課執務室 before 市民課.
  for (const d of [...japaneseData].sort((a, b) => b.length - a.length)) text = text.replaceAll(d, ' ');
  const keys = text.match(/\b(?:area[A-Za-z]*|visit[A-Za-z]*|common|errors)\.[a-zA-Z.]+\b/g) ?? [];
  return [...(text.match(/[\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).filter((w) => w !== '日本語'), ...keys];
}

describe('入退室管理簿 of another 課等', () => {
  it("税務課's clerk sees none of 市民課's visits, and only 税務課's area to choose (MIC §9)", async () => {
    const { page } = await openBookAs('book', people.otherClerk);
    await totalIs(page, '全0件');
    await expect(byTestId(page, 'book-filter-area').locator('option').allTextContents()).resolves.toEqual(['すべての区域', '税務課書庫']);
    await expect(byTestId(page, 'book-filter-department').count()).resolves.toBe(0);
  });
});

describe('English', () => {
  it('the book, a visit with its exception and the print dialog say nothing in Japanese but the data', async () => {
    const { page } = await openBookAs('book', people.manager);
    await byTestId(page, 'language-select').selectOption('en');
    await page.locator('[data-testid="book-total"]', { hasText: /^2 / }).waitFor();
    await expect(japaneseLeft(page), 'book').resolves.toEqual([]);
    await table(page).locator('tbody tr', { hasText: cleaner.name }).getByRole('button').click();
    await shown(page, 'visit-confirm-form');
    await expect(japaneseLeft(page), 'visit').resolves.toEqual([]);
    await screenshot(page, 'areas-book-en-visit.png');
    await byTestId(page, 'visit-back').click();
    await byTestId(page, 'book-print-month').click();
    await shown(page, 'book-print-dialog');
    await expect(japaneseLeft(page), 'print').resolves.toEqual([]);
  });
});
