import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';

const cache = new WeakMap<Db, Map<string, BetterSqlite3.Statement>>();

/**
 * A prepared statement for this connection, prepared once. Preparing costs more than
 * running a small statement, which matters for bulk work such as a 10,000-row import.
 */
export function statement(db: Db, sql: string): BetterSqlite3.Statement {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = db.prepare(sql)));
  return s;
}
