import type { ChannelInput, SessionInfo } from '../contract';
import { loginHash, openRecoverySlot, type Keyring } from '../keyring/keyring';
import { newRecoveryKey, parseRecoveryKey } from '../keyring/recoveryKey';
import { renderRecoverySheet } from '../print/recoverySheet';
import { AppError, fieldError } from './appError';
import type { AppCore, Vault } from './appCore';
import { catchUp } from './catchUp';
import { noteDamage } from './damagedDatabase';
import { saveRecoverySlot, saveUserSlot, supersededRecoverySlot, withPreparedPassword } from './keySlots';
import { recoveryLockKey } from './lockout';
import { deliverDocument } from './output/delivery';
import { assertPasswordAllowed } from './passwordPolicy';
import { openOrDamaged, startSession, throttled } from './sessions';
import { readSettings } from './settings';
import { findUserByLoginId, markLoggedIn, markPasswordChanged } from './users';

/**
 * The printed recovery key (回復キー): issued at setup and on regeneration, shown once until
 * printed and acknowledged, and the way back in when the 総括保護管理者's password is lost.
 */

/** The master key, and the recovery slot that gave it. */
interface OpenedRecovery {
  key: Buffer;
  slot: { id: string; createdAt: string };
}

function openWithRecoveryKey(core: AppCore, recoveryKey: string): Promise<OpenedRecovery> {
  // Either whole copy when they differ (keyringFiles.ts): the sheet issued last may be only in one.
  const keyrings = [core.readKeyring(), core.keyringAlternative].filter((k): k is Keyring => k !== null);
  const attempt = (): OpenedRecovery | null => {
    const keyBytes = parseRecoveryKey(recoveryKey);
    try {
      for (const keyring of keyrings) {
        const slot = keyring.slots.find((s) => s.kind === 'recovery');
        const key = slot && keyBytes ? openRecoverySlot(keyring, keyBytes) : null;
        if (slot && key) return { key, slot };
      }
      return null;
    } finally {
      keyBytes?.fill(0);
    }
  };
  return throttled(core, recoveryLockKey, attempt, () => fieldError(['recoveryKey'], 'errors.WRONG_RECOVERY_KEY'));
}

/** Opens the store with the recovery key and gives an active chief a new password. */
export async function recover(core: AppCore, input: ChannelInput<'auth.recover'>): Promise<SessionInfo> {
  if (core.session) throw new AppError('CONFLICT', undefined, undefined, 'errors.sessionActive');
  const keyring = core.readKeyring();
  const { key: masterKey, slot } = await openWithRecoveryKey(core, input.recoveryKey);
  // The recovery key proves the folder as a password does: damage found here opens the login screen's restore.
  const vault = openOrDamaged(core, keyring, masterKey, input.loginId);
  try {
    // A sheet replaced since (an old keyring put back) opens the key but not the app (keySlots.ts).
    if (supersededRecoverySlot(vault.db, slot)) throw refuseSupersededSheet(core, vault);
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
    const shown = noteDamage(core, keyring, vault.masterKey, input.loginId, error);
    core.closeVault();
    throw shown;
  }
}

/** Logged (with what waited in lockout.json), answered as a wrong recovery key. */
function refuseSupersededSheet(core: AppCore, vault: Vault): AppError {
  core.write((tx) => {
    catchUp(core, tx);
    tx.audit({ action: 'auth.recover.failed', targetType: null, detail: { outcome: 'superseded-recovery-key' } });
  }, { userId: null, name: 'system' }, vault);
  return fieldError(['recoveryKey'], 'errors.WRONG_RECOVERY_KEY');
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
