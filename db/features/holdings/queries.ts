import { roleScope, type ChannelInput, type HoldingFilters, type HoldingSummary } from '../../contract';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import type { LedgerActor } from './rules';
import { holdingSelect, rowToSummary, type HoldingRow } from './records';
import { searchMatchExpression } from '../../ledger/search';

/**
 * Finding holdings: filters, sort and paging all in SQL, so a page of 50 out of 100,000
 * rows costs the same as out of 100. Department-scoped roles only ever see their own 課等.
 */
const sortColumns: Record<ChannelInput<'holdings.list'>['sort'] & string, string> = {
  ledgerNo: 'h.ledger_no',
  name: 'h.name',
  department: 'h.department_id',
  category: 'h.category',
  status: 'h.status',
  updatedAt: 'h.updated_at',
  lastReviewedAt: 'coalesce(h.last_reviewed_at, h.created_at)',
};

/**
 * How a text filter joins the list: 'lookup' fetches each match by id (best when matches
 * are few); 'scan' walks the sort order and tests each row against the matches (best when
 * they are many: the first page is found after a few dozen rows).
 */
type TextJoin = 'lookup' | 'scan';

function whereFor(actor: LedgerActor, f: HoldingFilters, reviewCutoffIso: string, textJoin: TextJoin = 'lookup'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (roleScope(actor.role) === 'department') add('h.department_id = ?', actor.departmentId);
  if (f.departmentId !== undefined) add('h.department_id = ?', f.departmentId);
  if (f.category === 'undecided') add('h.category IS NULL');
  else if (f.category) add('h.category = ?', f.category);
  if (f.status) add('h.status = ?', f.status);
  if (f.containsMyNumber !== undefined) add('h.contains_my_number = ?', f.containsMyNumber ? 1 : 0);
  if (f.containsSensitive !== undefined) add('h.contains_sensitive = ?', f.containsSensitive ? 1 : 0);
  if (f.reviewDue !== undefined) add(`(coalesce(h.last_reviewed_at, h.created_at) < ?) = ?`, reviewCutoffIso, f.reviewDue ? 1 : 0);
  if (f.text) {
    const match = searchMatchExpression(f.text);
    // Nothing searchable typed (only punctuation): no row can match it.
    // A unary + keeps SQLite from using the id for lookups, so it walks the sort order instead.
    if (match) add(`${textJoin === 'scan' ? '+' : ''}h.id IN (SELECT rowid FROM holding_search WHERE holding_search MATCH ?)`, match);
    else add('0');
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Matches above this share of all rows are dense: walking the sort order finds a page fast. */
const denseShare = 0.02;

export function listHoldings(
  db: Db,
  actor: LedgerActor,
  input: Pick<ChannelInput<'holdings.list'>, 'sort' | 'direction' | 'page' | 'pageSize'> & HoldingFilters,
  reviewCutoffIso: string,
): { rows: HoldingSummary[]; total: number } {
  const dir = input.direction === 'desc' ? 'DESC' : 'ASC';
  const order = `${sortColumns[input.sort ?? 'ledgerNo']} ${dir}, h.id ${dir}`;
  const pageSize = input.pageSize ?? 50;
  const offset = ((input.page ?? 1) - 1) * pageSize;
  const match = input.text ? searchMatchExpression(input.text) : null;
  // The FTS index answers "how many rows hold this text" in a few milliseconds.
  const matches = match ? (statement(db, 'SELECT count(*) FROM holding_search WHERE holding_search MATCH ?').pluck().get(match) as number) : 0;
  const tableSize = match ? ((statement(db, 'SELECT max(id) FROM holdings').pluck().get() as number | null) ?? 0) : 0;
  const dense = match !== null && matches >= tableSize * denseShare;
  const where = whereFor(actor, input, reviewCutoffIso, dense ? 'scan' : 'lookup');
  // Sparse matches are filtered and sorted in the narrow list index, not in the wide rows.
  const from = match && !dense ? 'holdings h INDEXED BY holdings_list_keys' : 'holdings h';
  // The page is chosen on keys alone; only its 50 rows are then read whole and joined.
  const ids = db.prepare(`SELECT h.id FROM ${from} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...where.params, pageSize, offset) as number[];
  const rows = ids.length
    ? (db.prepare(`${holdingSelect} WHERE h.id IN (${ids.map(() => '?').join(',')}) ORDER BY ${order}`).all(...ids) as HoldingRow[])
    : [];
  const total = match !== null && !narrowsBeyondText(actor, input) ? matches : countHoldings(db, actor, input, reviewCutoffIso, from);
  return { rows: rows.map((r) => rowToSummary(r, reviewCutoffIso)), total };
}

/** Every matching row (for print and CSV), in the list's order. */
export function allHoldingRows(db: Db, actor: LedgerActor, filters: HoldingFilters, reviewCutoffIso: string, sort: keyof typeof sortColumns = 'ledgerNo'): HoldingRow[] {
  const where = whereFor(actor, filters, reviewCutoffIso);
  return db.prepare(`${holdingSelect} ${where.sql} ORDER BY ${sortColumns[sort]}, h.id`).all(...where.params) as HoldingRow[];
}

export function countHoldings(db: Db, actor: LedgerActor, filters: HoldingFilters, reviewCutoffIso: string, from = 'holdings h'): number {
  const where = whereFor(actor, filters, reviewCutoffIso);
  return db.prepare(`SELECT count(*) FROM ${from} ${where.sql}`).pluck().get(...where.params) as number;
}

/** Whether anything but the text narrows the list (then the FTS count is not the total). */
function narrowsBeyondText(actor: LedgerActor, f: HoldingFilters): boolean {
  return (
    roleScope(actor.role) === 'department' ||
    f.departmentId !== undefined ||
    f.category !== undefined ||
    f.status !== undefined ||
    f.containsMyNumber !== undefined ||
    f.containsSensitive !== undefined ||
    f.reviewDue !== undefined
  );
}
