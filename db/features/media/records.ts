import type { Medium, MediumContent, MediumFields, MediumHistoryEntry, MediumSummary } from '../../contract';
import { AppError } from '../../core/appError';
import { decodeFields } from '../../ledger/columns';
import { rowsInOrder } from '../../ledger/listQuery';
import { readHistory, type LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { mediaColumns, mediaLedger } from './columns';

/**
 * Rows of the media table and their contract shapes: the fields come from the column table;
 * the rest is what actions set (status, last seen by an inventory).
 */
export interface MediumRow extends Record<string, unknown> {
  id: number;
  media_no: string;
  department_id: number;
  department_name: string;
  storage_location_id: number | null;
  storage_location_name: string | null;
  status: Medium['status'];
  last_seen_at: string | null;
  /** The place is in the same room as this terminal (migration 0015; 0 without a place). */
  location_beside_terminal: number;
  /** 格納内容: the holding ids as a sorted JSON array (the authoritative set, covered by the row's hash). */
  contents: string;
  version: number;
  last_edited_by_name: string;
  created_at: string;
  updated_at: string;
}

const mediumSelect = `
  SELECT m.*, d.name AS department_name, l.name AS storage_location_name, coalesce(l.beside_terminal, 0) AS location_beside_terminal, eu.display_name AS last_edited_by_name
  FROM media m
  JOIN departments d ON d.id = m.department_id
  JOIN users eu ON eu.id = m.last_edited_by
  LEFT JOIN storage_locations l ON l.id = m.storage_location_id`;

export function rowToFields(r: MediumRow): MediumFields {
  return decodeFields(mediaColumns, r);
}

/** MIC §29 (seed 004 case 7-1): the same rule as the list's filter (queries.ts backupBesideTerminalSql). */
function isBackupBesideTerminal(isBackupMedium: boolean, r: MediumRow): boolean {
  return isBackupMedium && r.location_beside_terminal === 1 && r.status !== 'retired' && r.status !== 'disposed';
}

export function rowToMedium(r: MediumRow): Medium {
  const fields = rowToFields(r);
  return {
    ...fields,
    registeredAt: fields.registeredAt ?? '',
    id: r.id,
    departmentName: r.department_name,
    storageLocationName: r.storage_location_name,
    backupBesideTerminal: isBackupBesideTerminal(fields.isBackupMedium, r),
    status: r.status,
    lastSeenAt: r.last_seen_at,
    version: r.version,
    lastEditedBy: r.last_edited_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function rowToSummary(r: MediumRow): MediumSummary {
  const m = rowToMedium(r);
  return {
    id: m.id,
    mediaNo: m.mediaNo,
    type: m.type,
    makeModel: m.makeModel,
    encrypted: m.encrypted,
    departmentId: m.departmentId,
    departmentName: m.departmentName,
    custodian: m.custodian,
    storageLocationId: m.storageLocationId,
    storageLocationName: m.storageLocationName,
    isBackupMedium: m.isBackupMedium,
    backupBesideTerminal: m.backupBesideTerminal,
    status: m.status,
    registeredAt: m.registeredAt,
    lastSeenAt: m.lastSeenAt,
    updatedAt: m.updatedAt,
  };
}

export function readMediumRow(db: Db, mediumId: number): MediumRow {
  const row = statement(db, `${mediumSelect} WHERE m.id = ?`).get(mediumId) as MediumRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The rows with these ids, in the order given. */
export function readMediumRows(db: Db, ids: readonly number[]): MediumRow[] {
  return rowsInOrder<MediumRow>(db, mediumSelect, 'm.id', ids);
}

export function readMediumHistory(db: Db, mediumId: number): MediumHistoryEntry[] {
  return readHistory(db, mediaLedger, mediumId) as MediumHistoryEntry[];
}

/**
 * The holdings a medium carries, as this reader may see them: a department-scoped reader is
 * told of another 課等's holdings only how many there are (MIC §9, as the holdings list).
 */
export function readContents(db: Db, actor: LedgerActor, mediumId: number): { contents: MediumContent[]; hiddenContents: number } {
  const rows = statement(
    db,
    `SELECT h.id AS holdingId, h.ledger_no AS ledgerNo, h.name, d.name AS departmentName, h.status, coalesce(c.linked_at, '') AS linkedAt, h.department_id AS departmentId
     FROM media m JOIN json_each(m.contents) j JOIN holdings h ON h.id = j.value JOIN departments d ON d.id = h.department_id
     LEFT JOIN media_contents c ON c.medium_id = m.id AND c.holding_id = h.id
     WHERE m.id = ? ORDER BY h.ledger_no, h.id`,
  ).all(mediumId) as (MediumContent & { departmentId: number })[];
  const visible = rows.filter((r) => !isDepartmentScoped(actor) || r.departmentId === actor.departmentId);
  return { contents: visible.map(({ departmentId: _d, ...c }) => c), hiddenContents: rows.length - visible.length };
}
