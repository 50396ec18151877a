import { createContext, useCallback, useContext } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput, DaichoApi, Failure, Result } from '../db/contract';

/**
 * The renderer's only door to the app: `window.api`, exposed by the preload (Electron) or
 * by the browser host (preview, end-to-end tests). Everything checked here is a courtesy;
 * the main process validates and authorises every call again.
 */
declare global {
  interface Window {
    api: DaichoApi;
  }
}

export function failure(code: Failure['code'], params?: Failure['params']): Failure {
  return { ok: false, code, messageKey: `errors.${code}`, ...(params ? { params } : {}) };
}

/** One IPC call. A missing bridge or a thrown error becomes an INTERNAL failure, never an exception. */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  try {
    if (typeof window === 'undefined' || !window.api) return failure('INTERNAL');
    return await window.api.invoke(channel, input);
  } catch {
    return failure('INTERNAL');
  }
}

/** What the interactive flows need from the UI: modals that ask the user something. */
export interface Prompts {
  /** Asks for the password and calls auth.reauthenticate; resolves false if the user gave up. */
  reauthenticate(): Promise<boolean>;
  /**
   * MIC §22: an export above the threshold needs a reason. Resolves the reason, or null if
   * cancelled. `problem` is the issue from the previous attempt, e.g. a 個人番号 in the text.
   */
  askReason(request: { threshold: number | undefined; rowCount: number | undefined; problem?: Failure }): Promise<string | null>;
}

const maxReasonAttempts = 3;

/**
 * A call with the two generic recoveries: REAUTH_REQUIRED (re-enter the password, then retry
 * once) and BULK_EXPORT_REASON_REQUIRED (give a reason, retry with `reason`). The two can
 * follow each other: an export first asks for the password, then for the reason.
 */
export async function callWithPrompts<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
  prompts: Prompts,
): Promise<Result<ChannelOutput<C>>> {
  let current = input;
  let reauthenticated = false;
  let reasonAttempts = 0;
  let problem: Failure | undefined;
  for (;;) {
    const result = await call(channel, current);
    if (result.ok) return result;
    if (result.code === 'REAUTH_REQUIRED' && !reauthenticated) {
      reauthenticated = true;
      if (!(await prompts.reauthenticate())) return failure('CANCELLED');
      continue;
    }
    const reasonRejected = reasonAttempts > 0 && result.code === 'INVALID_INPUT' && result.issues?.some((i) => i.path[0] === 'reason');
    if ((result.code === 'BULK_EXPORT_REASON_REQUIRED' && reasonAttempts === 0) || (reasonRejected && reasonAttempts < maxReasonAttempts)) {
      if (result.code === 'BULK_EXPORT_REASON_REQUIRED') problem = result;
      const reason = await prompts.askReason({
        threshold: numberParam(problem, 'threshold'),
        rowCount: numberParam(problem, 'rowCount'),
        ...(reasonRejected ? { problem: result } : {}),
      });
      if (reason === null) return failure('CANCELLED');
      reasonAttempts++;
      current = { ...current, reason } as ChannelInput<C>;
      continue;
    }
    return result;
  }
}

function numberParam(f: Failure | undefined, name: string): number | undefined {
  const v = f?.params?.[name];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

export interface ApiContextValue extends Prompts {
  /** The session may have been locked or ended behind our back: re-read app.status. */
  sessionProblem(): void;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

/**
 * `const api = useApi(); const r = await api('users.create', input);` — the call goes
 * through the reauthentication and bulk-export-reason prompts, and a locked or ended
 * session sends the whole app back to the lock or login screen.
 */
export function useApi() {
  const ctx = useContext(ApiContext);
  return useCallback(
    async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> => {
      if (!ctx) return call(channel, input);
      const result = await callWithPrompts(channel, input, ctx);
      if (!result.ok && (result.code === 'SESSION_LOCKED' || result.code === 'NOT_AUTHENTICATED')) ctx.sessionProblem();
      return result;
    },
    [ctx],
  );
}
