import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from './appError';
import type { AppCore } from './appCore';
import type { AuditActor } from './audit';

/**
 * A session's turn: it changes at every login, lock and logout (sessions.ts). A call that
 * awaits (a file dialog, the printer, scrypt) belongs to the turn it started in; when the
 * turn changed meanwhile it writes and logs nothing (issue #9, 12): otherwise the clerk's
 * export would be finished, with the chief's rights and in the chief's name, by whoever is
 * there when the dialog closes. The router runs each call in its turn (`inCallTurn`) and
 * `core.write` refuses a write from a call whose turn has passed (`assertCallTurn`).
 */
const turns = new WeakMap<AppCore, number>();
const callTurn = new AsyncLocalStorage<number>();

export const sessionTurn = (core: AppCore): number => turns.get(core) ?? 0;
export const nextTurn = (core: AppCore): void => void turns.set(core, sessionTurn(core) + 1);

/** Who started a call, and in which turn: what it records after an await is in their name. */
export const sessionOwner = (core: AppCore): { turn: number; actor: AuditActor } => ({ turn: sessionTurn(core), actor: core.actor() });

/** After an await: refused when the session that started the call is no longer the one there. */
export function assertSameTurn(core: AppCore, turn: number): void {
  if (sessionTurn(core) === turn) return;
  // Locked meanwhile: the lock screen says why; a session since replaced: the call just ends.
  if (core.session?.locked) throw new AppError('SESSION_LOCKED');
  throw new AppError('CANCELLED');
}

/** Runs one IPC call in the current turn. */
export const inCallTurn = <T>(core: AppCore, run: () => T): T => callTurn.run(sessionTurn(core), run);

/** In core.write: a call (if any) may write only in the turn it started in. */
export function assertCallTurn(core: AppCore): void {
  const turn = callTurn.getStore();
  if (turn !== undefined) assertSameTurn(core, turn);
}

/**
 * A write deliberately made for whoever started the call after their turn passed (a backup
 * sealed, paper printed), in their name: outside the call's turn check.
 */
export const outsideCallTurn = <T>(run: () => T): T => callTurn.exit(run);
