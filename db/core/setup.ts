import { existsSync } from 'node:fs';
import type { ChannelInput, SessionInfo } from '../contract';
import { makeRecoverySlot, newKeyring, sealUserSlot, type PreparedPassword } from '../keyring/keyring';
import { newRecoveryKey } from '../keyring/recoveryKey';
import { databaseFileName } from '../store/database';
import { randomSecret } from '../store/secrets';
import { AppError } from './appError';
import type { AppCore, Tx } from './appCore';
import { abandonSetup, beginSetup, endSetup } from './dataFolder';
import { createDepartment } from './departments';
import { recordRecoverySlot, withPreparedPassword } from './keySlots';
import { assertPasswordAllowed } from './passwordPolicy';
import { startSession } from './sessions';
import { defaultSettings, writeSettings } from './settings';
import { insertUser, markLoggedIn } from './users';

/**
 * First-run setup: a new database key, the organisation, its first department and its
 * 総括保護管理者, the chief's key slot and the recovery key, all in one transaction.
 * Crash-safe (issue #9, 8): a marker file is written before anything is created and removed
 * after the commit; a marker found at start means a setup that never finished, and what it
 * made is cleared then (dataFolder.ts). So a crash at any moment leaves the folder either
 * not set up (the wizard runs again) or set up and usable.
 */
type SetupInput = ChannelInput<'setup.initialize'>;

export async function initialize(core: AppCore, input: SetupInput): Promise<{ recoveryKey: string; session: SessionInfo }> {
  if (core.isSetUp()) throw new AppError('ALREADY_SET_UP');
  // A database without its keyring is never overwritten: it may be all an office has.
  if (existsSync(core.files.database)) throw new AppError('KEYRING_DAMAGED', undefined, undefined, 'errors.keyringMissing');
  assertPasswordAllowed(input.passwordPolicy, input.chief.password, input.chief.loginId, ['chief', 'password']);
  const recovery = newRecoveryKey();
  try {
    const chiefId = await withPreparedPassword(core, input.chief.password, (prepared) => {
      if (core.isSetUp()) throw new AppError('ALREADY_SET_UP');
      return createOrganization(core, input, prepared, recovery.bytes);
    });
    core.pendingRecoveryKey = recovery.text;
    core.setupNotice = null;
    return { recoveryKey: recovery.text, session: startSession(core, core.vault!, chiefId) };
  } finally {
    recovery.bytes.fill(0);
  }
}

/** Creates the database and keyring; on any failure removes both, so setup can run again. */
function createOrganization(core: AppCore, input: SetupInput, prepared: PreparedPassword, recoveryBytes: Buffer): number {
  // Off the V8 heap, so the vault's wipe at the lock reaches every copy (store/secrets.ts).
  const masterKey = randomSecret(32);
  const draft = newKeyring(databaseFileName);
  let created: number;
  beginSetup(core);
  try {
    const vault = core.openVault(masterKey, { ...draft, checksum: '' }, true);
    created = core.write(
      (tx) => {
        const chiefId = recordOrganization(tx, input, draft.databaseId);
        const chiefSlot = sealUserSlot(draft.databaseId, { userId: chiefId, loginId: input.chief.loginId }, prepared, masterKey, tx.at);
        const recoverySlot = makeRecoverySlot(draft.databaseId, recoveryBytes, masterKey, tx.at);
        recordRecoverySlot(tx, recoverySlot.id);
        // Last step of the transaction: if the keyring cannot be written, nothing commits.
        tx.saveKeyring({ ...draft, slots: [chiefSlot, recoverySlot] });
        return chiefId;
      },
      { userId: null, name: input.chief.displayName },
      vault,
    );
  } catch (error) {
    core.closeVault();
    // closeVault wipes the vault's key; a vault that never opened left it with us.
    masterKey.fill(0);
    // Setup left nothing worth keeping; clear it so setup can be run again.
    abandonSetup(core);
    throw error;
  }
  endSetup(core);
  return created;
}

/** The organisation's rows and events: identity, settings, first department, chief (logged in). */
function recordOrganization(tx: Tx, input: SetupInput, databaseId: string): number {
  tx.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run('databaseId', databaseId, 'createdAt', tx.at);
  writeSettings(tx, { ...defaultSettings, organizationName: input.organizationName, passwordPolicy: input.passwordPolicy });
  tx.audit({
    action: 'setup.initialize',
    targetType: 'organization',
    detail: { organizationName: input.organizationName, passwordPolicy: input.passwordPolicy, databaseId },
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
  tx.audit({ action: 'keys.recovery.create', targetType: 'keyring', detail: {} });
  tx.audit({ action: 'auth.login', targetType: 'user', targetId: chief.id, detail: { via: 'setup' } });
  markLoggedIn(tx, chief.id);
  return chief.id;
}
