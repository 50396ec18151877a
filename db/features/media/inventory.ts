import { hash } from 'node:crypto';
import type { ParsedInput } from '../../contract';
import { isVisiblyBlank } from '../../contract/fields';
import { localDateIn } from '../../contract/timeZone';
import type { InventoryScanResult } from '../../contract/mediaInventoryValues';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import type { FieldChange } from '../../ledger/columns';
import { pinSideRow } from '../../ledger/integrity';
import { stepRecord, type LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { mediaLedger } from './columns';
import { readVisibleLocation } from './locations';
import { expectedAt, liveCounts, readInventoryRow, unseenAndAway, type InventoryOutcome, type InventoryRow } from './inventoryRecords';
import { readMediumRow } from './records';

/**
 * 点検 (inventory, 棚卸; MIC §42, domain.md §2 "Inventory"; issue #10 item 5). A session per
 * 保管場所, run by a media.inventory holder (保護担当者 and above) of the place's 課等; a shared
 * place (no 課等: the organisation's safe, MIC §29) only by an organisation-wide role, as only
 * they keep it (locations.ts). Each label read is one row and one access-log event that pins
 * it (改ざん検査: a scan added, changed or deleted behind the app's back is named); the closing
 * is one write: the seen media's last_seen_at (the organisation's calendar), 所在不明 → 保管中
 * for a missing medium seen ('found'), the chosen expected-but-unseen media → 所在不明 with the
 * follow-up note ('markMissing'), each a step in the medium's history, and one event with the
 * counts and the hash of every scan row.
 */
const closed = (): AppError => new AppError('CONFLICT', undefined, undefined, 'mediaInventory.errors.sessionClosed');

/** The session for a step: one the actor may see (NOT_FOUND otherwise), and still open. */
function openSession(db: Db, actor: LedgerActor, inventoryId: number): InventoryRow {
  const row = readInventoryRow(db, actor, inventoryId);
  if (row.status !== 'open') throw closed();
  return row;
}

/** 点検の開始: one open session per place (a partial unique index backs the check against a race). */
export function startInventory(tx: Tx, actor: LedgerActor, locationId: number): number {
  const place = readVisibleLocation(tx.db, actor, locationId);
  // A shared place is the organisation's (locations.ts): its inventory is an organisation-wide role's.
  if (place.department_id === null && isDepartmentScoped(actor)) throw new AppError('PERMISSION_DENIED', undefined, undefined, 'mediaInventory.errors.sharedLocation');
  if (place.active !== 1) throw new AppError('CONFLICT', undefined, undefined, 'mediaInventory.errors.locationInactive');
  const open = statement(tx.db, "SELECT 1 FROM media_inventories WHERE storage_location_id = ? AND status = 'open'").get(place.id);
  if (open) throw new AppError('CONFLICT', undefined, undefined, 'mediaInventory.errors.alreadyOpen');
  const id = Number(
    statement(tx.db, "INSERT INTO media_inventories (storage_location_id, department_id, status, started_by, started_at, updated_at) VALUES (?, ?, 'open', ?, ?, ?)")
      .run(place.id, place.department_id, actor.userId, tx.at, tx.at).lastInsertRowid,
  );
  pinSideRow(tx.db, 'media_inventories', id);
  tx.audit({ action: 'media.inventory.start', targetType: 'media_inventory', targetId: id, detail: { locationId: place.id } });
  return id;
}

interface FoundMedium {
  id: number;
  media_no: string;
  storage_location_id: number | null;
  status: string;
}

/**
 * The medium a label names, whatever the case the reader typed (Caps Lock, a reader set to lower
 * case): one lookup on 0017's NOCASE index (≤ 5 ms a scan). The number as typed wins, should an
 * older register hold two that differ only in case.
 */
function mediumByCode(db: Db, code: string): FoundMedium | undefined {
  return statement(db, 'SELECT id, media_no, storage_location_id, status FROM media WHERE media_no = ? COLLATE NOCASE ORDER BY media_no = ? DESC, id LIMIT 1').get(code, code) as
    | FoundMedium
    | undefined;
}

function classify(db: Db, session: InventoryRow, code: string, medium: FoundMedium | undefined): InventoryScanResult {
  if (!medium) {
    // An unknown label read again, in either case (a reader's Caps Lock), is the same label: warned, not counted twice.
    const again = statement(db, 'SELECT 1 FROM media_inventory_scans WHERE inventory_id = ? AND medium_id IS NULL AND code = ? COLLATE NOCASE').get(session.id, code);
    return again ? 'duplicate' : 'unknown';
  }
  const earlier = statement(db, 'SELECT result FROM media_inventory_scans WHERE inventory_id = ? AND medium_id = ?').pluck().all(session.id, medium.id) as string[];
  if (earlier.includes('seen')) return 'duplicate';
  // Out (持出中), retired or disposed, or registered elsewhere: recorded with its registered place, not counted as seen here.
  const here = medium.storage_location_id === session.storage_location_id && (medium.status === 'in_storage' || medium.status === 'missing');
  // Read before as elsewhere and since moved here or returned (MIC §42): now seen, else it would be listed unseen and markable 所在不明.
  if (here) return 'seen';
  return earlier.length > 0 ? 'duplicate' : 'otherLocation';
}

/** One label read (typed or scanned): classified, recorded and pinned by its own event. Returns the scan's id. */
export function recordScan(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.inventory.scan'>): number {
  const session = openSession(tx.db, actor, input.inventoryId);
  const medium = mediumByCode(tx.db, input.code);
  const result = classify(tx.db, session, input.code, medium);
  const code = medium ? medium.media_no : input.code;
  const id = Number(
    statement(tx.db, 'INSERT INTO media_inventory_scans (inventory_id, code, medium_id, result, scanned_by, scanned_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(session.id, code, medium?.id ?? null, result, actor.userId, tx.at).lastInsertRowid,
  );
  pinSideRow(tx.db, 'media_inventory_scans', id);
  tx.audit({ action: 'media.inventory.scan', targetType: 'media_inventory', targetId: session.id, detail: { code, result } });
  return id;
}

/** SHA-256 of every scan row of the session in order: the close event carries it, so a later edit of the list shows. */
function scanHash(db: Db, inventoryId: number): string {
  const rows = statement(db, 'SELECT id, code, medium_id, result, scanned_by, scanned_at FROM media_inventory_scans WHERE inventory_id = ? ORDER BY id').raw().all(inventoryId);
  return hash('sha256', JSON.stringify(rows));
}

/**
 * The media this session saw, each with the day its label was read in the organisation's calendar:
 * a session left open over days (or past midnight) dates each medium by when it was seen, not closed.
 */
function seenDays(db: Db, inventoryId: number, zone: string): [number, string][] {
  const rows = statement(db, "SELECT medium_id, scanned_at FROM media_inventory_scans WHERE inventory_id = ? AND result = 'seen' ORDER BY id").raw().all(inventoryId) as [number, string][];
  return rows.map(([id, at]) => [id, localDateIn(Date.parse(at), zone)]);
}

/** The seen media's steps: last seen on the day read; a 所在不明 one found again becomes 保管中 (MIC §42). */
function recordSeen(tx: Tx, actor: LedgerActor, seen: readonly [number, string][]): { found: string[] } {
  const found: string[] = [];
  for (const [id, day] of seen) {
    const medium = readMediumRow(tx.db, id);
    // A later date already recorded (another place's session, closed first, saw it later) is kept.
    const seenOn = medium.last_seen_at !== null && medium.last_seen_at > day ? medium.last_seen_at : day;
    const lastSeen: FieldChange = { field: 'lastSeenAt', before: medium.last_seen_at, after: seenOn };
    if (medium.status === 'missing') {
      found.push(medium.media_no);
      const changes = [{ field: 'status', before: 'missing', after: 'in_storage' }, lastSeen];
      stepRecord(tx, mediaLedger, actor, medium, { action: 'found', changes, set: () => ({ status: 'in_storage', last_seen_at: seenOn }) });
    } else if (medium.status === 'in_storage') {
      stepRecord(tx, mediaLedger, actor, medium, { action: 'inventorySeen', changes: [lastSeen], set: () => ({ last_seen_at: seenOn }) });
    }
    // Taken out or retired since it was scanned: its state is another step's; the scan row keeps what was seen.
  }
  return { found };
}

/**
 * 点検の終了: the media expected (保管中 / 所在不明) and not seen are listed; those chosen, still
 * 保管中, become 所在不明 in this one step with the note for follow-up (required when any is marked).
 */
export function closeInventory(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.inventory.close'>, zone: string): void {
  const session = openSession(tx.db, actor, input.inventoryId);
  const seen = seenDays(tx.db, session.id, zone);
  const seenSet = new Set(seen.map(([id]) => id));
  const expected = expectedAt(tx.db, session.storage_location_id);
  const { notSeen, away } = unseenAndAway(expected, seenSet);
  const markable = new Map(notSeen.filter((m) => m.status === 'in_storage').map((m) => [m.id, m]));
  const marked = [...new Set(input.markMissing)];
  if (marked.some((id) => !markable.has(id))) throw fieldError(['markMissing'], 'mediaInventory.errors.notMarkable');
  // A note of invisible characters only (a zero-width space) is no note for follow-up.
  if (marked.length > 0 && isVisiblyBlank(input.note)) throw fieldError(['note'], 'mediaInventory.errors.noteRequired');
  const counts = { ...liveCounts(tx.db, session.id, session.storage_location_id), markedMissing: marked.length };
  const { found } = recordSeen(tx, actor, seen);
  for (const id of marked) {
    const medium = readMediumRow(tx.db, id);
    const changes = [{ field: 'status', before: 'in_storage', after: 'missing' }];
    stepRecord(tx, mediaLedger, actor, medium, { action: 'markMissing', changes, note: input.note, set: () => ({ status: 'missing' }) });
  }
  const outcome: InventoryOutcome = {
    // As this closing leaves them: the marked ones 所在不明.
    notSeen: notSeen.map((m) => (marked.includes(m.id) ? { ...m, status: 'missing' as const } : m)),
    markedMissing: marked,
    away,
    counts,
    scanHash: scanHash(tx.db, session.id),
  };
  statement(tx.db, "UPDATE media_inventories SET status = 'closed', ended_by = ?, ended_at = ?, note = ?, outcome = ?, updated_at = ? WHERE id = ?")
    .run(actor.userId, tx.at, input.note, JSON.stringify(outcome), tx.at, session.id);
  // 改ざん検査: the outcome and status as this closing left them (an edit of the marked list is named).
  pinSideRow(tx.db, 'media_inventories', session.id);
  const mediaNos = (ids: number[]) => ids.map((id) => expected.find((m) => m.id === id)!.media_no);
  const detail = { counts, markedMissingMedia: mediaNos(marked), foundMedia: found, scanHash: outcome.scanHash, ...(input.note ? { note: input.note } : {}) };
  tx.audit({ action: 'media.inventory.close', targetType: 'media_inventory', targetId: session.id, detail });
}

/** 点検の中止: nothing is marked and no medium changes; the scans stay, with the reason. */
export function cancelInventory(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.inventory.cancel'>): void {
  const session = openSession(tx.db, actor, input.inventoryId);
  statement(tx.db, "UPDATE media_inventories SET status = 'cancelled', ended_by = ?, ended_at = ?, note = ?, updated_at = ? WHERE id = ?")
    .run(actor.userId, tx.at, input.reason, tx.at, session.id);
  pinSideRow(tx.db, 'media_inventories', session.id);
  tx.audit({ action: 'media.inventory.cancel', targetType: 'media_inventory', targetId: session.id, detail: { reason: input.reason, scanHash: scanHash(tx.db, session.id) } });
}
