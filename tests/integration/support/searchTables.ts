import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { PageCursor } from '../../../db/contract';
import { Conditions, pageOfIds, type ListSource, type TextJoin } from '../../../db/ledger/listQuery';
import { updateSearchEntry, type LedgerTable } from '../../../db/ledger/record';
import { searchGrams } from '../../../db/ledger/search';
import { openEncryptedDatabase, type Db } from '../../../db/store/database';

/**
 * Small ledger-like tables with their FTS5 pair index, a reference for what a search should
 * find written from the rule (not from search.ts), and page walkers — for the adversarial
 * search tests.
 */
export const joins: TextJoin[] = ['lookup', 'scan', 'verify'];
export const dbs: Db[] = [];
afterAll(() => dbs.forEach((db) => db.open && db.close()));

/** A migrated encrypted database whose file and key we keep (a second connection opens it). */
export function database(): { db: Db; file: string; key: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-adv-search-'));
  const file = path.join(dir, 'daicho.db');
  const key = randomBytes(32);
  const db = openEncryptedDatabase(file, key, { create: true });
  dbs.push(db);
  return { db, file, key };
}

export function sourceFor(table: string): ListSource {
  return {
    from: `${table} d`,
    id: 'd.id',
    sorts: { name: 'd.name', group: 'd.grp' },
    searchTable: `${table}_search`,
    narrowIndex: `${table}_keys`,
    maxIdSql: `SELECT max(id) FROM ${table}`,
  };
}

/** A ledger-like table with its FTS5 bigram index (the same shape as holding_search). */
export function createTable(db: Db, table: string, rows: readonly (readonly [id: number, name: string, grp: number])[]): ListSource {
  db.exec(`
    CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, grp INTEGER NOT NULL);
    CREATE INDEX ${table}_by_name ON ${table} (name);
    CREATE INDEX ${table}_by_grp ON ${table} (grp);
    CREATE INDEX ${table}_keys ON ${table} (id, grp, name);
    CREATE VIRTUAL TABLE ${table}_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');`);
  const insert = db.prepare(`INSERT INTO ${table} (id, name, grp) VALUES (?, ?, ?)`);
  const index = db.prepare(`INSERT INTO ${table}_search (rowid, grams) VALUES (?, ?)`);
  db.transaction(() => {
    for (const [id, name, grp] of rows) {
      insert.run(id, name, grp);
      index.run(id, searchGrams([name]));
    }
  })();
  return sourceFor(table);
}

/** The kit's view of such a table, so writes go through updateSearchEntry (and bump its counter). */
export function ledgerOf(table: string): LedgerTable<{ name: string }> {
  return { table, history: { table: `${table}_history`, recordColumn: 'x' }, columns: {} as never, search: { table: `${table}_search`, texts: (f) => [f.name] } };
}

export function kitInsert(db: Db, table: string, id: number, name: string, grp = 0): void {
  db.prepare(`INSERT INTO ${table} (id, name, grp) VALUES (?, ?, ?)`).run(id, name, grp);
  updateSearchEntry(db, ledgerOf(table), id, { name });
}

// ---- the reference: written here from the rule, not from search.ts ----

/**
 * Folded runs of letters and digits: NFKC, lower case, marks dropped — with the 22 signs
 * SQLite's tokenizer still classes as marks (U+19B0–19C0, U+19C8–19C9, U+1CF2–1CF3) — and
 * final sigma as σ, as the tokenizer folds it.
 */
export function foldedRuns(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase().replace(/[\p{M}\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3]/gu, '').replaceAll('ς', 'σ');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((r) => r.length > 0);
}

/** A row matches when every run typed lies inside one run of the row's text. */
export function referenceMatches(rowText: string, typed: string): boolean {
  const wanted = foldedRuns(typed);
  if (wanted.length === 0) return false;
  const have = foldedRuns(rowText);
  return wanted.every((w) => have.some((h) => h.includes(w)));
}

export function referenceIds(db: Db, table: string, typed: string, sortSql = 'd.name', dir: 'ASC' | 'DESC' = 'ASC', where = '1'): number[] {
  const rows = db.prepare(`SELECT id, name FROM ${table} d WHERE ${where} ORDER BY ${sortSql} ${dir}, id ${dir}`).all() as { id: number; name: string }[];
  return rows.filter((r) => referenceMatches(r.name, typed)).map((r) => r.id);
}

export type Request = { sort?: string; direction?: 'asc' | 'desc'; pageSize?: number; join?: TextJoin | undefined; where?: () => Conditions };

export function onePage(db: Db, source: ListSource, text: string, r: Request = {}) {
  return pageOfIds(db, source, r.where?.() ?? new Conditions(), { sort: r.sort ?? 'name', direction: r.direction ?? 'asc', pageSize: r.pageSize ?? 200, text, ...(r.join ? { join: r.join } : {}) });
}

/** Every page forwards from the first; the totals every page reported. */
export function walkForward(db: Db, source: ListSource, text: string, r: Request = {}) {
  const seen: number[] = [];
  const totals = new Set<number>();
  let cursor: PageCursor | undefined;
  for (let guard = 0; guard < 20_000; guard++) {
    const page = pageOfIds(db, source, r.where?.() ?? new Conditions(), { sort: r.sort ?? 'name', direction: r.direction ?? 'asc', pageSize: r.pageSize ?? 200, text, cursor, ...(r.join ? { join: r.join } : {}) });
    seen.push(...page.ids);
    totals.add(page.total);
    if (!page.nextCursor) return { seen, totals: [...totals] };
    cursor = page.nextCursor;
  }
  throw new Error('did not end');
}

/** Every page backwards from 'last'. */
export function walkBackward(db: Db, source: ListSource, text: string, r: Request = {}) {
  const seen: number[] = [];
  const totals = new Set<number>();
  let cursor: PageCursor | 'last' | undefined = 'last';
  for (let guard = 0; guard < 20_000 && cursor; guard++) {
    const page = pageOfIds(db, source, r.where?.() ?? new Conditions(), { sort: r.sort ?? 'name', direction: r.direction ?? 'asc', pageSize: r.pageSize ?? 200, text, cursor, ...(r.join ? { join: r.join } : {}) });
    seen.unshift(...page.ids);
    totals.add(page.total);
    cursor = page.previousCursor ?? undefined;
  }
  return { seen, totals: [...totals] };
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
