import type { Role } from '../contract';
import { AppError } from '../core/appError';
import type { Tx } from '../core/appCore';
import type { Db } from '../store/database';
import { statement } from '../store/statements';
import { diffFields, encodeFields, sqlColumns, type ColumnTable, type FieldChange } from './columns';
import { pinRecordWrite } from './integrity';
import { searchGrams } from './search';
import { searchIndexChanged } from './searchMemory';

/**
 * A versioned record with its history, for any ledger. Every ledger table has the
 * envelope `id, version, last_edited_by, created_at, updated_at`; its history table
 * `(id, <record>_id, version, at, user_id, user_name, action, changes, note)` is
 * append-only. Each change bumps the version and writes one history row with only the
 * fields that changed, before and after — in the caller's transaction, beside its
 * access-log event.
 */
/** A ledger's table and its history table: all that steps and history need. */
export interface LedgerRef {
  table: string;
  history: { table: string; recordColumn: string };
}

export interface LedgerTable<F> extends LedgerRef {
  columns: ColumnTable<F>;
  /** FTS5 bigram table (rowid = record id) and the texts it indexes. */
  search?: { table: string; texts(fields: F): string[] };
}

/** Who acts on a ledger: the session's user, role and 課等. */
export interface LedgerActor {
  userId: number;
  name: string;
  role: Role;
  departmentId: number;
}

/** A column value, or an SQL expression with its parameters (e.g. a CASE on the current status). */
export type SetValue = unknown | { sql: string; params: unknown[] };

function isSqlExpr(v: unknown): v is { sql: string; params: unknown[] } {
  return typeof v === 'object' && v !== null && 'sql' in v && 'params' in v;
}

function setClause(set: Readonly<Record<string, SetValue>>): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(set)) {
    if (isSqlExpr(value)) {
      sql.push(`${column} = ${value.sql}`);
      params.push(...value.params);
    } else {
      sql.push(`${column} = ?`);
      params.push(value);
    }
  }
  return { sql, params };
}

/**
 * Every kit write ends here, after the record's row is written: the row and the history row
 * are pinned for the write's access-log event (reconciliation, db/ledger/integrity.ts).
 */
export function appendHistory(tx: Tx, ledger: LedgerRef, actor: LedgerActor, recordId: number, version: number, action: string, changes: readonly FieldChange[], note = ''): void {
  const { lastInsertRowid } = statement(tx.db, `INSERT INTO ${ledger.history.table} (${ledger.history.recordColumn}, version, at, user_id, user_name, action, changes, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(recordId, version, tx.at, actor.userId, actor.name, action, JSON.stringify(changes), note);
  pinRecordWrite(tx.db, ledger, recordId, Number(lastInsertRowid));
}

/** Rewrites a record's entry in its ledger's search index (every write of a record does). */
export function updateSearchEntry<F>(db: Db, ledger: LedgerTable<F>, id: number, fields: F, extraTexts: readonly string[] = []): void {
  if (!ledger.search) return;
  searchIndexChanged(db);
  statement(db, `DELETE FROM ${ledger.search.table} WHERE rowid = ?`).run(id);
  statement(db, `INSERT INTO ${ledger.search.table} (rowid, grams) VALUES (?, ?)`).run(id, searchGrams([...extraTexts, ...ledger.search.texts(fields)]));
}

const insertSql = new WeakMap<LedgerTable<never>, Map<string, string>>();

/** The INSERT for a ledger and the extra columns it sets, built once (an import inserts thousands). */
function insertStatementSql<F>(ledger: LedgerTable<F>, extra: readonly string[]): string {
  let byExtra = insertSql.get(ledger as LedgerTable<never>);
  if (!byExtra) insertSql.set(ledger as LedgerTable<never>, (byExtra = new Map()));
  const key = extra.join(',');
  let sql = byExtra.get(key);
  if (!sql) {
    const columns = [...sqlColumns(ledger.columns), ...extra, 'version', 'last_edited_by', 'created_at', 'updated_at'];
    byExtra.set(key, (sql = `INSERT INTO ${ledger.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`));
  }
  return sql;
}

/**
 * Inserts a record at version 1 with its history row and search entry. `setChanges` are what
 * the history says of `set` (an imported record's state as the file gave it): the history
 * then tells the whole row, not only its fields.
 */
export function insertRecord<F>(
  tx: Tx,
  ledger: LedgerTable<F>,
  actor: LedgerActor,
  fields: F,
  action: string,
  set: Readonly<Record<string, unknown>> = {},
  setChanges: readonly FieldChange[] = [],
): { id: number; changes: FieldChange[] } {
  const values = [...encodeFields(ledger.columns, fields), ...Object.values(set), 1, actor.userId, tx.at, tx.at];
  const { lastInsertRowid } = statement(tx.db, insertStatementSql(ledger, Object.keys(set))).run(...values);
  const id = Number(lastInsertRowid);
  const changes = [...diffFields(ledger.columns, null, fields), ...setChanges];
  appendHistory(tx, ledger, actor, id, 1, action, changes);
  updateSearchEntry(tx.db, ledger, id, fields);
  return { id, changes };
}

/** Someone saved in between: the form must reload rather than overwrite their change. */
export function assertVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && current !== expected) throw new AppError('CONFLICT', { current }, undefined, 'errors.staleVersion');
}

/**
 * Writes the edited fields if anything changed (plus `set`, e.g. status back to draft),
 * with history and search entry. Returns null when nothing changed (nothing is written).
 */
export function updateRecord<F>(
  tx: Tx,
  ledger: LedgerTable<F>,
  actor: LedgerActor,
  record: { id: number; version: number; fields: F },
  fields: F,
  action: string,
  set: Readonly<Record<string, SetValue>> = {},
): { version: number; changes: FieldChange[] } | null {
  const changes = diffFields(ledger.columns, record.fields, fields);
  if (changes.length === 0) return null;
  const extra = setClause(set);
  const version = record.version + 1;
  statement(tx.db, `UPDATE ${ledger.table} SET ${[...sqlColumns(ledger.columns).map((c) => `${c} = ?`), ...extra.sql].join(', ')}, version = ?, last_edited_by = ?, updated_at = ? WHERE id = ?`)
    .run(...encodeFields(ledger.columns, fields), ...extra.params, version, actor.userId, tx.at, record.id);
  appendHistory(tx, ledger, actor, record.id, version, action, changes);
  updateSearchEntry(tx.db, ledger, record.id, fields);
  return { version, changes };
}

/**
 * A change that is not an edit of the fields (照合, a decision, a review, closing): sets
 * the given columns, bumps the version and writes the history row. Returns the new version.
 */
export function stepRecord(
  tx: Tx,
  ledger: LedgerRef,
  actor: LedgerActor,
  record: { id: number; version: number },
  step: { action: string; set: (version: number) => Readonly<Record<string, SetValue>>; changes?: FieldChange[]; note?: string },
): number {
  const version = record.version + 1;
  const extra = setClause(step.set(version));
  statement(tx.db, `UPDATE ${ledger.table} SET ${[...extra.sql, 'version = ?', 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...extra.params, version, tx.at, record.id);
  appendHistory(tx, ledger, actor, record.id, version, step.action, step.changes ?? [], step.note ?? '');
  return version;
}

export interface HistoryEntry {
  id: number;
  version: number;
  at: string;
  userName: string;
  action: string;
  changes: FieldChange[];
  note: string;
}

/** A record's history, newest first. */
export function readHistory(db: Db, ledger: LedgerRef, recordId: number): HistoryEntry[] {
  const rows = statement(db, `SELECT id, version, at, user_name, action, changes, note FROM ${ledger.history.table} WHERE ${ledger.history.recordColumn} = ? ORDER BY id DESC`)
    .all(recordId) as { id: number; version: number; at: string; user_name: string; action: string; changes: string; note: string }[];
  return rows.map((r) => ({ id: r.id, version: r.version, at: r.at, userName: r.user_name, action: r.action, changes: JSON.parse(r.changes) as FieldChange[], note: r.note }));
}

/** Everyone who entered or changed the record after `sinceVersion` (the authors a verifier must not be). */
export function authorsSince(db: Db, ledger: LedgerRef, recordId: number, sinceVersion: number, authorActions: readonly string[]): number[] {
  return statement(db, `SELECT DISTINCT user_id FROM ${ledger.history.table} WHERE ${ledger.history.recordColumn} = ? AND version > ? AND action IN (${authorActions.map(() => '?').join(', ')})`)
    .pluck()
    .all(recordId, sinceVersion, ...authorActions) as number[];
}
