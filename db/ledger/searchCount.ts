import type { Db } from '../store/database';
import { statement } from '../store/statements';

/**
 * How many rows a search matches, remembered while the search index stays as it is. The
 * count of a phrase of character pairs is half the cost of a search page; paging through
 * the same search, re-sorting it or adding a filter need it again unchanged.
 *
 * What marks the index unchanged: FTS5's structure record (rowid 10 of `<table>_data`),
 * which every committed change of the index rewrites and a rollback restores — so a write
 * by any connection is seen — together with a counter that every write of the index
 * through the kit bumps (record.ts), which covers changes not yet flushed in an open
 * transaction. Only counts are kept, never ids or text.
 */
const kitWrites = new WeakMap<Db, number>();
const remembered = new WeakMap<Db, Map<string, { version: string; count: number }>>();
const keep = 64;
let generation = 0;

/** Forgets every remembered count (the benchmark measures a first search this way). */
export function forgetSearchCounts(): void {
  generation++;
}

/** Called by every write of a search index through the kit (db/ledger/record.ts). */
export function searchIndexChanged(db: Db): void {
  kitWrites.set(db, (kitWrites.get(db) ?? 0) + 1);
}

export function searchMatchCount(db: Db, searchTable: string, match: string): number {
  const structure = statement(db, `SELECT block FROM ${searchTable}_data WHERE id = 10`).pluck().get() as Buffer | undefined;
  const version = `${generation}:${kitWrites.get(db) ?? 0}:${structure?.toString('base64') ?? ''}`;
  let counts = remembered.get(db);
  if (!counts) remembered.set(db, (counts = new Map()));
  const key = `${searchTable}\u0000${match}`;
  const kept = counts.get(key);
  if (kept?.version === version) return kept.count;
  const count = statement(db, `SELECT count(*) FROM ${searchTable} WHERE ${searchTable} MATCH ?`).pluck().get(match) as number;
  counts.delete(key);
  counts.set(key, { version, count });
  if (counts.size > keep) counts.delete(counts.keys().next().value as string);
  return count;
}
