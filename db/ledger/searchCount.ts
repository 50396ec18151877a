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
 * Two things are kept: counts (in this process, numbers only), and the ids of one search's
 * matches in a TEMP table (memory only: temp_store=MEMORY, never a file). The set's marker
 * row lives beside it in TEMP, so a rolled-back transaction takes both back together.
 */
const kitWrites = new WeakMap<Db, number>();
const remembered = new WeakMap<Db, Map<string, { version: string; count: number }>>();
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

function indexVersion(db: Db, searchTable: string): string {
  const structure = statement(db, `SELECT block FROM ${searchTable}_data WHERE id = 10`).pluck().get() as Buffer | undefined;
  return `${generation}:${kitWrites.get(db) ?? 0}:${structure?.toString('base64') ?? ''}`;
}

function remember(db: Db, key: string, version: string, count: number): number {
  let counts = remembered.get(db);
  if (!counts) remembered.set(db, (counts = new Map()));
  counts.delete(key);
  counts.set(key, { version, count });
  if (counts.size > keep) counts.delete(counts.keys().next().value as string);
  return count;
}

/** How many rows match (FTS5 counts them once; no ids are kept). */
export function searchMatchCount(db: Db, searchTable: string, match: string): number {
  const version = indexVersion(db, searchTable);
  const key = `${searchTable}\u0000${match}`;
  const kept = remembered.get(db)?.get(key);
  if (kept?.version === version) return kept.count;
  const count = statement(db, `SELECT count(*) FROM ${searchTable} WHERE ${searchTable} MATCH ?`).pluck().get(match) as number;
  return remember(db, key, version, count);
}

/**
 * Fills the match set with this search's ids, unless it holds them already; returns their
 * number. One FTS5 evaluation gives both the set and its count.
 */
export function fillMatchSet(db: Db, searchTable: string, match: string): number {
  statement(db, 'CREATE TEMP TABLE IF NOT EXISTS search_matches (id INTEGER PRIMARY KEY)').run();
  statement(db, 'CREATE TEMP TABLE IF NOT EXISTS search_matches_of (search TEXT NOT NULL, count INTEGER NOT NULL)').run();
  const version = indexVersion(db, searchTable);
  const search = `${searchTable}\u0000${match}\u0000${version}`;
  const held = statement(db, 'SELECT count FROM temp.search_matches_of WHERE search = ?').pluck().get(search) as number | undefined;
  if (held !== undefined) return held;
  statement(db, 'DELETE FROM temp.search_matches_of').run();
  statement(db, 'DELETE FROM temp.search_matches').run();
  const { changes } = statement(db, `INSERT INTO temp.search_matches (id) SELECT rowid FROM ${searchTable} WHERE ${searchTable} MATCH ?`).run(match);
  statement(db, 'INSERT INTO temp.search_matches_of (search, count) VALUES (?, ?)').run(search, changes);
  return remember(db, `${searchTable}\u0000${match}`, version, changes);
}
