import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chief, createUser, firstLogin, makeTestApp, reauth, removeTestDir, setUpOrganization, type TestApp } from './support/backend';

let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

type SlotView = { kind: string; userId?: number; loginHash?: string; wrap: { ciphertext: string } };
const slots = (a: TestApp) => (JSON.parse(readFileSync(path.join(a.dir, 'keyring.json'), 'utf8')) as { slots: SlotView[] }).slots;

describe('key slots', () => {
  it('adds a slot per user, rewraps on password change, deletes on deactivation', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    expect(slots(app).map((s) => s.kind).sort()).toEqual(['recovery', 'user']);
    const tanaka = await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    expect(slots(app).filter((s) => s.kind === 'user').map((s) => s.userId).sort()).toEqual([1, tanaka]);
    const before = slots(app).find((s) => s.userId === tanaka)!;
    await app.ok('auth.logout');
    await firstLogin(app, 'tanaka', 'Shokuin-2026a', 'Hanako-2026-new');
    const after = slots(app).find((s) => s.userId === tanaka)!;
    expect(after.wrap.ciphertext).not.toBe(before.wrap.ciphertext);
    expect(after.loginHash).toBe(before.loginHash);
    await app.ok('auth.logout');
    expect((await app.fail('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' })).code).toBe('WRONG_PASSWORD');
    await app.ok('auth.login', { loginId: 'tanaka', password: 'Hanako-2026-new' });
    await app.ok('auth.logout');
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    await reauth(app, chief.password);
    await app.ok('users.deactivate', { userId: tanaka, reason: '退職' });
    expect(slots(app).some((s) => s.userId === tanaka)).toBe(false);
    const users = await app.ok('users.list', { includeInactive: true });
    expect(users.find((u) => u.id === tanaka)).toMatchObject({ active: false, loginId: 'tanaka' });
  });

  it('lets an administrator reset a password, and the person must change it', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    const tanaka = await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    await reauth(app, chief.password);
    await app.ok('users.resetPassword', { userId: tanaka, newPassword: 'Reset-2026-temp' });
    await app.ok('auth.logout');
    const s = await app.ok('auth.login', { loginId: 'tanaka', password: 'Reset-2026-temp' });
    expect(s.mustChangePassword).toBe(true);
  });
});

describe('the recovery key slot', () => {
  it('unlocks with the recovery key, sets a new chief password, and a regenerated key replaces the old', async () => {
    app = makeTestApp();
    const recoveryKey = await setUpOrganization(app);
    // Locked before acknowledging: after unlocking, the same key is still there to print.
    await app.ok('session.lock');
    expect((await app.ok('session.unlock', { password: chief.password })).recoveryKeyPending).toBe(true);
    expect(await app.ok('keys.pendingRecoveryKey')).toEqual({ recoveryKey });
    await app.ok('setup.acknowledgeRecoveryKey');
    expect((await app.ok('session.current'))?.recoveryKeyPending).toBe(false);
    expect((await app.fail('keys.pendingRecoveryKey')).code).toBe('NO_PENDING_RECOVERY_KEY');
    await app.ok('auth.logout');
    const wrongKey = await app.fail('auth.recover', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', loginId: 'sato', newPassword: 'Recovered-2026x' });
    expect(wrongKey).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['recoveryKey'], messageKey: 'errors.WRONG_RECOVERY_KEY' }] });
    // Typed by hand from paper: lower case, O for 0 — still accepted.
    const typed = recoveryKey.toLowerCase().replace(/0/g, 'o');
    const session = await app.ok('auth.recover', { recoveryKey: typed, loginId: 'sato', newPassword: 'Recovered-2026x' });
    expect(session.role).toBe('chief');
    await app.ok('auth.logout');
    expect((await app.fail('auth.login', { loginId: 'sato', password: chief.password })).code).toBe('WRONG_PASSWORD');
    await app.ok('auth.login', { loginId: 'sato', password: 'Recovered-2026x' });
    expect((await app.fail('keys.regenerateRecoveryKey')).code).toBe('REAUTH_REQUIRED');
    await reauth(app, 'Recovered-2026x');
    const { recoveryKey: newKey } = await app.ok('keys.regenerateRecoveryKey');
    expect(newKey).not.toBe(recoveryKey);
    await app.ok('print.recoverySheet', { target: 'printer' });
    for (const group of newKey.split('-')) expect(app.printed.at(-1)?.html).toContain(`>${group}<`);
    await app.ok('setup.acknowledgeRecoveryKey');
    expect((await app.fail('print.recoverySheet', { target: 'printer' })).code).toBe('NO_PENDING_RECOVERY_KEY');
    await app.ok('auth.logout');
    const old = await app.fail('auth.recover', { recoveryKey, loginId: 'sato', newPassword: 'Another-2026-pw' });
    expect(old.issues?.[0]?.messageKey).toBe('errors.WRONG_RECOVERY_KEY');
    const log = await (async () => {
      await app.ok('auth.recover', { recoveryKey: newKey, loginId: 'sato', newPassword: 'Another-2026-pw' });
      return app.ok('audit.query', { action: 'auth.recover', pageSize: 50 });
    })();
    expect(log.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.recover', 'auth.recover.failed']));
  });

  it('recovery only resets an active chief', async () => {
    app = makeTestApp();
    const recoveryKey = await setUpOrganization(app);
    await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    await app.ok('auth.logout');
    const r = await app.fail('auth.recover', { recoveryKey, loginId: 'tanaka', newPassword: 'Recovered-2026x' });
    expect(r.issues?.[0]).toMatchObject({ path: ['loginId'], messageKey: 'validation.notAnActiveChief' });
    await app.ok('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' });
  });
});
