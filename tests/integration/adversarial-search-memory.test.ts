import { beforeAll, describe, expect, it } from 'vitest';
import { allIds, Conditions, pageOfIds, type ListSource } from '../../db/ledger/listQuery';
import { updateSearchEntry } from '../../db/ledger/record';
import { searchGrams } from '../../db/ledger/search';
import { textMatch } from '../../db/ledger/textMatch';
import { openEncryptedDatabase, type Db } from '../../db/store/database';
import { createTable, database, dbs, joins, kitInsert, ledgerOf, onePage, referenceIds, walkBackward, walkForward } from './support/searchTables';

/** The text search as an attacker sees it (2): remembered sets and counts after writes, and table shapes at the edges of the join choice. */
describe('remembered match sets and counts after writes', () => {
  /**
   * Found by this attack (fixed): counts were remembered in a JS map keyed by
   * "generation:kitWrites:structure". A kit write inside a transaction bumps kitWrites but
   * leaves FTS5's new rows pending in memory (the structure record unchanged), so a count
   * taken there was remembered under "g:1:S0"; after the rollback the index was S0 again
   * with kitWrites still 1 — the same key — and the next search counted the rolled-back row
   * (11 beside 10 rows). Counts now live in TEMP beside the match set, so a rollback takes
   * them back too.
   */
  it('does not count a row whose transaction rolled back (kit write, then a verify count, then rollback)', () => {
    const { db } = database();
    const source = createTable(db, 'stale', Array.from({ length: 20 }, (_, i) => [i + 1, `${i % 2 ? '共通' : '記録'}${i}`, 0] as const));
    expect(onePage(db, source, '共通', { join: 'verify' }).total).toBe(10);
    const change = db.transaction(() => {
      kitInsert(db, 'stale', 100, '共通の追加');
      expect(onePage(db, source, '共通', { join: 'verify' }).total).toBe(11);
      throw new Error('rollback');
    });
    expect(() => change()).toThrow('rollback');
    const after = onePage(db, source, '共通', { join: 'verify' });
    expect(after.ids).toHaveLength(10);
    expect(after.total).toBe(10);
  });

  /** The same through a nested db.transaction (a savepoint) rolled back inside a committed one (was a bug, fixed). */
  it('does not count a row whose savepoint rolled back', () => {
    const { db } = database();
    const source = createTable(db, 'stale2', Array.from({ length: 20 }, (_, i) => [i + 1, `${i % 2 ? '共通' : '記録'}${i}`, 0] as const));
    const inner = db.transaction(() => {
      kitInsert(db, 'stale2', 100, '共通の追加');
      expect(onePage(db, source, '共通', { join: 'verify' }).total).toBe(11);
      throw new Error('undo');
    });
    db.transaction(() => {
      expect(() => inner()).toThrow('undo');
      const page = onePage(db, source, '共通', { join: 'verify' });
      expect(page.total).toBe(page.ids.length);
    })();
  });

  it('holds the set true across kit writes, rollbacks, savepoints and two tables sharing the TEMP set', () => {
    const { db } = database();
    const a = createTable(db, 'ta', Array.from({ length: 30 }, (_, i) => [i + 1, `${i % 3 ? '台帳' : '記録'}${i}`, i % 2] as const));
    const b = createTable(db, 'tb', Array.from({ length: 30 }, (_, i) => [i + 101, `${i % 5 ? '記録' : '台帳'}${i}`, i % 2] as const));
    const check = (label: string) => {
      for (const [source, table] of [[a, 'ta'], [b, 'tb']] as const) {
        for (const text of ['台帳', '記録', '帳']) {
          const expected = referenceIds(db, table, text);
          for (const join of ['lookup', 'scan'] as const) {
            const page = onePage(db, source, text, { join });
            expect({ ids: page.ids, total: page.total }, `${label} ${table} ${text} ${join}`).toEqual({ ids: expected, total: expected.length });
          }
        }
      }
    };
    check('start');
    // A rolled-back transaction that filled the set with rows it added.
    expect(() =>
      db.transaction(() => {
        kitInsert(db, 'ta', 50, '台帳の追加');
        kitInsert(db, 'tb', 150, '台帳の追加');
        check('inside');
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    check('after rollback');
    // A savepoint rolled back inside a transaction that commits.
    db.transaction(() => {
      kitInsert(db, 'ta', 51, '記録の追加');
      check('outer');
      expect(() =>
        db.transaction(() => {
          kitInsert(db, 'ta', 52, '台帳');
          db.prepare('DELETE FROM ta WHERE id = 2').run();
          db.prepare('DELETE FROM ta_search WHERE rowid = 2').run();
          check('savepoint');
          throw new Error('undo');
        })(),
      ).toThrow('undo');
      check('after savepoint');
    })();
    check('committed');
    // A direct SQL write between two searches (outside any transaction).
    db.prepare('INSERT INTO tb (id, name, grp) VALUES (160, ?, 0)').run('台帳 記録');
    db.prepare('INSERT INTO tb_search (rowid, grams) VALUES (160, ?)').run(searchGrams(['台帳 記録']));
    check('direct write');
  });

  it('sees a second connection’s committed write between two searches', () => {
    const { db, file, key } = database();
    const source = createTable(db, 'shared', Array.from({ length: 30 }, (_, i) => [i + 1, `${i % 3 ? '台帳' : '記録'}${i}`, 0] as const));
    for (const join of joins) expect(onePage(db, source, '台帳', { join }).total).toBe(20);
    const other = openEncryptedDatabase(file, key, { create: false });
    dbs.push(other);
    other.transaction(() => kitInsert(other, 'shared', 40, '台帳の追加'))();
    other.transaction(() => {
      other.prepare('DELETE FROM shared WHERE id = 2').run();
      updateSearchEntry(other, ledgerOf('shared'), 2, { name: '' });
    })();
    const expected = referenceIds(db, 'shared', '台帳');
    expect(expected).toHaveLength(20);
    for (const join of joins) {
      const page = onePage(db, source, '台帳', { join });
      expect({ ids: page.ids, total: page.total }, join).toEqual({ ids: expected, total: 20 });
    }
    other.close();
  });

  it('recovers when the TEMP tables were first created in a transaction that rolled back', () => {
    const { db } = database();
    const source = createTable(db, 'fresh', [[1, '台帳', 0], [2, '記録', 0]]);
    expect(() =>
      db.transaction(() => {
        expect(onePage(db, source, '台帳', { join: 'lookup' }).ids).toEqual([1]);
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'search_matches%'").pluck().get()).toBe(0);
    for (const join of [undefined, ...joins]) expect(onePage(db, source, '台帳', { join }).ids, `${join}`).toEqual([1]);
    expect(allIds(db, source, new Conditions(), { sort: 'name', direction: 'asc', text: '記録' })).toEqual([2]);
  });
});

describe('table shapes at the edges of the join choice', () => {
  /** Dense 共通 (a third, sorting last by name), 窓口 a tenth, 特別 rare. */
  const nameOf = (id: number) => `${id % 3 === 0 ? 'ん共通' : 'あ記録'}${id % 10 === 0 ? '窓口' : ''}${id % 397 === 0 ? '特別' : ''}`;
  let db: Db;
  let gaps: ListSource;
  let exact: ListSource;
  let late: ListSource;
  beforeAll(() => {
    db = database().db;
    // Ids 1..9,000 with the oldest 1,850 deleted: the sample window holds 150 rows.
    gaps = createTable(db, 'gaps', Array.from({ length: 9000 }, (_, i) => [i + 1, nameOf(i + 1), (i + 1) % 40] as const));
    db.prepare('DELETE FROM gaps WHERE id <= 1850').run();
    db.prepare('DELETE FROM gaps_search WHERE rowid <= 1850').run();
    // Exactly 8,000 ids: the smallest table whose join is chosen from a sample.
    exact = createTable(db, 'exact', Array.from({ length: 8000 }, (_, i) => [i + 1, nameOf(i + 1), (i + 1) % 40] as const));
    // Ids starting at 6,001 (none in the sample window), dense only in the newest rows.
    late = createTable(db, 'late', Array.from({ length: 3000 }, (_, i) => [i + 6001, i >= 2000 ? `ん共通${i}` : `あ記録${i}`, i % 40] as const));
  });

  it('chooses each join on these shapes (so the walks below test what they mean to)', () => {
    const join = (source: ListSource, text: string, where = new Conditions()) => textMatch(db, source, where, { text, pageSize: 50 })?.join;
    expect(join(exact, '共通')).toBe('verify');
    expect(join(exact, '特別')).toBe('lookup');
    expect(join(exact, '窓口')).toBe('scan');
    expect(join(exact, '共通', new Conditions().add('d.grp = ?', 3))).toBe('verify');
    // Too few rows in the sample window: counted outright.
    expect(join(gaps, '共通')).toBe('scan');
  });

  for (const table of ['gaps', 'exact', 'late'] as const) {
    it(`pages every search forwards and back the same as the reference (${table})`, () => {
      const source = { gaps, exact, late }[table];
      for (const text of ['共通', '窓口', '特別', '記録 窓口', '口']) {
        for (const [sort, sortSql, direction] of [['name', 'd.name', 'asc'], ['group', 'd.grp', 'desc']] as const) {
          const expected = referenceIds(db, table, text, sortSql, direction === 'asc' ? 'ASC' : 'DESC');
          for (const join of [undefined, 'verify'] as const) {
            const label = `${table} ${text} ${sort} ${join}`;
            const forward = walkForward(db, source, text, { sort, direction, join, pageSize: 200 });
            expect(forward.seen, label).toEqual(expected);
            expect(forward.totals, label).toEqual([expected.length]);
            const backward = walkBackward(db, source, text, { sort, direction, join, pageSize: 173 });
            expect(backward.seen, `${label} backwards`).toEqual(expected);
            expect(backward.totals, `${label} backwards`).toEqual([expected.length]);
          }
          // Page size 1: first and last pages, and one step back from the last.
          const first = onePage(db, source, text, { sort, direction, pageSize: 1 });
          expect(first.ids, `${table} ${text} first`).toEqual(expected.slice(0, 1));
          const last = pageOfIds(db, source, new Conditions(), { sort, direction, pageSize: 1, text, cursor: 'last' });
          expect(last.ids, `${table} ${text} last`).toEqual(expected.slice(-1));
          if (expected.length > 1) {
            const before = pageOfIds(db, source, new Conditions(), { sort, direction, pageSize: 1, text, cursor: last.previousCursor! });
            expect(before.ids, `${table} ${text} before last`).toEqual(expected.slice(-2, -1));
          }
        }
        // A 課等-like filter with a dense search (few rows: every one checked).
        const inGroup = walkForward(db, source, text, { sort: 'name', where: () => new Conditions().add('d.grp = ?', 9), pageSize: 50 });
        const expectedInGroup = referenceIds(db, table, text, 'd.name', 'ASC', 'grp = 9');
        expect(inGroup.seen, `${table} ${text} grp`).toEqual(expectedInGroup);
        expect(inGroup.totals, `${table} ${text} grp`).toEqual([expectedInGroup.length]);
      }
    });
  }
});
