import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomicFile';

/**
 * Failed-login throttling (MIC §20). Five wrong passwords lock that login for five minutes;
 * each further lockout doubles the time, until a successful login resets it.
 *
 * The state lives in lockout.json beside the keyring, not in the database: failures
 * happen before anyone can decrypt it. It stops a colleague guessing at the terminal; it
 * is no defence against a copy of the files, which scrypt in the keyring is for. Failed
 * attempts are kept here as `pending` and moved into the access log at the next unlock.
 */
export const lockoutFileName = 'lockout.json';
export const failuresBeforeLockout = 5;
export const firstLockoutMs = 5 * 60 * 1000;
const maxPending = 1000;
/** The throttle's key for recovery-key attempts (login IDs are keyed by their hash). */
export const recoveryLockKey = 'recovery-key';

const stateSchema = z.object({
  version: z.literal(1),
  accounts: z.record(z.string(), z.object({ failures: z.int(), lockedUntil: z.number().nullable(), lockouts: z.int() })),
  pending: z.array(z.object({ loginHash: z.string(), at: z.number(), outcome: z.enum(['wrong-password', 'refused-while-locked']) })),
});
type LockoutState = z.infer<typeof stateSchema>;
export type PendingFailure = LockoutState['pending'][number];

export class LockoutRegistry {
  constructor(private readonly file: string) {}

  private read(): LockoutState {
    if (!existsSync(this.file)) return { version: 1, accounts: {}, pending: [] };
    try {
      return stateSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged throttle file must not lock everyone out for good; start afresh.
      return { version: 1, accounts: {}, pending: [] };
    }
  }

  private write(state: LockoutState): void {
    writeFileAtomic(this.file, JSON.stringify(state));
  }

  /** The instant (ms) until which `key` is locked, or null. */
  lockedUntil(key: string, now: number): number | null {
    const until = this.read().accounts[key]?.lockedUntil ?? null;
    return until !== null && until > now ? until : null;
  }

  /** Notes a refused attempt during a lockout, so it reaches the access log later. */
  recordRefused(key: string, now: number): void {
    const state = this.read();
    state.pending = [...state.pending, { loginHash: key, at: now, outcome: 'refused-while-locked' as const }].slice(-maxPending);
    this.write(state);
  }

  /** Counts a wrong password; returns the lockout end if this failure started one. */
  recordFailure(key: string, now: number): number | null {
    const state = this.read();
    const account = state.accounts[key] ?? { failures: 0, lockedUntil: null, lockouts: 0 };
    account.failures += 1;
    let lockedUntil: number | null = null;
    if (account.failures >= failuresBeforeLockout) {
      lockedUntil = now + firstLockoutMs * 2 ** account.lockouts;
      account.lockouts += 1;
      account.failures = 0;
      account.lockedUntil = lockedUntil;
    }
    state.accounts[key] = account;
    state.pending = [...state.pending, { loginHash: key, at: now, outcome: 'wrong-password' as const }].slice(-maxPending);
    this.write(state);
    return lockedUntil;
  }

  recordSuccess(key: string): void {
    const state = this.read();
    if (!state.accounts[key]) return;
    delete state.accounts[key];
    this.write(state);
  }

  /** Hands over the failures not yet in the access log; they are removed once written. */
  takePending(): { failures: PendingFailure[]; commit: () => void } {
    const state = this.read();
    const failures = state.pending;
    return {
      failures,
      commit: () => {
        if (failures.length === 0) return;
        const latest = this.read();
        latest.pending = latest.pending.filter((p) => !failures.some((f) => f.at === p.at && f.loginHash === p.loginHash));
        this.write(latest);
      },
    };
  }
}
