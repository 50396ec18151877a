import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend } from '../../../db/app';
import type { Backend } from '../../../db/backend';
import type { AppEvent, ChannelInput, ChannelName, ChannelOutput, Failure, Result } from '../../../db/contract';
import type { HostPorts } from '../../../db/ports';

/**
 * A real backend on a real SQLCipher file in a temp folder, with a clock the test moves,
 * a printer that records what it was given and dialogs that answer with a path in the
 * folder. scrypt runs at a lower cost than the product's, so a suite of logins stays quick;
 * the product's cost is asserted separately.
 */
export const trustedOrigin = 'app://daicho';
export const testKdfCost = { N: 2 ** 14, r: 8, p: 1 };

export interface TestApp {
  /** The data folder (daicho.db, keyring.json, lockout.json). */
  dir: string;
  /** A folder outside the data folder for what the app saves (CSV, PDF): main refuses to save inside the data folder. */
  outDir: string;
  backend: Backend;
  clock: { now: () => number; advance: (ms: number) => void };
  printed: { html: string; kind: 'pdf' | 'print' }[];
  events: AppEvent[];
  /** Next answer of the save dialog; null = the user cancels. */
  saveAnswer: { path: string | null };
  /** Next answer of the open dialog (the file the user picks); null = the user cancels. */
  openAnswer: { path: string | null };
  call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  ok<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>;
  fail<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<Failure>;
  /** Sends a payload past the channels' types, as a hostile or broken renderer could (the router still checks it). */
  send(channel: string, payload: unknown): Promise<Result<unknown>>;
  close(): void;
}

export function makeTestApp(options: { dir?: string; startAt?: number } = {}): TestApp {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'daicho-test-'));
  let now = options.startAt ?? Date.parse('2026-11-22T01:00:00Z');
  const printed: TestApp['printed'] = [];
  const outDir = mkdtempSync(path.join(tmpdir(), 'daicho-out-'));
  const saveAnswer: TestApp['saveAnswer'] = { path: path.join(outDir, 'out.pdf') };
  const openAnswer: TestApp['openAnswer'] = { path: null };
  const ports: HostPorts = {
    clock: { now: () => now },
    printer: {
      toPdf: async (html) => {
        printed.push({ html, kind: 'pdf' });
        return Buffer.from('%PDF-1.4 test\n');
      },
      print: async (html) => {
        printed.push({ html, kind: 'print' });
        return true;
      },
    },
    dialogs: { chooseSavePath: async () => saveAnswer.path, chooseOpenPath: async () => openAnswer.path },
  };
  const backend = createBackend({
    dataDir: dir,
    ports,
    trustedOrigins: [trustedOrigin],
    appVersion: '0.0.0-test',
    idleCheckIntervalMs: null,
    kdfCost: testKdfCost,
  });
  const events: AppEvent[] = [];
  backend.onEvent((e) => events.push(e));
  const call = ((channel: ChannelName, input?: unknown) =>
    backend.dispatch(channel, input ?? {}, { frameUrl: `${trustedOrigin}/index.html` })) as TestApp['call'];
  return {
    dir,
    outDir,
    backend,
    clock: { now: () => now, advance: (ms) => void (now += ms) },
    printed,
    events,
    saveAnswer,
    openAnswer,
    call,
    ok: (async (channel: ChannelName, input?: unknown) => {
      const r = await call(channel, input as never);
      if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r)}`);
      return r.data;
    }) as TestApp['ok'],
    fail: (async (channel: ChannelName, input?: unknown) => {
      const r = await call(channel, input as never);
      if (r.ok) throw new Error(`${channel} unexpectedly succeeded: ${JSON.stringify(r.data)}`);
      return r;
    }) as TestApp['fail'],
    send: (channel, payload) => backend.dispatch(channel, payload, { frameUrl: `${trustedOrigin}/index.html` }),
    close: () => backend.close(),
  };
}

export function removeTestDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const chief = { loginId: 'sato', displayName: '佐藤 一郎', password: 'Kanri-2026-ichiro' };

export const setupInput = {
  organizationName: '総務省 行政管理局',
  departmentName: '情報公開・個人情報保護推進室',
  chief,
  passwordPolicy: { minLength: 10, minClasses: 2 },
};

/** Runs first-run setup and returns the recovery key; the chief stays logged in. */
export async function setUpOrganization(app: TestApp): Promise<string> {
  const result = await app.ok('setup.initialize', setupInput);
  return result.recoveryKey;
}

/** Re-enters the current user's password so sensitive calls are allowed. */
export async function reauth(app: TestApp, password: string): Promise<void> {
  await app.ok('auth.reauthenticate', { password });
}

/** Creates an account (as the logged-in chief) and returns its id. */
export async function createUser(
  app: TestApp,
  fields: { loginId: string; displayName: string; role: 'chief' | 'manager' | 'officer' | 'clerk' | 'auditor'; password: string; departmentId?: number; validUntil?: string | null },
  adminPassword = chief.password,
): Promise<number> {
  await reauth(app, adminPassword);
  const departments = await app.ok('departments.list', {});
  const user = await app.ok('users.create', {
    loginId: fields.loginId,
    displayName: fields.displayName,
    role: fields.role,
    departmentId: fields.departmentId ?? departments[0]!.id,
    validUntil: fields.validUntil ?? null,
    isMyNumberHandler: false,
    initialPassword: fields.password,
  });
  return user.id;
}

/** Logs in as a user created with must-change-password and replaces the password. */
export async function firstLogin(app: TestApp, loginId: string, initial: string, next: string): Promise<void> {
  await app.ok('auth.login', { loginId, password: initial });
  await app.ok('auth.changePassword', { currentPassword: initial, newPassword: next });
}
