import type { Db } from '../store/database';
import { statement } from '../store/statements';
import type { Conditions, ListSource } from './listQuery';
import { searchMatchExpression, searchPhrases } from './search';
import { fillMatchSet, matchSetSql, searchMatchCount } from './searchMemory';

/**
 * How a list's text filter finds its rows. Three ways, chosen per search from the share of
 * rows it matches (estimated first from the oldest ids, which costs a fraction of a count)
 * and how many rows the filters leave:
 * - 'lookup' — few matches: one FTS5 evaluation fills the match set (searchMemory.ts), and
 *   each match is read through the narrow index and sorted. Costs what the matches cost.
 * - 'scan' — more matches: the sort order is walked and each row tested against the match
 *   set. Costs what the matches cost, whatever their order.
 * - 'verify' — dense matches (a fifth of all rows or more), or filters that leave few rows
 *   (a clerk's 課等): the sort order is walked and each row's indexed text is checked for the
 *   phrases (`instr` over the FTS5 content row, the same pairs the index holds), with no set
 *   built. Costs what the rows walked cost, so a dense search stops after a page; when the
 *   matches lie far along the sort order, a budget of rows runs out and the list scans.
 * Probing the FTS index row by row was measured and dropped: at a few per cent of rows it
 * cost seconds (FTS5 walks the match list per probe).
 */
export type TextJoin = 'lookup' | 'scan' | 'verify';

export interface Fragment {
  sql: string;
  params: unknown[];
}

export interface TextMatch {
  join: TextJoin;
  /**
   * Rows that pass the filters and the text: the list's total. Null when the filters leave
   * few rows and each is checked: the page query reads every match then, and counts them.
   */
  total: number | null;
  /** The condition the chosen join adds. */
  condition: Fragment;
  /** For a 'verify' walk that may be long: rows walked before falling back to `scan()`. */
  walkBudget: number | null;
  /** The 'scan' condition (fills the match set when first asked). */
  scan: () => Fragment;
}

export interface TextRequest {
  text?: string | undefined;
  /** Forces the join (tests check that all three give the same rows). */
  join?: TextJoin | undefined;
  pageSize?: number;
}

/** Below this share of all rows, matches are few enough to read one by one. */
const sparseShare = 0.02;
/** From this share on, a page of the sort order holds a page of matches soon enough to walk it. */
const denseShare = 0.2;
/** Checking one row's text costs about as much as putting this many matches into the set (npm run bench). */
const verifyCostInMatches = 6;
/** A dense walk may take this many times the rows its share predicts before it scans instead. */
const walkSlack = 2.5;
/** The oldest ids whose matches estimate a search's share before anything is counted. */
const sampleIds = 2000;

/** A search that cannot match (only punctuation was typed). */
const nothing: TextMatch = { join: 'lookup', total: 0, condition: { sql: '0', params: [] }, walkBudget: null, scan: () => ({ sql: '0', params: [] }) };

/**
 * The row's indexed text holds every phrase. The FTS5 content row (`<table>_content.c0`)
 * holds the pairs separated by spaces, and a phrase of pairs appears in it exactly where the
 * FTS phrase query matches: every pair is one token, so a phrase cannot start or end
 * inside one.
 */
function verified(source: ListSource, phrases: readonly string[]): Fragment {
  const checks = phrases.map(() => 'instr(t.c0, ?) > 0').join(' AND ');
  return { sql: `EXISTS (SELECT 1 FROM ${source.searchTable}_content t WHERE t.id = ${source.id} AND ${checks})`, params: [...phrases] };
}

/** The id is in the match set; a unary + keeps SQLite from reading the set first, so it walks the sort order. */
function inMatchSet(source: ListSource, walkOrder: boolean): Fragment {
  return { sql: `${walkOrder ? '+' : ''}${source.id} IN (${matchSetSql})`, params: [] };
}

function count(db: Db, from: string, where: Conditions, extra: Fragment): number {
  return statement(db, `SELECT count(*) FROM ${from} ${where.sql([extra.sql])}`).pluck().get(...where.params, ...extra.params) as number;
}

/** Whether the filters leave at most `limit` rows (stops counting there). */
function fewRows(db: Db, source: ListSource, where: Conditions, limit: number): boolean {
  const n = statement(db, `SELECT count(*) FROM (SELECT 1 FROM ${source.from} ${where.sql()} LIMIT ?)`).pluck().get(...where.params, limit + 1) as number;
  return n <= limit;
}

/**
 * The share of rows a search matches among the oldest ids (FTS5 stops at the bound), so
 * choosing the join costs less than the join. Null when the table is small enough to count
 * outright. Only the choice rests on it, never a result.
 */
function sampledShare(db: Db, source: ListSource, match: string, size: number): number | null {
  if (size < 4 * sampleIds) return null;
  const fts = source.searchTable!;
  // The bound is written into the SQL: bound as a parameter, FTS5 walked every match (measured).
  const hits = statement(db, `SELECT count(*) FROM ${fts} WHERE ${fts} MATCH ? AND rowid <= ${sampleIds}`).pluck().get(match) as number;
  const rows = statement(db, `SELECT count(*) FROM ${source.from} WHERE ${source.id} <= ?`).pluck().get(sampleIds) as number;
  return rows >= sampleIds / 10 ? hits / rows : null;
}

export function textMatch(db: Db, source: ListSource, where: Conditions, request: TextRequest): TextMatch | null {
  const phrases = request.text ? searchPhrases(request.text) : null;
  if (request.text && phrases === null) return nothing;
  if (phrases === null || !source.searchTable) return null;
  const fts = source.searchTable;
  const match = searchMatchExpression(phrases);
  const size = (statement(db, source.maxIdSql).pluck().get() as number | null) ?? 0;
  const scan = () => (fillMatchSet(db, fts, match), inMatchSet(source, true));
  const totalOf = (from: string, condition: () => Fragment, matches: () => number) => (where.narrowing ? count(db, from, where, condition()) : matches());

  const setJoin = (join: 'lookup' | 'scan'): TextMatch => {
    const matches = fillMatchSet(db, fts, match);
    const condition = inMatchSet(source, join === 'scan');
    const from = join === 'lookup' && source.narrowIndex ? `${source.from} INDEXED BY ${source.narrowIndex}` : source.from;
    return { join, condition, total: totalOf(from, () => condition, () => matches), walkBudget: null, scan };
  };
  const verify = (walkBudget: number | null): TextMatch => {
    const condition = verified(source, phrases);
    // A budgeted walk may end in a scan, so its total counts through the set.
    if (walkBudget !== null) return { join: 'verify', condition, total: totalOf(source.from, scan, () => searchMatchCount(db, fts, match)), walkBudget, scan };
    return { join: 'verify', condition, total: where.narrowing ? null : searchMatchCount(db, fts, match), walkBudget, scan };
  };
  if (request.join) return request.join === 'verify' ? verify(null) : setJoin(request.join);

  const sampled = sampledShare(db, source, match, size);
  if (sampled === null || sampled < denseShare) {
    // One FTS5 evaluation fills the match set and counts it.
    const matches = fillMatchSet(db, fts, match);
    return setJoin(matches < size * sparseShare ? 'lookup' : 'scan');
  }
  // Dense. Filters that leave fewer rows than the set would cost to fill: check those rows' text, every one.
  if (where.narrowing && fewRows(db, source, where, Math.floor((sampled * size) / verifyCostInMatches))) return verify(null);
  const share = Math.max(searchMatchCount(db, fts, match) / Math.max(size, 1), sparseShare);
  return verify(Math.ceil((walkSlack * ((request.pageSize ?? 50) + 1)) / share));
}
