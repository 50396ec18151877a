import type { Handlers } from '../../ipc/router';
import type { BackupSecret } from './format';
import { exportBackup, type BackupMediumResolver } from './exportBackup';
import { backupStatus, listRegister, otherDatabaseVerified, recordIfOpen } from './register';
import { commitRestore, openRestore } from './restore';
import { openBackup } from './verify';
import { AppError } from '../appError';
import { loggedFileName } from '../output/fileName';
import type { AppCore } from '../appCore';
import { assertSameTurn, sessionOwner } from '../sessions';
import type { BackupVerifyReport } from '../../contract';
import { tmpdir } from 'node:os';

type BackupChannel =
  | 'backup.export'
  | 'backup.verify'
  | 'backup.restore.open'
  | 'backup.restore.commit'
  | 'setup.restore.open'
  | 'setup.restore.commit'
  | 'backup.register'
  | 'backup.status';

function secretOf(input: { passphrase?: string | undefined; recoveryKey?: string | undefined }): BackupSecret {
  return input.passphrase !== undefined ? { passphrase: input.passphrase } : { recoveryKey: input.recoveryKey ?? '' };
}

/** バックアップの検査: the report, recorded in the register whatever it says. */
async function verifyBackup(core: AppCore, secret: BackupSecret): Promise<BackupVerifyReport> {
  const databaseId = core.requireVault().keyring.databaseId;
  const owner = sessionOwner(core);
  const file = await core.ports.dialogs.chooseOpenPath({ filters: [{ name: 'Daicho backup', extensions: ['daicho-backup'] }] });
  if (!file) throw new AppError('CANCELLED');
  // Another session since the dialog opened: the check is not run for it (issue #9, 12).
  assertSameTurn(core, owner.turn);
  // The name goes into the backup register: one carrying a 個人番号 is refused first (issue #9, 2).
  loggedFileName(file);
  try {
    const { report } = await openBackup(file, secret, {
      stageDir: tmpdir(),
      onProgress: (done, total) => core.emit({ type: 'backup.progress', operation: 'verify', phase: 'verify', done, total }),
    });
    const failed = report.checks.find((c) => !c.ok);
    // Another organisation's backup verifies fine, but it is not ours: noted, and the home card's count does not restart (register.ts).
    const notOurs = report.manifest !== null && report.manifest.databaseId !== databaseId;
    recordIfOpen(core, {
      operation: 'verify',
      fileName: report.fileName,
      bytes: report.bytes,
      sha256: null,
      result: report.ok ? 'ok' : 'failed',
      messageKey: failed?.messageKey ?? (notOurs ? otherDatabaseVerified : null),
    }, owner);
    return report;
  } catch (error) {
    if (error instanceof AppError) {
      recordIfOpen(core, { operation: 'verify', fileName: file.split(/[\\/]/).at(-1) ?? '', bytes: null, sha256: null, result: 'failed', messageKey: error.messageKey }, owner);
    }
    throw error;
  }
}

/** Channel → backup service (db/core/backup/); the media area's resolver names a registered backup medium. */
export const backupHandlers = (resolveMedium: BackupMediumResolver): Pick<Handlers, BackupChannel> => ({
  'backup.export': (core, input) => exportBackup(core, input, resolveMedium),
  'backup.verify': (core, input) => verifyBackup(core, secretOf(input)),
  'backup.restore.open': (core, input) => openRestore(core, secretOf(input), false),
  'backup.restore.commit': (core, input) => commitRestore(core, input.restoreId, false),
  'setup.restore.open': (core, input) => openRestore(core, secretOf(input), true),
  'setup.restore.commit': (core, input) => commitRestore(core, input.restoreId, true),
  'backup.register': (core, input) => listRegister(core.requireVault().db, input.limit),
  'backup.status': (core) => backupStatus(core.requireVault().db),
});
