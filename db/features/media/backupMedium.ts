import { fieldError } from '../../core/appError';
import type { AppCore } from '../../core/appCore';
import type { BackupMediumResolver } from '../../core/backup/exportBackup';
import { actorOf, isDepartmentScoped } from '../../ledger/scope';
import { statement } from '../../store/statements';

/**
 * The backup export names the medium it goes on (issue #10 item 6; MIC §29): a registered
 * backup medium in use, resolved here for core (db/ipc/handlers.ts hands this to the backup
 * channel; core does not import the media area). The register records its 管理番号 and place,
 * and the place's same-room flag gives the MIC §29 storage warning. A medium that may not be
 * chosen is refused with the field's message, before anything is written.
 */
export const resolveBackupMedium: BackupMediumResolver = (core: AppCore, mediumId: number) => {
  const actor = actorOf(core);
  const row = statement(
    core.requireVault().db,
    `SELECT m.media_no, m.department_id, m.is_backup_medium, m.status, l.name AS location, coalesce(l.beside_terminal, 0) AS beside
     FROM media m LEFT JOIN storage_locations l ON l.id = m.storage_location_id WHERE m.id = ?`,
  ).get(mediumId) as { media_no: string; department_id: number; is_backup_medium: number; status: string; location: string | null; beside: number } | undefined;
  // Another 課等's medium is unknown to a scoped reader, as on the register (MIC §9).
  if (!row || (isDepartmentScoped(actor) && row.department_id !== actor.departmentId)) throw fieldError(['mediumId'], 'mediaWatch.errors.unknownMedium');
  if (row.is_backup_medium !== 1) throw fieldError(['mediumId'], 'mediaWatch.errors.notBackupMedium', { mediaNo: row.media_no });
  // 廃止・廃棄済 are closed; a 所在不明 or 持出中 medium is not here to be written to (the export dialog offers 保管中 ones only).
  if (row.status !== 'in_storage') {
    throw fieldError(['mediumId'], 'mediaWatch.errors.mediumUnavailable', { mediaNo: row.media_no });
  }
  return { label: row.media_no, location: row.location ?? '', besideTerminal: row.beside === 1 };
};
