import type { Inventory, InventoryCounts, InventoryMedium, InventoryScan, InventorySummary, ParsedInput } from '../../contract';
import type { InventoryScanResult, InventoryStatus } from '../../contract/mediaInventoryValues';
import { AppError } from '../../core/appError';
import { Conditions, pageOfIds, rowsInOrder, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { isDepartmentScoped, scopeToDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';

/**
 * Rows of media_inventories and media_inventory_scans and their contract shapes (点検, MIC §42).
 * While a session is open its lists are computed from the media as they stand; a closed one
 * reads what its closing fixed in `outcome` (the media move on afterwards).
 */
export interface InventoryRow {
  id: number;
  storage_location_id: number;
  location_name: string;
  department_id: number | null;
  department_name: string | null;
  status: InventoryStatus;
  started_by_name: string;
  started_at: string;
  ended_by_name: string | null;
  ended_at: string | null;
  note: string;
  outcome: string | null;
}

/**
 * What a closing fixed: the media it found not seen and away, as they stood when it closed (the
 * report printed later says what the inventory found, not where the media have gone since,
 * nor another 課等's details once a medium is transferred: MIC §9), the ids it marked 所在不明,
 * its counts and the hash of its scans.
 */
export interface InventoryOutcome {
  notSeen: ExpectedRow[];
  markedMissing: number[];
  away: ExpectedRow[];
  counts: InventoryCounts;
  scanHash: string;
}

const inventorySelect = `
  SELECT i.*, l.name AS location_name, d.name AS department_name, su.display_name AS started_by_name, eu.display_name AS ended_by_name
  FROM media_inventories i
  JOIN storage_locations l ON l.id = i.storage_location_id
  LEFT JOIN departments d ON d.id = i.department_id
  JOIN users su ON su.id = i.started_by
  LEFT JOIN users eu ON eu.id = i.ended_by`;

/**
 * The session, if the reader may see it: a department-scoped role sees its 課等's locations' sessions;
 * another 課等's, or a shared place's (kept by the organisation), is NOT_FOUND, as an unknown id (MIC §9).
 */
export function readInventoryRow(db: Db, actor: LedgerActor, inventoryId: number): InventoryRow {
  const row = statement(db, `${inventorySelect} WHERE i.id = ?`).get(inventoryId) as InventoryRow | undefined;
  if (!row || (isDepartmentScoped(actor) && row.department_id !== actor.departmentId)) throw new AppError('NOT_FOUND');
  return row;
}

export function rowToSummary(r: InventoryRow): InventorySummary {
  return {
    id: r.id,
    locationId: r.storage_location_id,
    locationName: r.location_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    status: r.status,
    startedByName: r.started_by_name,
    startedAt: r.started_at,
    endedByName: r.ended_by_name,
    endedAt: r.ended_at,
    note: r.note,
  };
}

interface ScanRow {
  id: number;
  code: string;
  result: InventoryScanResult;
  medium_id: number | null;
  medium_department_id: number | null;
  media_no: string | null;
  location_name: string | null;
  medium_status: InventoryScan['mediumStatus'];
  scanned_at: string;
  scanned_by_name: string;
}

const scanSelect = `
  SELECT s.id, s.code, s.result, s.medium_id, m.department_id AS medium_department_id, m.media_no, l.name AS location_name,
    m.status AS medium_status, s.scanned_at, u.display_name AS scanned_by_name
  FROM media_inventory_scans s
  LEFT JOIN media m ON m.id = s.medium_id
  LEFT JOIN storage_locations l ON l.id = m.storage_location_id
  JOIN users u ON u.id = s.scanned_by`;

/** A medium of another 課等 shows only the label read (MIC §9): not its place or status. */
function rowToScan(r: ScanRow, actor: LedgerActor): InventoryScan {
  const visible = r.medium_id !== null && (!isDepartmentScoped(actor) || r.medium_department_id === actor.departmentId);
  return {
    id: r.id,
    code: r.code,
    result: r.result,
    mediumId: visible ? r.medium_id : null,
    mediaNo: visible ? r.media_no : null,
    registeredLocationName: visible ? r.location_name : null,
    mediumStatus: visible ? r.medium_status : null,
    scannedAt: r.scanned_at,
    scannedByName: r.scanned_by_name,
  };
}

export function readScan(db: Db, actor: LedgerActor, scanId: number): InventoryScan {
  return rowToScan(statement(db, `${scanSelect} WHERE s.id = ?`).get(scanId) as ScanRow, actor);
}

function readScans(db: Db, actor: LedgerActor, inventoryId: number): InventoryScan[] {
  return (statement(db, `${scanSelect} WHERE s.inventory_id = ? ORDER BY s.id`).all(inventoryId) as ScanRow[]).map((r) => rowToScan(r, actor));
}

/** The ids of the media this session saw (each once: a repeat is a `duplicate` row). */
function seenMediumIds(db: Db, inventoryId: number): number[] {
  return statement(db, "SELECT medium_id FROM media_inventory_scans WHERE inventory_id = ? AND result = 'seen' ORDER BY id").pluck().all(inventoryId) as number[];
}

export interface ExpectedRow {
  id: number;
  media_no: string;
  type: InventoryMedium['type'];
  status: InventoryMedium['status'];
  custodian: string;
  last_seen_at: string | null;
}

const mediumListSelect = 'SELECT id, media_no, type, status, custodian, last_seen_at FROM media';

/** Registered at the place and in use: 保管中 and 所在不明 are expected there, 持出中 expected away. */
export function expectedAt(db: Db, locationId: number): ExpectedRow[] {
  return statement(db, `${mediumListSelect} WHERE storage_location_id = ? AND status IN ('in_storage', 'missing', 'checked_out') ORDER BY media_no`).all(locationId) as ExpectedRow[];
}

/** The place's expected media this session has not seen (保管中・所在不明), and those away (持出中). */
export function unseenAndAway(expected: readonly ExpectedRow[], seen: ReadonlySet<number>): { notSeen: ExpectedRow[]; away: ExpectedRow[] } {
  return { notSeen: expected.filter((m) => m.status !== 'checked_out' && !seen.has(m.id)), away: expected.filter((m) => m.status === 'checked_out') };
}

function toMedium(r: ExpectedRow, marked: ReadonlySet<number>): InventoryMedium {
  return { mediumId: r.id, mediaNo: r.media_no, type: r.type, status: r.status, custodian: r.custodian, lastSeenAt: r.last_seen_at, markedMissing: marked.has(r.id) };
}

/** Scans by result, and the place's media: every scan shows these (two indexed counts, ≤ 5 ms a scan). */
export function liveCounts(db: Db, inventoryId: number, locationId: number): InventoryCounts {
  const byResult = Object.fromEntries(
    statement(db, 'SELECT result, count(*) FROM media_inventory_scans WHERE inventory_id = ? GROUP BY result').raw().all(inventoryId) as [string, number][],
  );
  const place = statement(
    db,
    `SELECT count(*) FILTER (WHERE status IN ('in_storage', 'missing')),
            count(*) FILTER (WHERE status IN ('in_storage', 'missing') AND id NOT IN
              (SELECT medium_id FROM media_inventory_scans WHERE inventory_id = ? AND result = 'seen')),
            count(*) FILTER (WHERE status = 'checked_out')
     FROM media WHERE storage_location_id = ? AND status IN ('in_storage', 'missing', 'checked_out')`,
  ).raw().get(inventoryId, locationId) as [number, number, number];
  return {
    expected: place[0],
    seen: byResult.seen ?? 0,
    duplicate: byResult.duplicate ?? 0,
    otherLocation: byResult.otherLocation ?? 0,
    unknown: byResult.unknown ?? 0,
    notSeen: place[1],
    away: place[2],
    markedMissing: 0,
  };
}

/** The session with its scans, counts and lists: live while open, as fixed by the closing after. */
export function inventoryDetail(db: Db, actor: LedgerActor, row: InventoryRow): Inventory {
  const scans = readScans(db, actor, row.id);
  const outcome = row.outcome === null ? null : (JSON.parse(row.outcome) as InventoryOutcome);
  if (outcome) {
    const marked = new Set(outcome.markedMissing);
    const asFixed = (rows: ExpectedRow[]) => rows.map((r) => toMedium(r, marked));
    return { ...rowToSummary(row), counts: outcome.counts, scans, notSeen: asFixed(outcome.notSeen), away: asFixed(outcome.away) };
  }
  const seen = new Set(seenMediumIds(db, row.id));
  const expected = row.status === 'open' ? expectedAt(db, row.storage_location_id) : [];
  const none = new Set<number>();
  const { notSeen, away } = unseenAndAway(expected, seen);
  const asNow = (rows: ExpectedRow[]) => rows.map((m) => toMedium(m, none));
  return { ...rowToSummary(row), counts: liveCounts(db, row.id, row.storage_location_id), scans, notSeen: asNow(notSeen), away: asNow(away) };
}

const inventorySource: ListSource = {
  from: 'media_inventories i',
  id: 'i.id',
  // Newest first by default; the id is the order of starts.
  sorts: { startedAt: 'i.id' },
  maxIdSql: 'SELECT max(id) FROM media_inventories',
};

/** Sessions the reader may see (their 課等's places; every one for an organisation-wide role), newest first. */
export function listInventories(db: Db, actor: LedgerActor, input: ParsedInput<'media.inventory.list'>) {
  const where = scopeToDepartment(new Conditions(), actor, 'i.department_id');
  where.addIf(input.locationId, 'i.storage_location_id = ?', input.locationId);
  where.addIf(input.status, 'i.status = ?', input.status);
  const { ids, ...info } = pageOfIds(db, inventorySource, where, { ...input, sort: 'startedAt', direction: 'desc' });
  return { rows: rowsInOrder<InventoryRow>(db, inventorySelect, 'i.id', ids).map(rowToSummary), ...info };
}
