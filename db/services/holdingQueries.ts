import { roleScope, type ChannelInput, type HoldingFilters, type HoldingSummary } from '../contract';
import type { Db } from '../store/database';
import type { LedgerActor } from './holdings';
import { holdingSelect, rowToSummary, type HoldingRow } from './holdingRecords';
import { searchMatchExpression } from './holdingSearch';

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

function whereFor(actor: LedgerActor, f: HoldingFilters, reviewCutoffIso: string): { sql: string; params: unknown[] } {
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
    if (match) add('h.id IN (SELECT rowid FROM holding_search WHERE holding_search MATCH ?)', match);
    else add('0');
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listHoldings(
  db: Db,
  actor: LedgerActor,
  input: Pick<ChannelInput<'holdings.list'>, 'sort' | 'direction' | 'page' | 'pageSize'> & HoldingFilters,
  reviewCutoffIso: string,
): { rows: HoldingSummary[]; total: number } {
  const where = whereFor(actor, input, reviewCutoffIso);
  const dir = input.direction === 'desc' ? 'DESC' : 'ASC';
  const order = `${sortColumns[input.sort ?? 'ledgerNo']} ${dir}, h.id ${dir}`;
  const pageSize = input.pageSize ?? 50;
  // Text matches are filtered and sorted in the narrow list index, not in the wide rows.
  const from = input.text ? 'holdings h INDEXED BY holdings_list_keys' : 'holdings h';
  // The page is chosen on keys alone; only its 50 rows are then read whole and joined. For
  // a text search the total is counted in the same pass (the matches are visited anyway);
  // otherwise the count is a walk of a small index, and the page an index walk that stops.
  const offset = ((input.page ?? 1) - 1) * pageSize;
  const page = input.text
    ? (db
        .prepare(`SELECT h.id, count(*) OVER () FROM ${from} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .raw()
        .all(...where.params, pageSize, offset) as [number, number][])
    : (db.prepare(`SELECT h.id FROM ${from} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...where.params, pageSize, offset) as number[]).map(
        (id): [number, number | undefined] => [id, undefined],
      );
  const ids = page.map(([id]) => id);
  const rows = ids.length
    ? (db.prepare(`${holdingSelect} WHERE h.id IN (${ids.map(() => '?').join(',')}) ORDER BY ${order}`).all(...ids) as HoldingRow[])
    : [];
  const total = page[0]?.[1] ?? (db.prepare(`SELECT count(*) FROM ${from} ${where.sql}`).pluck().get(...where.params) as number);
  return { rows: rows.map((r) => rowToSummary(r, reviewCutoffIso)), total };
}

/** Every matching row (for print and CSV), in the list's order. */
export function allHoldingRows(db: Db, actor: LedgerActor, filters: HoldingFilters, reviewCutoffIso: string, sort: keyof typeof sortColumns = 'ledgerNo'): HoldingRow[] {
  const where = whereFor(actor, filters, reviewCutoffIso);
  return db.prepare(`${holdingSelect} ${where.sql} ORDER BY ${sortColumns[sort]}, h.id`).all(...where.params) as HoldingRow[];
}

export function countHoldings(db: Db, actor: LedgerActor, filters: HoldingFilters, reviewCutoffIso: string): number {
  const where = whereFor(actor, filters, reviewCutoffIso);
  return db.prepare(`SELECT count(*) FROM holdings h ${where.sql}`).pluck().get(...where.params) as number;
}
