import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfToText } from '../integration/support/pdfText';
import { appPerFile, byTestId, compactKey, fieldDescription, fillSetupWizard, screenshot, shown } from './support/e2e';

/*
 * The foundation issue as one story, through the real renderer, the real router and the real
 * encrypted database: first-run setup, the recovery key printed and read back from the PDF,
 * a clerk created by the chief (with the password re-entered), the clerk's first login, the
 * idle lock, and a clerk refused a chief-only action both in the UI and at the router.
 */
const org = { name: '札幌市 市民文化局', department: '総務課' };
const chief = { loginId: 'tanaka', displayName: '田中 花子', password: 'Kanri-2026-hanako' };
const clerk = { loginId: 'suzuki', displayName: '鈴木 次郎', initial: 'Shokai-2026-jiro', password: 'Atarashii-2026-jiro' };

const file = appPerFile();

async function completeSetupWizard(page: Page): Promise<void> {
  await shown(page, 'setup-wizard');
  await screenshot(page, 'setup.png');
  await fillSetupWizard(page, org, chief);
}

async function createClerkAsChief(page: Page): Promise<void> {
  await byTestId(page, 'nav-users').click();
  await shown(page, 'users-table');
  await byTestId(page, 'users-create').click();
  await shown(page, 'user-create-dialog');
  await byTestId(page, 'user-create-login-id').fill(clerk.loginId);
  await byTestId(page, 'user-create-display-name').fill(clerk.displayName);
  await byTestId(page, 'user-create-role').selectOption('clerk');
  // The first (and only) department is preselected once the list has loaded.
  await byTestId(page, 'user-create-department').locator('option').first().waitFor({ state: 'attached' });
  await expect(byTestId(page, 'user-create-department').inputValue()).resolves.toMatch(/^\d+$/);
  await byTestId(page, 'user-create-initial-password').fill(clerk.initial);
  await byTestId(page, 'user-create-password-confirm').fill(clerk.initial);
  await byTestId(page, 'user-create-submit').click();
  // users.create needs a password entered in the last few minutes: main asks, the UI prompts.
  await (await shown(page, 'reauth-password')).fill(chief.password);
  await byTestId(page, 'reauth-submit').click();
  await byTestId(page, 'user-create-dialog').waitFor({ state: 'detached' });
  await byTestId(page, 'users-table').getByRole('cell', { name: clerk.loginId, exact: true }).waitFor();
}

async function firstLoginAsClerk(page: Page): Promise<void> {
  await (await shown(page, 'login-id')).fill(clerk.loginId);
  await byTestId(page, 'login-password').fill(clerk.initial);
  await byTestId(page, 'login-submit').click();
  // An account created by an administrator must replace its initial password first.
  await shown(page, 'must-change-password');
  // The policy's rules stand beside the new password before the first try.
  await expect(fieldDescription(page, 'change-password-new')).resolves.toMatch(/\d+文字以上で、英小文字・英大文字・数字・記号のうち\d種類以上を組み合わせてください。/);
  await byTestId(page, 'change-password-current').fill(clerk.initial);
  await byTestId(page, 'change-password-new').fill(clerk.password);
  await byTestId(page, 'change-password-confirm').fill(clerk.password);
  await byTestId(page, 'change-password-submit').click();
}

describe('foundation: setup, recovery key, accounts, idle lock, permissions', () => {
  it('runs the first-day story end to end on the real encrypted database', async () => {
    const { page } = file.app;

    // 1. First run: organisation, department, policy, chief → the recovery key, shown once.
    await completeSetupWizard(page);
    const keyOnScreen = compactKey((await (await shown(page, 'recovery-key')).textContent()) ?? '');
    expect(keyOnScreen).toMatch(/^[0-9A-Z]{32}$/);
    await screenshot(page, 'recovery-key.png');

    // 2. Print it: the host's printer writes a PDF; the paper must carry the key and the organisation.
    await byTestId(page, 'recovery-print').click();
    await shown(page, 'recovery-saved');
    expect(file.app.printedPdfs).toHaveLength(1);
    const paper = compactKey(pdfToText(readFileSync(file.app.printedPdfs[0]!)));
    expect(paper).toContain(keyOnScreen);
    expect(paper).toContain(compactKey(org.name));

    // 3. Acknowledge → the main frame, as the chief.
    await byTestId(page, 'recovery-ack').check();
    await byTestId(page, 'recovery-finish').click();
    await shown(page, 'main-frame');
    await expect(byTestId(page, 'header-user').textContent()).resolves.toContain(chief.displayName);
    await screenshot(page, 'main-frame.png');

    // 4. The chief adds a clerk (re-entering the password when asked).
    await createClerkAsChief(page);
    await screenshot(page, 'users.png');

    // 5. Log out; the clerk logs in for the first time and must change the password.
    await byTestId(page, 'header-logout').click();
    await shown(page, 'login-screen');
    await screenshot(page, 'login.png');
    await firstLoginAsClerk(page);
    await shown(page, 'main-frame');
    await expect(byTestId(page, 'header-user').textContent()).resolves.toContain(clerk.displayName);
    await screenshot(page, 'main-frame-clerk.png');

    // 6. Idle past the limit (5 minutes by default): main locks, and nothing of the app stays on screen.
    file.app.clock.advance(6 * 60_000);
    file.app.backend.checkIdle();
    await shown(page, 'lock-screen');
    await byTestId(page, 'main-frame').waitFor({ state: 'detached' });
    const lockedText = (await page.locator('body').innerText()).normalize('NFKC');
    for (const secret of [org.name, org.department, chief.displayName, '利用者管理', 'ホーム']) {
      expect(lockedText).not.toContain(secret.normalize('NFKC'));
    }
    await expect(page.locator('nav, dialog[open], table').count()).resolves.toBe(0);
    await screenshot(page, 'lock.png');

    // 7. Unlock with the clerk's (new) password → back in the frame.
    await byTestId(page, 'lock-password').fill(clerk.password);
    await byTestId(page, 'lock-unlock').click();
    await shown(page, 'main-frame');

    // 8. A clerk cannot manage accounts: the menu hides it, and the router refuses a direct call.
    await shown(page, 'nav-home');
    await expect(byTestId(page, 'nav-users').count()).resolves.toBe(0);
    await expect(page.getByText('利用者管理').count()).resolves.toBe(0);
    const direct = await page.evaluate(() =>
      window.api.invoke('users.create', {
        loginId: 'intruder',
        displayName: '侵入 者',
        role: 'chief',
        departmentId: 1,
        isMyNumberHandler: false,
        validUntil: null,
        initialPassword: 'Shinnyu-2026-x',
      }),
    );
    expect(direct).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });

    // The app made no request outside its own origin, and every asset it asked for existed.
    expect(file.app.blockedRequests).toEqual([]);
    expect(file.app.missingFiles).toEqual([]);
    expect(file.app.pageErrors).toEqual([]);
  });
});
