import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppCore, type WriteTx } from '../../db/core/appCore';
import { auditHead } from '../../db/core/audit';
import { login, logout } from '../../db/core/sessions';
import { withoutUserSlot } from '../../db/keyring/keyring';
import type { HostPorts } from '../../db/ports';
import { chief, createUser, firstLogin, makeTestApp, removeTestDir, setUpOrganization, testKdfCost, type TestApp } from './support/backend';
import { copyDataFolder } from './support/fixtures';

/**
 * keyring.json cannot join the SQLite transaction: it is written (atomically) as the
 * write's last step, before the COMMIT. These tests show what each kind of failure leaves.
 */
let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

type SlotView = { kind: string; userId?: number };
const keyringFile = (a: TestApp) => path.join(a.dir, 'keyring.json');
const slots = (a: TestApp) => (JSON.parse(readFileSync(keyringFile(a), 'utf8')) as { slots: SlotView[] }).slots;

/** The backend's core on the app's (closed) data folder, to drive a write directly. */
async function chiefCore(a: TestApp): Promise<AppCore> {
  const unused = () => Promise.reject(new Error('not used here'));
  const ports: HostPorts = { clock: { now: () => a.clock.now() }, printer: { toPdf: unused, print: unused }, dialogs: { chooseSavePath: unused, chooseOpenPath: unused } };
  const core = new AppCore(a.dir, ports, '0.0.0-test', testKdfCost);
  await login(core, { loginId: chief.loginId, password: chief.password });
  return core;
}

describe('keyring.json and the transaction that records its change', () => {
  it.each([
    ['a statement after it fails', (tx: WriteTx) => tx.db.prepare('INSERT INTO no_such_table VALUES (1)').run(), /no such table/],
    [
      'the COMMIT itself fails',
      (tx: WriteTx) => {
        // A deferred foreign key is checked only at COMMIT, after the keyring was written.
        tx.db.pragma('defer_foreign_keys = ON');
        tx.db.prepare(`INSERT INTO users (login_id, display_name, role, department_id, created_at) VALUES ('ghost', 'x', 'clerk', 999, ?)`).run(tx.at);
      },
      /FOREIGN KEY/,
    ],
  ])('puts the previous keyring back when %s, and the database is unchanged', async (when, fail, message) => {
    const failsAtCommit = when.includes('COMMIT');
    app = makeTestApp();
    await setUpOrganization(app);
    app.close();
    const core = await chiefCore(app);
    const fileBefore = readFileSync(keyringFile(app));
    const keyringBefore = core.vault!.keyring;
    const headBefore = auditHead(core.vault!.db);
    let changeRan = false;
    expect(() =>
      core.write((tx) => {
        tx.audit({ action: 'test.change' });
        tx.saveKeyring(withoutUserSlot(tx.keyring, 1));
        // The write sees its own keyring change, and so does the file, until the failure.
        expect(tx.keyring.slots.some((s) => s.kind === 'user')).toBe(false);
        expect(slots(app).some((s) => s.kind === 'user')).toBe(false);
        fail(tx);
        changeRan = true;
      }),
    ).toThrow(message);
    expect(changeRan).toBe(failsAtCommit);
    expect(readFileSync(keyringFile(app))).toEqual(fileBefore);
    expect(core.vault!.keyring).toBe(keyringBefore);
    expect(auditHead(core.vault!.db)).toEqual(headBefore);
    logout(core);
    // The chief's slot, removed and put back, still opens the database.
    app = makeTestApp({ dir: app.dir, startAt: app.clock.now() });
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await app.ok('audit.verify')).ok).toBe(true);
  });
});

describe('keyring.json after a crash before the commit', () => {
  it('after a crash between the keyring’s rename and the commit, the next login sets the keyring right', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    const tanaka = await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    await app.ok('auth.logout');
    await firstLogin(app, 'tanaka', 'Shokuin-2026a', 'Hanako-2026-own');
    app.close();
    const committed = path.join(app.dir, 'committed');
    copyDataFolder(app.dir, committed);

    // Keyring changes whose transactions then "never committed": a new account, a reset, a recovery key.
    app = makeTestApp({ dir: app.dir, startAt: app.clock.now() + 60_000 });
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    const suzuki = await createUser(app, { loginId: 'suzuki', displayName: '鈴木 次郎', role: 'clerk', password: 'Shokuin-2026b' });
    await app.ok('users.resetPassword', { userId: tanaka, newPassword: 'Reset-2026-temp' });
    await app.ok('keys.regenerateRecoveryKey');
    app.close();
    copyFileSync(path.join(committed, 'daicho.db'), path.join(app.dir, 'daicho.db'));
    // The access-log anchor as the crash would have left it too (it moves only at a lock or close, after commits).
    copyFileSync(path.join(committed, 'anchor.json'), path.join(app.dir, 'anchor.json'));
    expect(slots(app).map((s) => s.userId)).toContain(suzuki);

    app = makeTestApp({ dir: app.dir, startAt: app.clock.now() + 60_000 });
    // A slot whose account never committed opens no session…
    expect((await app.fail('auth.login', { loginId: 'suzuki', password: 'Shokuin-2026b' })).code).toBe('ACCOUNT_DISABLED');
    // …a reset that never committed left the one password that opens, and it must be replaced.
    expect((await app.fail('auth.login', { loginId: 'tanaka', password: 'Hanako-2026-own' })).code).toBe('WRONG_PASSWORD');
    expect((await app.ok('auth.login', { loginId: 'tanaka', password: 'Reset-2026-temp' })).mustChangePassword).toBe(true);
    // That login removed the stray slot and logged both findings.
    expect(slots(app).map((s) => s.userId)).not.toContain(suzuki);
    await app.ok('auth.logout');
    expect((await app.fail('auth.login', { loginId: 'suzuki', password: 'Shokuin-2026b' })).code).toBe('WRONG_PASSWORD');
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    const findings = (await app.ok('audit.query', { action: 'keys.reconcile' })).rows;
    expect(findings.map((e) => `${e.targetType} ${e.targetId} ${String(e.detail.finding)}`).sort()).toEqual(
      ['keyring null unrecorded-recovery-key', `user ${suzuki} slot-without-account`, `user ${tanaka} unrecorded-password`].sort(),
    );
    expect((await app.ok('audit.verify')).ok).toBe(true);
  });
});
