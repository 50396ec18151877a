import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowserHost, type BrowserHost } from '../../harness/browserHost';
import { makeTestApp, type TestApp } from '../../integration/support/backend';

/**
 * One app per test file: Chromium headless, a fresh encrypted database in a temp folder, a
 * clock the test moves, and scrypt at a test cost (N=2^14 instead of the product's, so a
 * suite of logins stays quick; the product's cost is asserted by the backend's own tests).
 */
export const e2eKdfCost = { N: 2 ** 14, r: 8, p: 1 };
const screenshotDir = path.resolve('test-results/screenshots');

export interface E2eApp extends BrowserHost {
  dir: string;
  /** Closes the browser and the backend, then removes the temp folder. */
  dispose(): Promise<void>;
}

/**
 * `dataFrom`: a prepared data folder (a closed database and its key file) to start from,
 * copied so each test has its own; absent, the app starts empty at the setup wizard.
 */
export async function startApp(options: { dataFrom?: string } = {}): Promise<E2eApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-'));
  if (options.dataFrom) cpSync(options.dataFrom, path.join(dir, 'data'), { recursive: true });
  const host = await launchBrowserHost({
    dataDir: path.join(dir, 'data'),
    outputDir: path.join(dir, 'output'),
    headless: true,
    kdfCost: e2eKdfCost,
  });
  return {
    ...host,
    dir,
    dispose: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One app for all the tests of a file (steps of one story): started before them, disposed
 * after. `file.app` is the running app.
 */
export function appPerFile(start: () => Promise<E2eApp> = startApp): { readonly app: E2eApp } {
  const file = {} as { app: E2eApp };
  beforeAll(async () => {
    file.app = await start();
  });
  afterAll(async () => {
    await file.app?.dispose();
  });
  return file;
}

/** Makes the data folder `to`, from a copy of `from` if given, by acting on it through the backend. */
export type Stager<S extends string> = (to: S, from: S | null, act: (backend: TestApp) => Promise<unknown>) => Promise<void>;

/**
 * Data folders made once per file straight through the backend (the UI steps are the tests'
 * business), and one app per test started from a copy of one of them: `start(stage)` in a
 * test. The app goes after its test, the folders after the file.
 */
export function preparedPerFile<S extends string>(prepare: (stage: Stager<S>) => Promise<void>): { dir(stage: S): string; start(stage: S): Promise<E2eApp> } {
  const state: { root: string; app?: E2eApp } = { root: '' };
  const dir = (stage: S) => path.join(state.root, stage);
  beforeAll(async () => {
    state.root = mkdtempSync(path.join(tmpdir(), 'daicho-e2e-data-'));
    await prepare(async (to, from, act) => {
      if (from) cpSync(dir(from), dir(to), { recursive: true });
      const backend = makeTestApp({ dir: dir(to) });
      try {
        await act(backend);
      } finally {
        backend.close();
      }
    });
  });
  afterEach(async () => {
    await state.app?.dispose();
    delete state.app;
  });
  afterAll(() => rmSync(state.root, { recursive: true, force: true }));
  return {
    dir,
    start: async (stage) => (state.app = await startApp({ dataFrom: dir(stage) })),
  };
}

/** A recovery key as read back from paper or the screen: without spaces and hyphens. */
export const compactKey = (s: string) => s.replace(/[\s-]+/g, '');

export function byTestId(page: Page, id: string): Locator {
  return page.locator(`[data-testid="${id}"]`);
}

/** Waits until the element is visible: the app's explicit UI states, never a sleep. */
export async function shown(page: Page, id: string): Promise<Locator> {
  const locator = byTestId(page, id);
  await locator.waitFor({ state: 'visible' });
  return locator;
}

/** Answers the password prompt an export, a list print or a loosening setting brings up (REAUTH_REQUIRED). */
export async function answerPasswordPrompt(page: Page, password: string): Promise<void> {
  await (await shown(page, 'reauth-password')).fill(password);
  await byTestId(page, 'reauth-submit').click();
  await byTestId(page, 'reauth-dialog').waitFor({ state: 'detached' });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

/**
 * Fills the three setup-wizard steps (keeping the suggested password policy) and submits.
 * `atPolicyStep` runs once step 2 is shown, before moving on (e.g. for a screenshot).
 */
export async function fillSetupWizard(
  page: Page,
  org: { name: string; department: string },
  chief: { loginId: string; displayName: string; password: string },
  atPolicyStep?: () => Promise<void>,
): Promise<void> {
  await (await shown(page, 'setup-org-name')).fill(org.name);
  await byTestId(page, 'setup-dept-name').fill(org.department);
  await byTestId(page, 'setup-next').click();
  // Step 2 keeps the suggested policy (10 characters, 2 classes).
  await shown(page, 'setup-min-length');
  await atPolicyStep?.();
  await byTestId(page, 'setup-next').click();
  await (await shown(page, 'setup-login-id')).fill(chief.loginId);
  await byTestId(page, 'setup-display-name').fill(chief.displayName);
  await byTestId(page, 'setup-password').fill(chief.password);
  await byTestId(page, 'setup-password-confirm').fill(chief.password);
  await byTestId(page, 'setup-submit').click();
}

/** The text of the messages a field points to with aria-describedby (its hint and error). */
export async function fieldDescription(page: Page, testId: string): Promise<string> {
  return byTestId(page, testId).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join('\n'),
  );
}

/**
 * Starts each test's app through the returned function and, after the test, expects that app to
 * have had no script error and sent no request out. Call it after `preparedPerFile`, so its
 * afterEach runs first, before the app is disposed.
 */
export function cleanPagesAfterEach<S>(start: (stage: S) => Promise<E2eApp>): (stage: S) => Promise<E2eApp> {
  let started: E2eApp | undefined;
  afterEach(() => {
    const app = started;
    started = undefined;
    expect(app?.pageErrors ?? []).toEqual([]);
    expect(app?.blockedRequests ?? []).toEqual([]);
  });
  return async (stage) => (started = await start(stage));
}
