import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, channels, permissionMatrix, roles } from '../../db/contract';
import { chief, createUser, firstLogin, makeTestApp, reauth, removeTestDir, setUpOrganization, type TestApp } from './support/backend';

let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

async function auditHead(a: TestApp) {
  return (await a.ok('audit.verify')).headSeq;
}

describe('the IPC router', () => {
  it('refuses a call from any frame other than the app page', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    for (const frameUrl of ['https://evil.invalid/', 'app://daicho.evil/index.html', 'file:///C:/index.html', '', 'app://daichox/']) {
      const r = await app.backend.dispatch('users.list', {}, { frameUrl });
      expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_SENDER', messageKey: 'errors.FORBIDDEN_SENDER' });
    }
    expect(await app.backend.dispatch('users.list', {}, undefined as never)).toMatchObject({ code: 'FORBIDDEN_SENDER' });
  });

  it('refuses channels that are not in the contract, including object prototype names', async () => {
    app = makeTestApp();
    for (const channel of ['users.drop', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await app.backend.dispatch(channel as string, {}, { frameUrl: 'app://daicho/index.html' })).toMatchObject({ code: 'UNKNOWN_CHANNEL' });
    }
  });

  it('rejects invalid input with field-level Japanese message keys and changes nothing', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await reauth(app, chief.password);
    const head = await auditHead(app);
    const departments = await app.ok('departments.list', {});
    const base = { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', departmentId: departments[0]!.id, initialPassword: 'Shokuin-2026a' } as const;
    const cases: [unknown, string, string][] = [
      [{ ...base, displayName: '' }, 'displayName', 'validation.required'],
      [{ ...base, displayName: undefined }, 'displayName', 'validation.required'],
      [{ ...base, displayName: 'あ'.repeat(101) }, 'displayName', 'validation.tooLong'],
      [{ ...base, displayName: 12345 }, 'displayName', 'validation.invalidType'],
      [{ ...base, displayName: '田中 123456789018' }, 'displayName', 'validation.myNumber'],
      [{ ...base, displayName: '田中 １２３４－５６７８－９０１８' }, 'displayName', 'validation.myNumber'],
      [{ ...base, displayName: '田中\u0007' }, 'displayName', 'validation.controlChars'],
      [{ ...base, displayName: '田中\ud800' }, 'displayName', 'validation.controlChars'],
      [{ ...base, role: 'admin' }, 'role', 'validation.invalidOption'],
      [{ ...base, loginId: '田中' }, 'loginId', 'validation.loginIdChars'],
      [{ ...base, validUntil: '2026-02-30' }, 'validUntil', 'validation.invalidDate'],
      [{ ...base, departmentId: 999 }, 'departmentId', 'validation.unknownDepartment'],
      [{ ...base, isAdmin: true }, '', 'validation.unknownField'],
    ];
    for (const [input, field, messageKey] of cases) {
      const r = await app.backend.dispatch('users.create', input, { frameUrl: 'app://daicho/' });
      expect(r, `${field} ${messageKey}`).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ path: field ? [field] : [], messageKey }));
    }
    expect((await app.ok('users.list', {})).map((u) => u.loginId)).toEqual(['sato']);
    // Only the reads above (users.list) were logged; no write slipped through.
    const events = await app.ok('audit.query', { pageSize: 10 });
    expect(events.rows.filter((r) => r.seq > head).map((r) => r.action)).toEqual(['users.view']);
  });

  it('refuses a 個人番号 typed into a search or filter, or as a login ID (audited reads record their query)', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    const before = (await app.ok('audit.verify')).headSeq;
    expect((await app.fail('audit.query', { action: '1234-5678-9018' })).issues?.[0]).toMatchObject({ path: ['action'], messageKey: 'validation.myNumberSearch' });
    expect((await app.fail('holdings.list', { text: '１２３４５６７８９０１８' })).issues?.[0]).toMatchObject({ path: ['text'], messageKey: 'validation.myNumberSearch' });
    await reauth(app, chief.password);
    const departmentId = (await app.ok('departments.list', {}))[0]!.id;
    const r = await app.fail('users.create', { loginId: '123456789018', displayName: '番号', role: 'clerk', departmentId, initialPassword: 'Shokuin-2026a' });
    expect(r.issues?.[0]).toMatchObject({ path: ['loginId'], messageKey: 'validation.myNumber' });
    // Nothing of the refused calls reached the log.
    const log = await app.ok('audit.query', { pageSize: 50 });
    expect(log.rows.filter((e) => e.seq > before).map((e) => e.action)).toEqual(['auth.reauthenticate']);
    expect(JSON.stringify(log.rows)).not.toContain('9018');
  });

  it('accepts a 12-digit number that is not a valid 個人番号', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('departments.create', { name: '文書番号123456789012係' });
  });
});

describe('the IPC router: roles and re-authentication', () => {
  it('enforces the permission matrix in the main process for every role', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    const passwords: Record<string, string> = {};
    for (const role of roles.filter((r) => r !== 'chief')) {
      passwords[role] = `${role[0]!.toUpperCase()}pass-2026-x`;
      await createUser(app, { loginId: `u-${role}`, displayName: `${role} 利用者`, role, password: `Init-${role}-2026` });
    }
    await app.ok('auth.logout');
    for (const role of roles.filter((r) => r !== 'chief')) {
      await firstLogin(app, `u-${role}`, `Init-${role}-2026`, passwords[role]!);
      for (const name of channelNames) {
        const access = (channels[name] as { access: string }).access;
        if (['public', 'locked', 'session'].includes(access)) continue;
        const allowed = permissionMatrix[role].has(access as never);
        const r = await app.call(name, {} as never);
        if (allowed) expect(r.ok || r.code !== 'PERMISSION_DENIED', `${role} ${name}`).toBe(true);
        else expect(r, `${role} ${name}`).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
      }
      await app.ok('auth.logout');
    }
  });

  it('requires a fresh password for sensitive actions', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    const departmentId = (await app.ok('departments.list', {}))[0]!.id;
    const input = { loginId: 'kato', displayName: '加藤', role: 'clerk', departmentId, initialPassword: 'Shokuin-2026a' } as const;
    expect((await app.fail('users.create', input)).code).toBe('REAUTH_REQUIRED');
    expect((await app.fail('auth.reauthenticate', { password: 'wrong-password-1' })).code).toBe('WRONG_PASSWORD');
    await reauth(app, chief.password);
    await app.ok('users.create', input);
    app.clock.advance(5 * 60_000 + 1);
    expect((await app.fail('users.create', { ...input, loginId: 'kato2' })).code).toBe('REAUTH_REQUIRED');
  });

  it('keeps an organisation from losing its last chief or a chief from changing their own role', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await reauth(app, chief.password);
    expect((await app.fail('users.update', { userId: 1, role: 'clerk' })).issues?.[0]?.messageKey).toBe('validation.lastChief');
    const second = await createUser(app, { loginId: 'chief2', displayName: '第二 総括', role: 'chief', password: 'Second-2026-x' });
    expect((await app.fail('users.update', { userId: 1, role: 'clerk' })).issues?.[0]?.messageKey).toBe('validation.ownRole');
    expect((await app.fail('users.deactivate', { userId: 1, reason: 'テスト' })).messageKey).toBe('errors.cannotDeactivateSelf');
    await app.ok('users.update', { userId: second, role: 'manager', validUntil: '2027-03-31' });
    expect((await app.ok('users.list', {})).find((u) => u.id === second)).toMatchObject({ role: 'manager', validUntil: '2027-03-31' });
  });
});
