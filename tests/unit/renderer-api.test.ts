import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DaichoApi, Failure, Result } from '../../db/contract';
import { callWithPrompts, type Prompts } from '../../renderer/api';

type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;

function installApi(invoke: Invoke) {
  const api = { invoke: vi.fn(invoke), onEvent: () => () => {} };
  vi.stubGlobal('window', { api: api as unknown as DaichoApi });
  return api;
}

const fail = (code: Failure['code'], extra: Partial<Failure> = {}): Failure => ({ ok: false, code, messageKey: `errors.${code}`, ...extra });

function prompts(over: Partial<Prompts> = {}): Prompts {
  return {
    reauthenticate: vi.fn(async () => true),
    askReason: vi.fn(async () => 'monthly inspection'),
    ...over,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('callWithPrompts', () => {
  it('passes a success straight through', async () => {
    const api = installApi(async () => ({ ok: true, data: { x: 1 } }));
    const p = prompts();
    const r = await callWithPrompts('settings.get', {}, p);
    expect(r).toEqual({ ok: true, data: { x: 1 } });
    expect(api.invoke).toHaveBeenCalledTimes(1);
    expect(p.reauthenticate).not.toHaveBeenCalled();
  });

  it('asks for the password on REAUTH_REQUIRED and retries once', async () => {
    const results: Result<unknown>[] = [fail('REAUTH_REQUIRED'), { ok: true, data: { recoveryKey: 'K' } }];
    const api = installApi(async () => results.shift()!);
    const p = prompts();
    const r = await callWithPrompts('keys.regenerateRecoveryKey', {}, p);
    expect(r.ok).toBe(true);
    expect(p.reauthenticate).toHaveBeenCalledTimes(1);
    expect(api.invoke).toHaveBeenCalledTimes(2);
  });

  it('does not loop when main asks for reauthentication again', async () => {
    const api = installApi(async () => fail('REAUTH_REQUIRED'));
    const r = await callWithPrompts('keys.regenerateRecoveryKey', {}, prompts());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('REAUTH_REQUIRED');
    expect(api.invoke).toHaveBeenCalledTimes(2);
  });

  it('returns CANCELLED when the user closes the password prompt', async () => {
    const api = installApi(async () => fail('REAUTH_REQUIRED'));
    const r = await callWithPrompts('users.resetPassword', { userId: 2, newPassword: 'x' }, prompts({ reauthenticate: async () => false }));
    expect(!r.ok && r.code).toBe('CANCELLED');
    expect(api.invoke).toHaveBeenCalledTimes(1);
  });

  it('runs reauthentication then the bulk-export reason, and retries with the reason', async () => {
    const results: Result<unknown>[] = [
      fail('REAUTH_REQUIRED'),
      fail('BULK_EXPORT_REASON_REQUIRED', { params: { threshold: 100, rowCount: 2500 } }),
      { ok: true, data: { savedTo: '/tmp/a.csv', rowCount: 2500 } },
    ];
    const api = installApi(async () => results.shift()!);
    const askReason = vi.fn(async () => '監査対応');
    const r = await callWithPrompts('audit.exportCsv', { from: '2026-04-01' }, prompts({ askReason }));
    expect(r).toEqual({ ok: true, data: { savedTo: '/tmp/a.csv', rowCount: 2500 } });
    expect(askReason).toHaveBeenCalledWith({ threshold: 100, rowCount: 2500 });
    expect(api.invoke).toHaveBeenLastCalledWith('audit.exportCsv', { from: '2026-04-01', reason: '監査対応' });
  });

  it('asks again when main rejects the reason text, showing why', async () => {
    const rejected = fail('INVALID_INPUT', { issues: [{ path: ['reason'], messageKey: 'validation.myNumber' }] });
    const results: Result<unknown>[] = [fail('BULK_EXPORT_REASON_REQUIRED', { params: { threshold: 10, rowCount: 11 } }), rejected, { ok: true, data: {} }];
    installApi(async () => results.shift()!);
    const askReason = vi.fn(async () => 'ok');
    const r = await callWithPrompts('audit.exportCsv', {}, prompts({ askReason }));
    expect(r.ok).toBe(true);
    expect(askReason).toHaveBeenCalledTimes(2);
    expect(askReason).toHaveBeenLastCalledWith({ threshold: 10, rowCount: 11, problem: rejected });
  });

  it('returns CANCELLED when the reason prompt is cancelled', async () => {
    installApi(async () => fail('BULK_EXPORT_REASON_REQUIRED'));
    const r = await callWithPrompts('audit.exportCsv', {}, prompts({ askReason: async () => null }));
    expect(!r.ok && r.code).toBe('CANCELLED');
  });

  it('turns a missing bridge or a thrown error into INTERNAL', async () => {
    installApi(async () => {
      throw new Error('boom');
    });
    const r = await callWithPrompts('settings.get', {}, prompts());
    expect(!r.ok && r.code).toBe('INTERNAL');
  });
});
