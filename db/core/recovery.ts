import type { ChannelInput, SessionInfo } from '../contract';
import { loginHash, openRecoverySlot, readKeyring } from '../keyring/keyring';
import { newRecoveryKey, parseRecoveryKey } from '../keyring/recoveryKey';
import { renderRecoverySheet } from '../print/recoverySheet';
import { AppError, fieldError } from './appError';
import type { AppCore } from './appCore';
import { catchUp } from './catchUp';
import { saveRecoverySlot, saveUserSlot, withPreparedPassword } from './keySlots';
import { recoveryLockKey } from './lockout';
import { deliverDocument } from './output/delivery';
import { assertPasswordAllowed } from './passwordPolicy';
import { startSession, throttled } from './sessions';
import { readSettings } from './settings';
import { findUserByLoginId, markLoggedIn, markPasswordChanged } from './users';

/**
 * The printed recovery key (回復キー): issued at setup and on regeneration, shown once until
 * printed and acknowledged, and the way back in when the 総括保護管理者's password is lost.
 */

function openWithRecoveryKey(core: AppCore, recoveryKey: string): Promise<Buffer> {
  const keyring = readKeyring(core.files.keyring);
  const attempt = () => {
    const keyBytes = parseRecoveryKey(recoveryKey);
    const masterKey = keyBytes ? openRecoverySlot(keyring, keyBytes) : null;
    keyBytes?.fill(0);
    return masterKey;
  };
  return throttled(core, recoveryLockKey, attempt, () => fieldError(['recoveryKey'], 'errors.WRONG_RECOVERY_KEY'));
}

/** Opens the store with the recovery key and gives an active chief a new password. */
export async function recover(core: AppCore, input: ChannelInput<'auth.recover'>): Promise<SessionInfo> {
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const keyring = readKeyring(core.files.keyring);
  const masterKey = await openWithRecoveryKey(core, input.recoveryKey);
  const vault = core.openVault(masterKey, keyring);
  try {
    const user = findUserByLoginId(vault.db, input.loginId);
    if (!user || !user.active || user.role !== 'chief') throw fieldError(['loginId'], 'validation.notAnActiveChief');
    assertPasswordAllowed(readSettings(vault.db).passwordPolicy, input.newPassword, user.loginId, ['newPassword']);
    await withPreparedPassword(core, input.newPassword, (prepared) =>
      core.write(
        (tx) => {
          catchUp(core, tx);
          markPasswordChanged(tx, user.id, false);
          markLoggedIn(tx, user.id);
          tx.audit({ action: 'auth.recover', targetType: 'user', targetId: user.id, detail: {} });
          tx.audit({ action: 'auth.login', targetType: 'user', targetId: user.id, detail: { via: 'recovery-key' } });
          saveUserSlot(tx, masterKey, user, prepared);
        },
        { userId: user.id, name: user.displayName },
        vault,
      ),
    );
    core.lockout.recordSuccess(recoveryLockKey);
    core.lockout.recordSuccess(loginHash(keyring.databaseId, user.loginId));
    return startSession(core, vault, user.id);
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
      saveRecoverySlot(tx, vault.masterKey, recovery.bytes);
    });
  } finally {
    recovery.bytes.fill(0);
  }
  core.pendingRecoveryKey = recovery.text;
  return { recoveryKey: recovery.text };
}

export function pendingRecoveryKey(core: AppCore): { recoveryKey: string } {
  if (!core.pendingRecoveryKey) throw new AppError('NO_PENDING_RECOVERY_KEY');
  return { recoveryKey: core.pendingRecoveryKey };
}

export function acknowledgeRecoveryKey(core: AppCore): void {
  pendingRecoveryKey(core);
  core.write((tx) => tx.audit({ action: 'keys.recovery.acknowledge', targetType: 'keyring', detail: {} }));
  core.pendingRecoveryKey = null;
}

/** Prints the pending key's sheet, or saves it as a PDF, before it is acknowledged. */
export function printRecoverySheet(core: AppCore, target: 'printer' | 'pdf'): Promise<{ savedTo: string | null }> {
  const vault = core.requireVault();
  const { recoveryKey } = pendingRecoveryKey(core);
  const html = renderRecoverySheet({
    organizationName: readSettings(vault.db).organizationName,
    recoveryKey,
    createdAt: core.nowIso(),
    createdBy: core.requireSession().displayName,
    databaseId: vault.keyring.databaseId,
  });
  return deliverDocument(core, {
    html,
    target,
    defaultName: `回復キー_${core.today()}.pdf`,
    audit: { action: 'print.recoverySheet', targetType: 'keyring', detail: {} },
  });
}
