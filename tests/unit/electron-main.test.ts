import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcEventChannel } from '../../db/contract';

/**
 * electron/main.ts wired to the real backend (real SQLCipher database in a temp folder),
 * with a stand-in for the `electron` module: checks what main adds on top of the backend —
 * the sender gate, forwarding, push events, OS lock, closing on quit.
 */

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Handler[]>();
  const on = (scope: string) => (name: string, fn: Handler) => void listeners.set(`${scope}:${name}`, [...(listeners.get(`${scope}:${name}`) ?? []), fn]);
  const emit = (scope: string, name: string, ...args: unknown[]) => (listeners.get(`${scope}:${name}`) ?? []).forEach((fn) => fn(...args));
  const paths: Record<string, string> = { userData: '/nonexistent', documents: '/nonexistent' };
  const session = {
    protocol: { handle: () => undefined },
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    on: () => undefined,
    webRequest: { onBeforeRequest: () => undefined },
  };
  return { listeners, on, emit, paths, session, invoke: null as Handler | null, windows: [] as { webContents: { send: Handler } }[], sent: [] as unknown[][], exit: vi.fn() };
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: (...args: unknown[]) => void fake.sent.push(args), on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor(readonly options: unknown) {
      fake.windows.push(this);
    }
    once() {}
    on() {}
    loadURL() {
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    app: {
      isPackaged: false,
      commandLine: { hasSwitch: () => false },
      setPath: (name: string, value: string) => void (fake.paths[name] = value),
      getPath: (name: string) => fake.paths[name],
      getVersion: () => '0.1.0-test',
      enableSandbox: () => undefined,
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: fake.on('app'),
      quit: () => undefined,
      exit: fake.exit,
    },
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: (_channel: string, fn: Handler) => void (fake.invoke = fn), removeHandler: () => undefined },
    powerMonitor: { on: fake.on('power') },
    protocol: { registerSchemesAsPrivileged: () => undefined },
    session: { defaultSession: fake.session, fromPartition: () => fake.session },
  };
});

describe('electron/main.ts', () => {
  let dataDir: string;
  let window: { webContents: unknown };
  const trusted = () => ({ sender: window.webContents, senderFrame: { url: 'app://daicho/index.html', parent: null } });
  const invoke = (event: unknown, channel: unknown, payload: unknown = {}) => Promise.resolve((fake.invoke as Handler)(event, channel, payload));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'daicho-main-'));
    process.env.DAICHO_DATA_DIR = dataDir;
    await import('../../electron/main');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    window = fake.windows[0] as typeof window;
  });

  afterAll(() => {
    delete process.env.DAICHO_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses DAICHO_DATA_DIR as the data folder and starts without error', () => {
    expect(fake.paths.userData).toBe(path.resolve(dataDir));
    expect(fake.exit).not.toHaveBeenCalled();
    expect(fake.invoke).not.toBeNull();
  });

  it('forwards a call from the main window to the backend', async () => {
    await expect(invoke(trusted(), 'app.status')).resolves.toMatchObject({ ok: true, data: { setUp: false, version: '0.1.0-test', session: null } });
  });

  it('refuses other senders, subframes and foreign origins', async () => {
    const forbidden = { ok: false, code: 'FORBIDDEN_SENDER' };
    await expect(invoke({ ...trusted(), sender: {} }, 'app.status')).resolves.toMatchObject(forbidden);
    await expect(invoke({ ...trusted(), senderFrame: { url: 'app://daicho/index.html', parent: {} } }, 'app.status')).resolves.toMatchObject(forbidden);
    await expect(invoke({ ...trusted(), senderFrame: null }, 'app.status')).resolves.toMatchObject(forbidden);
    await expect(invoke({ ...trusted(), senderFrame: { url: 'https://example.com/', parent: null } }, 'app.status')).resolves.toMatchObject(forbidden);
  });

  it('lets the backend refuse unknown and malformed channels', async () => {
    await expect(invoke(trusted(), 'fs.readFile')).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    await expect(invoke(trusted(), { toString: () => 'app.status' })).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
  });

  it('locks the session when the OS locks, pushing the event to the main window', async () => {
    const setup = await invoke(trusted(), 'setup.initialize', {
      organizationName: 'テスト市 総務課',
      departmentName: '総務課',
      chief: { loginId: 'chief', displayName: '総括 太郎', password: 'Correct-Horse-42-battery' },
      passwordPolicy: { minLength: 12, minClasses: 3 },
    });
    expect(setup).toMatchObject({ ok: true });
    expect(fake.listeners.get('power:suspend')).toHaveLength(1);
    fake.emit('power', 'lock-screen');
    expect(fake.sent).toContainEqual([ipcEventChannel, { type: 'session.locked', reason: 'os' }]);
    await expect(invoke(trusted(), 'settings.get')).resolves.toMatchObject({ ok: false, code: 'SESSION_LOCKED' });
  });

  it('closes the backend on quit (the session ends with it)', async () => {
    expect(() => fake.emit('app', 'will-quit')).not.toThrow();
    await expect(invoke(trusted(), 'session.current')).resolves.toEqual({ ok: true, data: null });
  });
});
