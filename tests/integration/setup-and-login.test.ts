import { afterEach, describe, expect, it } from 'vitest';
import { chief, createUser, firstLogin, makeTestApp, removeTestDir, setUpOrganization, setupInput, type TestApp } from './support/backend';

let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

describe('first run and login', () => {
  it('sets up once, logs the chief in, and refuses a second setup', async () => {
    app = makeTestApp();
    expect((await app.ok('app.status')).setUp).toBe(false);
    expect((await app.fail('auth.login', { loginId: 'x', password: 'y' })).code).toBe('NOT_SET_UP');
    const key = await setUpOrganization(app);
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    const status = await app.ok('app.status');
    expect(status.setUp).toBe(true);
    expect(status.session).toMatchObject({ loginId: 'sato', role: 'chief', organizationName: setupInput.organizationName, locked: false });
    expect((await app.fail('setup.initialize', setupInput)).code).toBe('ALREADY_SET_UP');
  });

  it('refuses a chief password that breaks the chosen policy and creates nothing', async () => {
    app = makeTestApp();
    const r = await app.fail('setup.initialize', { ...setupInput, chief: { ...chief, password: 'short1' } });
    expect(r.code).toBe('PASSWORD_POLICY');
    expect(r.issues?.[0]).toMatchObject({ path: ['chief', 'password'], messageKey: 'validation.passwordPolicy', params: { minLength: 10, minClasses: 2 } });
    // Long enough but one kind of character: the same one message with both rules, not a second round.
    const oneClass = await app.fail('setup.initialize', { ...setupInput, chief: { ...chief, password: 'onlylowercaseletters' } });
    expect(oneClass.issues).toEqual([{ path: ['chief', 'password'], messageKey: 'validation.passwordPolicy', params: { minLength: 10, minClasses: 2 } }]);
    expect((await app.ok('app.status')).setUp).toBe(false);
  });

  it('logs in with the right password and refuses a wrong one', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('auth.logout');
    expect((await app.fail('auth.login', { loginId: 'sato', password: 'wrong-password-1' })).code).toBe('WRONG_PASSWORD');
    expect((await app.fail('auth.login', { loginId: 'nobody', password: 'wrong-password-1' })).code).toBe('WRONG_PASSWORD');
    const session = await app.ok('auth.login', { loginId: 'SATO', password: chief.password });
    expect(session.userId).toBeGreaterThan(0);
    // The failures made while the database was closed are now in the access log.
    const log = await app.ok('audit.query', { action: 'auth.login.failed' });
    expect(log.rows.map((r) => r.detail.loginId).sort()).toEqual([null, 'sato']);
  });
});

describe('login throttling and ended accounts', () => {
  it('locks a login for 5 minutes after 5 failures, then 10 after the next 5', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('auth.logout');
    const wrong = { loginId: 'sato', password: 'not-the-password-9' };
    for (let i = 0; i < 4; i++) expect((await app.fail('auth.login', wrong)).code).toBe('WRONG_PASSWORD');
    const fifth = await app.fail('auth.login', wrong);
    expect(fifth.code).toBe('ACCOUNT_LOCKED');
    expect(Date.parse(String(fifth.params?.until)) - app.clock.now()).toBe(5 * 60_000);
    // Even the right password is refused during the lockout.
    expect((await app.fail('auth.login', { loginId: 'sato', password: chief.password })).code).toBe('ACCOUNT_LOCKED');
    app.clock.advance(5 * 60_000 + 1);
    for (let i = 0; i < 4; i++) expect((await app.fail('auth.login', wrong)).code).toBe('WRONG_PASSWORD');
    const second = await app.fail('auth.login', wrong);
    expect(Date.parse(String(second.params?.until)) - app.clock.now()).toBe(10 * 60_000);
    app.clock.advance(10 * 60_000 + 1);
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    const refused = await app.ok('audit.query', { action: 'auth.login.failed', pageSize: 100 });
    expect(refused.total).toBe(11);
  });

  it('keeps the lockout across a restart of the app', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('auth.logout');
    for (let i = 0; i < 5; i++) await app.call('auth.login', { loginId: 'sato', password: 'not-the-password-9' });
    app.close();
    const restarted = makeTestApp({ dir: app.dir, startAt: app.clock.now() + 60_000 });
    app = restarted;
    expect((await app.fail('auth.login', { loginId: 'sato', password: chief.password })).code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses an expired or deactivated account', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a', validUntil: '2026-11-30' });
    const suzuki = await createUser(app, { loginId: 'suzuki', displayName: '鈴木 次郎', role: 'clerk', password: 'Shokuin-2026b' });
    await app.ok('users.deactivate', { userId: suzuki, reason: '人事異動（他部局へ転出）' });
    await app.ok('auth.logout');
    // The deactivated account's key slot is gone, so its password opens nothing.
    expect((await app.fail('auth.login', { loginId: 'suzuki', password: 'Shokuin-2026b' })).code).toBe('WRONG_PASSWORD');
    app.clock.advance(10 * 24 * 3600_000);
    expect((await app.fail('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' })).code).toBe('ACCOUNT_EXPIRED');
  });

  it('makes a new user replace the initial password before doing anything else', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await createUser(app, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    await app.ok('auth.logout');
    const session = await app.ok('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' });
    expect(session.mustChangePassword).toBe(true);
    const blocked = await app.fail('departments.list', {});
    expect(blocked).toMatchObject({ code: 'PERMISSION_DENIED', messageKey: 'errors.passwordChangeRequired' });
    await app.ok('auth.changePassword', { currentPassword: 'Shokuin-2026a', newPassword: 'Hanako-new-2026' });
    expect((await app.ok('departments.list', {})).length).toBe(1);
    await app.ok('auth.logout');
    expect((await app.fail('auth.login', { loginId: 'tanaka', password: 'Shokuin-2026a' })).code).toBe('WRONG_PASSWORD');
    await firstLogin(app, 'tanaka', 'Hanako-new-2026', 'Hanako-newer-2026');
  });
});
