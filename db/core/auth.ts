import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { can, permissions, type ChannelInput, type SessionInfo } from '../contract';
import {
  findUserSlot,
  loginHash,
  makeRecoverySlot,
  newKeyring,
  openRecoverySlot,
  openUserSlot,
  preparePassword,
  readKeyring,
  sealUserSlot,
  withSlot,
  withoutUserSlot,
  type Keyring,
} from '../keyring/keyring';
import { newRecoveryKey, parseRecoveryKey } from '../keyring/recoveryKey';
import { deriveFromPassword, newScryptParams } from '../keyring/slotCrypto';
import { databaseFileName } from '../store/database';
import { AppError, fieldError } from './appError';
import type { AppCore, Session, Tx, Vault } from './appCore';
import { assertPasswordAllowed } from './passwordPolicy';
import { defaultSettings, readSettings, writeSettings } from './settings';
import { createDepartment, deactivateUser, findUserByLoginId, getUser, insertUser, listUsers, markPasswordChanged } from './users';

/**
 * Sessions on a shared terminal (MIC §9, §20, §33): each clerk unlocks the one encrypted
 * store with their own password; locking closes the database and wipes the key.
 */
const reauthWindowMs = 5 * 60 * 1000;
const recoveryLockKey = 'recovery-key';

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
  };
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
    idleLockMinutes: settings.idleLockMinutes,
    dateDisplay: settings.dateDisplay,
    timeZone: settings.timeZone,
  };
}

/** Re-reads the session's user and settings after they changed (role, idle minutes …). */
export function refreshSession(core: AppCore): void {
  const s = core.session;
  if (!s || !core.vault) return;
  const fresh = loadSession(core, core.vault, s.userId);
  core.session = { ...fresh, startedAt: s.startedAt, lastActivityAt: s.lastActivityAt, reauthUntil: s.reauthUntil };
}

/**
 * Failed attempts wait in lockout.json while the database is closed; the next time it is
 * open they enter the access log, in the same transaction as whatever opened it.
 */
function flushDeferred(core: AppCore, tx: Tx): void {
  const pending = core.lockout.takePending();
  if (pending.failures.length > 0) {
    const byHash = new Map(listUsers(tx.db, true).map((u) => [loginHash(core.vault!.keyring.databaseId, u.loginId), u]));
    for (const failure of pending.failures) {
      const user = byHash.get(failure.loginHash);
      tx.audit({
        action: failure.loginHash === recoveryLockKey ? 'auth.recover.failed' : 'auth.login.failed',
        targetType: user ? 'user' : null,
        targetId: user?.id ?? null,
        detail: { attemptedAt: new Date(failure.at).toISOString(), outcome: failure.outcome, loginId: user?.loginId ?? null },
      });
    }
  }
  for (const deferred of core.deferredAudit) {
    tx.audit({ ...deferred.entry, detail: { ...deferred.entry.detail, happenedAt: deferred.at, actor: deferred.actor.name } });
  }
  const deferredCount = core.deferredAudit.length;
  // Only once the transaction commits are they dropped from where they waited.
  tx.afterCommit(() => {
    core.deferredAudit = core.deferredAudit.slice(deferredCount);
    pending.commit();
  });
}

/** Checks the throttle, then the password; counts a failure. Returns the master key. */
async function openWithPassword(core: AppCore, keyring: Keyring, login: string, password: string): Promise<Buffer> {
  const lockKey = loginHash(keyring.databaseId, login);
  const until = core.lockout.lockedUntil(lockKey, core.nowMs());
  if (until !== null) {
    core.lockout.recordRefused(lockKey, core.nowMs());
    throw new AppError('ACCOUNT_LOCKED', { until: new Date(until).toISOString() });
  }
  const slot = findUserSlot(keyring, login);
  let masterKey: Buffer | null = null;
  if (slot) masterKey = await openUserSlot(keyring, slot, password);
  // Same work for an unknown login ID, so timing does not tell which IDs exist.
  else await deriveFromPassword(password, newScryptParams(core.kdfCost));
  if (!masterKey) {
    const lockedUntil = core.lockout.recordFailure(lockKey, core.nowMs());
    if (lockedUntil !== null) throw new AppError('ACCOUNT_LOCKED', { until: new Date(lockedUntil).toISOString() });
    throw new AppError('WRONG_PASSWORD');
  }
  return masterKey;
}

/** Refuses a login for an account whose rights have ended, recording the refusal. */
function assertAccountUsable(core: AppCore, vault: Vault, loginId: string): number {
  const user = findUserByLoginId(vault.db, loginId);
  if (!user) throw new AppError('ACCOUNT_DISABLED');
  const expired = user.validUntil !== null && user.validUntil < core.today();
  if (!user.active || expired) {
    core.write((tx) => {
      flushDeferred(core, tx);
      tx.audit({ action: 'auth.login.refused', targetType: 'user', targetId: user.id, detail: { reason: user.active ? 'expired' : 'inactive' } });
    }, { userId: user.id, name: user.displayName }, vault);
    throw new AppError(user.active ? 'ACCOUNT_EXPIRED' : 'ACCOUNT_DISABLED');
  }
  return user.id;
}

export async function initialize(core: AppCore, input: ChannelInput<'setup.initialize'>): Promise<{ recoveryKey: string; session: SessionInfo }> {
  if (core.isSetUp()) throw new AppError('ALREADY_SET_UP');
  // A database without its keyring is never overwritten: it may be all an office has.
  if (existsSync(core.files.database)) throw new AppError('KEYRING_DAMAGED', undefined, undefined, 'errors.keyringMissing');
  assertPasswordAllowed(input.passwordPolicy, input.chief.password, input.chief.loginId, ['chief', 'password']);
  const prepared = await preparePassword(input.chief.password, core.kdfCost);
  if (core.isSetUp()) throw new AppError('ALREADY_SET_UP');
  const masterKey = randomBytes(32);
  const recovery = newRecoveryKey();
  const draft = newKeyring(databaseFileName);
  let userId: number;
  try {
    const vault = core.openVault(masterKey, { ...draft, checksum: '' }, true);
    userId = core.write(
      (tx) => {
        tx.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run('databaseId', draft.databaseId, 'createdAt', tx.at);
        writeSettings(tx, { ...defaultSettings, organizationName: input.organizationName, passwordPolicy: input.passwordPolicy });
        tx.audit({
          action: 'setup.initialize',
          targetType: 'organization',
          detail: { organizationName: input.organizationName, passwordPolicy: input.passwordPolicy, databaseId: draft.databaseId },
        });
        const department = createDepartment(tx, input.departmentName);
        const chief = insertUser(tx, {
          loginId: input.chief.loginId,
          displayName: input.chief.displayName,
          role: 'chief',
          departmentId: department.id,
          isMyNumberHandler: false,
          validUntil: null,
          mustChangePassword: false,
        });
        const slots = [
          sealUserSlot(draft.databaseId, { userId: chief.id, loginId: chief.loginId }, prepared, masterKey, tx.at),
          makeRecoverySlot(draft.databaseId, recovery.bytes, masterKey, tx.at),
        ];
        tx.audit({ action: 'keys.recovery.create', targetType: 'keyring', detail: {} });
        tx.audit({ action: 'auth.login', targetType: 'user', targetId: chief.id, detail: { via: 'setup' } });
        tx.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(tx.at, chief.id);
        // Last step of the transaction: if the keyring cannot be written, nothing commits.
        core.saveKeyring({ ...draft, slots });
        return chief.id;
      },
      { userId: null, name: input.chief.displayName },
      vault,
    );
  } catch (error) {
    core.closeVault();
    // Setup left nothing worth keeping; clear it so setup can be run again.
    for (const suffix of ['', '-wal', '-shm']) rmSync(core.files.database + suffix, { force: true });
    rmSync(core.files.keyring, { force: true });
    throw error;
  } finally {
    prepared.kek.fill(0);
    recovery.bytes.fill(0);
  }
  core.session = loadSession(core, core.vault!, userId);
  core.pendingRecoveryKey = recovery.text;
  return { recoveryKey: recovery.text, session: sessionInfo(core)! };
}

export async function login(core: AppCore, input: ChannelInput<'auth.login'>): Promise<SessionInfo> {
  // Switching user goes through logout, so one person's open session is never reused.
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const keyring = readKeyring(core.files.keyring);
  const masterKey = await openWithPassword(core, keyring, input.loginId, input.password);
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const vault = core.openVault(masterKey, keyring);
  try {
    const userId = assertAccountUsable(core, vault, input.loginId);
    const user = getUser(vault.db, userId);
    core.write(
      (tx) => {
        flushDeferred(core, tx);
        tx.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(tx.at, userId);
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
  core.session = loadSession(core, vault, findUserByLoginId(vault.db, input.loginId)!.id);
  return sessionInfo(core)!;
}

export function logout(core: AppCore, reason: 'logout' | 'expired' | 'switch-user' = 'logout'): void {
  const session = core.session;
  if (!session) return;
  const entry = { action: 'auth.logout', targetType: 'user', targetId: session.userId, detail: { reason } };
  if (core.vault) core.write((tx) => tx.audit(entry));
  else core.deferredAudit.push({ at: core.nowIso(), actor: core.actor(), entry });
  core.closeVault();
  core.session = null;
  core.pendingRecoveryKey = null;
  core.emit({ type: 'session.ended', reason });
}

/** Locks the session: closes the database and wipes the key (MIC §33). */
export function lock(core: AppCore, reason: 'idle' | 'manual' | 'os'): void {
  const session = core.session;
  if (!session || session.locked) return;
  if (core.vault) core.write((tx) => tx.audit({ action: 'session.lock', targetType: 'user', targetId: session.userId, detail: { reason } }));
  core.closeVault();
  session.locked = true;
  session.reauthUntil = 0;
  core.emit({ type: 'session.locked', reason });
}

export async function unlock(core: AppCore, password: string): Promise<SessionInfo> {
  const session = core.requireSession();
  if (!session.locked) return sessionInfo(core)!;
  const keyring = readKeyring(core.files.keyring);
  const masterKey = await openWithPassword(core, keyring, session.loginId, password);
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
    flushDeferred(core, tx);
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
    (await openWithPassword(core, vault.keyring, session.loginId, password)).fill(0);
  } finally {
    if (core.vault) core.write((tx) => flushDeferred(core, tx));
  }
  session.reauthUntil = core.nowMs() + reauthWindowMs;
  core.write((tx) => tx.audit({ action: 'auth.reauthenticate', targetType: 'user', targetId: session.userId, detail: {} }));
  return { validUntil: new Date(session.reauthUntil).toISOString() };
}

export function hasFreshReauth(core: AppCore): boolean {
  const s = core.session;
  return !!s && s.reauthUntil > core.nowMs();
}

export async function changePassword(core: AppCore, input: ChannelInput<'auth.changePassword'>): Promise<void> {
  const vault = core.requireVault();
  const session = core.requireSession();
  assertPasswordAllowed(readSettings(vault.db).passwordPolicy, input.newPassword, session.loginId, ['newPassword']);
  if (input.newPassword === input.currentPassword) throw fieldError(['newPassword'], 'validation.passwordUnchanged');
  try {
    (await openWithPassword(core, vault.keyring, session.loginId, input.currentPassword)).fill(0);
  } catch (error) {
    if (error instanceof AppError && error.code === 'WRONG_PASSWORD') throw fieldError(['currentPassword'], 'errors.WRONG_PASSWORD');
    throw error;
  }
  await replaceUserSlot(core, session.userId, input.newPassword, false, 'auth.password.change');
  session.mustChangePassword = false;
}

/**
 * Gives `userId` a new key slot for `password` (a password change, or an administrator's
 * reset with must-change set), with its audit event, in one transaction.
 */
async function replaceUserSlot(core: AppCore, userId: number, password: string, mustChange: boolean, action: string): Promise<void> {
  const prepared = await preparePassword(password, core.kdfCost);
  try {
    const vault = core.requireVault();
    core.write((tx) => {
      const user = getUser(tx.db, userId);
      markPasswordChanged(tx, userId, mustChange);
      tx.audit({ action, targetType: 'user', targetId: userId, detail: { mustChangePassword: mustChange } });
      const slot = sealUserSlot(vault.keyring.databaseId, { userId, loginId: user.loginId }, prepared, vault.masterKey, tx.at);
      core.saveKeyring(withSlot(vault.keyring, slot));
    });
  } finally {
    prepared.kek.fill(0);
  }
}

export async function resetPassword(core: AppCore, input: ChannelInput<'users.resetPassword'>): Promise<void> {
  const vault = core.requireVault();
  const session = core.requireSession();
  if (input.userId === session.userId) throw new AppError('CONFLICT', undefined, undefined, 'errors.useChangePassword');
  const user = getUser(vault.db, input.userId);
  if (!user.active) throw new AppError('CONFLICT', undefined, undefined, 'errors.userInactive');
  assertPasswordAllowed(readSettings(vault.db).passwordPolicy, input.newPassword, user.loginId, ['newPassword']);
  await replaceUserSlot(core, user.id, input.newPassword, true, 'user.password.reset');
}

/** The printed recovery key opens the store when the 総括保護管理者's password is lost. */
export async function recover(core: AppCore, input: ChannelInput<'auth.recover'>): Promise<SessionInfo> {
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const keyring = readKeyring(core.files.keyring);
  const until = core.lockout.lockedUntil(recoveryLockKey, core.nowMs());
  if (until !== null) {
    core.lockout.recordRefused(recoveryLockKey, core.nowMs());
    throw new AppError('ACCOUNT_LOCKED', { until: new Date(until).toISOString() });
  }
  const keyBytes = parseRecoveryKey(input.recoveryKey);
  const masterKey = keyBytes ? openRecoverySlot(keyring, keyBytes) : null;
  keyBytes?.fill(0);
  if (!masterKey) {
    const lockedUntil = core.lockout.recordFailure(recoveryLockKey, core.nowMs());
    if (lockedUntil !== null) throw new AppError('ACCOUNT_LOCKED', { until: new Date(lockedUntil).toISOString() });
    throw fieldError(['recoveryKey'], 'errors.WRONG_RECOVERY_KEY');
  }
  const vault = core.openVault(masterKey, keyring);
  try {
    const user = findUserByLoginId(vault.db, input.loginId);
    if (!user || !user.active || user.role !== 'chief') throw fieldError(['loginId'], 'validation.notAnActiveChief');
    assertPasswordAllowed(readSettings(vault.db).passwordPolicy, input.newPassword, user.loginId, ['newPassword']);
    const prepared = await preparePassword(input.newPassword, core.kdfCost);
    try {
      core.write(
        (tx) => {
          flushDeferred(core, tx);
          markPasswordChanged(tx, user.id, false);
          tx.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(tx.at, user.id);
          tx.audit({ action: 'auth.recover', targetType: 'user', targetId: user.id, detail: {} });
          tx.audit({ action: 'auth.login', targetType: 'user', targetId: user.id, detail: { via: 'recovery-key' } });
          const slot = sealUserSlot(keyring.databaseId, { userId: user.id, loginId: user.loginId }, prepared, masterKey, tx.at);
          core.saveKeyring(withSlot(vault.keyring, slot));
        },
        { userId: user.id, name: user.displayName },
        vault,
      );
    } finally {
      prepared.kek.fill(0);
    }
    core.lockout.recordSuccess(recoveryLockKey);
    core.lockout.recordSuccess(loginHash(keyring.databaseId, user.loginId));
    core.session = loadSession(core, vault, user.id);
    return sessionInfo(core)!;
  } catch (error) {
    core.closeVault();
    throw error;
  }
}

/** A new recovery key replaces the old one, which stops working at once. */
export function regenerateRecoveryKey(core: AppCore): { recoveryKey: string } {
  const vault = core.requireVault();
  const recovery = newRecoveryKey();
  try {
    core.write((tx) => {
      tx.audit({ action: 'keys.recovery.regenerate', targetType: 'keyring', detail: {} });
      core.saveKeyring(withSlot(vault.keyring, makeRecoverySlot(vault.keyring.databaseId, recovery.bytes, vault.masterKey, tx.at)));
    });
  } finally {
    recovery.bytes.fill(0);
  }
  core.pendingRecoveryKey = recovery.text;
  return { recoveryKey: recovery.text };
}

export function acknowledgeRecoveryKey(core: AppCore): void {
  if (!core.pendingRecoveryKey) throw new AppError('NO_PENDING_RECOVERY_KEY');
  core.write((tx) => tx.audit({ action: 'keys.recovery.acknowledge', targetType: 'keyring', detail: {} }));
  core.pendingRecoveryKey = null;
}

export function checkIdle(core: AppCore): void {
  const s = core.session;
  if (s && !s.locked && core.nowMs() - s.lastActivityAt >= s.idleLockMinutes * 60_000) lock(core, 'idle');
}

/** Creates an account and its key slot in one transaction (MIC §9: one account per person). */
export async function createUserWithSlot(core: AppCore, input: ChannelInput<'users.create'>) {
  const vault = core.requireVault();
  assertPasswordAllowed(readSettings(vault.db).passwordPolicy, input.initialPassword, input.loginId, ['initialPassword']);
  const prepared = await preparePassword(input.initialPassword, core.kdfCost);
  try {
    return core.write((tx) => {
      const { initialPassword: _secret, ...fields } = input;
      // Whoever set the first password knows it, so the person must replace it at first login.
      const user = insertUser(tx, { ...fields, mustChangePassword: true });
      const slot = sealUserSlot(vault.keyring.databaseId, { userId: user.id, loginId: user.loginId }, prepared, vault.masterKey, tx.at);
      core.saveKeyring(withSlot(vault.keyring, slot));
      return user;
    });
  } finally {
    prepared.kek.fill(0);
  }
}

/** Ends an account and deletes its key slot, so the old password opens nothing. */
export function deactivateUserAndSlot(core: AppCore, userId: number, reason: string) {
  const vault = core.requireVault();
  const actingUserId = core.requireSession().userId;
  return core.write((tx) => {
    const user = deactivateUser(tx, userId, reason, actingUserId);
    core.saveKeyring(withoutUserSlot(vault.keyring, userId));
    return user;
  });
}
