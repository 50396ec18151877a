import type { PageCursor } from '../contract';
import type { Db } from '../store/database';
import { statement } from '../store/statements';
import { textMatch, type Fragment, type TextMatch, type TextRequest } from './textMatch';

export type { TextJoin } from './textMatch';

/**
 * Finding a ledger's rows: filters, sort and keyset paging in SQL, so any page of 50 out
 * of 100,000 (or of 1,000,000 entry-log rows) costs the same as the first. A page is
 * chosen on keys alone — the sort index, continued from the cursor row with a row-value
 * comparison — and only its rows are then read whole by the feature.
 */
export interface ListSource {
  /** FROM clause with the alias the conditions use, e.g. 'media m'. */
  from: string;
  /** The row id, the sort's tie-breaker, e.g. 'h.id'. */
  id: string;
  /** Sort key → SQL expression. Each must never be NULL (a row-value comparison with NULL matches nothing): wrap nullable columns in coalesce and index that expression. */
  sorts: Readonly<Record<string, string>>;
  /** A narrow covering index that holds every filter and sort column (used for sparse text matches). */
  narrowIndex?: string;
  /** FTS5 table of character pairs whose rowid is the row id, with its content kept (the default): a dense search checks rows against `<table>_content` (textMatch.ts). */
  searchTable?: string;
  /** The largest id, an upper bound of the table's size (for the dense/sparse choice). */
  maxIdSql: string;
}

/** SQL conditions joined with AND, with their parameters in order. */
export class Conditions {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...values: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...values);
    return this;
  }

  /** Adds the condition only when the value was given. */
  addIf(value: unknown, sql: string, ...values: unknown[]): this {
    return value === undefined ? this : this.add(sql, ...values);
  }

  get narrowing(): boolean {
    return this.parts.length > 0;
  }

  sql(extra: string[] = []): string {
    const all = [...this.parts, ...extra];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  }
}

export interface ListRequest extends TextRequest {
  sort: string;
  direction: 'asc' | 'desc';
  pageSize: number;
  cursor?: PageCursor | 'last' | undefined;
}

export interface ListPage {
  ids: number[];
  total: number;
  nextCursor: PageCursor | null;
  previousCursor: PageCursor | null;
}

type KeyRow = { id: number; k: string | number };

/** A row-value bound on the walking order: the plain bound lets SQLite seek an expression index; the row value settles ties by id. */
function keyBound(sortExpr: string, id: string, row: { key: unknown; id: number }, plain: string, byRow: string): Fragment {
  return { sql: `${sortExpr} ${plain} ? AND (${sortExpr}, ${id}) ${byRow} (?, ?)`, params: [row.key, row.key, row.id] };
}

/** The rows after this one in the walking order. */
const after = (sortExpr: string, id: string, ascending: boolean, row: { key: unknown; id: number }) => keyBound(sortExpr, id, row, ascending ? '>=' : '<=', ascending ? '>' : '<');
/** The rows up to and including this one in the walking order. */
const upTo = (sortExpr: string, id: string, ascending: boolean, row: { key: unknown; id: number }) => keyBound(sortExpr, id, row, ascending ? '<=' : '>=', ascending ? '<=' : '>=');

/** One page's walk along the sort order: source, filters, direction and where it starts. */
interface Walk {
  db: Db;
  from: string;
  where: Conditions;
  sortExpr: string;
  id: string;
  ascending: boolean;
  /** Rows past the cursor (empty on the first page or from the end). */
  past: Fragment[];
}

function orderOf(walk: Walk): string {
  const dir = walk.ascending ? 'ASC' : 'DESC';
  return `ORDER BY ${walk.sortExpr} ${dir}, ${walk.id} ${dir}`;
}

/** Up to `limit` keys along the walk under these conditions, after skipping `offset`. */
function keysOf(walk: Walk, extra: Fragment[], limit: number, offset = 0): KeyRow[] {
  const sql = walk.where.sql(extra.map((f) => f.sql));
  const params = [...walk.where.params, ...extra.flatMap((f) => f.params)];
  return statement(walk.db, `SELECT ${walk.id} AS id, ${walk.sortExpr} AS k FROM ${walk.from} ${sql} ${orderOf(walk)} LIMIT ? OFFSET ?`).all(...params, limit, offset) as KeyRow[];
}

/** Up to `limit` keys along the walk that pass the text filter, by the join it chose. */
function walkKeys(walk: Walk, text: TextMatch | null, limit: number): KeyRow[] {
  if (!text?.walkBudget) return keysOf(walk, text ? [...walk.past, text.condition] : walk.past, limit);
  // A dense search walks the sort order only as far as its budget, then scans the match set instead.
  const [edge] = keysOf(walk, walk.past, 1, text.walkBudget - 1);
  const rows = keysOf(walk, [...walk.past, text.condition, ...(edge ? [upTo(walk.sortExpr, walk.id, walk.ascending, { key: edge.k, id: edge.id })] : [])], limit);
  return edge && rows.length < limit ? keysOf(walk, [...walk.past, text.scan()], limit) : rows;
}

/**
 * Every match among the few rows the filters leave, in walking order, each marked whether it
 * lies past the cursor: one pass over those rows gives both the page and the total.
 */
function everyMatch(walk: Walk, condition: Fragment): (KeyRow & { past: number })[] {
  const past = walk.past[0] ?? { sql: '1', params: [] };
  const sql = walk.where.sql([condition.sql]);
  return statement(walk.db, `SELECT ${walk.id} AS id, ${walk.sortExpr} AS k, (${past.sql}) AS past FROM ${walk.from} ${sql} ${orderOf(walk)}`).all(
    ...past.params,
    ...walk.where.params,
    ...condition.params,
  ) as (KeyRow & { past: number })[];
}

export function pageOfIds(db: Db, source: ListSource, where: Conditions, request: ListRequest): ListPage {
  const sortExpr = source.sorts[request.sort];
  if (!sortExpr) throw new RangeError(`Unknown sort: ${request.sort}`);
  const text = textMatch(db, source, where, request);
  const from = text?.join === 'lookup' && source.narrowIndex ? `${source.from} INDEXED BY ${source.narrowIndex}` : source.from;
  const cursor = request.cursor;
  const backwards = cursor === 'last' || cursor?.toward === 'previous';
  // Walking backwards flips the order; the rows are turned round again below.
  const ascending = (request.direction === 'asc') !== backwards;
  const walk: Walk = { db, from, where, sortExpr, id: source.id, ascending, past: cursor && cursor !== 'last' ? [after(sortExpr, source.id, ascending, cursor)] : [] };
  // The last page holds what is left after whole pages, so paging back from it meets the same pages.
  const limitFor = (total: number) => (cursor === 'last' ? total % request.pageSize || request.pageSize : request.pageSize);
  let total: number;
  let rows: KeyRow[];
  if (text?.total === null) {
    const every = everyMatch(walk, text.condition);
    total = every.length;
    rows = every.filter((r) => r.past).slice(0, limitFor(total) + 1);
  } else {
    total = text ? text.total : (statement(db, `SELECT count(*) FROM ${from} ${where.sql()}`).pluck().get(...where.params) as number);
    rows = walkKeys(walk, text, limitFor(total) + 1);
  }
  const limit = limitFor(total);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const hasBefore = backwards ? (cursor === 'last' ? total > page.length : more) : cursor !== undefined;
  const hasAfter = backwards ? cursor !== 'last' : more;
  return {
    ids: page.map((r) => r.id),
    total,
    previousCursor: hasBefore && first ? { key: first.k, id: first.id, toward: 'previous' } : null,
    nextCursor: hasAfter && last ? { key: last.k, id: last.id, toward: 'next' } : null,
  };
}

/** Ids per statement: SQLite allows 32,766 parameters, and a print or CSV may hold 100,000 rows. */
const idsPerRead = 512;

/**
 * The rows with these ids, read whole (`select` ends where a WHERE may follow), in the ids'
 * order. Read in chunks whose size is rounded up to a power of two (the last id repeated),
 * so a handful of prepared statements serve every page size and every export.
 */
export function rowsInOrder<R extends { id: number }>(db: Db, select: string, idColumn: string, ids: readonly number[]): R[] {
  const byId = new Map<number, R>();
  for (let start = 0; start < ids.length; start += idsPerRead) {
    const part = ids.slice(start, start + idsPerRead);
    const size = 2 ** Math.ceil(Math.log2(part.length));
    const padded = [...part, ...Array<number>(size - part.length).fill(part.at(-1)!)];
    const rows = statement(db, `${select} WHERE ${idColumn} IN (${padded.map(() => '?').join(',')})`).all(...padded) as R[];
    for (const row of rows) byId.set(row.id, row);
  }
  return ids.map((id) => byId.get(id)).filter((r): r is R => r !== undefined);
}

/** Every id that matches, in the list's order (for print and CSV). */
export function allIds(db: Db, source: ListSource, where: Conditions, request: Pick<ListRequest, 'sort' | 'direction' | 'text'>): number[] {
  const text = textMatch(db, source, where, { text: request.text, join: 'scan' });
  const sortExpr = source.sorts[request.sort];
  if (!sortExpr) throw new RangeError(`Unknown sort: ${request.sort}`);
  const dir = request.direction === 'desc' ? 'DESC' : 'ASC';
  return db
    .prepare(`SELECT ${source.id} FROM ${source.from} ${where.sql(text ? [text.condition.sql] : [])} ORDER BY ${sortExpr} ${dir}, ${source.id} ${dir}`)
    .pluck()
    .all(...where.params, ...(text?.condition.params ?? [])) as number[];
}

/** How many rows match (the bulk-export guard asks before anything is read). */
export function countRows(db: Db, source: ListSource, where: Conditions, text?: string): number {
  const t = textMatch(db, source, where, { text });
  if (t && t.total !== null) return t.total;
  return db.prepare(`SELECT count(*) FROM ${source.from} ${where.sql(t ? [t.condition.sql] : [])}`).pluck().get(...where.params, ...(t?.condition.params ?? [])) as number;
}
