import { existsSync } from 'node:fs';
import { can, permissions, type ChannelInput, type SessionInfo, type Settings } from '../contract';
import { loginHash, type Keyring } from '../keyring/keyring';
import { AppError } from './appError';
import type { AppCore, Session, Vault } from './appCore';
import type { SetupNotice } from './dataFolder';
import { catchUp } from './catchUp';
import { forgetDamage, noteDamage } from './damagedDatabase';
import { checkPassword, openWithPassword } from './passwordCheck';
import { isDatabaseDamage } from '../store/damage';
import { assertSameTurn, nextTurn, sessionTurn } from './sessionTurn';
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

export function appStatus(core: AppCore): { setUp: boolean; version: string; session: SessionInfo | null; setupNotice?: SetupNotice } {
  const setUp = core.isSetUp();
  const status = { setUp, version: core.appVersion, session: sessionInfo(core) };
  if (setUp) return status;
  // Checked on every call: a keyring removed while the app runs is seen too (dataFolder.ts).
  const notice = existsSync(core.files.database) ? 'databaseWithoutKeyring' : core.setupNotice;
  return notice ? { ...status, setupNotice: notice } : status;
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
export { checkPassword, throttled } from './passwordCheck';

/** Starts `userId`'s session on the open vault (login, setup, recovery). */
export function startSession(core: AppCore, vault: Vault, userId: number): SessionInfo {
  // The database just opened and committed a login: damage seen earlier is gone, and with it
  // the login screen's restore (damagedDatabase.ts), which asks for no password.
  forgetDamage(core);
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
  const settings = core.write((tx) => updateSettings(tx, input, () => requireFreshReauth(core)));
  refreshSession(core);
  return settings;
}

/**
 * Refuses a login for an account whose rights have ended, or by a password it has replaced,
 * recording the refusal. A slot older than its owner's recorded password (a slot's createdAt
 * is that record, users.ts markPasswordChanged) comes from an old keyring put back, in one
 * copy or both: the password was changed or reset since — perhaps because it leaked.
 */
function assertAccountUsable(core: AppCore, vault: Vault, loginId: string, slotCreatedAt: string): number {
  const user = findUserByLoginId(vault.db, loginId);
  if (!user) throw new AppError('ACCOUNT_DISABLED');
  const expired = user.validUntil !== null && user.validUntil < core.today();
  const recorded = vault.db.prepare('SELECT password_changed_at FROM users WHERE id = ?').pluck().get(user.id) as string | null;
  const replaced = recorded !== null && slotCreatedAt < recorded;
  if (!user.active || expired || replaced) {
    const reason = !user.active ? 'inactive' : replaced ? 'replaced-password' : 'expired';
    core.write((tx) => {
      catchUp(core, tx);
      tx.audit({ action: 'auth.login.refused', targetType: 'user', targetId: user.id, detail: { reason } });
    }, { userId: user.id, name: user.displayName }, vault);
    throw new AppError(reason === 'inactive' ? 'ACCOUNT_DISABLED' : reason === 'expired' ? 'ACCOUNT_EXPIRED' : 'WRONG_PASSWORD');
  }
  return user.id;
}

export async function login(core: AppCore, input: ChannelInput<'auth.login'>): Promise<SessionInfo> {
  // Switching user goes through logout, so one person's open session is never reused.
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const keyring = core.readKeyring();
  const { key: masterKey, slotCreatedAt } = await openWithPassword(core, keyring, input.loginId, input.password, core.keyringAlternative);
  if (core.session) {
    // Someone else logged in while scrypt ran: this key is not needed, so it is wiped (issue #9, 6).
    masterKey.fill(0);
    throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  }
  const vault = openOrDamaged(core, keyring, masterKey, input.loginId);
  let userId: number;
  try {
    userId = assertAccountUsable(core, vault, input.loginId, slotCreatedAt);
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
    // The first writes read the access log's last page: damage there shows here, not at the open.
    const shown = noteDamage(core, keyring, vault.masterKey, input.loginId, error);
    core.closeVault();
    throw shown;
  }
  core.lockout.recordSuccess(loginHash(keyring.databaseId, input.loginId));
  return startSession(core, vault, userId);
}

/**
 * Opens the database with a key the password just unwrapped. Damage found here is remembered
 * (damagedDatabase.ts: the login screen may then offer the restore); the key is wiped on any
 * failure, since no vault holds it.
 */
export function openOrDamaged(core: AppCore, keyring: Keyring, masterKey: Buffer, loginId: string): Vault {
  try {
    return core.openVault(masterKey, keyring);
  } catch (error) {
    const shown = noteDamage(core, keyring, masterKey, loginId, error);
    masterKey.fill(0);
    throw shown;
  }
}

export function logout(core: AppCore, reason: 'logout' | 'expired' | 'switch-user' = 'logout'): void {
  const session = core.session;
  if (!session) return;
  const entry = { action: 'auth.logout', targetType: 'user', targetId: session.userId, detail: { reason } };
  core.moveAnchor();
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
  core.moveAnchor();
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
  const keyring = core.readKeyring();
  const { key: masterKey, slotCreatedAt } = await openWithPassword(core, keyring, session.loginId, password, core.keyringAlternative);
  if (!session.locked || core.session !== session) {
    masterKey.fill(0);
    return sessionInfo(core)!;
  }
  const vault = openOrDamaged(core, keyring, masterKey, session.loginId);
  try {
    assertAccountUsable(core, vault, session.loginId, slotCreatedAt);
  } catch (error) {
    if (isDatabaseDamage(error)) throw unlockDamaged(core, keyring, vault, session.loginId, error);
    // Rights ended while the screen was locked: the session ends with them.
    logout(core, 'expired');
    throw error;
  }
  try {
    core.write((tx) => {
      catchUp(core, tx);
      deleteExpiredDrafts(core, tx);
      tx.audit({ action: 'session.unlock', targetType: 'user', targetId: session.userId, detail: {} });
    });
  } catch (error) {
    throw unlockDamaged(core, keyring, vault, session.loginId, error);
  }
  core.lockout.recordSuccess(loginHash(keyring.databaseId, session.loginId));
  forgetDamage(core);
  refreshSession(core);
  core.session!.locked = false;
  core.session!.lastActivityAt = core.nowMs();
  return sessionInfo(core)!;
}

/** Damage found after the unlock opened the file: the screen stays locked, the key is wiped. */
function unlockDamaged(core: AppCore, keyring: Keyring, vault: Vault, loginId: string, error: unknown): unknown {
  const shown = noteDamage(core, keyring, vault.masterKey, loginId, error);
  core.closeVault();
  return shown;
}

/** Re-entering the password opens a short window for sensitive actions. */
export async function reauthenticate(core: AppCore, password: string): Promise<{ validUntil: string }> {
  const vault = core.requireVault();
  const session = core.requireSession();
  const turn = sessionTurn(core);
  try {
    (await checkPassword(core, vault.keyring, session.loginId, password)).fill(0);
  } finally {
    if (core.vault) core.write((tx) => catchUp(core, tx));
  }
  // A lock (or a logout) while the password was checked ends what it was for: the window
  // would otherwise open on the locked session and outlive its unlock (lock resets it, MIC §33).
  assertSameTurn(core, turn);
  // Recorded first: a window that could not be logged is never opened.
  core.write((tx) => tx.audit({ action: 'auth.reauthenticate', targetType: 'user', targetId: session.userId, detail: {} }));
  session.reauthUntil = core.nowMs() + reauthWindowMs;
  return { validUntil: new Date(session.reauthUntil).toISOString() };
}

export function hasFreshReauth(core: AppCore): boolean {
  const s = core.session;
  if (!s) return false;
  const left = s.reauthUntil - core.nowMs();
  // More left than the window ever gives means the clock was set back since: the window is over.
  return left > 0 && left <= reauthWindowMs;
}

/**
 * The one re-authentication check: the router applies it to every channel marked `reauth`
 * (exports, list prints, accounts, keys, backups); a service whose need depends on what it is
 * asked (settings that loosen a guard) calls it before it writes anything.
 */
export function requireFreshReauth(core: AppCore): void {
  if (!hasFreshReauth(core)) throw new AppError('REAUTH_REQUIRED');
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
