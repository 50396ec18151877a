import { hash } from 'node:crypto';
import { addStatePins, registerBaselinePins } from '../core/statePins';
import type { Db } from '../store/database';
import { statement } from '../store/statements';
import { fieldNames, type ColumnTable, type FieldChange } from './columns';
import type { LedgerRef } from './record';

/**
 * Reconciliation of ledger rows with the access log (issue #9, item 5): the chain covers
 * only the log, so every write of a record also logs, in its hashed event, a hash of the
 * record's row and of the history row it wrote (`detail.ledgerState`). 改ざん検査 then
 * hashes each current row and names any row or history row that no event accounts for:
 * changed, deleted, or inserted behind the app's back (docs/SECURITY.md "Ledger rows").
 *
 * A row's hash is SHA-256 (first 128 bits, hex) of json_array over all its columns in
 * name order, built by SQLite the same way at the write and at the check, so the two can
 * never disagree on an encoding (json_array rather than json_object: a third quicker, and
 * the names add nothing when the order is fixed).
 */
export interface ReconciledLedger {
  ledger: LedgerRef & { columns: ColumnTable<unknown> };
  /** The column that names a record to a person (管理番号). */
  numberColumn: string;
  /** i18n key of the ledger's name in findings (e.g. 'tamperFindings.ledgers.holdings'). */
  nameKey: string;
  /** The column holding a record's 課等: a manager is told only of their own 課等's rows. */
  departmentColumn: string;
  /**
   * Tables whose rows belong to a record and change with its steps (a medium's take-outs):
   * pinned by `pinSideRow` in the same write, checked as the history is, named by `nameKey`
   * and by the record (`recordColumn`) they belong to.
   */
  sideTables?: readonly SideTable[];
  /**
   * Tables derived from the record's pinned columns and rewritten in the same step (an index of
   * a JSON list that a rule looks up): not pinned themselves, so `mismatchSql` lists the ids of
   * the records whose index rows disagree with their row, each named as a changed record under
   * `fieldKey` (the list's label) — an index row deleted behind the app would otherwise let a
   * rule pass unseen.
   */
  derivedIndexes?: readonly { mismatchSql: string; fieldKey: string }[];
}

export interface SideTable {
  table: string;
  recordColumn: string;
  nameKey: string;
  /**
   * SQL giving the 課等 of the side row `rowid = ?`, when the row belongs to a 課等 rather than
   * to one record (a session over many records): its findings are placed by it, not by the
   * record `recordColumn` names (MIC §9: a manager is told of their own 課等's rows only).
   */
  departmentSql?: string;
  /**
   * The schema versions whose migration re-baselines this table (names it in
   * integrity_baseline.tables: it newly reconciles it, or changes its columns). A per-table
   * baseline of any other table, or at any other version, is not explained by a migration: the
   * marker set by hand to launder rows edited behind the app (reconcile.ts reports it).
   */
  rebaselinedAt?: readonly number[];
  /**
   * BLOB columns put into the row hash as their SHA-256 (json_array holds no BLOB): a file's
   * bytes, its thumbnail. Left out, an edit of the bytes alone would not be named — a photo
   * swapped under an unchanged hash column, a printed image swapped that no hash stands for.
   */
  digestedColumns?: readonly string[];
}

/** Every table 改ざん検査 hashes for this ledger: the record's, its history's and its side tables. */
export function reconciledTables(entry: ReconciledLedger): string[] {
  return [entry.ledger.table, entry.ledger.history.table, ...(entry.sideTables ?? []).map((s) => s.table)];
}

const registry: ReconciledLedger[] = [];

/** Each ledger registers itself beside its table definition; the next ledgers get the check free. */
export function reconcileWithAccessLog<F>(entry: Omit<ReconciledLedger, 'ledger'> & { ledger: LedgerRef & { columns: ColumnTable<F> } }): void {
  if (!registry.some((r) => r.ledger.table === entry.ledger.table)) registry.push(entry as unknown as ReconciledLedger);
}

export function reconciledLedgers(): readonly ReconciledLedger[] {
  return registry;
}

/** The tables migrations after schema version `after`, up to `upTo`, call to be baselined again. */
export function tablesRebaselinedBetween(after: number, upTo: number): Set<string> {
  const tables = new Set<string>();
  for (const side of registry.flatMap((entry) => entry.sideTables ?? [])) {
    if (side.rebaselinedAt?.some((v) => v > after && v <= upTo)) tables.add(side.table);
  }
  return tables;
}

const rowSql = new WeakMap<Db, Map<string, string>>();

/**
 * json_array(a, b, …) over every column of `table` (a side table's `digestedColumns` as their SHA-256), names sorted, as a BLOB of its UTF-8:
 * hashed as bytes, a long history row is not turned into a JS string and back (a third quicker).
 */
export function rowContentSql(db: Db, table: string): string {
  let byTable = rowSql.get(db);
  if (!byTable) {
    rowSql.set(db, (byTable = new Map()));
    // Registered on the connection that hashes, whichever opened it (the app, a backup's check).
    db.function('ledger_digest', { deterministic: true }, (v: unknown) => (Buffer.isBuffer(v) ? hash('sha256', v) : v));
  }
  let sql = byTable.get(table);
  if (!sql) {
    const digested = new Set(registry.flatMap((entry) => entry.sideTables ?? []).find((s) => s.table === table)?.digestedColumns);
    const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).sort();
    byTable.set(table, (sql = `CAST(json_array(${columns.map((c) => (digested.has(c) ? `ledger_digest("${c}")` : `"${c}"`)).join(', ')}) AS BLOB)`));
  }
  return sql;
}

export const stateHash = (content: Buffer): string => hash('sha256', content).slice(0, 32);

/** `table:rowid:hash` of one row as it stands now. */
function pinOf(db: Db, table: string, rowid: number): string {
  const content = statement(db, `SELECT ${rowContentSql(db, table)} FROM ${table} WHERE rowid = ?`).pluck().get(rowid) as Buffer;
  return `${table}:${rowid}:${stateHash(content)}`;
}

/**
 * Called by the kit right after a history row is written (the record's own row is then as
 * this write leaves it): both are pinned by the write's next access-log event (core carries
 * the pins: db/core/statePins.ts).
 */
export function pinRecordWrite(db: Db, ledger: LedgerRef, recordId: number, historyId: number): void {
  if (!registry.some((r) => r.ledger.table === ledger.table)) return;
  addStatePins(db, [pinOf(db, ledger.table, recordId), pinOf(db, ledger.history.table, historyId)]);
}

/** Pins a side table's row as this write leaves it (call it after the row's last change in the write). */
export function pinSideRow(db: Db, table: string, rowid: number): void {
  if (!registry.some((r) => r.sideTables?.some((s) => s.table === table))) return;
  addStatePins(db, [pinOf(db, table, rowid)]);
}

/**
 * Pins every row of every reconciled ledger, once, after migration 0009; or, after a later
 * migration that newly reconciles a table or changes its columns (integrity_baseline.tables,
 * 0015, 0016), every row of those tables only: the rows written before this check existed,
 * or re-encoded by it. The other tables keep their pins, so an edit made behind the app's
 * back before the upgrade is still reported.
 */
export function baselinePins(db: Db, only: readonly string[] | null = null): string {
  const pins: string[] = [];
  // A table a later migration adds (media_takeouts, 0011) has no rows to pin before it exists.
  const exists = (table: string) => statement(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  for (const entry of registry) {
    for (const table of reconciledTables(entry).filter((t) => exists(t) && (only === null || only.includes(t)))) {
      for (const [rowid, content] of db.prepare(`SELECT rowid, ${rowContentSql(db, table)} FROM ${table} ORDER BY rowid`).raw().iterate() as Iterable<[number, Buffer]>) {
        pins.push(`${table}:${rowid}:${stateHash(content)}`);
      }
    }
  }
  return pins.join(';');
}

// Core logs the baseline at the end of the first write (db/core/statePins.ts settleStatePins).
registerBaselinePins(baselinePins);

/**
 * The fields that differ between the row and what its history says they are: the history's
 * changes replayed in order (a new record's history lists every filled field). Used only
 * to name what was found in a row whose hash no longer matches.
 */
export function fieldsDifferingFromHistory(db: Db, entry: ReconciledLedger, recordId: number): string[] {
  const { ledger } = entry;
  const row = statement(db, `SELECT * FROM ${ledger.table} WHERE id = ?`).get(recordId) as Record<string, unknown> | undefined;
  if (!row) return [];
  const replayed = new Map<string, unknown>();
  const rows = statement(db, `SELECT changes FROM ${ledger.history.table} WHERE ${ledger.history.recordColumn} = ? ORDER BY id`).pluck().all(recordId) as string[];
  for (const changes of rows) {
    try {
      for (const c of JSON.parse(changes) as FieldChange[]) replayed.set(c.field, c.after);
    } catch {
      // A history row that is not JSON is reported as a changed history row already.
    }
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return fieldNames(ledger.columns)
    .filter((f) => {
      const spec = ledger.columns[f as never] as ColumnTable<Record<string, unknown>>[string];
      return !same(spec.decode(row[spec.column]), replayed.get(f));
    })
    .map((f) => (ledger.columns[f as never] as { label: string }).label);
}
