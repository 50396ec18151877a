import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUrl } from '../harness/rendererRoutes';
import { appPerFile, byTestId, fieldDescription, fillSetupWizard, screenshot, shown, startApp } from './support/e2e';

/*
 * The IPC boundary as the page sees it. The renderer is untrusted: whatever it sends, the
 * router in the Node process decides — unknown channels, malformed input, frames from
 * another origin — and the page itself cannot run injected inline script (CSP).
 */
const myNumber = '123456789018'; // a well-formed 個人番号 (its check digit is right)
const myNumberMessage = '個人番号（マイナンバー）と思われる12桁の番号が含まれています。個人番号は記録できません。';
const chief = { loginId: 'yamada', displayName: '山田 太郎', password: 'Kanri-2026-taro' };

const file = appPerFile(async () => {
  const app = await startApp();
  await shown(app.page, 'setup-wizard');
  return app;
});

function invoke(page: Page, channel: string, input: unknown) {
  return page.evaluate(([c, i]) => window.api.invoke(c as never, i as never), [channel, input] as const);
}

describe('the IPC boundary, from the page', () => {
  it('refuses a channel the contract does not name', async () => {
    for (const channel of ['nope.channel', 'constructor', '__proto__', 'toString']) {
      await expect(invoke(file.app.page, channel, {})).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    }
  });

  it('refuses a 個人番号 in free text, and the wizard shows why next to the field', async () => {
    const { page } = file.app;
    const input = {
      organizationName: `札幌市 ${myNumber}`,
      departmentName: '総務課',
      chief,
      passwordPolicy: { minLength: 10, minClasses: 2 },
    };
    const direct = await invoke(page, 'setup.initialize', input);
    expect(direct).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(direct.ok ? [] : direct.issues).toContainEqual({ path: ['organizationName'], messageKey: 'validation.myNumber' });

    // The same through the UI: main refuses at the last step, the wizard goes back to step 1.
    await fillSetupWizard(page, { name: input.organizationName, department: input.departmentName }, chief);
    await page.locator('[data-testid="setup-org-name"][aria-invalid="true"]').waitFor();
    expect(await fieldDescription(page, 'setup-org-name')).toContain(myNumberMessage);
    await screenshot(page, 'setup-mynumber.png');
    // Nothing was created.
    await expect(file.app.backend.dispatch('app.status', {}, { frameUrl: appUrl })).resolves.toMatchObject({ ok: true, data: { setUp: false } });
  });

  it('refuses a frame from another origin, even one that can reach the bridge', async () => {
    // A hostile page in the same browser: the binding is there, the router still says no.
    await file.app.context.route('https://evil.invalid/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><script>
          window.viaBinding = window.__daichoInvoke('app.status', {});
          window.viaApi = window.api.invoke('app.status', {});
        </script>`,
      }),
    );
    const evil = await file.app.context.newPage();
    try {
      await evil.goto('https://evil.invalid/');
      const results = await evil.evaluate(async () => {
        const w = window as unknown as { viaBinding: Promise<unknown>; viaApi: Promise<unknown> };
        return [await w.viaBinding, await w.viaApi];
      });
      for (const result of results) expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN_SENDER' });
    } finally {
      await evil.close();
    }
    // An origin that merely starts with the app's is another origin.
    const lookalike = await file.app.backend.dispatch('app.status', {}, { frameUrl: 'https://daicho.invalid.evil.example/index.html' });
    expect(lookalike).toMatchObject({ ok: false, code: 'FORBIDDEN_SENDER' });
  });

});

describe('the page itself: its script policy and its language', () => {
  it('runs no injected inline script (Content-Security-Policy)', async () => {
    const { page } = file.app;
    const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    expect(meta).toMatch(/script-src 'self'(;|$)/);
    expect(meta).toMatch(/connect-src 'none'/);
    // Code run through DevTools (page.evaluate) is exempt from CSP, so the test listens for
    // the browser's own report of the refusal rather than trying eval() from here.
    await page.evaluate(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(e.effectiveDirective));
    });
    await page.addScriptTag({ content: 'window.__injected = 1;' }).catch(() => undefined);
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length > 0);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toContain('script-src-elem');
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  });

  it('shows the login screen in English once English is chosen', async () => {
    const { page, backend } = file.app;
    const sender = { frameUrl: appUrl };
    const setup = { organizationName: '札幌市 総務局', departmentName: '総務課', chief, passwordPolicy: { minLength: 10, minClasses: 2 } };
    await expect(backend.dispatch('setup.initialize', setup, sender)).resolves.toMatchObject({ ok: true });
    await expect(backend.dispatch('setup.acknowledgeRecoveryKey', {}, sender)).resolves.toMatchObject({ ok: true });
    await expect(backend.dispatch('auth.logout', {}, sender)).resolves.toMatchObject({ ok: true });
    await page.reload();
    await shown(page, 'login-screen');
    await byTestId(page, 'language-select').selectOption('en');
    await page.locator('[data-testid="login-submit"]', { hasText: 'Log in' }).waitFor();
    expect(await byTestId(page, 'login-screen').locator('label').allInnerTexts()).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Login ID/),
      expect.stringMatching(/^Password/),
    ]));
    await screenshot(page, 'login-en.png');

    expect(file.app.blockedRequests).toEqual([]);
    expect(file.app.missingFiles).toEqual([]);
    expect(file.app.pageErrors).toEqual([]);
  });
});
