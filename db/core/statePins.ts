import type { Db } from '../store/database';
import { statement } from '../store/statements';

/**
 * What a write's rows hash to, carried into the write's access-log event as
 * `detail.ledgerState` (issue #9, item 5; docs/SECURITY.md "Ledger rows"): inside the event's
 * hash, so 改ざん検査 can tell a row the app wrote from one written behind its back. Core only
 * carries the pins (`table:rowid:hash`); which rows are pinned, and how they are hashed and
 * reconciled, is the ledger kit's (db/ledger/integrity.ts, reconcile.ts), which builds on core.
 */
const pending = new WeakMap<Db, string[]>();

/** Pins for the transaction's next access-log event (appendAuditEvent takes them). */
export function addStatePins(db: Db, pins: readonly string[]): void {
  let list = pending.get(db);
  if (!list) pending.set(db, (list = []));
  list.push(...pins);
}

/** The pins not yet in an event, taken (appendAuditEvent puts them in the event's detail). */
export function takeStatePins(db: Db): string | null {
  const list = pending.get(db);
  if (!list || list.length === 0) return null;
  pending.delete(db);
  return list.join(';');
}

/** A write that failed or starts afresh must not hand its pins to another write's event. */
export function discardStatePins(db: Db): void {
  pending.delete(db);
}

/**
 * Pins every row there is to pin, as `table:rowid:hash;…` (the kit's, registered below);
 * `tables` limits it to those tables (null: every reconciled table).
 */
export type BaselinePins = (db: Db, tables: readonly string[] | null) => string;
let baselinePins: BaselinePins | null = null;

/**
 * The kit registers how a baseline pins every row when its module loads, as each ledger
 * registers itself for reconciliation (reconcileWithAccessLog): core cannot import the kit
 * (docs/ARCHITECTURE.md, "Folders"), and db/ipc/handlers.ts loads every ledger before a write.
 */
export function registerBaselinePins(pins: BaselinePins): void {
  baselinePins = pins;
}

/**
 * The baseline below, when one is due: of every reconciled table (`tables` null) when migration
 * 0009 left integrity_baseline.seq NULL; else of the tables a later migration newly reconciles or
 * re-encodes (integrity_baseline.tables, 0015, 0016) only: re-pinning the others would launder
 * rows edited behind the app's back before the upgrade. seq stays the first baseline's
 * (auditAnchor.ts anchorExpected counts locks from it).
 */
export function baselineDue(db: Db): { tables: string[] | null } | null {
  // `*`: before 0015 the table has no `tables` column (a database older than this code's schema in tests).
  const row = statement(db, 'SELECT * FROM integrity_baseline WHERE id = 1').get() as { seq: number | null; tables?: string | null } | undefined;
  if (row === undefined) return null;
  if (row.seq === null) return { tables: null };
  return row.tables ? { tables: JSON.parse(row.tables) as string[] } : null;
}

/** Records the full baseline's seq, or that the per-table one was taken (its list cleared; seq kept). */
export function markBaseline(db: Db, seq: number, perTable: boolean): void {
  if (perTable) statement(db, 'UPDATE integrity_baseline SET tables = NULL WHERE id = 1').run();
  else statement(db, 'UPDATE integrity_baseline SET seq = ? WHERE id = 1').run(seq);
}

const baselined = new WeakSet<Db>();

/**
 * At the end of every write (AppCore.write, inside its transaction): pins no event took go in
 * one event of their own, and the first write after migration 0009 logs the baseline of every
 * row (the rows written before this check existed, or re-encoded by a later migration).
 */
export function settleStatePins(db: Db, append: (entry: { action: string; detail: Record<string, unknown> }) => { seq: number }): void {
  if (pending.get(db)?.length) append({ action: 'ledger.state', detail: {} });
  // Not yet registered (the kit not loaded): nothing can have written a ledger row in this process.
  if (baselined.has(db) || !baselinePins) return;
  const due = baselineDue(db);
  if (due) {
    // The schema version says which migration called for it: a second baseline at the same version is reported.
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    // `tables` is in the hashed event: 改ざん検査 replaces only those tables' pins (db/ledger/reconcile.ts).
    const scope = due.tables ? { tables: due.tables } : {};
    const { seq } = append({ action: 'integrity.baseline', detail: { ledgerState: baselinePins(db, due.tables), schemaVersion, ...scope } });
    markBaseline(db, seq, due.tables !== null);
  }
  baselined.add(db);
}

/**
 * The row states of the events after `seq`, in seq order, as the chain walk collects them
 * (auditVerify.ts ChainWalk.pins): for the events written while the chain was walked.
 */
export function statePinsAfter(db: Db, seq: number): [seq: number, pins: string, baseline: boolean][] {
  const rows = db.prepare("SELECT seq, json_extract(detail, '$.ledgerState'), action FROM audit_events WHERE seq > ? ORDER BY seq").raw().all(seq) as [number, string | null, string][];
  return rows.filter((r): r is [number, string, string] => r[1] !== null).map(([s, pins, action]) => [s, pins, action === 'integrity.baseline']);
}

/** The tables a baseline covers; null when it covers every reconciled table (see settleStatePins). */
export function baselineTables(db: Db, seq: number): string[] | null {
  const tables = db.prepare("SELECT json_extract(detail, '$.tables') FROM audit_events WHERE seq = ?").pluck().get(seq);
  if (typeof tables !== 'string') return null;
  const parsed = JSON.parse(tables) as unknown;
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : null;
}

/** The schema version a baseline was taken at (a migration may call for a new one; see settleStatePins). */
export function baselineSchemaVersion(db: Db, seq: number): number {
  const version = db.prepare("SELECT json_extract(detail, '$.schemaVersion') FROM audit_events WHERE seq = ?").pluck().get(seq);
  return typeof version === 'number' ? version : 0;
}
