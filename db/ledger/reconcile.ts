import type { VerificationFinding } from '../contract';
import type { RowChecks } from '../core/auditFindings';
import type { ChainWalk } from '../core/auditVerify';
import { baselineSchemaVersion, baselineTables, statePinsAfter } from '../core/statePins';
import type { Db } from '../store/database';
import { statement } from '../store/statements';
import { fieldsDifferingFromHistory, reconciledLedgers, reconciledTables, rowContentSql, stateHash, tablesRebaselinedBetween, type ReconciledLedger } from './integrity';

/**
 * The second half of reconciliation (db/ledger/integrity.ts): the pins the chain walk found,
 * applied in event order, against every row as it stands. Each finding names the row.
 */
export class StatePins {
  /** table → rowid → the hash its latest event recorded. */
  readonly byTable = new Map<string, Map<number, string>>();
  baselineSeq: number | null = null;
  private baselineSchema = 0;
  /**
   * Baselines not explained by a migration (the baseline marker set by hand, which would hide
   * earlier edits): a full one after the first (only migration 0009, or a log restored from
   * before it, calls for one), and a per-table one at a schema version no newer than the one
   * before or naming a table no migration since then re-baselines (`rebaselinedAt`).
   */
  readonly repeatedBaselines: number[] = [];

  /**
   * Applies one event's `ledgerState`, in seq order; a baseline replaces the earlier pins of the
   * tables it covers (`tables`, set by a migration that re-encodes only some: 0015, 0016), or of all.
   */
  apply(seq: number, pins: string, baseline: { schemaVersion: number; tables?: readonly string[] | null } | null): void {
    if (baseline) {
      if (this.baselineSeq !== null && !this.explained(baseline)) this.repeatedBaselines.push(seq);
      this.baselineSeq ??= seq;
      this.baselineSchema = Math.max(this.baselineSchema, baseline.schemaVersion);
      if (baseline.tables) for (const table of baseline.tables) this.byTable.delete(table);
      else this.byTable.clear();
    }
    if (pins === '') return;
    for (const pin of pins.split(';')) {
      const [table, rowid, hash] = pin.split(':');
      if (!table || !rowid || !hash) continue;
      let rows = this.byTable.get(table);
      if (!rows) this.byTable.set(table, (rows = new Map()));
      rows.set(Number(rowid), hash);
    }
  }

  private explained(baseline: { schemaVersion: number; tables?: readonly string[] | null }): boolean {
    if (!baseline.tables || baseline.schemaVersion <= this.baselineSchema) return false;
    const called = tablesRebaselinedBetween(this.baselineSchema, baseline.schemaVersion);
    return baseline.tables.every((table) => called.has(table));
  }
}

/** At most this many findings of one kind are listed; the count says how many there were. */
const listed = 100;

interface TableCheck {
  changed: number[];
  unrecorded: number[];
  deleted: number[];
}

/** table → rowid → hash of every row of every reconciled ledger and its history, as they stand. */
export type RowHashes = Map<string, Map<number, string>>;

/**
 * Hashes every row (the costly half, so 改ざん検査 runs it while the chain's workers run).
 * Call it in the read transaction that also reads the events after the walked head.
 */
export function hashLedgerRows(db: Db): RowHashes {
  const out: RowHashes = new Map();
  for (const entry of reconciledLedgers()) {
    for (const table of reconciledTables(entry)) {
      const rows = new Map<number, string>();
      for (const [rowid, content] of db.prepare(`SELECT rowid, ${rowContentSql(db, table)} FROM ${table}`).raw().iterate() as Iterable<[number, Buffer]>) {
        rows.set(rowid, stateHash(content));
      }
      out.set(table, rows);
    }
  }
  return out;
}

function checkTable(rows: ReadonlyMap<number, string> | undefined, pinned: ReadonlyMap<number, string> | undefined): TableCheck {
  const out: TableCheck = { changed: [], unrecorded: [], deleted: [] };
  for (const [rowid, hash] of rows ?? []) {
    const expected = pinned?.get(rowid);
    if (expected === undefined) out.unrecorded.push(rowid);
    else if (hash !== expected) out.changed.push(rowid);
  }
  for (const rowid of pinned?.keys() ?? []) if (!rows?.has(rowid)) out.deleted.push(rowid);
  return out;
}

function recordNumber(db: Db, entry: ReconciledLedger, id: number): string {
  return (statement(db, `SELECT ${entry.numberColumn} FROM ${entry.ledger.table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? '';
}

function findingsOf(kind: VerificationFinding['kind'], ids: number[], make: (id: number) => VerificationFinding): VerificationFinding[] {
  const out = ids.slice(0, listed).map(make);
  if (ids.length > listed) out.push({ kind, params: { more: ids.length - listed }, fieldKeys: [] });
  return out;
}

/** Records whose derived index disagrees with their (pinned) row, unless already named as changed. */
function derivedIndexFindings(db: Db, entry: ReconciledLedger, named: ReadonlySet<number>): VerificationFinding[] {
  const byId = new Map<number, string[]>();
  for (const index of entry.derivedIndexes ?? []) {
    for (const id of statement(db, index.mismatchSql).pluck().all() as number[]) if (!named.has(id)) byId.set(id, [...(byId.get(id) ?? []), index.fieldKey]);
  }
  const ledger = entry.nameKey;
  return findingsOf('rowChanged', [...byId.keys()], (id) => ({ kind: 'rowChanged', params: { ledger, id, number: recordNumber(db, entry, id) }, fieldKeys: byId.get(id)! }));
}

/**
 * Every reconciled ledger's rows and history rows (hashed by `hashLedgerRows`) against the
 * pins; nothing when no baseline was ever logged. `db` only names what was found.
 */
export function reconcileLedgers(db: Db, pins: StatePins, hashes: RowHashes): VerificationFinding[] {
  const findings: VerificationFinding[] = pins.repeatedBaselines.map((seq) => ({ kind: 'baselineRepeated', params: { seq }, fieldKeys: [] }));
  // Before the first write after migration 0009 there is nothing to compare with yet.
  if (pins.baselineSeq === null) return findings;
  for (const entry of reconciledLedgers()) {
    const { table, history } = entry.ledger;
    const ledger = entry.nameKey;
    const rows = checkTable(hashes.get(table), pins.byTable.get(table));
    findings.push(
      ...findingsOf('rowChanged', rows.changed, (id) => ({ kind: 'rowChanged', params: { ledger, id, number: recordNumber(db, entry, id) }, fieldKeys: fieldsDifferingFromHistory(db, entry, id) })),
      ...derivedIndexFindings(db, entry, new Set(rows.changed)),
      ...findingsOf('rowUnrecorded', rows.unrecorded, (id) => ({ kind: 'rowUnrecorded', params: { ledger, id, number: recordNumber(db, entry, id) }, fieldKeys: [] })),
      ...findingsOf('rowDeleted', rows.deleted, (id) => ({ kind: 'rowDeleted', params: { ledger, id }, fieldKeys: [] })),
    );
    // A side table's rows (a medium's take-outs) are a record's log as its history is, and said so.
    for (const side of [{ ...history, nameKey: ledger }, ...(entry.sideTables ?? [])]) findings.push(...historyFindings(db, side, hashes, pins));
  }
  return findings;
}

function historyFindings(db: Db, side: { table: string; recordColumn: string; nameKey: string }, hashes: RowHashes, pins: StatePins): VerificationFinding[] {
  const rows = checkTable(hashes.get(side.table), pins.byTable.get(side.table));
  const ledger = side.nameKey;
  const recordOf = (rowid: number) => (statement(db, `SELECT ${side.recordColumn} FROM ${side.table} WHERE rowid = ?`).pluck().get(rowid) as number | undefined) ?? 0;
  return [
    ...findingsOf('historyChanged', rows.changed, (id) => ({ kind: 'historyChanged', params: { ledger, id, recordId: recordOf(id) }, fieldKeys: [] })),
    ...findingsOf('historyUnrecorded', rows.unrecorded, (id) => ({ kind: 'historyUnrecorded', params: { ledger, id, recordId: recordOf(id) }, fieldKeys: [] })),
    ...findingsOf('historyDeleted', rows.deleted, (id) => ({ kind: 'historyDeleted', params: { ledger, id }, fieldKeys: [] })),
  ];
}

const rowKinds = new Set<VerificationFinding['kind']>(['rowChanged', 'rowUnrecorded', 'rowDeleted', 'historyChanged', 'historyUnrecorded', 'historyDeleted']);

/** The 課等 of the record a row finding names; null when it cannot be placed (deleted, or a summary). */
function departmentOfFinding(db: Db, f: VerificationFinding): number | null {
  const entry = reconciledLedgers().find((r) => r.nameKey === f.params.ledger || r.sideTables?.some((s) => s.nameKey === f.params.ledger));
  const recordId = f.kind.startsWith('history') ? f.params.recordId : f.params.id;
  if (!entry || typeof recordId !== 'number' || f.params.more !== undefined) return null;
  const side = entry.sideTables?.find((s) => s.nameKey === f.params.ledger);
  if (side?.departmentSql) return (statement(db, side.departmentSql).pluck().get(f.params.id) as number | null | undefined) ?? null;
  const sql = `SELECT ${entry.departmentColumn} FROM ${entry.ledger.table} WHERE id = ?`;
  return (statement(db, sql).pluck().get(recordId) as number | undefined) ?? null;
}

/**
 * What 改ざん検査 tells a manager (MIC §9, issue #9 item 3): the findings about the log itself
 * (pins, anchor, baseline: no record content) and the rows of their own 課等. A row of another
 * 課等, or one that cannot be placed, is not named; one `otherDepartments` finding says that
 * more was found, for the chief or the auditor to read.
 */
export function findingsForDepartment(db: Db, findings: readonly VerificationFinding[], departmentId: number): VerificationFinding[] {
  const kept = findings.filter((f) => !rowKinds.has(f.kind) || departmentOfFinding(db, f) === departmentId);
  return kept.length === findings.length ? [...findings] : [...kept, { kind: 'otherDepartments', params: {}, fieldKeys: [] }];
}

/** The ledger rows as they stand, hashed, and the row states of the events after the walked head. */
export interface RowSnapshot {
  hashes: RowHashes;
  late: ReturnType<typeof statePinsAfter>;
}

/** Ledger rows against the pins of the walked events and of those written since. */
function reconcileWithWalk(db: Db, walk: ChainWalk, snapshot: RowSnapshot): VerificationFinding[] {
  const pins = new StatePins();
  for (const events of [walk.pins, snapshot.late]) {
    for (const [seq, state, baseline] of events) pins.apply(seq, state, baseline ? { schemaVersion: baselineSchemaVersion(db, seq), tables: baselineTables(db, seq) } : null);
  }
  return reconcileLedgers(db, pins, snapshot.hashes);
}

/** The kit's reconciliation, handed to core's 改ざん検査 by db/ipc/handlers.ts (core/auditFindings.ts RowChecks). */
export const ledgerRowChecks: RowChecks<RowSnapshot> = {
  snapshot: (db, headSeq) => db.transaction(() => ({ hashes: hashLedgerRows(db), late: statePinsAfter(db, headSeq) }))(),
  findings: reconcileWithWalk,
  forDepartment: findingsForDepartment,
};
