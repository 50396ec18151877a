import type { MediaFilters, MediumSummary, MediumOfHolding, ParsedInput } from '../../contract';
import { allIds, Conditions, countRows, pageOfIds, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { isDepartmentScoped, scopeToDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { readMediumRows, rowToSummary, type MediumRow } from './records';

/**
 * Finding media: filters, sort and keyset paging in SQL (db/ledger/listQuery.ts).
 * Department-scoped roles only ever see their own 課等's register (MIC §9).
 */
const mediaSource: ListSource = {
  from: 'media m',
  id: 'm.id',
  // Never NULL (keyset paging); each has its own index (0010). 保管場所 and 課等 group by their id, as holdings' 課等 does.
  sorts: {
    mediaNo: 'm.media_no',
    type: 'm.type',
    department: 'm.department_id',
    status: 'm.status',
    storageLocation: 'coalesce(m.storage_location_id, 0)',
    registeredAt: 'm.registered_at',
    lastSeenAt: "coalesce(m.last_seen_at, '')",
    updatedAt: 'm.updated_at',
  },
  narrowIndex: 'media_list_keys',
  searchTable: 'media_search',
  maxIdSql: 'SELECT max(id) FROM media',
};

/** MIC §29 (seed 004 case 7-1): a backup medium in use kept at a place in the same room as this terminal. */
export const backupBesideTerminalSql = `m.is_backup_medium = 1 AND m.status NOT IN ('retired', 'disposed')
  AND m.storage_location_id IN (SELECT id FROM storage_locations WHERE beside_terminal = 1)`;

/** MIC §42: not seen by an inventory since the day (never seen: since its registration). */
export const unseenSinceSql = 'coalesce(m.last_seen_at, m.registered_at) < ?';

/** The list's filters as SQL; the home cards' links use the same ones (home.ts: overdue take-outs are the 持出管理簿's). */
function whereFor(actor: LedgerActor, f: MediaFilters): Conditions {
  const where = scopeToDepartment(new Conditions(), actor, 'm.department_id');
  where.addIf(f.departmentId, 'm.department_id = ?', f.departmentId);
  where.addIf(f.status, 'm.status = ?', f.status);
  where.addIf(f.type, 'm.type = ?', f.type);
  where.addIf(f.storageLocationId, 'm.storage_location_id = ?', f.storageLocationId);
  where.addIf(f.isBackupMedium, 'm.is_backup_medium = ?', f.isBackupMedium ? 1 : 0);
  where.addIf(f.unseenSince, unseenSinceSql, f.unseenSince);
  if (f.backupBesideTerminal === true) where.add(backupBesideTerminalSql);
  return where;
}

export function listMedia(db: Db, actor: LedgerActor, input: ParsedInput<'media.list'>) {
  const { ids, ...info } = pageOfIds(db, mediaSource, whereFor(actor, input), input);
  const rows: MediumSummary[] = readMediumRows(db, ids).map(rowToSummary);
  return { rows, ...info };
}

/** Every matching row (for print and CSV, issue #10 item 7), in the list's order. */
export function allMediumRows(db: Db, actor: LedgerActor, filters: MediaFilters, order: { sort: string; direction: 'asc' | 'desc' } = { sort: 'mediaNo', direction: 'asc' }): MediumRow[] {
  return readMediumRows(db, allIds(db, mediaSource, whereFor(actor, filters), { ...order, text: filters.text }));
}

export function countMedia(db: Db, actor: LedgerActor, filters: MediaFilters): number {
  return countRows(db, mediaSource, whereFor(actor, filters), filters.text);
}

/** The media carrying a holding that this reader may see (their 課等's media, or all for organisation-wide roles). */
export function mediaOfHolding(db: Db, actor: LedgerActor, holdingId: number): MediumOfHolding[] {
  const scoped = isDepartmentScoped(actor);
  const rows = statement(
    db,
    `SELECT m.id AS mediumId, m.media_no AS mediaNo, m.type, m.status, d.name AS departmentName, l.name AS storageLocationName, m.is_backup_medium AS backup
     FROM media m JOIN departments d ON d.id = m.department_id
     LEFT JOIN storage_locations l ON l.id = m.storage_location_id
     -- From the medium's own (hash-covered) set, not the media_contents index: a link row planted
     -- by SQL shows nowhere, and one deleted by SQL does not hide the medium from the holding
     -- while 改ざん検査 stays clean (tests/integration/adversarial-media-seams.test.ts).
     WHERE m.contents <> '[]' AND EXISTS (SELECT 1 FROM json_each(m.contents) j WHERE j.value = ?) AND (? = 0 OR m.department_id = ?)
     ORDER BY m.media_no, m.id`,
  ).all(holdingId, scoped ? 1 : 0, actor.departmentId) as (Omit<MediumOfHolding, 'isBackupMedium'> & { backup: number })[];
  return rows.map(({ backup, ...r }) => ({ ...r, isBackupMedium: backup === 1 }));
}
