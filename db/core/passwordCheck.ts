import type { Keyring } from '../keyring/keyring';
import { findUserSlot, loginHash, openUserSlot } from '../keyring/keyring';
import { deriveFromPassword, newScryptParams } from '../keyring/slotCrypto';
import { AppError } from './appError';
import type { AppCore } from './appCore';

/**
 * Passwords against key slots, under the failed-login throttle (MIC §20; issue #9, 1 and 8).
 * Login, unlock, re-authentication and password changes all check a password here.
 */

function lockedOut(until: number): AppError {
  return new AppError('ACCOUNT_LOCKED', { until: new Date(until).toISOString() });
}

/**
 * One attempt under the failed-login throttle (MIC §20): refused while `lockKey` is locked
 * out; an attempt that yields null is counted as a failure and answered with `wrong()`.
 * The attempt is counted before `attempt` is awaited (issue #9): guesses sent at once
 * cannot all pass the check while the KDF runs. The right password clears the count.
 */
export async function throttled<T>(core: AppCore, lockKey: string, attempt: () => Promise<T | null> | T | null, wrong: () => AppError): Promise<T> {
  const started = core.lockout.begin(lockKey, core.nowMs());
  if ('refusedUntil' in started) throw lockedOut(started.refusedUntil);
  const result = await attempt();
  if (result !== null) {
    core.lockout.recordSuccess(lockKey);
    return result;
  }
  core.lockout.recordFailure(lockKey, core.nowMs());
  throw started.lockedUntil !== null ? lockedOut(started.lockedUntil) : wrong();
}

/** Checks the throttle, then the password; counts a failure. Returns the master key. */
export async function checkPassword(core: AppCore, keyring: Keyring, login: string, password: string): Promise<Buffer> {
  return (await openWithPassword(core, keyring, login, password)).key;
}

/** The master key, and when the slot that gave it was made (= its password's record, users.ts markPasswordChanged). */
export interface OpenedSlot {
  key: Buffer;
  slotCreatedAt: string;
}

export function openWithPassword(core: AppCore, keyring: Keyring, login: string, password: string, alternative: Keyring | null = null): Promise<OpenedSlot> {
  // Two whole copies that differ (keyringFiles.ts): the current generation may be either, so
  // at login and unlock a password opens with either; catchUp then keeps the one the database agrees with.
  const slots = [keyring, alternative]
    .filter((k): k is Keyring => k !== null)
    .map((k) => ({ k, slot: findUserSlot(k, login) }))
    .filter((found, i, all) => found.slot && all.findIndex((f) => f.slot?.id === found.slot!.id) === i);
  const attempt = async (): Promise<OpenedSlot | null> => {
    for (const { k, slot } of slots) {
      const key = await openUserSlot(k, slot!, password);
      if (key) return { key, slotCreatedAt: slot!.createdAt };
    }
    if (slots.length > 0) return null;
    // Same work for an unknown login ID, so timing does not tell which IDs exist.
    (await deriveFromPassword(password, newScryptParams(core.kdfCost))).fill(0);
    return null;
  };
  return throttled(core, loginHash(keyring.databaseId, login), attempt, () => new AppError('WRONG_PASSWORD'));
}
