import { loginHash, makeRecoverySlot, preparePassword, sealUserSlot, withoutUserSlot, withSlot, type Keyring, type PreparedPassword } from '../keyring/keyring';
import type { KeyringCopyProblem } from '../keyring/keyringFiles';
import type { Db } from '../store/database';
import type { AppCore, WriteTx } from './appCore';
import { AppError } from './appError';
import { activeSlotOwners, getUser, markPasswordChanged } from './users';

/**
 * Key slots follow accounts (docs/SECURITY.md): an account gets a slot when it is created,
 * a new one with every new password, and loses it when deactivated — each in the
 * transaction that records it, with keyring.json written as its last step.
 */

/** Stretches a password (the slow, asynchronous half of a slot) and wipes it after `use`. */
export async function withPreparedPassword<T>(core: AppCore, password: string, use: (prepared: PreparedPassword) => T): Promise<T> {
  const prepared = await preparePassword(password, core.kdfCost);
  try {
    return use(prepared);
  } finally {
    prepared.kek.fill(0);
  }
}

/** Seals `masterKey` for the user (replacing any slot they had) and saves the keyring. */
export function saveUserSlot(tx: WriteTx, masterKey: Buffer, user: { id: number; loginId: string }, prepared: PreparedPassword): void {
  const slot = sealUserSlot(tx.keyring.databaseId, { userId: user.id, loginId: user.loginId }, prepared, masterKey, tx.at);
  tx.saveKeyring(withSlot(tx.keyring, slot));
}

export function removeUserSlot(tx: WriteTx, userId: number): void {
  tx.saveKeyring(withoutUserSlot(tx.keyring, userId));
}

/**
 * The database notes which recovery slot it issued (meta.recoverySlotId), so a slot that
 * replaced it without a commit can be noticed (reconcileKeyring).
 */
export function recordRecoverySlot(tx: WriteTx, slotId: string): void {
  tx.db.prepare(`INSERT INTO meta (key, value) VALUES ('recoverySlotId', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(slotId);
}

/** Replaces the recovery slot with one for `recoveryKey` and saves the keyring. */
export function saveRecoverySlot(tx: WriteTx, masterKey: Buffer, recoveryKey: Buffer): void {
  const slot = makeRecoverySlot(tx.keyring.databaseId, recoveryKey, masterKey, tx.at);
  recordRecoverySlot(tx, slot.id);
  tx.saveKeyring(withSlot(tx.keyring, slot));
}

/**
 * Gives `userId` a new key slot for `password` (a password change, or an administrator's
 * reset with must-change set), with its audit event, in one transaction.
 */
export async function rewrapUserSlot(core: AppCore, userId: number, password: string, mustChange: boolean, action: string): Promise<void> {
  await withPreparedPassword(core, password, (prepared) =>
    core.write((tx) => {
      const user = getUser(tx.db, userId);
      // Checked again after scrypt's await: a deactivation meanwhile removed the slot for good.
      if (!user.active) throw new AppError('CONFLICT', undefined, undefined, 'errors.userInactive');
      markPasswordChanged(tx, userId, mustChange);
      tx.audit({ action, targetType: 'user', targetId: userId, detail: { mustChangePassword: mustChange } });
      // The vault as it is after scrypt's await (the screen may have locked meanwhile).
      saveUserSlot(tx, core.requireVault().masterKey, user, prepared);
    }),
  );
}

const copyFindings = {
  'keyring.json': { missing: 'keyring-missing', damaged: 'keyring-damaged', differs: 'keyring-copy-differs' },
  'keyring.backup.json': { missing: 'keyring-copy-missing', damaged: 'keyring-copy-damaged', differs: 'keyring-copy-differs' },
} as const;

/**
 * The keyring was read from one whole copy while the other was missing, damaged or behind
 * (keyringFiles.ts): both are written again from the one in use, and each finding is
 * logged, so an inspector sees that a key file was lost and put back (issue #9, 8). Two
 * whole copies that differ: the one the database contradicts less is kept. keyring.json
 * "winning" regardless let an old generation put in its place (a deactivated account's
 * slot, none for accounts made since, a replaced password's) overwrite the current copy.
 */
export function repairKeyringCopies(tx: WriteTx, problems: readonly KeyringCopyProblem[], alternative: Keyring | null = null): boolean {
  if (problems.length === 0) return false;
  const keep = alternative && disagreements(tx, alternative) < disagreements(tx, tx.keyring) ? alternative : tx.keyring;
  for (const { file, problem } of problems) {
    const finding = keep === alternative ? 'keyring-behind' : copyFindings[file][problem];
    tx.audit({ action: 'keys.reconcile', targetType: 'keyring', detail: { finding } });
  }
  const { checksum: _checksum, ...rest } = keep;
  tx.saveKeyring(rest);
  return true;
}

/**
 * What the database (the committed truth) contradicts in `keyring`: a slot of no active
 * account, or of another password than the one recorded (slot.createdAt is the recorded
 * password_changed_at, users.ts markPasswordChanged); an active account without a slot;
 * another recovery slot than the one issued (meta.recoverySlotId).
 */
function disagreements(tx: WriteTx, keyring: Keyring): number {
  const owners = activeSlotOwners(tx.db);
  const recovery = tx.db.prepare(`SELECT value FROM meta WHERE key = 'recoverySlotId'`).pluck().get() as string | undefined;
  const slotted = new Set<number>();
  let count = 0;
  for (const slot of keyring.slots) {
    if (slot.kind === 'recovery') {
      if (recovery !== undefined && slot.id !== recovery) count += 1;
      continue;
    }
    slotted.add(slot.userId);
    const owner = owners.get(slot.userId);
    const agrees = owner && slot.loginHash === loginHash(keyring.databaseId, owner.loginId) && (owner.passwordChangedAt === null || slot.createdAt === owner.passwordChangedAt);
    if (!agrees) count += 1;
  }
  for (const userId of owners.keys()) if (!slotted.has(userId)) count += 1;
  return count;
}

/**
 * Sets right what a crash between keyring.json's rename and the commit can leave (those are
 * a write's last two steps; docs/SECURITY.md, Writes). Each finding is logged.
 */
export function reconcileKeyring(tx: WriteTx): void {
  reconcileUserSlots(tx);
  const recorded = tx.db.prepare(`SELECT value FROM meta WHERE key = 'recoverySlotId'`).pluck().get() as string | undefined;
  const slot = tx.keyring.slots.find((s) => s.kind === 'recovery');
  if (slot && supersededRecoverySlot(tx.db, slot)) {
    // An earlier sheet's slot (an old keyring put back): that sheet was replaced, perhaps lost,
    // and must not open again. Removed; a chief issues a new key (the one issued last is gone with the file).
    const { checksum: _checksum, ...rest } = tx.keyring;
    tx.saveKeyring({ ...rest, slots: tx.keyring.slots.filter((s) => s.kind !== 'recovery') });
    tx.audit({ action: 'keys.reconcile', targetType: 'keyring', detail: { finding: 'superseded-recovery-key', slotCreatedAt: slot.createdAt } });
  } else if (recorded !== undefined && slot && slot.id !== recorded) {
    // Its key was never shown, and the printed sheet no longer opens: a chief must issue a new one.
    recordRecoverySlot(tx, slot.id);
    tx.audit({ action: 'keys.reconcile', targetType: 'keyring', detail: { finding: 'unrecorded-recovery-key', slotCreatedAt: slot.createdAt } });
  }
}

/**
 * A slot without an active account (one whose creation never committed) is removed. A
 * slot newer than its owner's recorded password (a change or reset that never committed)
 * is the only one that opens, so it stays, but its owner must choose a new password, as
 * after a reset.
 */
function reconcileUserSlots(tx: WriteTx): void {
  const owners = activeSlotOwners(tx.db);
  const stray: number[] = [];
  for (const slot of tx.keyring.slots) {
    if (slot.kind !== 'user') continue;
    const owner = owners.get(slot.userId);
    if (!owner || slot.loginHash !== loginHash(tx.keyring.databaseId, owner.loginId)) {
      stray.push(slot.userId);
      tx.audit({ action: 'keys.reconcile', targetType: 'user', targetId: slot.userId, detail: { finding: 'slot-without-account' } });
    } else if (owner.passwordChangedAt !== null && slot.createdAt > owner.passwordChangedAt) {
      markPasswordChanged(tx, slot.userId, true, slot.createdAt);
      tx.audit({ action: 'keys.reconcile', targetType: 'user', targetId: slot.userId, detail: { finding: 'unrecorded-password', slotCreatedAt: slot.createdAt } });
    }
  }
  if (stray.length > 0) {
    const { checksum: _checksum, ...rest } = tx.keyring;
    tx.saveKeyring({ ...rest, slots: tx.keyring.slots.filter((s) => s.kind !== 'user' || !stray.includes(s.userId)) });
  }
}

/**
 * A recovery slot other than the one the database issued, and older than that issue (the
 * newest keys.recovery.create/regenerate event; a slot's createdAt is its event's time): an
 * earlier sheet's, from an old keyring put back. A regeneration that never committed is
 * newer than every event, so it is not this (reconcileKeyring records it instead).
 */
export function supersededRecoverySlot(db: Db, slot: { id: string; createdAt: string }): boolean {
  const recorded = db.prepare(`SELECT value FROM meta WHERE key = 'recoverySlotId'`).pluck().get() as string | undefined;
  if (recorded === undefined || recorded === slot.id) return false;
  // Read from the newest event back; the regeneration is normally among the last few thousand.
  const issued = db
    .prepare(`SELECT at FROM audit_events WHERE action IN ('keys.recovery.create', 'keys.recovery.regenerate') ORDER BY seq DESC LIMIT 1`)
    .pluck()
    .get() as string | undefined;
  return issued !== undefined && slot.createdAt < issued;
}
