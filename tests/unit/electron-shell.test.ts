import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcEventChannel, ipcInvokeChannel, type DaichoApi } from '../../db/contract';
import { rendererCsp } from '../../electron/csp';
import { resolveRendererFile } from '../../electron/rendererFiles';

/**
 * The shell's own logic under Node, with a stand-in for the `electron` module (its binary
 * cannot run here; tests/electron covers the real thing where it can). What is checked is
 * this code's behaviour — preload allow-list and unsubscribe, the app:// handler, the
 * refusals, the print job lifecycle — not Electron's.
 */

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const emitter = () => {
    const listeners = new Map<string, Set<Listener>>();
    return {
      listeners,
      on(name: string, fn: Listener) {
        listeners.set(name, (listeners.get(name) ?? new Set()).add(fn));
        return this;
      },
      removeListener(name: string, fn: Listener) {
        listeners.get(name)?.delete(fn);
        return this;
      },
      emit(name: string, ...args: unknown[]) {
        for (const fn of listeners.get(name) ?? []) fn(...args);
      },
    };
  };
  const handlers: Record<string, unknown> = {};
  const session = () => ({
    ...emitter(),
    handlers: {} as Record<string, (...args: never[]) => unknown>,
    protocol: { handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => void (handlers[scheme] = handler) },
    setPermissionRequestHandler(h: never) { this.handlers.request = h; },
    setPermissionCheckHandler(h: never) { this.handlers.check = h; },
    setDevicePermissionHandler(h: never) { this.handlers.device = h; },
    setDisplayMediaRequestHandler(h: never) { this.handlers.display = h; },
    webRequest: { onBeforeRequest: (h: never) => void (handlers.beforeRequest = h) },
  });
  return {
    emitter,
    session,
    handlers,
    exposed: {} as Record<string, unknown>,
    ipcRenderer: { ...emitter(), invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: {} })) },
    app: { ...emitter(), isPackaged: false, commandLine: { hasSwitch: () => false } },
    windows: [] as { destroyed: boolean; loaded: string; options: Record<string, unknown> }[],
    printOutcome: { success: true, reason: '' },
  };
});

vi.mock('electron', () => {
  const printSession = fake.session();
  class BrowserWindow {
    destroyed = false;
    loaded = '';
    document: Response | null = null;
    constructor(readonly options: Record<string, unknown>) {
      fake.windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded = url;
      const handler = fake.handlers.app as (r: Request) => Promise<Response>;
      this.document = await handler(new Request(url));
    }
    webContents = {
      printToPDF: async () => Buffer.from(await (this.document as Response).text()),
      print: (_options: unknown, done: (success: boolean, reason: string) => void) => done(fake.printOutcome.success, fake.printOutcome.reason),
    };
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    app: fake.app,
    BrowserWindow,
    session: { fromPartition: () => printSession },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (fake.exposed[key] = value) },
    ipcRenderer: fake.ipcRenderer,
  };
});

describe('preload', () => {
  let api: DaichoApi;
  beforeAll(async () => {
    await import('../../electron/preload');
    api = fake.exposed.api as DaichoApi;
  });

  it('exposes only window.api with invoke and onEvent', () => {
    expect(Object.keys(fake.exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('refuses an unknown channel without any IPC', async () => {
    fake.ipcRenderer.invoke.mockClear();
    const invoke = api.invoke as (channel: unknown, input: unknown) => Promise<unknown>;
    for (const channel of ['fs.readFile', '__proto__', 'constructor', 42, null]) {
      await expect(invoke(channel, {})).resolves.toEqual({ ok: false, code: 'UNKNOWN_CHANNEL', messageKey: 'errors.UNKNOWN_CHANNEL' });
    }
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('forwards a contract channel on the one invoke channel', async () => {
    await api.invoke('app.status', {});
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(ipcInvokeChannel, 'app.status', {});
  });

  it('delivers only the event payload, and unsubscribes exactly its own listener', () => {
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.onEvent(first);
    api.onEvent(second);
    const payload = { type: 'session.locked', reason: 'os' };
    fake.ipcRenderer.emit(ipcEventChannel, { sender: 'ipcRenderer' }, payload);
    expect(first).toHaveBeenCalledWith(payload);
    expect(first.mock.calls[0]).toHaveLength(1);
    offFirst();
    fake.ipcRenderer.emit(ipcEventChannel, {}, payload);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    expect(fake.ipcRenderer.listeners.get(ipcEventChannel)?.size).toBe(1);
  });
});

describe('app:// protocol', () => {
  let root: string;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'daicho-renderer-'));
    mkdirSync(path.join(root, 'fonts'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(root, 'app.js'), 'void 0;');
    writeFileSync(path.join(root, 'secret.txt'), 'not served');
    writeFileSync(path.join(path.dirname(root), 'outside.js'), 'outside');
    const { serveRenderer } = await import('../../electron/protocol');
    serveRenderer(fake.session() as never, root);
    handler = fake.handlers.app as typeof handler;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves renderer files with their type and the CSP header', async () => {
    const response = await handler(new Request('app://daicho/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(rendererCsp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await handler(new Request('app://daicho/app.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    ['app://daicho/..%2Foutside.js', 400],
    ['app://daicho/fonts/..%2F..%2Foutside.js', 400],
    ['app://daicho/%2E%2E%2Foutside.js', 400],
    ['app://daicho/..%5Coutside.js', 400],
    ['app://daicho/C:%2FWindows%2Fwin.ini', 400],
    ['app://daicho/app.js%00.html', 400],
    ['app://daicho/%E0%A4%A', 400],
    ['app://daicho/secret.txt', 404],
    ['app://daicho/missing.js', 404],
    ['app://daicho/fonts', 404],
    ['app://elsewhere/index.html', 404],
  ])('refuses %s', async (url, status) => {
    expect((await handler(new Request(url))).status).toBe(status);
  });

  it('answers only GET', async () => {
    expect((await handler(new Request('app://daicho/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('never resolves outside the root, whatever the URL', () => {
    for (const url of ['app://daicho/', 'app://daicho/a/./b/../../index.html', 'app://daicho//index.html']) {
      const file = resolveRendererFile(root, url);
      if (file.ok) expect(file.filePath.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('session and webContents refusals', () => {
  it('denies permissions and devices, and cancels every non-local request', async () => {
    const { hardenSession } = await import('../../electron/security');
    const ses = fake.session();
    hardenSession(ses as never);
    const granted = vi.fn();
    (ses.handlers.request as unknown as (w: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect((ses.handlers.check as unknown as () => boolean)()).toBe(false);
    expect((ses.handlers.device as unknown as () => boolean)()).toBe(false);
    const decide = (url: string) => {
      let verdict: unknown;
      (fake.handlers.beforeRequest as (d: { url: string }, cb: (r: unknown) => void) => void)({ url }, (r) => (verdict = r));
      return verdict;
    };
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://localhost/', 'file:///etc/passwd', 'ftp://x/', 'not a url']) {
      expect(decide(url)).toEqual({ cancel: true });
    }
    for (const url of ['app://daicho/index.html', 'data:image/png;base64,AA==']) expect(decide(url)).toEqual({ cancel: false });
    const download = { preventDefault: vi.fn() };
    ses.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('refuses navigation, redirects, webviews and new windows in every webContents', async () => {
    const { hardenAllWebContents } = await import('../../electron/security');
    hardenAllWebContents();
    let openHandler: (() => unknown) | undefined;
    const contents = { ...fake.emitter(), setWindowOpenHandler: (h: () => unknown) => void (openHandler = h) };
    fake.app.emit('web-contents-created', {}, contents);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });
});

describe('printer', () => {
  it('prints from memory in a window without JavaScript, then forgets the document', async () => {
    const { createElectronPrinter } = await import('../../electron/printer');
    const printer = createElectronPrinter();
    const pdf = await printer.toPdf('<p>回復キー</p>');
    expect(pdf.toString()).toBe('<p>回復キー</p>');
    const window = fake.windows.at(-1);
    expect(window?.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window?.options.webPreferences).not.toHaveProperty('preload');
    expect(window?.loaded).toMatch(/^app:\/\/print\/[0-9a-f-]{36}\.html$/);
    expect(window?.destroyed).toBe(true);
    const again = await (fake.handlers.app as (r: Request) => Promise<Response>)(new Request(window?.loaded ?? ''));
    expect(again.status).toBe(404);
  });

  it('resolves false when the print dialog is cancelled, and fails on a printer error', async () => {
    const { createElectronPrinter } = await import('../../electron/printer');
    const printer = createElectronPrinter();
    fake.printOutcome = { success: true, reason: '' };
    await expect(printer.print('<p>x</p>')).resolves.toBe(true);
    fake.printOutcome = { success: false, reason: 'cancelled' };
    await expect(printer.print('<p>x</p>')).resolves.toBe(false);
    fake.printOutcome = { success: false, reason: 'failed' };
    await expect(printer.print('<p>x</p>')).rejects.toThrow(/failed/);
    expect(fake.windows.every((w) => w.destroyed)).toBe(true);
  });
});
