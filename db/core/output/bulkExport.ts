import { can } from '../../contract';
import type { AppCore } from '../appCore';
import { AppError } from '../appError';
import { readSettings } from '../settings';

/**
 * 大量出力の警告 (MIC §22): an export or print of more rows than the threshold needs a
 * stated reason and the export.bulk permission; the caller logs the reason with the export.
 * Returns the detail to put in that access-log event.
 */
export function checkBulkExport(core: AppCore, rowCount: number, reason: string | undefined): { bulk: boolean; reason?: string } {
  const vault = core.requireVault();
  const session = core.requireSession();
  const threshold = readSettings(vault.db).bulkExportThreshold;
  if (rowCount <= threshold) return { bulk: false };
  if (!can(session.role, 'export.bulk')) {
    throw new AppError('PERMISSION_DENIED', { threshold, rowCount }, undefined, 'errors.bulkExportNotAllowed');
  }
  if (!reason) throw new AppError('BULK_EXPORT_REASON_REQUIRED', { threshold, rowCount });
  return { bulk: true, reason };
}
