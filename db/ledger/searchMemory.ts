import type { Db } from '../store/database';
import { statement } from '../store/statements';

/**
 * What a search matches, remembered while the search index stays as it is: paging through
 * the same search, re-sorting it or adding a filter need it again unchanged.
 *
 * What marks the index unchanged: FTS5's structure record (rowid 10 of `<table>_data`),
 * which every committed change of the index rewrites and a rollback restores — so a write
 * by any connection is seen — together with a counter that every write of the index
 * through the kit bumps (record.ts), which covers changes not yet flushed in an open
 * transaction.
 *
 * Everything remembered lives in TEMP tables (memory only: temp_store=MEMORY, never a
 * file): counts, and the ids of one search's matches with a marker row naming that search.
 * TEMP takes part in transactions, so a rolled-back transaction or savepoint takes back
 * what was remembered inside it together with the change it saw.
 */
const kitWrites = new WeakMap<Db, number>();
/** Counts kept per connection (the oldest go first). */
const keep = 64;
let generation = 0;

/** The match set, for `id IN (…)`: SQLite probes its rowid, no copy is built per query. */
export const matchSetSql = 'SELECT id FROM temp.search_matches';

/** Forgets every remembered count and set (the benchmark measures a first search this way). */
export function forgetSearchCounts(): void {
  generation++;
}

/** Called by every write of a search index through the kit (db/ledger/record.ts). */
export function searchIndexChanged(db: Db): void {
  kitWrites.set(db, (kitWrites.get(db) ?? 0) + 1);
}

/** This search on the index as it now stands: the key of what is remembered. */
function searchKey(db: Db, searchTable: string, match: string): string {
  for (const sql of [
    'CREATE TEMP TABLE IF NOT EXISTS search_counts (search TEXT PRIMARY KEY, count INTEGER NOT NULL)',
    'CREATE TEMP TABLE IF NOT EXISTS search_matches (id INTEGER PRIMARY KEY)',
    'CREATE TEMP TABLE IF NOT EXISTS search_matches_of (search TEXT NOT NULL, count INTEGER NOT NULL)',
  ]) {
    statement(db, sql).run();
  }
  const structure = statement(db, `SELECT block FROM ${searchTable}_data WHERE id = 10`).pluck().get() as Buffer | undefined;
  return `${searchTable}\u0000${match}\u0000${generation}:${kitWrites.get(db) ?? 0}:${structure?.toString('base64') ?? ''}`;
}

function remember(db: Db, search: string, count: number): number {
  statement(db, 'INSERT OR REPLACE INTO temp.search_counts (search, count) VALUES (?, ?)').run(search, count);
  statement(db, 'DELETE FROM temp.search_counts WHERE rowid <= (SELECT max(rowid) FROM temp.search_counts) - ?').run(keep);
  return count;
}

/** How many rows match (FTS5 counts them once; no ids are kept). */
export function searchMatchCount(db: Db, searchTable: string, match: string): number {
  const search = searchKey(db, searchTable, match);
  const kept = statement(db, 'SELECT count FROM temp.search_counts WHERE search = ?').pluck().get(search) as number | undefined;
  if (kept !== undefined) return kept;
  return remember(db, search, statement(db, `SELECT count(*) FROM ${searchTable} WHERE ${searchTable} MATCH ?`).pluck().get(match) as number);
}

/**
 * Fills the match set with this search's ids, unless it holds them already; returns their
 * number. One FTS5 evaluation gives both the set and its count.
 */
export function fillMatchSet(db: Db, searchTable: string, match: string): number {
  const search = searchKey(db, searchTable, match);
  const held = statement(db, 'SELECT count FROM temp.search_matches_of WHERE search = ?').pluck().get(search) as number | undefined;
  if (held !== undefined) return held;
  statement(db, 'DELETE FROM temp.search_matches_of').run();
  statement(db, 'DELETE FROM temp.search_matches').run();
  const { changes } = statement(db, `INSERT INTO temp.search_matches (id) SELECT rowid FROM ${searchTable} WHERE ${searchTable} MATCH ?`).run(match);
  statement(db, 'INSERT INTO temp.search_matches_of (search, count) VALUES (?, ?)').run(search, changes);
  return remember(db, search, changes);
}
