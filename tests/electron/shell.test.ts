import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The Electron shell itself, in the real Electron binary: window options, CSP header,
 * navigation / window / permission refusals and the preload surface.
 *
 * Electron ≥ 42 downloads its binary on first run, and that download cannot happen on the
 * build machines, so these tests run only where the binary is already present. The path is
 * read from the electron package's path.txt and dist/ folder; `require('electron')` is
 * avoided on purpose, because it starts the download when the binary is missing.
 */

const electronPackage = path.resolve('node_modules/electron');
const mainScript = path.resolve('dist/electron/main.js');

function electronBinary(): string | null {
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) console.log('Electron binary not present (cannot be downloaded on this machine): skipping Electron shell tests');

describe.skipIf(!binary)('Electron shell', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(mainScript)) throw new Error('dist/electron/main.js is missing: run `npm run build` first (npm run test:e2e does).');
    dataDir = mkdtempSync(path.join(tmpdir(), 'daicho-electron-'));
    app = await _electron.launch({
      executablePath: binary ?? undefined,
      args: [mainScript],
      env: { ...process.env, DAICHO_DATA_DIR: dataDir } as Record<string, string>,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('load');
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the renderer from app://daicho with hardened webPreferences', async () => {
    expect(page.url()).toBe('app://daicho/index.html');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      // getLastWebPreferences exists at runtime but is missing from electron.d.ts.
      type WithPrefs = { getLastWebPreferences(): Electron.WebPreferences | null };
      const p = (window?.webContents as unknown as WithPrefs | undefined)?.getLastWebPreferences();
      return p && { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity, webviewTag: p.webviewTag };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('sends the CSP header with app:// responses and refuses traversal', async () => {
    const result = await app.evaluate(async ({ session }) => {
      const index = await session.defaultSession.fetch('app://daicho/index.html');
      const traversal = await session.defaultSession.fetch('app://daicho/..%2F..%2Fpackage.json');
      return { status: index.status, csp: index.headers.get('content-security-policy'), traversal: traversal.status };
    });
    expect(result.status).toBe(200);
    expect(result.csp).toContain("default-src 'none'");
    expect(result.csp).toContain("connect-src 'none'");
    expect(result.traversal).toBeGreaterThanOrEqual(400);
  });

  it('does not navigate away', async () => {
    // Wait on the main process's own event rather than sleeping: will-navigate fires, is refused.
    const attempted = app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<string>((resolve) => BrowserWindow.getAllWindows()[0]?.webContents.once('will-navigate', (_event, url) => resolve(url))),
    );
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(await attempted).toBe('https://example.com/');
    expect(page.url()).toBe('app://daicho/index.html');
  });

  it('opens no new window', async () => {
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('denies permission requests', async () => {
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    const media = await page.evaluate(() =>
      navigator.mediaDevices.getUserMedia({ audio: true }).then(
        () => 'granted',
        (error: Error) => error.name,
      ),
    );
    expect(media).not.toBe('granted');
  });

  it('gives the page no Node and only the two api functions', async () => {
    const surface = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      api: Object.keys((window as unknown as { api: object }).api).sort(),
    }));
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', api: ['invoke', 'onEvent'] });
  });

  it('refuses an unknown channel, and answers a known one', async () => {
    const [unknown, status] = await page.evaluate(async () => {
      const api = (window as unknown as { api: { invoke(channel: string, input: unknown): Promise<{ ok: boolean; code?: string }> } }).api;
      return [await api.invoke('fs.readFile', { path: '/etc/passwd' }), await api.invoke('app.status', {})];
    });
    expect(unknown).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    expect(status).toMatchObject({ ok: true });
  });

  it('returns an unsubscribe function from onEvent', async () => {
    const kind = await page.evaluate(() => {
      const api = (window as unknown as { api: { onEvent(listener: () => void): () => void } }).api;
      const off = api.onEvent(() => undefined);
      const type = typeof off;
      off();
      return type;
    });
    expect(kind).toBe('function');
  });
});
