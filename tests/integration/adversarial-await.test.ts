import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief, reauth, type TestApp } from './support/backend';
import { fileURLToPath } from 'node:url';
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
    await reauth(app, people.manager.password);
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
    await reauth(app, people.clerk.password);
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

/**
 * Issue #9, 12: a call that awaits a dialog belongs to the session that started it. The OS
 * locks the screen while the clerk's save dialog is open, the chief logs in, the dialog
 * closes: nothing is written, nothing is logged, as neither of them.
 */
describe('output whose session changed while its dialog was open', () => {
  // The dialog's answer arrives after the clerk's session gave way to the chief's.
  const chiefTakesOver = async <T>(answer: T): Promise<T> => {
    app.backend.lockForOs();
    await app.ok('auth.logout');
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    return answer;
  };
  const events = async (action: string) => (await app.ok('audit.query', { action })).total;

  it('writes no CSV and credits no one when the chief logs in while the clerk’s save dialog is open', async () => {
    await loginAs(app, people.clerk);
    await reauth(app, people.clerk.password);
    await app.ok('holdings.create', holdingInput(d.citizens));
    const file = path.join(app.outDir, 'taken-over.csv');
    Object.defineProperty(app.saveAnswer, 'path', { configurable: true, get: () => chiefTakesOver(file) });
    expect((await app.fail('holdings.exportCsv', { filters: {} })).code).toBe('CANCELLED');
    expect(existsSync(file)).toBe(false);
    expect((await app.ok('session.current'))?.loginId).toBe(chief.loginId);
    expect(await events('holdings.export')).toBe(0);
  });

  it('saves no PDF and logs no print when the session changed while the dialog was open', async () => {
    await loginAs(app, people.clerk);
    await reauth(app, people.clerk.password);
    await app.ok('holdings.create', holdingInput(d.citizens));
    const file = path.join(app.outDir, 'taken-over.pdf');
    Object.defineProperty(app.saveAnswer, 'path', { configurable: true, get: () => chiefTakesOver(file) });
    expect((await app.fail('holdings.printList', { filters: {}, target: 'pdf' })).code).toBe('CANCELLED');
    expect(existsSync(file)).toBe(false);
    expect(app.printed).toHaveLength(0);
    expect(await events('holdings.printList')).toBe(0);
  });

  it('writes no audit CSV for the chief who logged in after another chief opened the dialog', async () => {
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    await reauth(app, chief.password);
    const file = path.join(app.outDir, 'audit.csv');
    Object.defineProperty(app.saveAnswer, 'path', { configurable: true, get: () => chiefTakesOver(file) });
    expect((await app.fail('audit.exportCsv', {})).code).toBe('CANCELLED');
    expect(existsSync(file)).toBe(false);
    expect(await events('audit.export')).toBe(0);
  });

  it('reads no import file for the session that follows a lock while the open dialog was up', async () => {
    await loginAs(app, people.clerk);
    const csv = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'csv', 'excel-sjis.csv');
    Object.defineProperty(app.openAnswer, 'path', { configurable: true, get: () => chiefTakesOver(csv) });
    expect((await app.fail('holdings.import.open', {})).code).toBe('CANCELLED');
  });

  it('records paper printed across a lock in the name of whoever printed it', async () => {
    await loginAs(app, people.clerk);
    await reauth(app, people.clerk.password);
    await app.ok('holdings.create', holdingInput(d.citizens));
    // The OS print dialog is open when the screen locks; the user then presses 印刷.
    Object.defineProperty(app.printed, 'push', { configurable: true, value: () => (app.backend.lockForOs(), 0) });
    expect(await app.ok('holdings.printList', { filters: {}, target: 'printer' })).toEqual({ savedTo: null });
    await app.ok('session.unlock', { password: people.clerk.password });
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    const printed = (await app.ok('audit.query', { action: 'holdings.printList' })).rows;
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ actorName: people.clerk.displayName, detail: { target: 'printer' } });
  });

  it('cancels an export whose session was locked and unlocked again while the dialog was open', async () => {
    await loginAs(app, people.clerk);
    await reauth(app, people.clerk.password);
    await app.ok('holdings.create', holdingInput(d.citizens));
    const file = path.join(app.outDir, 'relocked.csv');
    const lockAndBack = async () => {
      app.backend.lockForOs();
      await app.ok('session.unlock', { password: people.clerk.password });
      return file;
    };
    Object.defineProperty(app.saveAnswer, 'path', { configurable: true, get: lockAndBack });
    expect((await app.fail('holdings.exportCsv', { filters: {} })).code).toBe('CANCELLED');
    expect(existsSync(file)).toBe(false);
  });
});
