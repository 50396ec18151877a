import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, logout, people } from './support/holdings';

/*
 * 持出し (issue #10 item 3) through the real renderer, router and encrypted database: a clerk
 * requests a take-out of a medium, a manager who is not the requester approves it, the clerk
 * takes it out and records its return (contents intact, temporary copies erased: MIC §26);
 * the 持出管理簿 lists it. A refused request shows its reason to the clerk, and a medium
 * without encryption or password is approved only with a reason. Stages are made once through
 * the backend, so each test runs alone.
 */
type Stage = 'registered' | 'requested' | 'out';
// Two weeks after the test clock's 22 November 2026.
const dueBack = '2026-12-06';
const medium = (mediaNo: string, encrypted: 'none' | 'hardware', departmentId: number) => ({
  mediaNo, type: 'usb' as const, makeModel: 'ACME USB 32GB', serialNo: '', capacity: '32GB', encrypted,
  departmentId, custodian: '鈴木 次郎', storageLocationId: null, isBackupMedium: false, registeredAt: null, remarks: '',
});
const data = preparedPerFile<Stage>(async (stage) => {
  await stage('registered', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.officer);
    await backend.ok('media.create', medium('U-0001', 'hardware', citizens));
    await backend.ok('media.create', medium('U-0002', 'none', citizens));
  });
  await stage('requested', 'registered', async (backend) => {
    await loginThrough(backend, people.clerk);
    const [plain] = (await backend.ok('media.list', { text: 'U-0002', pageSize: 10 })).rows;
    const safeguards = { encryption: false, password: false, lockedCase: true, sealed: false };
    await backend.ok('media.takeout.request', { mediumId: plain!.id, purpose: '出張窓口での受付', destination: '北公民館', contentsSummary: '受付名簿の写し', safeguards, dueBack });
  });
  await stage('out', 'registered', async (backend) => {
    await loginThrough(backend, people.clerk);
    const [usb] = (await backend.ok('media.list', { text: 'U-0001', pageSize: 10 })).rows;
    const safeguards = { encryption: true, password: false, lockedCase: false, sealed: true };
    const { id: takeoutId } = await backend.ok('media.takeout.request', { mediumId: usb!.id, purpose: '研修資料の投影', destination: '県庁研修所', contentsSummary: '研修資料', safeguards, dueBack });
    await loginThrough(backend, people.manager);
    await backend.ok('media.takeout.approve', { takeoutId, note: '' });
    await backend.ok('media.takeout.checkOut', { takeoutId });
  });
});

// After preparedPerFile's: each test's app ends with no script error and no request out.
const startClean = cleanPagesAfterEach((stage: Parameters<typeof data.start>[0]) => data.start(stage));

async function openMediumAs(page: Page, person: { loginId: string; password: string }, mediaNo: string): Promise<void> {
  await loginAs(page, person);
  await byTestId(page, 'nav-media').click();
  await (await shown(page, `medium-row-${mediaNo}`)).getByRole('button', { name: mediaNo }).click();
  await shown(page, 'medium-takeouts');
}

const notice = async (page: Page, text: string) => page.locator('[data-testid="medium-notice"]', { hasText: text }).waitFor();
// The notice comes before the reloaded medium: wait for the text itself, never read what was there before.
const takeoutStatusIs = (page: Page, text: string) => byTestId(page, 'medium-takeout-table').locator('[data-testid="takeout-status"]').first().filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
const mediumStatusIs = (page: Page, text: string) => page.locator('[data-testid="medium-status"]', { hasText: new RegExp(`^${text}$`) }).waitFor();

describe('持出し', () => {
  it('a clerk requests, a manager approves, the clerk takes the medium out and records its return', async () => {
    const { page } = await startClean('registered');
    await openMediumAs(page, people.clerk, 'U-0001');
    await byTestId(page, 'takeout-request').click();
    await shown(page, 'takeout-request-dialog');
    // The medium's own hardware encryption is promised by default.
    await expect(byTestId(page, 'takeout-safeguard-encryption').isChecked()).resolves.toBe(true);
    await byTestId(page, 'takeout-purpose').fill('住民説明会の資料投影');
    await byTestId(page, 'takeout-destination').fill('中央公民館');
    await byTestId(page, 'takeout-contents').fill('説明会資料（個人情報なし）');
    await byTestId(page, 'takeout-safeguard-sealed').check();
    await byTestId(page, 'takeout-dueBack').fill(dueBack);
    await byTestId(page, 'takeout-request-submit').click();
    await notice(page, '持出しを申請しました。');
    await takeoutStatusIs(page, '承認待ち');
    // A clerk does not decide: no approve button, and the screen says who does.
    await expect(byTestId(page, 'takeout-approve').count()).resolves.toBe(0);
    await logout(page);

    await openMediumAs(page, people.manager, 'U-0001');
    await byTestId(page, 'takeout-approve').click();
    await (await shown(page, 'takeout-approve-note')).fill('説明会当日のみ');
    await byTestId(page, 'takeout-approve-submit').click();
    await notice(page, '持出しを承認しました。');
    await takeoutStatusIs(page, '承認済（持出し前）');
    await logout(page);

    await openMediumAs(page, people.clerk, 'U-0001');
    await byTestId(page, 'takeout-checkout').click();
    await notice(page, '持出しを記録しました。');
    await mediumStatusIs(page, '持出中');
    await byTestId(page, 'takeout-return').click();
    await expect((await shown(page, 'takeout-return-checker')).textContent()).resolves.toContain(people.clerk.displayName);
    await byTestId(page, 'takeout-return-intact').check();
    await byTestId(page, 'takeout-return-erased').check();
    await byTestId(page, 'takeout-return-submit').click();
    await notice(page, '返却を記録しました。');
    await mediumStatusIs(page, '保管中');
    await takeoutStatusIs(page, '返却済');
    await expect(byTestId(page, 'medium-takeout-table').textContent()).resolves.toMatch(/田中 花子.*住民説明会の資料投影.*中央公民館.*暗号化、封緘.*山田 課長.*説明会当日のみ.*確認者：田中 花子/);
    // Each step is in the medium's history, the return last.
    await expect(byTestId(page, 'medium-timeline').locator('[data-testid="timeline-entry"]').first().getAttribute('data-action')).resolves.toBe('takeoutReturn');
    await screenshot(page, 'media-takeout.png');

    // The 持出管理簿 lists it; a filter on a status it no longer has leaves it out.
    await byTestId(page, 'medium-back').click();
    await byTestId(page, 'tab-takeouts').click();
    await shown(page, 'takeouts-table');
    // Waits for the page, not the empty table shown while it loads.
    await page.locator('[data-testid="takeouts-total"]', { hasText: '全1件 ・ 1 / 1 ページ' }).waitFor();
    await expect(byTestId(page, 'takeouts-table').textContent()).resolves.toMatch(/U-0001.*返却済/);
    await byTestId(page, 'takeouts-filter-status').selectOption('out');
    await page.locator('[data-testid="takeouts-total"]', { hasText: '全0件' }).waitFor();
  });

  it('a manager approves a medium without encryption only with a reason, and a refusal shows its reason to the clerk', async () => {
    const { page } = await startClean('requested');
    await openMediumAs(page, people.manager, 'U-0002');
    await byTestId(page, 'takeout-approve').click();
    await shown(page, 'takeout-approve-dialog');
    await expect(byTestId(page, 'takeout-approve-dialog').locator('.alert-warning').textContent()).resolves.toContain('暗号化もパスワードもありません');
    // No reason: main refuses, and nothing is approved.
    await byTestId(page, 'takeout-approve-submit').click();
    await shown(page, 'form-error');
    await byTestId(page, 'takeout-approve-dialog').getByRole('button', { name: 'キャンセル' }).click();
    await takeoutStatusIs(page, '承認待ち');

    await byTestId(page, 'takeout-refuse').click();
    await (await shown(page, 'takeout-refuse-reason')).fill('暗号化された媒体に複製して持ち出してください');
    await byTestId(page, 'takeout-refuse-submit').click();
    await notice(page, '持出しを却下しました。');
    await logout(page);

    await openMediumAs(page, people.clerk, 'U-0002');
    await takeoutStatusIs(page, '却下');
    await expect(byTestId(page, 'takeout-decision-note').textContent()).resolves.toBe('暗号化された媒体に複製して持ち出してください');
    await mediumStatusIs(page, '保管中');
    // Refused, the medium may be asked for again.
    await expect(byTestId(page, 'takeout-request').isEnabled()).resolves.toBe(true);
  });

  it('the 持出管理簿 marks a medium still out after its due date, in the organisation\'s calendar, and filters it', async () => {
    const { page, clock } = await startClean('out');
    await loginAs(page, people.clerk);
    await byTestId(page, 'nav-media').click();
    await byTestId(page, 'tab-takeouts').click();
    await byTestId(page, 'takeouts-filter-overdue').check();
    await page.locator('[data-testid="takeouts-total"]', { hasText: '全0件' }).waitFor();

    // Past due back (moved while signed out: the idle lock would take the session otherwise).
    await logout(page);
    clock.advance(15 * 86_400_000);
    await loginAs(page, people.clerk);
    await byTestId(page, 'nav-media').click();
    await byTestId(page, 'tab-takeouts').click();
    await byTestId(page, 'takeouts-filter-overdue').check();
    await page.locator('[data-testid="takeouts-total"]', { hasText: '全1件' }).waitFor();
    await expect(byTestId(page, 'takeouts-table').textContent()).resolves.toMatch(/U-0001.*持出中.*返却予定日超過/);
    await byTestId(page, 'takeouts-table').getByRole('button', { name: 'U-0001' }).click();
    await shown(page, 'takeout-return');
  });
});
