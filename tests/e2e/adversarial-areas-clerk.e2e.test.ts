import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowserHost, type BrowserHost } from '../harness/browserHost';
import { loginAs as loginThrough } from '../integration/support/holdings';
import type { E2eApp } from './support/e2e';
import { areasOf, areasOrganization, authorizeContractor, chief, contractor, openAreaTab, openAreasAs, people } from './support/areas';
import { byTestId, cleanPagesAfterEach, e2eKdfCost, preparedPerFile, shown } from './support/e2e';
import { loginAs } from './support/holdings';

/*
 * Adversarial (X4): the door as a clerk at the keyboard, with a barcode reader (issue #12 items 3–4).
 * A reader types a whole 管理番号 and Enter faster than the search answers: the Enter is kept and
 * applied when the answer arrives (it was silently dropped); in 用件 and the scan field it never
 * submits early or loses what was typed; a name in the 在室者 table stays on one line.
 * The clock of backend and browser stands at 2026-11-22 10:00 JST.
 */
type Stage = 'door' | 'late';

/** A second contractor, let in the evening before and never checked out. */
const second = { name: '小林 誠', kana: 'コバヤシ マコト', affiliation: '株式会社北部システム保守' };
// 2026-11-22 15:30 UTC, an organisation keeping UTC: the terminal (Chromium in Asia/Tokyo, as the
// host sets it) already reads 2026-11-23 00:30 — its today is not the organisation's.
const lateEvening = Date.parse('2026-11-22T15:30:00Z');

const data = preparedPerFile<Stage>(async (stage) => {
  await stage('door', null, async (backend) => {
    const org = await areasOrganization(backend);
    await authorizeContractor(backend, org);
  });
  // 和暦 on; 小林 let in at 23:00 on the 21st (never checked out), 高橋 at 14:00 on the 22nd (the terminal's 23:00).
  await stage('late', 'door', async (backend) => {
    const org = await areasOf(backend);
    await authorizeContractor(backend, org, { person: { kind: 'new', outsider: second }, affiliation: second.affiliation, validFrom: '2026-11-01' });
    await loginThrough(backend, chief);
    await backend.ok('auth.reauthenticate', { password: chief.password });
    await backend.ok('settings.update', { dateDisplay: 'wareki', timeZone: 'UTC', reason: '海外事務所の試験（組織の時刻を協定世界時に）' });
    backend.clock.advance(lateEvening - backend.clock.now());
    await loginThrough(backend, people.clerk);
    const [escort] = await backend.ok('areas.people.search', { text: '鈴木', kind: 'staff', limit: 1 });
    for (const [name, enteredAt] of [[second.name, '2026-11-21T23:00:00Z'], [contractor.name, '2026-11-22T14:00:00Z']] as const) {
      const [hit] = await backend.ok('areas.people.search', { text: name, limit: 1 });
      const visit = { areaId: org.serverRoom, person: { kind: 'known' as const, personId: hit!.personId! }, purpose: '保守', escortUserId: escort!.userId, badgeNo: '', devicesIn: [], remarks: '' };
      await backend.ok('areas.visits.checkIn', { ...visit, enteredAt: new Date(enteredAt).toISOString() });
    }
    await backend.ok('auth.logout');
  });
});
const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));

/**
 * Holds the backend's answers to `channel` until `release` is called (the search answering late,
 * as on a busy terminal); other channels answer at once.
 */
function holdAnswers(app: E2eApp, channel: string): { release(): void; held(): number } {
  const backend = app.backend;
  const dispatch = backend.dispatch.bind(backend);
  let gate: () => void = () => undefined;
  let open = new Promise<void>((resolve) => (gate = resolve));
  let held = 0;
  backend.dispatch = async (name, payload, sender) => {
    const answer = dispatch(name, payload, sender);
    if (name !== channel) return answer;
    held++;
    await open;
    return answer;
  };
  return {
    release: () => {
      gate();
      open = Promise.resolve();
    },
    held: () => held,
  };
}

const focusIs = (page: Page, testId: string) => page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);

async function openDoor(): Promise<{ app: E2eApp; page: Page }> {
  const app = await startClean('door');
  const { page } = app;
  await openAreasAs(page, people.clerk, 'door');
  await (await shown(page, 'door-area')).selectOption({ label: 'サーバ室' });
  await byTestId(page, 'door-person-input').focus();
  return { app, page };
}

describe('the door with a barcode reader and a fast typist', () => {
  it('keeps an Enter pressed in 氏名 while the search is still answering, and applies it when the answer arrives', async () => {
    const { app, page } = await openDoor();
    const search = holdAnswers(app, 'areas.people.search');
    // A reader (or a fast typist) types the name and Enter at once: every answer is still on its way.
    await page.keyboard.type('高橋');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="door-person-list"]')?.getAttribute('aria-busy') === 'true');
    expect(search.held()).toBeGreaterThan(0);
    await expect(byTestId(page, 'door-person-picked').count()).resolves.toBe(0);
    search.release();
    // The kept Enter picks the one hit: 高橋 is picked and the focus goes on to 用件.
    await expect((await shown(page, 'door-person-picked')).textContent()).resolves.toContain(contractor.affiliation);
    await expect(byTestId(page, 'door-person-input').inputValue()).resolves.toBe(contractor.name);
    await focusIs(page, 'door-purpose');
    // Nothing was submitted on the way.
    await expect(byTestId(page, 'door-notice').count()).resolves.toBe(0);
    await expect(byTestId(page, 'form-error').count()).resolves.toBe(0);
  });

  it('drops a kept Enter once the clerk types on (the Enter was for other text)', async () => {
    const { app, page } = await openDoor();
    const search = holdAnswers(app, 'areas.people.search');
    await page.keyboard.type('高');
    await page.keyboard.press('Enter');
    await page.keyboard.type('橋');
    search.release();
    await page.locator('[data-testid="door-person-list"][aria-busy="false"]').waitFor();
    await expect(byTestId(page, 'door-person-list').isVisible()).resolves.toBe(true);
    await expect(byTestId(page, 'door-person-picked').count()).resolves.toBe(0);
    await expect(byTestId(page, 'door-person-input').inputValue()).resolves.toBe('高橋');
  });

  it('a reader’s 管理番号 + Enter in 用件 or in the scan field never submits, and nothing typed is lost', async () => {
    const { page } = await openDoor();
    await page.keyboard.type('高橋');
    await page.locator('[data-testid="door-person-list"][aria-busy="false"]').waitFor();
    await page.keyboard.press('Enter');
    await focusIs(page, 'door-purpose');
    // The reader in the wrong field: its text stays, its Enter only hands the focus on.
    await page.keyboard.type('USB-0001');
    await page.keyboard.press('Enter');
    await focusIs(page, 'door-escort-input');
    await expect(byTestId(page, 'door-purpose').inputValue()).resolves.toBe('USB-0001');
    await expect(byTestId(page, 'door-notice').count()).resolves.toBe(0);
    await expect(byTestId(page, 'form-error').count()).resolves.toBe(0);
    // The scan field: a label + Enter adds a row (in full width, as an IME left on types it) and does not record the visit.
    await byTestId(page, 'door-devices-scan').focus();
    await page.keyboard.type('ＵＳＢ－０００２');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="door-devices-row"]').length > 0);
    await expect(byTestId(page, 'door-notice').count()).resolves.toBe(0);
    await expect(byTestId(page, 'door-purpose').inputValue()).resolves.toBe('USB-0001');
    await expect(byTestId(page, 'door-person-input').inputValue()).resolves.toBe(contractor.name);
  });
});

describe('the approval dialog from the keyboard', () => {
  it('Esc closes it and gives the focus back to the offer, nothing typed at the door is lost, and the password is gone when it opens again', async () => {
    const { page } = await openDoor();
    // An outsider without any authorization: typed in as new, escorted, refused with an approval offered.
    await page.keyboard.type('無許可 次郎');
    await page.locator('[data-testid="door-person-list"][aria-busy="false"]').waitFor();
    await page.keyboard.press('Enter');
    await focusIs(page, 'door-person-new-kana');
    await byTestId(page, 'door-person-new-affiliation').fill('株式会社飛込');
    await byTestId(page, 'door-purpose').fill('機器の搬入');
    await byTestId(page, 'door-escort-input').focus();
    await page.keyboard.type('鈴木');
    await page.locator('[data-testid="door-escort-list"][aria-busy="false"]').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    await shown(page, 'door-approval-offer');
    // The refusal a manager may override takes the focus to the offer: Enter opens the approval, no Shift+Tab hunt.
    await focusIs(page, 'door-approval-offer');
    await page.keyboard.press('Enter');
    await shown(page, 'door-approval-dialog');
    await focusIs(page, 'door-approval-loginId');
    await page.keyboard.type(people.manager.loginId);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Half-typed');
    await page.keyboard.press('Escape');
    await byTestId(page, 'door-approval-dialog').waitFor({ state: 'detached' });
    await focusIs(page, 'door-approval-offer');
    await expect(byTestId(page, 'door-purpose').inputValue()).resolves.toBe('機器の搬入');
    await expect(byTestId(page, 'door-person-input').inputValue()).resolves.toBe('無許可 次郎');
    await page.keyboard.press('Enter');
    await shown(page, 'door-approval-dialog');
    await expect(byTestId(page, 'door-approval-password').inputValue()).resolves.toBe('');
    await expect(byTestId(page, 'door-notice').count()).resolves.toBe(0);
  });
});

describe('the 在室者 table', () => {
  it('keeps a name on one line (山田 太郎, not 山田 / 太郎)', async () => {
    const { page } = await openDoor();
    await page.keyboard.type('高橋');
    await page.locator('[data-testid="door-person-list"][aria-busy="false"]').waitFor();
    await page.keyboard.press('Enter');
    await focusIs(page, 'door-purpose');
    await page.keyboard.type('保守');
    await page.keyboard.press('Enter');
    await focusIs(page, 'door-escort-input');
    await page.keyboard.type('鈴木');
    await page.locator('[data-testid="door-escort-list"][aria-busy="false"]').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    await shown(page, 'door-notice');
    await byTestId(page, 'tab-inside').click();
    const name = page.locator('[data-testid^="inside-row-"] .nowrap').first();
    await name.waitFor();
    await expect(name.textContent()).resolves.toBe(contractor.name);
    // One line box: the name's rectangles all sit on one row.
    const rows = await name.evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size);
    expect(rows).toBe(1);
  });
});

const late: { host?: BrowserHost; dir?: string } = {};
afterEach(async () => {
  expect(late.host?.pageErrors ?? []).toEqual([]);
  expect(late.host?.blockedRequests ?? []).toEqual([]);
  await late.host?.close();
  if (late.dir) rmSync(late.dir, { recursive: true, force: true });
  delete late.host;
  delete late.dir;
});

/** The app on a copy of the late stage: main's and the page's clock at 15:30 UTC. */
async function startLate(): Promise<Page> {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-x4-'));
  cpSync(data.dir('late'), path.join(dir, 'data'), { recursive: true });
  late.dir = dir;
  late.host = await launchBrowserHost({ dataDir: path.join(dir, 'data'), outputDir: path.join(dir, 'output'), headless: true, kdfCost: e2eKdfCost, clock: { startAt: lateEvening } });
  const { page } = late.host;
  await shown(page, 'login-screen');
  await loginAs(page, people.clerk);
  await openAreaTab(page, 'inside');
  return page;
}

const cellsOf = (page: Page, name: string) => byTestId(page, 'inside-table').locator('tbody tr', { hasText: name }).locator('td');

describe('the 在室者 when the terminal’s day is not the organisation’s, 和暦 on', () => {
  it('says the organisation’s day: yesterday’s visit is from an earlier day (in 和暦), today’s is today’s by the organisation’s time', async () => {
    const page = await startLate();
    await byTestId(page, 'inside-table').locator('tbody tr', { hasText: second.name }).waitFor();
    const earlier = await cellsOf(page, second.name).allTextContents();
    const today = await cellsOf(page, contractor.name).allTextContents();
    expect(earlier.join(' ')).toContain('令和8年11月21日');
    expect(earlier.join(' ')).toContain('23:00');
    expect(today).toContain('14:00');
    await expect(page.locator('[data-testid^="inside-earlier-"]').count()).resolves.toBe(1);
    await expect(byTestId(page, 'inside-table').locator('tbody tr', { hasText: second.name }).locator('[data-testid^="inside-earlier-"]').count()).resolves.toBe(1);
  });

  it('check-out and the day close from the keyboard: Esc gives the focus back, the reason is required', async () => {
    const page = await startLate();
    const checkOut = byTestId(page, 'inside-table').locator('tbody tr', { hasText: second.name }).locator('[data-testid^="inside-checkout-"]');
    await checkOut.focus();
    await page.keyboard.press('Enter');
    await shown(page, 'checkout-dialog');
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="checkout-dialog"]') !== null);
    await page.keyboard.press('Escape');
    await byTestId(page, 'checkout-dialog').waitFor({ state: 'detached' });
    await expect(checkOut.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    await byTestId(page, 'inside-day-close').focus();
    await page.keyboard.press('Enter');
    await shown(page, 'day-close-dialog');
    // Last evening's visit says its day (in 和暦), today's its time alone.
    const choices = await byTestId(page, 'day-close-visits').locator('label').allTextContents();
    expect(choices.find((c) => c.includes(second.name))).toContain('令和8年11月21日');
    expect(choices.find((c) => c.includes(contractor.name))).toContain('（14:00 入室）');
    // Without a reason nothing is closed: the reason field says so.
    await byTestId(page, 'day-close-submit').click();
    await page.locator('[data-testid="day-close-reason"][aria-invalid="true"]').waitFor();
    await expect(byTestId(page, 'inside-table').locator('tbody tr', { hasText: contractor.name }).count()).resolves.toBe(1);
    await byTestId(page, 'day-close-reason').fill('退室記録漏れ（警備員が退館を確認）');
    await byTestId(page, 'day-close-submit').click();
    await shown(page, 'inside-notice');
    await expect(byTestId(page, 'inside-table').locator('tbody tr', { hasText: contractor.name }).count()).resolves.toBe(0);
  });
});
