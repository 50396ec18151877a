import { can, permissions, type ChannelInput, type SessionInfo, type Settings } from '../contract';
import { findUserSlot, loginHash, openUserSlot, readKeyring, type Keyring } from '../keyring/keyring';
import { deriveFromPassword, newScryptParams } from '../keyring/slotCrypto';
import { AppError } from './appError';
import type { AppCore, Session, Vault } from './appCore';
import { catchUp } from './catchUp';
import { nextTurn } from './sessionTurn';
import { deleteExpiredDrafts, forgetHeldDrafts, releaseHeldDrafts, writeHeldDrafts } from './drafts';
import { readSettings, updateSettings } from './settings';
import { findUserByLoginId, getUser, markLoggedIn } from './users';

/**
 * Sessions on a shared terminal (MIC §9, §20, §33): each clerk unlocks the one encrypted
 * store with their own password; locking closes the database and wipes the key.
 */
const reauthWindowMs = 5 * 60 * 1000;

export function sessionInfo(core: AppCore): SessionInfo | null {
  const s = core.session;
  if (!s) return null;
  return {
    userId: s.userId,
    loginId: s.loginId,
    displayName: s.displayName,
    role: s.role,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    organizationName: s.organizationName,
    permissions: permissions.filter((p) => can(s.role, p)),
    locked: s.locked,
    mustChangePassword: s.mustChangePassword,
    recoveryKeyPending: core.pendingRecoveryKey !== null,
    idleLockMinutes: s.idleLockMinutes,
    dateDisplay: s.dateDisplay,
    timeZone: s.timeZone,
    passwordPolicy: s.passwordPolicy,
  };
}

export function appStatus(core: AppCore): { setUp: boolean; version: string; session: SessionInfo | null } {
  return { setUp: core.isSetUp(), version: core.appVersion, session: sessionInfo(core) };
}

function loadSession(core: AppCore, vault: Vault, userId: number): Session {
  const user = getUser(vault.db, userId);
  const settings = readSettings(vault.db);
  const now = core.nowMs();
  return {
    userId: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId,
    departmentName: user.departmentName,
    organizationName: settings.organizationName,
    startedAt: now,
    lastActivityAt: now,
    reauthUntil: 0,
    locked: false,
    mustChangePassword: user.mustChangePassword,
    validUntil: user.validUntil,
    idleLockMinutes: settings.idleLockMinutes,
    dateDisplay: settings.dateDisplay,
    timeZone: settings.timeZone,
    passwordPolicy: settings.passwordPolicy,
  };
}

export { assertSameTurn, sessionOwner, sessionTurn } from './sessionTurn';

/** Starts `userId`'s session on the open vault (login, setup, recovery). */
export function startSession(core: AppCore, vault: Vault, userId: number): SessionInfo {
  nextTurn(core);
  forgetHeldDrafts(core);
  core.session = loadSession(core, vault, userId);
  return sessionInfo(core)!;
}

/** Re-reads the session's user and settings after they changed (role, idle minutes …). */
export function refreshSession(core: AppCore): void {
  const s = core.session;
  if (!s || !core.vault) return;
  const fresh = loadSession(core, core.vault, s.userId);
  core.session = { ...fresh, startedAt: s.startedAt, lastActivityAt: s.lastActivityAt, reauthUntil: s.reauthUntil };
}

/** Settings the session shows (idle minutes, date display, time zone) take effect at once. */
export function changeSettings(core: AppCore, input: ChannelInput<'settings.update'>): Settings {
  const settings = core.write((tx) => updateSettings(tx, input));
  refreshSession(core);
  return settings;
}

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
export function checkPassword(core: AppCore, keyring: Keyring, login: string, password: string): Promise<Buffer> {
  const attempt = async () => {
    const slot = findUserSlot(keyring, login);
    if (slot) return openUserSlot(keyring, slot, password);
    // Same work for an unknown login ID, so timing does not tell which IDs exist.
    await deriveFromPassword(password, newScryptParams(core.kdfCost));
    return null;
  };
  return throttled(core, loginHash(keyring.databaseId, login), attempt, () => new AppError('WRONG_PASSWORD'));
}

/** Refuses a login for an account whose rights have ended, recording the refusal. */
function assertAccountUsable(core: AppCore, vault: Vault, loginId: string): number {
  const user = findUserByLoginId(vault.db, loginId);
  if (!user) throw new AppError('ACCOUNT_DISABLED');
  const expired = user.validUntil !== null && user.validUntil < core.today();
  if (!user.active || expired) {
    core.write((tx) => {
      catchUp(core, tx);
      tx.audit({ action: 'auth.login.refused', targetType: 'user', targetId: user.id, detail: { reason: user.active ? 'expired' : 'inactive' } });
    }, { userId: user.id, name: user.displayName }, vault);
    throw new AppError(user.active ? 'ACCOUNT_EXPIRED' : 'ACCOUNT_DISABLED');
  }
  return user.id;
}

export async function login(core: AppCore, input: ChannelInput<'auth.login'>): Promise<SessionInfo> {
  // Switching user goes through logout, so one person's open session is never reused.
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const keyring = readKeyring(core.files.keyring);
  const masterKey = await checkPassword(core, keyring, input.loginId, input.password);
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const vault = core.openVault(masterKey, keyring);
  let userId: number;
  try {
    userId = assertAccountUsable(core, vault, input.loginId);
    const user = getUser(vault.db, userId);
    core.write(
      (tx) => {
        catchUp(core, tx);
        deleteExpiredDrafts(core, tx);
        markLoggedIn(tx, userId);
        tx.audit({ action: 'auth.login', targetType: 'user', targetId: userId, detail: {} });
      },
      { userId, name: user.displayName },
      vault,
    );
  } catch (error) {
    core.closeVault();
    throw error;
  }
  core.lockout.recordSuccess(loginHash(keyring.databaseId, input.loginId));
  return startSession(core, vault, userId);
}

export function logout(core: AppCore, reason: 'logout' | 'expired' | 'switch-user' = 'logout'): void {
  const session = core.session;
  if (!session) return;
  const entry = { action: 'auth.logout', targetType: 'user', targetId: session.userId, detail: { reason } };
  if (core.vault) core.write((tx) => tx.audit(entry));
  else core.deferredAudit.push({ at: core.nowIso(), actor: core.actor(), entry });
  nextTurn(core);
  core.closeVault();
  core.session = null;
  core.pendingRecoveryKey = null;
  // Logging out is leaving the form on purpose: what main held for it goes (drafts.ts).
  forgetHeldDrafts(core);
  core.emit({ type: 'session.ended', reason });
}

/**
 * An account's rights end at the end of its last valid day in the organisation's zone: the
 * open session ends with them (issue #9, 10). Checked on every call from the date kept in
 * the session (no read); refreshed when the account is edited (refreshSession).
 */
export function endIfExpired(core: AppCore): void {
  const s = core.session;
  if (!s || s.locked || s.validUntil === null || s.validUntil >= core.today()) return;
  logout(core, 'expired');
  throw new AppError('ACCOUNT_EXPIRED');
}

/** Locks the session: closes the database and wipes the key (MIC §33). */
export function lock(core: AppCore, reason: 'idle' | 'manual' | 'os'): void {
  const session = core.session;
  if (!session || session.locked) return;
  if (core.vault) writeLock(core, session.userId, reason);
  nextTurn(core);
  releaseHeldDrafts(core);
  core.closeVault();
  session.locked = true;
  session.reauthUntil = 0;
  core.emit({ type: 'session.locked', reason });
}

/**
 * The lock's event, with the open form's draft written in the same transaction (issue #7),
 * so the draft is in the encrypted store before the key is wiped. A draft that cannot be
 * written must never keep the session open: the lock is then written without it.
 */
function writeLock(core: AppCore, userId: number, reason: 'idle' | 'manual' | 'os'): void {
  const lockEvent = { action: 'session.lock', targetType: 'user', targetId: userId, detail: { reason } };
  try {
    core.write((tx) => {
      writeHeldDrafts(core, tx, userId);
      tx.audit(lockEvent);
    });
  } catch (error) {
    console.error('daicho: the draft could not be kept at the lock', error);
    try {
      core.write((tx) => tx.audit(lockEvent));
    } catch (again) {
      // Nothing can be written (a full disk …): the lock still happens (MIC §33), and its event
      // waits, as a logout's while locked does, for the next time the store is open.
      console.error('daicho: the lock could not be recorded now', again);
      core.deferredAudit.push({ at: core.nowIso(), actor: core.actor(), entry: lockEvent });
    }
  }
}

export async function unlock(core: AppCore, password: string): Promise<SessionInfo> {
  const session = core.requireSession();
  if (!session.locked) return sessionInfo(core)!;
  const keyring = readKeyring(core.files.keyring);
  const masterKey = await checkPassword(core, keyring, session.loginId, password);
  if (!session.locked || core.session !== session) {
    masterKey.fill(0);
    return sessionInfo(core)!;
  }
  const vault = core.openVault(masterKey, keyring);
  try {
    assertAccountUsable(core, vault, session.loginId);
  } catch (error) {
    // Rights ended while the screen was locked: the session ends with them.
    logout(core, 'expired');
    throw error;
  }
  core.write((tx) => {
    catchUp(core, tx);
    deleteExpiredDrafts(core, tx);
    tx.audit({ action: 'session.unlock', targetType: 'user', targetId: session.userId, detail: {} });
  });
  core.lockout.recordSuccess(loginHash(keyring.databaseId, session.loginId));
  refreshSession(core);
  core.session!.locked = false;
  core.session!.lastActivityAt = core.nowMs();
  return sessionInfo(core)!;
}

/** Re-entering the password opens a short window for sensitive actions. */
export async function reauthenticate(core: AppCore, password: string): Promise<{ validUntil: string }> {
  const vault = core.requireVault();
  const session = core.requireSession();
  try {
    (await checkPassword(core, vault.keyring, session.loginId, password)).fill(0);
  } finally {
    if (core.vault) core.write((tx) => catchUp(core, tx));
  }
  session.reauthUntil = core.nowMs() + reauthWindowMs;
  core.write((tx) => tx.audit({ action: 'auth.reauthenticate', targetType: 'user', targetId: session.userId, detail: {} }));
  return { validUntil: new Date(session.reauthUntil).toISOString() };
}

export function hasFreshReauth(core: AppCore): boolean {
  const s = core.session;
  return !!s && s.reauthUntil > core.nowMs();
}

/** How long before the idle lock the renderer shows its countdown (issue #7). */
export const idleWarningMs = 30_000;
// The last activity instant each session was warned for: one warning per quiet spell.
const warnedFor = new WeakMap<AppCore, number>();

/**
 * MIC §33: main alone decides the idle lock. Shortly before it, main tells the renderer how
 * many seconds are left (session.idleWarning); only real input reported through
 * session.activity moves the lock, never the countdown itself.
 */
export function checkIdle(core: AppCore): void {
  const s = core.session;
  if (!s || s.locked) return;
  // The clock was set back: counting from an activity "in the future" would put the lock off
  // until the clock caught up. The quiet spell starts again now (one idle limit at most).
  if (core.nowMs() < s.lastActivityAt) s.lastActivityAt = core.nowMs();
  const idleMs = core.nowMs() - s.lastActivityAt;
  const limitMs = s.idleLockMinutes * 60_000;
  if (idleMs >= limitMs) {
    lock(core, 'idle');
    return;
  }
  if (idleMs >= limitMs - idleWarningMs && warnedFor.get(core) !== s.lastActivityAt) {
    warnedFor.set(core, s.lastActivityAt);
    core.emit({ type: 'session.idleWarning', secondsLeft: Math.ceil((limitMs - idleMs) / 1000) });
  }
}
