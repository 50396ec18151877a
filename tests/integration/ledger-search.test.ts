import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCursor } from '../../db/contract';
import { Conditions, countRows, pageOfIds, type ListSource, type TextJoin } from '../../db/ledger/listQuery';
import { searchGrams } from '../../db/ledger/search';
import { textMatch } from '../../db/ledger/textMatch';
import { kitDatabase } from './support/ledgerDb';

/**
 * The kit's text search at a size where the join is chosen from a sample (10,000 rows):
 * whichever way it joins — and when a dense walk runs out of budget and scans instead —
 * every page holds the rows one ORDER BY over a LIKE gives.
 */
let kit: ReturnType<typeof kitDatabase>;
const source: ListSource = {
  from: 'docs d',
  id: 'd.id',
  sorts: { name: 'd.name', group: 'd.grp' },
  searchTable: 'doc_search',
  narrowIndex: 'docs_keys',
  maxIdSql: 'SELECT max(id) FROM docs',
};
const rowCount = 10_000;

/** Dense 共通 (a third) sorts last by name; dense 記録 first; 窓口 a tenth; 特別 twenty rows. */
function nameOf(id: number): string {
  const word = id % 3 === 0 ? 'ん共通' : 'あ記録';
  return `${word}${id % 10 === 0 ? '窓口' : ''}${id % 500 === 0 ? '特別' : ''}・${String(id).padStart(5, '0')}`;
}

beforeAll(() => {
  kit = kitDatabase();
  kit.db.exec(`
    CREATE TABLE docs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, grp INTEGER NOT NULL);
    CREATE INDEX docs_by_name ON docs (name);
    CREATE INDEX docs_by_grp ON docs (grp);
    CREATE INDEX docs_keys ON docs (id, grp, name);
    CREATE VIRTUAL TABLE doc_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');`);
  const insert = kit.db.prepare('INSERT INTO docs (id, name, grp) VALUES (?, ?, ?)');
  const index = kit.db.prepare('INSERT INTO doc_search (rowid, grams) VALUES (?, ?)');
  kit.db.transaction(() => {
    for (let id = 1; id <= rowCount; id++) {
      insert.run(id, nameOf(id), id % 40);
      index.run(id, searchGrams([nameOf(id)]));
    }
  })();
});
afterAll(() => kit.db.close());

function expected(like: string[], sortSql: string, dir: 'ASC' | 'DESC', where = '1'): number[] {
  const text = like.map((l) => `name LIKE '%${l}%'`).join(' AND ');
  return kit.db.prepare(`SELECT id FROM docs d WHERE ${where} AND ${text} ORDER BY ${sortSql} ${dir}, id ${dir}`).pluck().all() as number[];
}

function walk(text: string, sort: string, direction: 'asc' | 'desc', where = new Conditions(), join?: TextJoin) {
  const seen: number[] = [];
  let cursor: PageCursor | undefined;
  let total = -1;
  for (let guard = 0; guard < 500; guard++) {
    const page = pageOfIds(kit.db, source, where, { sort, direction, pageSize: 50, text, cursor, ...(join ? { join } : {}) });
    seen.push(...page.ids);
    total = page.total;
    if (!page.nextCursor) return { seen, total };
    cursor = page.nextCursor;
  }
  throw new Error('did not end');
}

describe('text search at 10,000 rows', () => {
  it('chooses the join from the share a search matches, and the filters', () => {
    const join = (text: string, where = new Conditions()) => textMatch(kit.db, source, where, { text, pageSize: 50 });
    expect(join('特別')).toMatchObject({ join: 'lookup', total: 20 });
    expect(join('窓口')).toMatchObject({ join: 'scan', total: 1000 });
    expect(join('共通')).toMatchObject({ join: 'verify', total: 3333 });
    expect(join('共通')?.walkBudget).toBeGreaterThan(0);
    // A 課等-like filter leaves 250 rows: each is checked, in one pass that also counts them.
    const inGroup = new Conditions().add('d.grp = ?', 7);
    expect(join('共通', inGroup)).toMatchObject({ join: 'verify', walkBudget: null, total: null });
    const page = pageOfIds(kit.db, source, inGroup, { sort: 'name', direction: 'desc', pageSize: 50, text: '共通' });
    expect(page.total).toBe(expected(['共通'], 'd.id', 'ASC', 'grp = 7').length);
    expect(page.ids).toEqual(expected(['共通'], 'd.name', 'DESC', 'grp = 7').slice(0, 50));
    expect(countRows(kit.db, source, inGroup, '共通')).toBe(page.total);
  });

  it('finds the first page of a dense search whose matches all sort last (the walk runs out and scans)', () => {
    const page = pageOfIds(kit.db, source, new Conditions(), { sort: 'name', direction: 'asc', pageSize: 50, text: '共通' });
    expect(page.ids).toEqual(expected(['共通'], 'd.name', 'ASC').slice(0, 50));
    expect(page.total).toBe(3333);
    const last = pageOfIds(kit.db, source, new Conditions(), { sort: 'name', direction: 'desc', pageSize: 50, text: '記録', cursor: 'last' });
    expect(last.ids).toEqual(expected(['記録'], 'd.name', 'DESC').slice(-(6667 % 50)));
  });

  for (const [text, like] of [['共通', ['共通']], ['記録 窓口', ['記録', '窓口']], ['口', ['口']], ['特別', ['特別']]] as const) {
    it(`pages through 「${text}」 the same way by every join and sort`, () => {
      for (const join of [undefined, 'lookup', 'scan', 'verify'] as const) {
        const byName = walk(text, 'name', 'asc', new Conditions(), join);
        expect(byName.seen, `${join}`).toEqual(expected([...like], 'd.name', 'ASC'));
        expect(byName.total).toBe(byName.seen.length);
      }
      const inGroup = walk(text, 'group', 'desc', new Conditions().add('d.grp = ?', 10));
      expect(inGroup.seen).toEqual(expected([...like], 'd.grp', 'DESC', 'grp = 10'));
      expect(inGroup.total).toBe(inGroup.seen.length);
      expect(countRows(kit.db, source, new Conditions(), text)).toBe(expected([...like], 'd.id', 'ASC').length);
    });
  }

  it('pages back from the last page the same way, whichever join the filters lead to', () => {
    for (const where of [new Conditions(), new Conditions().add('d.grp = ?', 3)]) {
      for (const text of ['共通', '窓口', '特別']) {
        const all = expected([text], 'd.name', 'ASC', where.narrowing ? 'grp = 3' : '1');
        const pages: number[][] = [];
        let page = pageOfIds(kit.db, source, where, { sort: 'name', direction: 'asc', pageSize: 50, text, cursor: 'last' });
        pages.unshift(page.ids);
        while (page.previousCursor) {
          page = pageOfIds(kit.db, source, where, { sort: 'name', direction: 'asc', pageSize: 50, text, cursor: page.previousCursor });
          pages.unshift(page.ids);
        }
        expect(pages.flat(), `${text} ${where.narrowing}`).toEqual(all);
        expect(pages[0]!.length).toBe(Math.min(50, all.length));
        expect(pages.at(-1)!.length).toBe(all.length % 50 || Math.min(50, all.length));
      }
    }
  });

  it('keeps the remembered match set true across a rolled-back transaction', () => {
    const first = (text: string) => pageOfIds(kit.db, source, new Conditions(), { sort: 'group', direction: 'asc', pageSize: 50, text });
    const windows = first('窓口');
    const inRolledBack = kit.db.transaction(() => {
      // Fills the set with 特別's ids inside the transaction, then the transaction is undone.
      expect(first('特別').total).toBe(20);
      throw new Error('rollback');
    });
    expect(() => inRolledBack()).toThrow('rollback');
    // The set holds 窓口's ids again; asked for 特別 it must not take them for 特別's.
    expect(first('特別').ids).toEqual(expected(['特別'], 'd.grp', 'ASC'));
    expect(first('窓口')).toEqual(windows);
    expect(windows.ids).toEqual(expected(['窓口'], 'd.grp', 'ASC').slice(0, 50));
  });

  it('finds 辻󠄀本 (a variation selector) by 辻本 and by itself, the same by every join', () => {
    const check = kit.db.transaction(() => {
      const add = (id: number, name: string) => {
        kit.db.prepare('INSERT INTO docs (id, name, grp) VALUES (?, ?, 1)').run(id, name);
        kit.db.prepare('INSERT INTO doc_search (rowid, grams) VALUES (?, ?)').run(id, searchGrams([name]));
      };
      add(20_001, '辻\u{E0100}本家');
      add(20_002, 'ｱﾞｲ通知');
      for (const join of [undefined, 'lookup', 'scan', 'verify'] as const) {
        for (const [text, ids] of [['辻本', [20_001]], ['辻\u{E0100}本', [20_001]], ['ｱﾞｲ', [20_002]], ['アイ通', [20_002]]] as const) {
          expect(walk(text, 'name', 'asc', new Conditions(), join), `${text} ${join}`).toEqual({ seen: ids, total: 1 });
        }
      }
      throw new Error('rollback');
    });
    expect(() => check()).toThrow('rollback');
  });
});
