import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCursor } from '../../db/contract';
import { Conditions, allIds, countRows, pageOfIds, rowsInOrder, type ListSource, type TextJoin } from '../../db/ledger/listQuery';
import { updateSearchEntry } from '../../db/ledger/record';
import { searchGrams } from '../../db/ledger/search';
import { kitDatabase } from './support/ledgerDb';

/**
 * Keyset paging on a table of the test's own (the kit names no ledger): every page of
 * every sort, forwards and backwards, meets the same rows as one ORDER BY over all of them.
 */
let kit: ReturnType<typeof kitDatabase>;
const source: ListSource = {
  from: 'items i',
  id: 'i.id',
  sorts: { name: 'i.name', group: 'i.grp', kind: "coalesce(i.kind, '')" },
  searchTable: 'item_search',
  narrowIndex: 'items_keys',
  maxIdSql: 'SELECT max(id) FROM items',
};
const rowCount = 237;

beforeAll(() => {
  kit = kitDatabase();
  kit.db.exec(`
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, grp INTEGER NOT NULL, kind TEXT);
    CREATE INDEX items_by_name ON items (name);
    CREATE INDEX items_by_grp ON items (grp);
    CREATE INDEX items_by_kind ON items (coalesce(kind, ''));
    CREATE INDEX items_keys ON items (id, grp, name, kind);
    CREATE VIRTUAL TABLE item_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');`);
  const insert = kit.db.prepare('INSERT INTO items (id, name, grp, kind) VALUES (?, ?, ?, ?)');
  const index = kit.db.prepare('INSERT INTO item_search (rowid, grams) VALUES (?, ?)');
  kit.db.transaction(() => {
    for (let id = 1; id <= rowCount; id++) {
      // Many equal sort values (ties broken by id), NULL kinds, a rare and a common word.
      const name = `${id % 7 === 0 ? '健康診断' : '窓口記録'}${id % 3 === 0 ? '台帳' : ''}${id === 101 ? '特別徴収' : ''}`;
      insert.run(id, name, id % 5, id % 4 === 0 ? null : ['A', 'B', 'C'][id % 3]);
      index.run(id, searchGrams([name]));
    }
  })();
});
afterAll(() => kit.db.close());

function expected(sortSql: string, dir: 'ASC' | 'DESC', where = '1', params: unknown[] = []): number[] {
  return kit.db.prepare(`SELECT id FROM items i WHERE ${where} ORDER BY ${sortSql} ${dir}, id ${dir}`).pluck().all(...params) as number[];
}

function walkForward(request: { sort: string; direction: 'asc' | 'desc'; pageSize: number; text?: string; join?: TextJoin }, where = new Conditions()) {
  const seen: number[] = [];
  let cursor: PageCursor | undefined;
  const firsts: (PageCursor | null)[] = [];
  for (let guard = 0; guard < 1000; guard++) {
    const page = pageOfIds(kit.db, source, where, { ...request, cursor });
    seen.push(...page.ids);
    firsts.push(page.previousCursor);
    if (!page.nextCursor) return { seen, firsts, total: page.total };
    cursor = page.nextCursor;
  }
  throw new Error('did not end');
}

function walkBackward(request: { sort: string; direction: 'asc' | 'desc'; pageSize: number }) {
  const pages: number[][] = [];
  let page = pageOfIds(kit.db, source, new Conditions(), { ...request, cursor: 'last' });
  pages.unshift(page.ids);
  while (page.previousCursor) {
    expect(page.nextCursor === null || pages.length > 1).toBe(true);
    page = pageOfIds(kit.db, source, new Conditions(), { ...request, cursor: page.previousCursor });
    pages.unshift(page.ids);
  }
  return pages;
}

describe('keyset paging', () => {
  for (const [sort, sql] of Object.entries(source.sorts)) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`walks every page by ${sort} ${direction}, forwards and back, in the order of one ORDER BY`, () => {
        const all = expected(sql, direction === 'asc' ? 'ASC' : 'DESC');
        const forward = walkForward({ sort, direction, pageSize: 20 });
        expect(forward.total).toBe(rowCount);
        expect(forward.seen).toEqual(all);
        expect(forward.firsts[0]).toBeNull();
        expect(forward.firsts.slice(1).every((c) => c !== null)).toBe(true);
        const backward = walkBackward({ sort, direction, pageSize: 20 });
        // The last page holds the remainder, so paging back meets the same pages as paging forward.
        expect(backward.map((p) => p.length)).toEqual([...Array(11).fill(20), 17]);
        expect(backward.flat()).toEqual(all);
      });
    }
  }

  it('pages within filters, and within sparse and dense text matches', () => {
    const where = new Conditions().add('i.grp = ?', 2);
    expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 7 }, where).seen).toEqual(expected('i.name', 'ASC', 'grp = 2'));
    const dense = walkForward({ sort: 'kind', direction: 'desc', pageSize: 9, text: '健康' });
    expect(dense.seen).toEqual(expected("coalesce(i.kind, '')", 'DESC', `name LIKE '%健康%'`));
    expect(dense.total).toBe(dense.seen.length);
    const sparse = walkForward({ sort: 'name', direction: 'asc', pageSize: 5, text: '特別' }, where);
    expect(sparse).toMatchObject({ seen: [], total: 0 });
    expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 5, text: '特別' }).seen).toEqual([101]);
    expect(countRows(kit.db, source, new Conditions(), '台帳')).toBe(expected('i.name', 'ASC', `name LIKE '%台帳%'`).length);
    expect(allIds(kit.db, source, new Conditions(), { sort: 'group', direction: 'desc', text: '台帳' })).toEqual(expected('i.grp', 'DESC', `name LIKE '%台帳%'`));
  });

  for (const join of ['lookup', 'scan', 'verify'] as const) {
    it(`finds the same rows whichever way the text joins (${join})`, () => {
      for (const [text, like] of [['健康', '健康'], ['窓口記録台帳', '窓口記録台帳'], ['特別', '特別']] as const) {
        const walked = walkForward({ sort: 'kind', direction: 'desc', pageSize: 8, text, join });
        expect(walked.seen, `${text} ${join}`).toEqual(expected("coalesce(i.kind, '')", 'DESC', `name LIKE '%${like}%'`));
        expect(walked.total).toBe(walked.seen.length);
        const inGroup = walkForward({ sort: 'name', direction: 'asc', pageSize: 3, text, join }, new Conditions().add('i.grp = ?', 1));
        expect(inGroup.seen).toEqual(expected('i.name', 'ASC', `grp = 1 AND name LIKE '%${like}%'`));
        expect(inGroup.total).toBe(inGroup.seen.length);
      }
    });
  }

  it('finds a row the moment the kit indexes it, and forgets one it no longer matches', () => {
    const before = walkForward({ sort: 'name', direction: 'asc', pageSize: 50, text: '新規登録' });
    expect(before.seen).toEqual([]);
    const ledger = { table: 'items', history: { table: 'item_history', recordColumn: 'item_id' }, columns: {}, search: { table: 'item_search', texts: (f: { name: string }) => [f.name] } };
    kit.db.exec('CREATE TABLE IF NOT EXISTS item_history (id INTEGER PRIMARY KEY, item_id INTEGER, version INTEGER, at TEXT, user_id INTEGER, user_name TEXT, action TEXT, changes TEXT, note TEXT)');
    const add = kit.db.transaction(() => {
      kit.db.prepare(`INSERT INTO items (id, name, grp, kind) VALUES (999, '新規登録台帳', 1, 'A')`).run();
      updateSearchEntry(kit.db, ledger as never, 999, { name: '新規登録台帳' });
      expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 50, text: '新規登録' })).toMatchObject({ seen: [999], total: 1 });
      updateSearchEntry(kit.db, ledger as never, 999, { name: '廃止' });
      expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 50, text: '新規登録' })).toMatchObject({ seen: [], total: 0 });
      updateSearchEntry(kit.db, ledger as never, 999, { name: '新規登録台帳' });
      expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 50, text: '新規登録' }).total).toBe(1);
      throw new Error('rollback');
    });
    expect(() => add()).toThrow('rollback');
    // The rollback took the entry back, and the remembered count with it.
    expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 50, text: '新規登録' })).toMatchObject({ seen: [], total: 0 });
    // A write to the index that bypasses the kit (another connection, a restore) is seen too.
    kit.db.prepare(`INSERT INTO items (id, name, grp, kind) VALUES (998, '新規登録簿', 1, 'B')`).run();
    kit.db.prepare('INSERT INTO item_search (rowid, grams) VALUES (998, ?)').run(searchGrams(['新規登録簿']));
    expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 50, text: '新規登録' })).toMatchObject({ seen: [998], total: 1 });
    kit.db.prepare('DELETE FROM item_search WHERE rowid = 998').run();
    kit.db.prepare('DELETE FROM items WHERE id = 998').run();
    expect(walkForward({ sort: 'name', direction: 'asc', pageSize: 50, text: '新規登録' }).total).toBe(0);
  });

  it('answers an empty list and a punctuation-only search with no page and no cursors', () => {
    for (const page of [
      pageOfIds(kit.db, source, new Conditions().add('i.grp = 99'), { sort: 'name', direction: 'asc', pageSize: 10 }),
      pageOfIds(kit.db, source, new Conditions(), { sort: 'name', direction: 'asc', pageSize: 10, text: '!!' }),
      pageOfIds(kit.db, source, new Conditions().add('i.grp = 99'), { sort: 'name', direction: 'asc', pageSize: 10, cursor: 'last' }),
    ]) {
      expect(page).toEqual({ ids: [], total: 0, nextCursor: null, previousCursor: null });
    }
  });

  it('continues after a cursor row that was deleted meanwhile', () => {
    const first = pageOfIds(kit.db, source, new Conditions(), { sort: 'name', direction: 'asc', pageSize: 10 });
    const lastId = first.ids.at(-1)!;
    const all = expected('i.name', 'ASC');
    let next: number[] = [];
    const deleteAndPage = kit.db.transaction(() => {
      kit.db.prepare('DELETE FROM items WHERE id = ?').run(lastId);
      next = pageOfIds(kit.db, source, new Conditions(), { sort: 'name', direction: 'asc', pageSize: 10, cursor: first.nextCursor! }).ids;
      throw new Error('rollback'); // keep the table whole for the other tests
    });
    expect(() => deleteAndPage()).toThrow('rollback');
    expect(next).toEqual(all.slice(10, 20));
  });

  it('refuses a sort the source does not name', () => {
    expect(() => pageOfIds(kit.db, source, new Conditions(), { sort: 'id; DROP TABLE items', direction: 'asc', pageSize: 10 })).toThrow(RangeError);
  });

  it('reads 40,000 rows by id in the order asked, past SQLite’s 32,766 parameters (a CSV of every holding)', () => {
    kit.db.exec('CREATE TABLE many (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
    const insert = kit.db.prepare('INSERT INTO many (id, label) VALUES (?, ?)');
    kit.db.transaction(() => {
      for (let id = 1; id <= 40_000; id++) insert.run(id, `行${id}`);
    })();
    const wanted = [...Array.from({ length: 40_000 }, (_, i) => 40_000 - i), 99_999];
    const rows = rowsInOrder<{ id: number; label: string }>(kit.db, 'SELECT id, label FROM many', 'id', wanted);
    expect(rows).toHaveLength(40_000);
    expect(rows.map((r) => r.id)).toEqual(wanted.slice(0, 40_000));
    expect(rows[0]).toEqual({ id: 40_000, label: '行40000' });
    expect(rowsInOrder(kit.db, 'SELECT id, label FROM many', 'id', [3, 3, 1])).toEqual([{ id: 3, label: '行3' }, { id: 3, label: '行3' }, { id: 1, label: '行1' }]);
  });
});
