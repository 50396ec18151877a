import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerFile, byTestId, screenshot, shown } from './support/e2e';

/*
 * Office PCs have small screens: the users table, with realistic (long) names, departments
 * and every column filled, must fit a 1280×800 and a 1024×768 window without scrolling
 * sideways, in both languages. Screenshots go to test-results/screenshots/users-*.png.
 */
const chief = { loginId: 'kanri', displayName: '長谷川 美智子', password: 'Soukatsu-2026-michiko' };

const file = appPerFile();

async function invoke(page: Page, channel: string, input: unknown): Promise<unknown> {
  const r = (await page.evaluate(([c, i]) => window.api.invoke(c as never, i as never), [channel, input] as const)) as { ok: boolean; data?: unknown };
  expect(r.ok, `${channel}: ${JSON.stringify(r)}`).toBe(true);
  return r.data;
}

/** Setup and the users straight through the API: this test is about the screen, not the flows. */
async function seed(page: Page): Promise<void> {
  await shown(page, 'setup-wizard');
  await invoke(page, 'setup.initialize', {
    organizationName: '北海道札幌市 市民文化局 文化部',
    departmentName: '文化振興課 文化財保護係',
    chief: { loginId: chief.loginId, displayName: chief.displayName, password: chief.password },
    passwordPolicy: { minLength: 10, minClasses: 2 },
  });
  await invoke(page, 'setup.acknowledgeRecoveryKey', {});
  await invoke(page, 'auth.reauthenticate', { password: chief.password });
  const other = (await invoke(page, 'departments.create', { name: '市民生活部 戸籍住民課 住民記録担当' })) as { id: number };
  const users = [
    { loginId: 'yamamoto.kazuhiro', displayName: '山本 和宏', role: 'manager', departmentId: other.id, isMyNumberHandler: true, validUntil: '2027-03-31' },
    { loginId: 'suzuki', displayName: '鈴木 次郎', role: 'clerk', departmentId: 1, isMyNumberHandler: false, validUntil: null },
    { loginId: 'takahashi-a', displayName: '高橋 あゆみ', role: 'officer', departmentId: other.id, isMyNumberHandler: true, validUntil: '2026-12-28' },
    { loginId: 'kansa', displayName: '渡辺 健', role: 'auditor', departmentId: 1, isMyNumberHandler: false, validUntil: null },
  ];
  for (const u of users) await invoke(page, 'users.create', { ...u, initialPassword: 'Shokai-2026-pass' });
  await page.reload({ waitUntil: 'load' });
  await shown(page, 'main-frame');
}

/** How far the page and the table reach past their boxes (0: nothing hidden, no sideways scroll). */
async function overflow(page: Page, table = 'users-table'): Promise<{ page: number; table: number }> {
  return page.evaluate((id) => {
    const wrap = document.querySelector(`[data-testid="${id}"]`)!.parentElement!;
    const root = document.documentElement;
    return { page: root.scrollWidth - root.clientWidth, table: wrap.scrollWidth - wrap.clientWidth };
  }, table);
}

describe('layout on small office screens', () => {
  it('fits the users table in 1280×800 and 1024×768 windows, in Japanese and English; renames a 課等 and will not close one people belong to', async () => {
    const { page } = file.app;
    await seed(page);
    await byTestId(page, 'nav-users').click();
    await byTestId(page, 'users-table').getByRole('cell', { name: 'kansa', exact: true }).waitFor();

    for (const language of ['ja', 'en'] as const) {
      if (language === 'en') await byTestId(page, 'language-select').selectOption('en');
      for (const [width, height] of [
        [1280, 800],
        [1024, 768],
      ] as const) {
        await page.setViewportSize({ width, height });
        await screenshot(page, `users-${width}${language === 'en' ? '-en' : ''}.png`);
        expect(await overflow(page), `${language} ${width}×${height}`).toEqual({ page: 0, table: 0 });
        // Every row's actions are on screen, not cut off at the table's edge.
        const wrapBox = (await byTestId(page, 'users-table').locator('..').boundingBox())!;
        for (const button of await byTestId(page, 'users-table').locator('tbody button').all()) {
          const box = (await button.boundingBox())!;
          expect(box.x + box.width, `${language} ${width}: ${await button.textContent()}`).toBeLessThanOrEqual(wrapBox.x + wrapBox.width);
        }
      }
    }
    await byTestId(page, 'language-select').selectOption('ja');

    // The account review has the same people in a similar table.
    await byTestId(page, 'tab-review').click();
    await byTestId(page, 'account-review-table').getByRole('cell', { name: 'kansa', exact: true }).waitFor();
    await screenshot(page, 'account-review-1024.png');
    expect(await overflow(page, 'account-review-table')).toEqual({ page: 0, table: 0 });
    await page.setViewportSize({ width: 1280, height: 800 });

    // 課等: renamed in a dialog; one that people belong to is not closed, and main says why.
    await byTestId(page, 'tab-departments').click();
    const row = (name: RegExp) => byTestId(page, 'departments-table').getByRole('row', { name });
    await row(/戸籍住民課/).getByRole('button', { name: '名称変更' }).click();
    await byTestId(page, 'department-rename-name').fill('市民生活部 戸籍住民課');
    await byTestId(page, 'department-rename-submit').click();
    await byTestId(page, 'department-rename-dialog').waitFor({ state: 'detached' });
    await row(/^市民生活部 戸籍住民課/).waitFor();
    await row(/戸籍住民課/).getByRole('button', { name: '廃止' }).click();
    await expect((await shown(page, 'form-error')).textContent()).resolves.toContain('有効な利用者が2人います');
    expect(file.app.pageErrors).toEqual([]);
  });
});
