import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ledgerOrganization, loginAs as loginThrough } from '../integration/support/holdings';
import { chief } from '../integration/support/backend';
import { answerPasswordPrompt, byTestId, cleanPagesAfterEach, preparedPerFile, screenshot, shown } from './support/e2e';
import { loginAs, logout, people } from './support/holdings';

/*
 * 媒体管理台帳 on the home dashboard (issue #10 items 4 and 6) through the real renderer, router
 * and encrypted database: a take-out due back today becomes overdue when the Tokyo date turns;
 * the officer's 今日の確認事項 shows it, and a click opens the 持出管理簿 filtered to exactly it. A
 * backup medium kept in the server room is on the card beside it and flagged in the register.
 * Moved to a place apart, the flag goes; the chief's backup then names the medium it went on.
 * The data is made once through the backend, so each test runs alone.
 */
type Stage = 'out';
const hour = 3_600_000;
const medium = (mediaNo: string, departmentId: number, extra: { storageLocationId?: number; isBackupMedium?: boolean } = {}) => ({
  mediaNo, type: 'usb' as const, makeModel: 'ACME USB 32GB', serialNo: '', capacity: '32GB', encrypted: 'hardware' as const,
  departmentId, custodian: '鈴木 次郎', storageLocationId: extra.storageLocationId ?? null, isBackupMedium: extra.isBackupMedium ?? false, registeredAt: null, remarks: '',
});
const data = preparedPerFile<Stage>(async (stage) => {
  await stage('out', null, async (backend) => {
    const { citizens } = await ledgerOrganization(backend);
    await loginThrough(backend, people.officer);
    const serverRoom = await backend.ok('media.storageLocations.create', { name: 'サーバ室ラック', departmentId: citizens, besideTerminal: true });
    await backend.ok('media.storageLocations.create', { name: '別館 耐火金庫', departmentId: citizens, besideTerminal: false });
    const usb = await backend.ok('media.create', medium('U-0001', citizens));
    await backend.ok('media.create', medium('U-0002', citizens));
    await backend.ok('media.create', { ...medium('BK-0001', citizens, { storageLocationId: serverRoom.id, isBackupMedium: true }), type: 'hdd' });
    await loginThrough(backend, people.clerk);
    const safeguards = { encryption: true, password: false, lockedCase: false, sealed: true };
    // Due back today (22 November in Tokyo): not yet overdue.
    const { id: takeoutId } = await backend.ok('media.takeout.request', { mediumId: usb.id, purpose: '研修資料の投影', destination: '県庁研修所', contentsSummary: '研修資料', safeguards, dueBack: '2026-11-22' });
    await loginThrough(backend, people.manager);
    await backend.ok('media.takeout.approve', { takeoutId, note: '' });
    await loginThrough(backend, people.clerk);
    await backend.ok('media.takeout.checkOut', { takeoutId });
  });
});

const startClean = cleanPagesAfterEach((stage: Stage) => data.start(stage));
const countOf = (page: Page, id: string) => byTestId(page, `home-card-${id}`).locator('[data-testid="home-card-count"]').textContent();

describe('媒体管理 on the home dashboard', () => {
  it('shows the overdue take-out once the Tokyo date turns, and a click opens the 持出管理簿 filtered to it', async () => {
    const app = await startClean('out');
    const { page } = app;
    // 2026-11-22T15:00Z: the 22nd in UTC, already the 23rd in Tokyo — the take-out is overdue.
    app.clock.advance(14 * hour);
    // The officer takes media out too, and keeps the register's places (media.master): both cards are theirs.
    await loginAs(page, people.officer);
    await shown(page, 'home');
    await expect((await shown(page, 'home-card-media.overdue')).locator('[data-testid="home-card-count"]').textContent()).resolves.toBe('1件');
    await expect(byTestId(page, 'home-card-media.overdue').textContent()).resolves.toContain('返却予定日を過ぎた持出し');
    await expect(countOf(page, 'media.backupBesideTerminal')).resolves.toBe('1件');
    // What needs action comes first.
    await expect(page.locator('[data-testid="home-cards"] li:first-child [data-testid^="home-card-"]').first().getAttribute('data-testid')).resolves.toBe('home-card-media.overdue');
    await screenshot(page, 'media-home-dashboard.png');

    await byTestId(page, 'home-card-media.overdue').click();
    await shown(page, 'takeouts-screen');
    await expect(byTestId(page, 'takeouts-filter-overdue').isChecked()).resolves.toBe(true);
    await expect((await shown(page, 'takeouts-total')).textContent()).resolves.toMatch(/^全1件/);
    await shown(page, 'takeout-overdue');

    // The backup card opens the register at the medium, marked as kept beside the server.
    await byTestId(page, 'nav-home').click();
    await (await shown(page, 'home-card-media.backupBesideTerminal')).click();
    await expect((await shown(page, 'media-filter-beside-terminal')).isChecked()).resolves.toBe(true);
    await expect((await shown(page, 'media-total')).textContent()).resolves.toMatch(/^全1件/);
    await (await shown(page, 'medium-row-BK-0001')).getByRole('button', { name: 'BK-0001' }).click();
    await expect((await shown(page, 'medium-backup-beside-terminal')).textContent()).resolves.toContain('分散保管');
  });

  it('warns in the form while a backup medium is kept in the server room, clears when it moves apart, and the backup names it', async () => {
    const { page } = await startClean('out');
    await loginAs(page, people.officer);
    await byTestId(page, 'nav-media').click();
    await (await shown(page, 'media-filter-beside-terminal')).check();
    await expect((await shown(page, 'medium-beside-terminal-mark')).textContent()).resolves.toBe('サーバと同じ室');
    await (await shown(page, 'medium-row-BK-0001')).getByRole('button', { name: 'BK-0001' }).click();
    await shown(page, 'medium-backup-beside-terminal');
    await byTestId(page, 'medium-edit').click();
    const form = await shown(page, 'medium-form');
    // The same warning in the form, before saving: a warning, never a refusal (MIC §29).
    await form.locator('[data-testid="medium-backup-beside-terminal"]').waitFor();
    await byTestId(page, 'medium-form-storageLocationId').selectOption({ label: '別館 耐火金庫' });
    await form.locator('[data-testid="medium-backup-beside-terminal"]').waitFor({ state: 'detached' });
    await byTestId(page, 'medium-form-submit').click();
    await shown(page, 'medium-notice');
    // The notice comes before the reloaded medium: wait for the warning to go, never read what was there before.
    await byTestId(page, 'medium-backup-beside-terminal').waitFor({ state: 'detached' });
    await byTestId(page, 'medium-detail').getByText('別館 耐火金庫').first().waitFor();
    await logout(page);

    await loginAs(page, chief);
    await byTestId(page, 'nav-settings').click();
    await (await shown(page, 'tab-backup')).click();
    await (await shown(page, 'backup-medium-id')).selectOption({ label: 'BK-0001（別館 耐火金庫）' });
    await expect(byTestId(page, 'backup-medium-label').isDisabled()).resolves.toBe(true);
    await byTestId(page, 'backup-passphrase').fill('Hozon-2026-kinko-1');
    await byTestId(page, 'backup-passphrase-confirm').fill('Hozon-2026-kinko-1');
    await byTestId(page, 'backup-export-submit').click();
    await answerPasswordPrompt(page, chief.password);
    await shown(page, 'backup-export-result');
    await expect(byTestId(page, 'backup-export-warning').count()).resolves.toBe(0);
    await expect((await shown(page, 'backup-register-export')).textContent()).resolves.toContain('BK-0001');
    await expect(byTestId(page, 'backup-register-export').textContent()).resolves.toContain('別館 耐火金庫');
  });
});
