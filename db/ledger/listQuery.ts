import type { PageCursor } from '../contract';
import type { Db } from '../store/database';
import { statement } from '../store/statements';
import { searchMatchExpression } from './search';
import { searchMatchCount } from './searchCount';

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
  /** FTS5 table of bigrams whose rowid is the row id. */
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

export interface ListRequest {
  sort: string;
  direction: 'asc' | 'desc';
  pageSize: number;
  cursor?: PageCursor | 'last' | undefined;
  /** What the user typed into the search box (Japanese substring search). */
  text?: string | undefined;
  /** Forces how the text joins (tests check that all three give the same rows). */
  join?: TextJoin;
}

export interface ListPage {
  ids: number[];
  total: number;
  nextCursor: PageCursor | null;
  previousCursor: PageCursor | null;
}

/**
 * How a text filter joins the list. Few matches ('lookup'): each is fetched by id through
 * the narrow index and sorted there. Many ('scan'): the sort order is walked and each row
 * tested against the set of matches, which SQLite builds once per page. (Probing the FTS
 * index row by row was measured and dropped: at a few per cent of rows it cost seconds.)
 */
export type TextJoin = 'lookup' | 'scan';

/** Matches above this share of all rows are dense: walking the sort order finds a page fast. */
const denseShare = 0.02;

function textFilter(db: Db, source: ListSource, text: string | undefined, forced?: TextJoin) {
  const match = text ? searchMatchExpression(text) : null;
  // Only punctuation typed: nothing can match.
  if (text && match === null) return { sql: '0', params: [], matches: 0, join: 'lookup' as TextJoin };
  if (match === null || !source.searchTable) return null;
  const fts = source.searchTable;
  // The FTS index counts its matches (remembered while it is unchanged); the share decides the join.
  const matches = searchMatchCount(db, fts, match);
  const size = (statement(db, source.maxIdSql).pluck().get() as number | null) ?? 0;
  const join: TextJoin = forced ?? (matches < size * denseShare ? 'lookup' : 'scan');
  // A unary + keeps SQLite from using the id for lookups, so it walks the sort order instead.
  return { sql: `${join === 'scan' ? '+' : ''}${source.id} IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`, params: [match], matches, join };
}

export function pageOfIds(db: Db, source: ListSource, where: Conditions, request: ListRequest): ListPage {
  const text = textFilter(db, source, request.text, request.join);
  const sortExpr = source.sorts[request.sort];
  if (!sortExpr) throw new RangeError(`Unknown sort: ${request.sort}`);
  const from = text && text.join === 'lookup' && source.narrowIndex ? `${source.from} INDEXED BY ${source.narrowIndex}` : source.from;
  const extra = text ? [text.sql] : [];
  const params = [...where.params, ...(text?.params ?? [])];
  const total = text && text.sql !== '0' && !where.narrowing ? text.matches : (db.prepare(`SELECT count(*) FROM ${from} ${where.sql(extra)}`).pluck().get(...params) as number);

  const cursor = request.cursor;
  const backwards = cursor === 'last' || cursor?.toward === 'previous';
  // Walking backwards flips the order; the rows are turned round again below.
  const ascending = (request.direction === 'asc') !== backwards;
  const dir = ascending ? 'ASC' : 'DESC';
  const conditions = [...extra];
  const pageParams = [...params];
  if (cursor && cursor !== 'last') {
    // The plain bound lets SQLite seek an expression index; the row value settles ties by id.
    conditions.push(`${sortExpr} ${ascending ? '>=' : '<='} ?`, `(${sortExpr}, ${source.id}) ${ascending ? '>' : '<'} (?, ?)`);
    pageParams.push(cursor.key, cursor.key, cursor.id);
  }
  // The last page holds what is left after whole pages, so paging back from it meets the same pages.
  const limit = cursor === 'last' ? total % request.pageSize || request.pageSize : request.pageSize;
  const rows = db
    .prepare(`SELECT ${source.id} AS id, ${sortExpr} AS k FROM ${from} ${where.sql(conditions)} ORDER BY ${sortExpr} ${dir}, ${source.id} ${dir} LIMIT ?`)
    .all(...pageParams, limit + 1) as { id: number; k: string | number }[];
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

/** The rows with these ids, read whole (`select` ends where a WHERE may follow), in the ids' order. */
export function rowsInOrder<R extends { id: number }>(db: Db, select: string, idColumn: string, ids: readonly number[]): R[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`${select} WHERE ${idColumn} IN (${ids.map(() => '?').join(',')})`).all(...ids) as R[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is R => r !== undefined);
}

/** Every id that matches, in the list's order (for print and CSV). */
export function allIds(db: Db, source: ListSource, where: Conditions, request: Pick<ListRequest, 'sort' | 'direction' | 'text'>): number[] {
  const text = textFilter(db, source, request.text);
  const sortExpr = source.sorts[request.sort];
  if (!sortExpr) throw new RangeError(`Unknown sort: ${request.sort}`);
  const dir = request.direction === 'desc' ? 'DESC' : 'ASC';
  return db
    .prepare(`SELECT ${source.id} FROM ${source.from} ${where.sql(text ? [text.sql] : [])} ORDER BY ${sortExpr} ${dir}, ${source.id} ${dir}`)
    .pluck()
    .all(...where.params, ...(text?.params ?? [])) as number[];
}

/** How many rows match (the bulk-export guard asks before anything is read). */
export function countRows(db: Db, source: ListSource, where: Conditions, text?: string): number {
  const t = textFilter(db, source, text);
  return db.prepare(`SELECT count(*) FROM ${source.from} ${where.sql(t ? [t.sql] : [])}`).pluck().get(...where.params, ...(t?.params ?? [])) as number;
}
