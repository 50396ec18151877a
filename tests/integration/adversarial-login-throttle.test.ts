import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chief, makeTestApp, removeTestDir, setUpOrganization, type TestApp } from './support/backend';

// Issue #9, items 1 and 11: the failed-login throttle holds against concurrent guesses and
// against a lockout.json that is deleted or cannot be written.
let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

const wrong = 'not-the-password-9';

async function failures(): Promise<{ total: number; outcomes: string[] }> {
  const log = await app.ok('audit.query', { action: 'auth.login.failed', pageSize: 200 });
  return { total: log.total, outcomes: log.rows.map((r) => String(r.detail.outcome)) };
}

function codes(results: { ok: boolean; code?: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.ok ? 'OK' : String(r.code)] = (counts[r.ok ? 'OK' : String(r.code)] ?? 0) + 1;
  return counts;
}

describe('concurrent guesses are counted before the password is checked (item 1)', () => {
  it('auth.login: 40 wrong passwords fired at once, then the right one, are all counted and the right one is refused', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('auth.logout');
    const guesses = Array.from({ length: 40 }, () => app.call('auth.login', { loginId: 'sato', password: wrong }));
    const right = app.call('auth.login', { loginId: 'sato', password: chief.password });
    const results = await Promise.all([...guesses, right]);
    expect(codes(results)).toEqual({ WRONG_PASSWORD: 4, ACCOUNT_LOCKED: 37 });
    expect((await right).ok).toBe(false);
    app.clock.advance(5 * 60_000 + 1);
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    const logged = await failures();
    expect(logged.total).toBe(41);
    expect(logged.outcomes.filter((o) => o === 'wrong-password')).toHaveLength(5);
  });

  it('session.unlock: 40 wrong passwords at once lock the account, the right one is refused', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('session.lock');
    const guesses = Array.from({ length: 40 }, () => app.call('session.unlock', { password: wrong }));
    const right = app.call('session.unlock', { password: chief.password });
    const results = await Promise.all([...guesses, right]);
    expect(codes(results)).toEqual({ WRONG_PASSWORD: 4, ACCOUNT_LOCKED: 37 });
    expect((await app.ok('app.status')).session?.locked).toBe(true);
    app.clock.advance(5 * 60_000 + 1);
    await app.ok('session.unlock', { password: chief.password });
    expect((await failures()).total).toBe(41);
  });

  it('auth.reauthenticate: 40 wrong passwords at once lock the account, the right one is refused', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    const guesses = Array.from({ length: 40 }, () => app.call('auth.reauthenticate', { password: wrong }));
    const right = app.call('auth.reauthenticate', { password: chief.password });
    const results = await Promise.all([...guesses, right]);
    expect(codes(results)).toEqual({ WRONG_PASSWORD: 4, ACCOUNT_LOCKED: 37 });
    expect((await failures()).total).toBe(41);
  });
});

describe('failed logins survive a lost lockout.json and fail closed when they cannot be counted (item 11)', () => {
  it('keeps the failures (and the lockout) when lockout.json is deleted after 5 failures', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('auth.logout');
    for (let i = 0; i < 5; i++) await app.call('auth.login', { loginId: 'sato', password: wrong });
    rmSync(path.join(app.dir, 'lockout.json'));
    expect((await app.fail('auth.login', { loginId: 'sato', password: chief.password })).code).toBe('ACCOUNT_LOCKED');
    app.clock.advance(5 * 60_000 + 1);
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    const logged = await failures();
    expect(logged.outcomes.filter((o) => o === 'wrong-password')).toHaveLength(5);
    expect(logged.total).toBe(6);
  });

  it('refuses every login, the right password too, while lockout.json cannot be written, and logs the attempts', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('auth.logout');
    const file = path.join(app.dir, 'lockout.json');
    rmSync(file, { force: true });
    mkdirSync(file);
    for (let i = 0; i < 6; i++) {
      const r = await app.fail('auth.login', { loginId: 'sato', password: wrong });
      expect(r.code).toBe('THROTTLE_UNAVAILABLE');
      expect(r.messageKey).toBe('errors.THROTTLE_UNAVAILABLE');
    }
    expect((await app.fail('auth.login', { loginId: 'sato', password: chief.password })).code).toBe('THROTTLE_UNAVAILABLE');
    expect((await app.ok('app.status')).session).toBeNull();
    rmSync(file, { recursive: true });
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    const logged = await failures();
    expect(logged.total).toBe(7);
    expect(logged.outcomes.every((o) => o === 'refused-unrecorded')).toBe(true);
  });

  it('refuses re-authentication while lockout.json cannot be written, and writes nothing but the refusals', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    const file = path.join(app.dir, 'lockout.json');
    rmSync(file, { force: true });
    mkdirSync(file);
    expect((await app.fail('auth.reauthenticate', { password: chief.password })).code).toBe('THROTTLE_UNAVAILABLE');
    expect((await app.ok('audit.query', { action: 'auth.reauthenticate' })).total).toBe(0);
    expect((await failures()).total).toBe(1);
  });
});
