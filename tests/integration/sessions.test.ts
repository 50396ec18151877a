import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../db/core/appError';
import { assertSeparateDuties } from '../../db/core/separationOfDuties';
import { chief, createUser, makeTestApp, removeTestDir, setUpOrganization, type TestApp } from './support/backend';

let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

describe('sessions', () => {
  it('locks after the idle limit, closing the database, and unlocks only with the password', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    app.clock.advance(4 * 60_000);
    app.backend.checkIdle();
    expect((await app.ok('session.current'))?.locked).toBe(false);
    await app.ok('session.activity'); // the clerk is still working
    app.clock.advance(4 * 60_000);
    app.backend.checkIdle();
    expect((await app.ok('session.current'))?.locked).toBe(false);
    app.clock.advance(5 * 60_000);
    app.backend.checkIdle();
    expect(app.events).toContainEqual({ type: 'session.locked', reason: 'idle' });
    const locked = await app.ok('session.current');
    expect(locked).toMatchObject({ locked: true, displayName: chief.displayName });
    expect((await app.fail('users.list', {})).code).toBe('SESSION_LOCKED');
    expect((await app.fail('session.unlock', { password: 'wrong-password-1' })).code).toBe('WRONG_PASSWORD');
    const unlocked = await app.ok('session.unlock', { password: chief.password });
    expect(unlocked.locked).toBe(false);
    const actions = (await app.ok('audit.query', { pageSize: 10 })).rows.map((r) => r.action);
    expect(actions.slice(0, 3)).toEqual(['session.unlock', 'auth.login.failed', 'session.lock']);
  });

  it('follows the idle minutes setting and locks on the OS lock screen and by hand', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('settings.update', { idleLockMinutes: 1 });
    app.clock.advance(61_000);
    app.backend.checkIdle();
    expect((await app.ok('session.current'))?.locked).toBe(true);
    await app.ok('session.unlock', { password: chief.password });
    app.backend.lockForOs();
    expect(app.events.at(-1)).toEqual({ type: 'session.locked', reason: 'os' });
    await app.ok('session.unlock', { password: chief.password });
    await app.ok('session.lock');
    expect(app.events.at(-1)).toEqual({ type: 'session.locked', reason: 'manual' });
    // Polling the session state does not count as the user being present.
    await app.ok('session.unlock', { password: chief.password });
    for (let i = 0; i < 3; i++) {
      app.clock.advance(30_000);
      await app.ok('session.current');
      await app.ok('app.status');
    }
    app.backend.checkIdle();
    expect((await app.ok('session.current'))?.locked).toBe(true);
  });

  it('records a logout from the lock screen at the next unlock, and lets another person log in', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    await app.ok('session.lock');
    expect((await app.fail('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' })).messageKey).toBe('errors.sessionActive');
    await app.ok('auth.logout');
    expect(app.events.at(-1)).toEqual({ type: 'session.ended', reason: 'logout' });
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    const rows = (await app.ok('audit.query', { action: 'auth.logout' })).rows;
    expect(rows[0]).toMatchObject({ actorName: chief.displayName, detail: { reason: 'logout', actor: chief.displayName } });
  });

  it('ends a locked session whose account was deactivated meanwhile', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('session.lock');
    app.clock.advance(24 * 3600_000);
    // The chief is still valid; the unlock works. (Expiry while locked is covered below.)
    await app.ok('session.unlock', { password: chief.password });
    const tanaka = await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a', validUntil: '2026-11-23' });
    expect(tanaka).toBeGreaterThan(1);
    await app.ok('auth.logout');
    await app.ok('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' });
    await app.ok('session.lock');
    app.clock.advance(2 * 24 * 3600_000);
    expect((await app.fail('session.unlock', { password: 'Shokuin-2026a' })).code).toBe('ACCOUNT_EXPIRED');
    expect(await app.ok('session.current')).toBeNull();
    expect(app.events.at(-1)).toEqual({ type: 'session.ended', reason: 'expired' });
  });

  it('ends an active session on the first call after the account expired (issue #9, 10)', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a', validUntil: '2026-11-23' });
    await app.ok('auth.logout');
    await app.ok('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' });
    await app.ok('session.activity');
    // The clerk keeps working, never locked, past the last day of the account's rights.
    app.clock.advance(3 * 24 * 3600_000);
    expect(await app.fail('session.activity')).toMatchObject({ code: 'ACCOUNT_EXPIRED', messageKey: 'errors.ACCOUNT_EXPIRED' });
    expect(await app.ok('session.current')).toBeNull();
    expect(app.events.at(-1)).toEqual({ type: 'session.ended', reason: 'expired' });
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    const ended = await app.ok('audit.query', { action: 'auth.logout' });
    expect(ended.rows[0]).toMatchObject({ actorName: '田中 花子', detail: { reason: 'expired' } });
  });
});

describe('separation of duties (MIC §12-2, §28)', () => {
  const thrown = (f: () => void) => {
    try {
      f();
      return null;
    } catch (error) {
      return error;
    }
  };
  it('refuses the same person on both sides, and allows two people', () => {
    const same = thrown(() => assertSeparateDuties('requester-approver', 3, 3)) as AppError;
    expect([same.code, same.messageKey]).toEqual(['SEPARATION_OF_DUTIES', 'errors.separationOfDuties.requester-approver']);
    expect((thrown(() => assertSeparateDuties('operator-witness', 3, [4, 3])) as AppError).code).toBe('SEPARATION_OF_DUTIES');
    expect(thrown(() => assertSeparateDuties('author-verifier', 3, 4))).toBeNull();
  });
});
