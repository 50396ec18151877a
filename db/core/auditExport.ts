import type { AuditEvent, ChannelInput } from '../contract';
import { writeFileAtomic } from '../store/atomicFile';
import { auditFilters } from './accessLog';
import { AppError } from './appError';
import type { AppCore } from './appCore';
import { countAuditEvents, iterateAuditEvents } from './audit';
import { checkBulkExport } from './output/bulkExport';
import { csvDocument } from './output/csv';
import { loggedFileName } from './output/fileName';
import { zonedIso } from './time';

/**
 * The access log as CSV for an auditor's spreadsheet. Times are the organisation's wall
 * clock with the offset written out (2026-11-30T09:36:00.000+09:00): what the office saw,
 * and still the exact stored instant, so the hash column can be checked against it.
 */
const header = ['連番', '日時', '利用者ID', '利用者', '操作', '対象種別', '対象ID', '詳細', 'ハッシュ'];

function csvRow(e: AuditEvent, zone: string): unknown[] {
  return [e.seq, zonedIso(e.at, zone), e.actorUserId, e.actorName, e.action, e.targetType, e.targetId, JSON.stringify(e.detail), e.hash];
}

export async function exportAuditCsv(core: AppCore, input: ChannelInput<'audit.exportCsv'>): Promise<{ savedTo: string; rowCount: number }> {
  const vault = core.requireVault();
  const zone = core.timeZone();
  const filters = auditFilters(zone, input);
  const bulk = checkBulkExport(core, countAuditEvents(vault.db, filters), input.reason);
  const file = await core.ports.dialogs.chooseSavePath({
    defaultName: `アクセス記録_${core.today()}.csv`,
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  if (!file) throw new AppError('CANCELLED');
  const fileName = loggedFileName(file);
  // The read, the file and its audit event succeed or fail together.
  return core.write((tx) => {
    const rows = [...iterateAuditEvents(tx.db, filters)];
    writeFileAtomic(file, csvDocument(header, rows.map((e) => csvRow(e, zone))));
    tx.audit({ action: 'audit.export', targetType: 'audit_events', detail: { rowCount: rows.length, file: fileName, filters: input, ...bulk } });
    return { savedTo: file, rowCount: rows.length };
  });
}
