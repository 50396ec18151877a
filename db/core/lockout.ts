import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomicFile';
import { AppError } from './appError';

/**
 * Failed-login throttling (MIC §20). Five wrong passwords lock that login for five minutes;
 * each further lockout doubles the time, until a successful login resets it.
 *
 * The state lives in lockout.json beside the keyring, not in the database: failures
 * happen before anyone can decrypt it. It stops a colleague guessing at the terminal; it
 * is no defence against a copy of the files, which scrypt in the keyring is for. Failed
 * attempts are kept here as `pending` and moved into the access log at the next unlock.
 *
 * Issue #9: an attempt is counted *before* its password is checked (`begin`), so guesses
 * fired at once cannot all pass the check while the KDF runs; an attempt whose count cannot
 * be written is refused (fail closed). The process keeps its own copy of the state, so a
 * lockout.json deleted or replaced while the app runs loses neither the lockout nor the
 * failures waiting for the access log.
 */
export const lockoutFileName = 'lockout.json';
export const failuresBeforeLockout = 5;
export const firstLockoutMs = 5 * 60 * 1000;
const maxPending = 1000;
/** The throttle's key for recovery-key attempts (login IDs are keyed by their hash). */
export const recoveryLockKey = 'recovery-key';

const accountSchema = z.object({ failures: z.int(), lockedUntil: z.number().nullable(), lockouts: z.int() });
const outcomeSchema = z.enum(['wrong-password', 'refused-while-locked', 'refused-unrecorded']);
const stateSchema = z.object({
  version: z.literal(1),
  accounts: z.record(z.string(), accountSchema),
  pending: z.array(z.object({ id: z.string().optional(), loginHash: z.string(), at: z.number(), outcome: outcomeSchema })),
});
type Account = z.infer<typeof accountSchema>;
type Outcome = z.infer<typeof outcomeSchema>;
export interface PendingFailure {
  id: string;
  loginHash: string;
  at: number;
  outcome: Outcome;
}
interface LockoutState {
  version: 1;
  accounts: Record<string, Account>;
  pending: PendingFailure[];
}

const empty = (): LockoutState => ({ version: 1, accounts: {}, pending: [] });
const clone = (s: LockoutState): LockoutState => ({ version: 1, accounts: structuredClone(s.accounts), pending: [...s.pending] });

/** The stricter of two records of one login: nothing a lost or older file says lowers it. */
function stricter(a: Account | undefined, b: Account | undefined): Account | undefined {
  if (!a || !b) return a ?? b;
  return { failures: Math.max(a.failures, b.failures), lockedUntil: Math.max(a.lockedUntil ?? 0, b.lockedUntil ?? 0) || null, lockouts: Math.max(a.lockouts, b.lockouts) };
}

export class LockoutRegistry {
  /** This process's copy: what lockout.json said or was told last (see the class comment). */
  private memory: LockoutState = empty();

  constructor(private readonly file: string) {}

  private readFile(): LockoutState {
    try {
      const parsed = stateSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
      // Entries of an older file have no id: give them one, kept from the next save on.
      return { version: 1, accounts: parsed.accounts, pending: parsed.pending.map((p, i) => ({ ...p, id: p.id ?? `legacy-${p.at}-${i}` })) };
    } catch {
      // Missing, damaged, or not a file: a damaged throttle file must not lock everyone out
      // for good; what this process knows still counts (memory), and saving will tell.
      return empty();
    }
  }

  /** lockout.json merged with this process's copy. */
  private read(): LockoutState {
    const file = this.readFile();
    const state = clone(this.memory);
    for (const [key, account] of Object.entries(file.accounts)) state.accounts[key] = stricter(state.accounts[key], account)!;
    const known = new Set(state.pending.map((p) => p.id));
    state.pending = [...file.pending.filter((p) => !known.has(p.id)), ...state.pending].sort((a, b) => a.at - b.at).slice(-maxPending);
    return state;
  }

  /** Keeps `state` in memory and tries to write it; false when lockout.json cannot be written. */
  private save(state: LockoutState): boolean {
    this.memory = clone(state);
    try {
      writeFileAtomic(this.file, JSON.stringify(state));
      return true;
    } catch (error) {
      console.error('daicho: lockout.json could not be written', error);
      return false;
    }
  }

  private addPending(state: LockoutState, key: string, now: number, outcome: Outcome): void {
    state.pending = [...state.pending, { id: randomUUID(), loginHash: key, at: now, outcome }].slice(-maxPending);
  }

  /**
   * Starts one attempt, before its password is checked: refused while `key` is locked out
   * (returns `{ refusedUntil }`, the refusal noted for the log); otherwise counted as a failure
   * at once (returns `{ lockedUntil }` if this attempt reaches the limit). A success clears the
   * count again (recordSuccess). When the count cannot be written the attempt is refused
   * (THROTTLE_UNAVAILABLE) and only noted in memory for the access log.
   */
  begin(key: string, now: number): { refusedUntil: number } | { lockedUntil: number | null } {
    const state = this.read();
    const until = state.accounts[key]?.lockedUntil ?? null;
    if (until !== null && until > now) {
      this.addPending(state, key, now, 'refused-while-locked');
      this.save(state);
      return { refusedUntil: until };
    }
    const before = clone(state);
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
    if (!this.save(state)) {
      this.addPending(before, key, now, 'refused-unrecorded');
      this.memory = before;
      throw new AppError('THROTTLE_UNAVAILABLE');
    }
    return { lockedUntil };
  }

  /** A begun attempt had the wrong password: it goes to the access log (already counted). */
  recordFailure(key: string, now: number): void {
    const state = this.read();
    this.addPending(state, key, now, 'wrong-password');
    this.save(state);
  }

  recordSuccess(key: string): void {
    const state = this.read();
    if (!state.accounts[key]) return;
    delete state.accounts[key];
    this.save(state);
  }

  /** Hands over the failures not yet in the access log; they are removed once written. */
  takePending(): { failures: PendingFailure[]; commit: () => void } {
    const failures = this.read().pending;
    return {
      failures,
      commit: () => {
        if (failures.length === 0) return;
        const written = new Set(failures.map((f) => f.id));
        const latest = this.read();
        latest.pending = latest.pending.filter((p) => !written.has(p.id));
        this.save(latest);
      },
    };
  }
}
