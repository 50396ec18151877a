import { describe, expect, it } from 'vitest';
import { appUrl } from '../harness/rendererRoutes';
import { answerPasswordPrompt, appPerFile, byTestId, fieldDescription, screenshot, shown, startApp } from './support/e2e';

/*
 * The organisation's time zone (設定): every date and time on screen is a day and an hour
 * there, whatever the terminal's own zone (the browser here runs in Asia/Tokyo).
 */
const chief = { loginId: 'kimura', displayName: '木村 一郎', password: 'Kanri-2026-ichiro' };

const file = appPerFile(async () => {
  const app = await startApp();
  const sender = { frameUrl: appUrl };
  const setup = { organizationName: '那覇市 総務部', departmentName: '総務課', chief, passwordPolicy: { minLength: 10, minClasses: 2 } };
  for (const [channel, input] of [['setup.initialize', setup], ['setup.acknowledgeRecoveryKey', {}], ['auth.logout', {}]] as const) {
    await expect(app.backend.dispatch(channel, input, sender)).resolves.toMatchObject({ ok: true });
  }
  await app.page.reload();
  return app;
});

describe('設定: the organisation\'s time zone', () => {
  it('shows the access log\'s times in the zone chosen in 設定, and filters it by 操作 and 対象種別 chosen in words', async () => {
    const { page } = file.app;
    await (await shown(page, 'login-id')).fill(chief.loginId);
    await byTestId(page, 'login-password').fill(chief.password);
    await byTestId(page, 'login-submit').click();
    await shown(page, 'main-frame');

    // The test clock stands at 2026-11-22 01:00 UTC: 10:00 in Japan.
    await byTestId(page, 'nav-audit').click();
    const firstTime = () => byTestId(page, 'audit-table').locator('tbody tr').first().locator('td').nth(1).textContent();
    await byTestId(page, 'audit-table').locator('tbody tr').first().waitFor();
    await expect(firstTime()).resolves.toBe('2026年11月22日 10:00');
    await expect(byTestId(page, 'audit-total').textContent()).resolves.toMatch(/^全\d+件 ・ 1 \/ 1 ページ$/);

    await byTestId(page, 'nav-settings').click();
    await expect((await shown(page, 'settings-time-zone')).inputValue()).resolves.toBe('Asia/Tokyo');
    await byTestId(page, 'settings-time-zone').selectOption('UTC');
    // A new zone moves every business date (an account's last day, due dates): a reason and the password.
    await expect((await shown(page, 'settings-weakening')).textContent()).resolves.toContain('タイムゾーンを変える');
    await byTestId(page, 'settings-reason').fill('庁舎の時刻設定の確認のため');
    await byTestId(page, 'settings-save').click();
    await answerPasswordPrompt(page, chief.password);
    // The saved notice (the weakening one may still stand beside it while the form reloads).
    await byTestId(page, 'settings-form').locator('.notice[role="status"]').filter({ hasText: '設定を保存しました' }).waitFor();
    await screenshot(page, 'settings-time-zone.png');

    await byTestId(page, 'nav-audit').click();
    await byTestId(page, 'audit-table').locator('tbody tr').first().waitFor();
    await expect(firstTime()).resolves.toBe('2026年11月22日 01:00');

    // 操作 is chosen from what the log records, in words: 設定の変更 leaves that one event.
    const actionChoices = await byTestId(page, 'audit-action').locator('option').allTextContents();
    expect(actionChoices).toEqual(expect.arrayContaining(['すべての操作', 'ログイン', '設定の変更', '台帳の照合']));
    await byTestId(page, 'audit-action').selectOption({ label: '設定の変更' });
    await byTestId(page, 'audit-target-type').selectOption({ label: '設定' });
    await byTestId(page, 'audit-search').click();
    await page.locator('[data-testid="audit-total"]', { hasText: '全1件' }).waitFor();
    await expect(byTestId(page, 'audit-table').locator('tbody tr').first().textContent()).resolves.toContain('設定の変更');
    expect(file.app.pageErrors).toEqual([]);
  });
});

describe('設定: a change that loosens a guard', () => {
  it('asks why, then the password, and keeps the reason in the access log; a tightening change asks neither', async () => {
    const { page } = file.app;
    // A session of its own: the password the zone change above took must not count here.
    if (await byTestId(page, 'main-frame').isVisible()) await byTestId(page, 'header-logout').click();
    await (await shown(page, 'login-id')).fill(chief.loginId);
    await byTestId(page, 'login-password').fill(chief.password);
    await byTestId(page, 'login-submit').click();
    await shown(page, 'main-frame');
    await byTestId(page, 'nav-settings').click();
    const saved = page.getByRole('status').filter({ hasText: '設定を保存しました。' });
    // Tightening (a shorter idle lock): no reason field, no password prompt.
    await (await shown(page, 'settings-idle-lock')).fill('3');
    await expect(byTestId(page, 'settings-weakening').count()).resolves.toBe(0);
    await byTestId(page, 'settings-save').click();
    await saved.waitFor();

    // Loosening (60 minutes): the form says so and asks for a reason before it asks for the password.
    await byTestId(page, 'settings-idle-lock').fill('60');
    await expect((await shown(page, 'settings-weakening')).textContent()).resolves.toContain('自動ロックまでの時間を延ばす');
    await byTestId(page, 'settings-save').click();
    await page.locator('.field-error', { hasText: 'この変更は安全性を下げるため、理由を入力してください。' }).waitFor();
    await expect(fieldDescription(page, 'settings-reason')).resolves.toContain('理由を入力してください');
    await byTestId(page, 'settings-reason').fill('窓口での長時間の照会対応のため');
    await screenshot(page, 'settings-weakening.png');
    await byTestId(page, 'settings-save').click();
    await answerPasswordPrompt(page, chief.password);
    // Saved: the form now matches the stored settings, so the loosening notice goes.
    await byTestId(page, 'settings-weakening').waitFor({ state: 'detached' });

    await byTestId(page, 'nav-audit').click();
    await byTestId(page, 'audit-action').selectOption({ label: '設定の変更' });
    await byTestId(page, 'audit-search').click();
    // The newest 設定の変更 is the loosening one, with its reason (the table is filled after the search returns).
    const newest = byTestId(page, 'audit-table').locator('tbody tr').first();
    await newest.filter({ hasText: '設定の変更' }).waitFor();
    await expect(newest.textContent()).resolves.toContain('窓口での長時間の照会対応のため');
    expect(file.app.pageErrors).toEqual([]);
  });
});
