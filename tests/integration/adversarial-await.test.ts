import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief, reauth, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Calls that await something (scrypt, a file dialog) before their transaction: what
 * another call changes during that await must not be undone by the write that follows.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

type Slot = { kind: string; userId?: number };
const userSlots = () => (JSON.parse(readFileSync(path.join(app.dir, 'keyring.json'), 'utf8')) as { slots: Slot[] }).slots.filter((s) => s.kind === 'user').map((s) => s.userId);

describe('account writes that await scrypt', () => {
  it('never gives a key slot back to an account deactivated while its new password was being stretched', async () => {
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    await reauth(app, chief.password);
    const clerk = (await app.ok('users.list', {})).find((u) => u.loginId === people.clerk.loginId)!.id;
    // The reset checks the account and starts scrypt; the deactivation runs during that await.
    const [reset, deactivate] = await Promise.all([
      app.call('users.resetPassword', { userId: clerk, newPassword: 'Reset-2026-temp' }),
      app.call('users.deactivate', { userId: clerk, reason: '異動' }),
    ]);
    expect(deactivate.ok).toBe(true);
    expect(reset).toMatchObject({ ok: false, code: 'CONFLICT', messageKey: 'errors.userInactive' });
    expect(userSlots()).not.toContain(clerk);
    expect((await app.ok('audit.query', { action: 'user.password.reset' })).total).toBe(0);
    await app.ok('auth.logout');
    expect((await app.fail('auth.login', { loginId: people.clerk.loginId, password: 'Reset-2026-temp' })).code).toBe('WRONG_PASSWORD');
  });
});

describe('output that awaits a file dialog', () => {
  it('writes no CSV and logs no export when the screen locks while the save dialog is open', async () => {
    await loginAs(app, people.manager);
    await app.ok('holdings.create', holdingInput(d.citizens));
    const file = path.join(app.outDir, 'locked.csv');
    Object.defineProperty(app.saveAnswer, 'path', { configurable: true, get: () => (app.backend.lockForOs(), file) });
    expect((await app.fail('holdings.exportCsv', { filters: {} })).code).toBe('SESSION_LOCKED');
    expect(existsSync(file)).toBe(false);
    await app.ok('session.unlock', { password: people.manager.password });
    expect((await app.ok('audit.query', { action: 'holdings.export' })).total).toBe(0);
    expect((await app.ok('audit.query', { action: 'session.lock' })).rows[0]?.detail).toEqual({ reason: 'os' });
  });
});

describe('the bulk-export guard and a file dialog', () => {
  it('counts the rows that are written, not those there were before the save dialog opened', async () => {
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    await reauth(app, chief.password);
    await app.ok('settings.update', { bulkExportThreshold: 2 });
    await loginAs(app, people.clerk);
    for (const no of ['R8-1', 'R8-2']) await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: no }));
    const file = path.join(app.outDir, 'grown.csv');
    // While the dialog is open, the renderer adds rows: the export would now be a bulk one.
    const grow = () => ['R8-3', 'R8-4'].forEach((no) => void app.call('holdings.create', holdingInput(d.citizens, { ledgerNo: no })));
    Object.defineProperty(app.saveAnswer, 'path', { configurable: true, get: () => (grow(), file) });
    const refused = await app.fail('holdings.exportCsv', { filters: {} });
    expect(refused).toMatchObject({ code: 'PERMISSION_DENIED', messageKey: 'errors.bulkExportNotAllowed', params: { rowCount: 4 } });
    expect(existsSync(file)).toBe(false);
    expect((await app.ok('holdings.list', {})).total).toBe(4);
  });
});
