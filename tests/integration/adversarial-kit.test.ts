import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdingSortKeys, isValidMyNumber, type ChannelInput, type PageCursor } from '../../db/contract';
import { holdingsLedger } from '../../db/features/holdings/columns';
import { holdingSource } from '../../db/features/holdings/queries';
import { allIds, Conditions, pageOfIds, type TextJoin } from '../../db/ledger/listQuery';
import { insertRecord } from '../../db/ledger/record';
import { chief, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';
import { clerk, kitDatabase } from './support/ledgerDb';

/**
 * The list as a hostile renderer sends it: forged cursors, numbers a 個人番号 hides in,
 * cursors meant for another 課等 or another sort, and search text written to break FTS5.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

type ListInput = ChannelInput<'holdings.list'>;
const myNumber = 123456789018;

/** Every access-log event of `action`, as the chief reads them (the chief ends logged in). */
async function logged(action: string): Promise<string[]> {
  await loginAs(app, { loginId: chief.loginId, password: chief.password });
  return (await app.ok('audit.query', { action, pageSize: 200 })).rows.map((r) => JSON.stringify(r.detail));
}

/** Six holdings in each 課等, ids interleaved, names tied, a rare word in one of each. */
async function seedTwoDepartments(): Promise<{ citizens: number[]; tax: number[] }> {
  const ids = { citizens: [] as number[], tax: [] as number[] };
  for (let i = 1; i <= 6; i++) {
    for (const [who, dept, key] of [[people.clerk, d.citizens, 'citizens'], [people.otherClerk, d.tax, 'tax']] as const) {
      await loginAs(app, who);
      const name = i === 3 ? `特別徴収${key}` : '同名の台帳';
      ids[key].push((await app.ok('holdings.create', holdingInput(dept, { ledgerNo: `${key}-${i}`, name }))).id);
    }
  }
  return ids;
}

describe('numbers an audited read records', () => {
  it('refuses a 個人番号 as a cursor key or id, an id filter or a page number, so none reaches the access log', async () => {
    expect(isValidMyNumber(String(myNumber))).toBe(true);
    await loginAs(app, people.clerk);
    const refused: [string, unknown][] = [
      ['holdings.list', { sort: 'department', cursor: { key: myNumber, id: 1, toward: 'next' } }],
      ['holdings.list', { cursor: { key: 'R8', id: myNumber, toward: 'previous' } }],
      ['holdings.list', { cursor: { key: '１２３４ ５６７８ ９０１８', id: 1, toward: 'next' } }],
      ['holdings.list', { departmentId: myNumber }],
      ['holdings.usage.list', { holdingId: myNumber }],
      ['holdings.usage.list', { holdingId: 1, cursor: { key: '2026-11-01', id: myNumber, toward: 'next' } }],
      ['holdings.get', { holdingId: myNumber }],
    ];
    for (const [channel, input] of refused) {
      const r = await app.fail(channel as 'holdings.list', input as ListInput);
      expect(r, `${channel} ${JSON.stringify(input)}`).toMatchObject({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ messageKey: 'validation.myNumber' })] });
    }
    // Twelve digits without a valid check digit are only a number.
    expect((await app.ok('holdings.list', { sort: 'department', cursor: { key: myNumber + 1, id: myNumber + 1, toward: 'next' } })).rows).toEqual([]);
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    expect((await app.fail('audit.query', { page: myNumber })).issues?.[0]?.messageKey).toBe('validation.myNumber');
    const all = (await app.ok('audit.query', { pageSize: 200 })).rows.map((r) => JSON.stringify(r.detail)).join('\n');
    expect(all).not.toMatch(/123456789018|１２３４/);
    expect(all).toContain(String(myNumber + 1));
  });

  it('refuses cursors of the wrong shape and logs nothing for them', async () => {
    await loginAs(app, people.clerk);
    const ok = { key: 'a', id: 1, toward: 'next' };
    const bad: unknown[] = [
      { cursor: { ...ok, key: 'x'.repeat(501) } },
      { cursor: { ...ok, key: 'a\u0007b' } },
      { cursor: { ...ok, key: '\ud800' } },
      { cursor: { ...ok, key: true } },
      { cursor: { ...ok, key: null } },
      { cursor: { ...ok, key: ['a'] } },
      { cursor: { ...ok, key: Infinity } },
      { cursor: { ...ok, key: Number.NaN } },
      { cursor: { ...ok, id: -1 } },
      { cursor: { ...ok, id: 1.5 } },
      { cursor: { ...ok, id: '1' } },
      { cursor: { ...ok, toward: 'sideways' } },
      { cursor: { ...ok, extra: 1 } },
      { cursor: { key: 'a', id: 1 } },
      { cursor: 'first' },
      { cursor: '' },
      { pageSize: 0, cursor: 'last' },
      { pageSize: 201 },
      { pageSize: 2.5 },
      { sort: 'id; DROP TABLE holdings' },
      { direction: 'up' },
      { text: 'x'.repeat(101) },
    ];
    for (const input of bad) expect((await app.fail('holdings.list', input as ListInput)).code, JSON.stringify(input).slice(0, 80)).toBe('INVALID_INPUT');
    expect(await logged('holdings.list')).toEqual([]);
  });
});

describe('department scope and cursors', () => {
  it('keeps a clerk in their own 課等 whatever cursor, sort, filter or text they send', async () => {
    const ids = await seedTwoDepartments();
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    const forged: PageCursor[] = [{ key: '', id: 0, toward: 'next' }, { key: 0, id: 0, toward: 'next' }, { key: '\uffff', id: 1e9, toward: 'previous' }];
    const tries: [ListInput['sort'], PageCursor][] = [];
    for (const sort of holdingSortKeys) {
      // The chief's cursors (they point at the other 課等's rows too) and forged ones.
      for (const cursor of [undefined, 'last'] as const) {
        const page = await app.ok('holdings.list', { sort, pageSize: 2, cursor });
        for (const c of [page.nextCursor, page.previousCursor]) if (c) tries.push([sort, c]);
      }
      for (const c of forged) tries.push([sort, c]);
    }
    await loginAs(app, people.clerk);
    for (const [sort, cursor] of tries) {
      for (const toward of ['next', 'previous'] as const) {
        for (const extra of [{}, { text: '台帳' }, { departmentId: d.tax }, { text: '特別' }] as Partial<ListInput>[]) {
          const page = await app.ok('holdings.list', { sort, cursor: { ...cursor, toward }, pageSize: 3, ...extra });
          expect(page.rows.every((r) => r.departmentId === d.citizens)).toBe(true);
          expect(page.total).toBe(extra.departmentId ? 0 : extra.text === '特別' ? 1 : 6);
        }
      }
    }
    // The usage log of another 課等's holding is refused, and a cursor cannot carry rows across holdings.
    await loginAs(app, people.otherClerk);
    for (const day of ['2026-11-01', '2026-11-02']) await app.ok('holdings.usage.add', { holdingId: ids.tax[0]!, kind: 'use', usedOn: day, personName: '加藤', purpose: '照会' });
    const taxPage = await app.ok('holdings.usage.list', { holdingId: ids.tax[0]!, pageSize: 1 });
    await loginAs(app, people.clerk);
    expect((await app.fail('holdings.usage.list', { holdingId: ids.tax[0]!, cursor: taxPage.nextCursor! })).code).toBe('NOT_FOUND');
    await app.ok('holdings.usage.add', { holdingId: ids.citizens[0]!, kind: 'copy', usedOn: '2026-10-31', personName: '田中', purpose: '写し' });
    const own = await app.ok('holdings.usage.list', { holdingId: ids.citizens[0]!, cursor: taxPage.nextCursor! });
    expect(own.rows.map((r) => r.holdingId)).toEqual([ids.citizens[0]]);
  });

  it('answers a cursor made for another sort with a page of the list, never an error', async () => {
    await seedTwoDepartments();
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    const byName = await app.ok('holdings.list', { sort: 'name', pageSize: 4 });
    const byDept = await app.ok('holdings.list', { sort: 'department', pageSize: 4 });
    for (const [sort, cursor] of [['department', byName.nextCursor], ['updatedAt', byDept.nextCursor], ['category', byDept.nextCursor], ['lastReviewedAt', byName.nextCursor]] as const) {
      for (const toward of ['next', 'previous'] as const) {
        const page = await app.ok('holdings.list', { sort, pageSize: 4, cursor: { ...cursor!, toward } });
        expect(page.total).toBe(12);
        expect(page.rows.length).toBeLessThanOrEqual(4);
      }
    }
  });
});

describe('paging over ties, undecided 管理区分 and filters', () => {
  async function walk(input: ListInput, from: 'first' | 'last'): Promise<{ ids: number[]; totals: Set<number> }> {
    const ids: number[] = [];
    const totals = new Set<number>();
    let page = await app.ok('holdings.list', { ...input, cursor: from === 'first' ? undefined : 'last' });
    for (let guard = 0; guard < 100; guard++) {
      totals.add(page.total);
      if (from === 'first') ids.push(...page.rows.map((r) => r.id));
      else ids.unshift(...page.rows.map((r) => r.id));
      const next = from === 'first' ? page.nextCursor : page.previousCursor;
      if (!next) return { ids, totals };
      page = await app.ok('holdings.list', { ...input, cursor: next });
    }
    throw new Error('paging did not end');
  }

  it('meets every row once, forwards and backwards, in the order of one page of them all', async () => {
    await loginAs(app, people.manager);
    const toReview: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const h = await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: `R8-${i % 4}-${i}`, name: i % 3 ? '同名の台帳' : `名簿${i % 2}`, containsSensitive: i % 2 === 0 }));
      if (i % 4 === 1) await app.ok('holdings.decideCategory', { holdingId: h.id, category: i % 8 === 1 ? 'B' : 'A', reason: '試験' });
      if (i % 5 === 0) toReview.push(h.id);
    }
    // Only verified content is reviewed: the officer verifies what the manager entered, then it is reviewed.
    await loginAs(app, people.officer);
    for (const holdingId of toReview) {
      const { holding } = await app.ok('holdings.get', { holdingId });
      await app.ok('holdings.verify', { holdingId, version: holding.version });
      await app.ok('holdings.markReviewed', { holdingId });
    }
    await loginAs(app, people.manager);
    const filters: Partial<ListInput>[] = [{}, { category: 'undecided' }, { text: '台帳', containsSensitive: false }];
    for (const sort of holdingSortKeys) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const [extra, pageSize] of filters.map((f, i) => [f, [1, 3, 4][i]!] as const)) {
          const input = { sort, direction, pageSize, ...extra };
          const all = await app.ok('holdings.list', { ...input, pageSize: 200 });
          const label = JSON.stringify(input);
          const forward = await walk(input, 'first');
          const backward = await walk(input, 'last');
          expect(forward.ids, label).toEqual(all.rows.map((r) => r.id));
          expect(backward.ids, label).toEqual(forward.ids);
          expect([...forward.totals, ...backward.totals], label).toEqual(Array(2).fill(all.total));
          expect(new Set(forward.ids).size).toBe(all.total);
        }
      }
    }
  });
});

describe('search text written to break FTS5', () => {
  it('treats operators, quotes, column filters and odd Unicode as text, never as query syntax', async () => {
    await loginAs(app, people.clerk);
    for (const [i, name] of ['住民基本台帳', 'ＵＳＢ管理簿', 'ジュウミン名簿', 'café利用者', 'near 住民 台帳'].entries()) {
      await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: `S-${i}`, name, purpose: '公証', recordItems: [] }));
    }
    const found = async (text: string) => (await app.ok('holdings.list', { text, sort: 'ledgerNo' })).rows.map((r) => r.ledgerNo);
    const cases: [string, string[]][] = [
      ['"住民"', ['S-0', 'S-4']],
      ['住民 OR 名簿', []],
      ['住民 NOT 台帳', []],
      ['NEAR(住民 台帳)', ['S-4']],
      ['grams:住民', []],
      ['^住民*', ['S-0', 'S-4']],
      ['*', []],
      ['"(', []],
      ['usb', ['S-1']],
      ['ｼﾞｭｳﾐﾝ', ['S-2']],
      ['cafe\u0301', ['S-3']],
      ['😀住民😀', ['S-0', 'S-4']],
      ['\u0301\u0301', []],
      // A bidi override (U+202E) is refused before the search (adversarial-input-hygiene.test.ts); other format characters are text.
      ['\u2060住民\u200d', ['S-0', 'S-4']],
      ['住'.repeat(100), []],
    ];
    for (const [text, expected] of cases) expect(await found(text), text).toEqual(expected);
  });
});

describe('the three text joins on the holdings source', () => {
  const kit = { current: null as ReturnType<typeof kitDatabase> | null };
  beforeAll(() => {
    const k = (kit.current = kitDatabase());
    k.db.prepare(`INSERT INTO departments (id, name, created_at) VALUES (2, '税務課', '2026-01-01T00:00:00Z')`).run();
    k.write((tx) => {
      for (let i = 1; i <= 90; i++) {
        const name = `${['住民基本台帳', '課税台帳', '相談記録'][i % 3]}${i % 7 === 0 ? '特別' : ''}`;
        insertRecord(tx, holdingsLedger, clerk, { ...holdingInput(1 + (i % 2), { ledgerNo: `K-${i % 5}-${i}`, name, purpose: '事務', recordItems: [] }), departmentId: 1 + (i % 2) } as never, 'create', { status: 'draft' });
      }
    });
  });
  afterAll(() => kit.current?.db.close());

  it('lookup and scan page the same rows, with the 課等 scope and every filter', () => {
    const db = kit.current!.db;
    for (const text of ['台帳', '特別', '住民基本台帳', '課']) {
      for (const scope of ['none', '課等', 'every filter'] as const) {
        const where = () => {
          const w = new Conditions();
          if (scope !== 'none') w.add('h.department_id = ?', 1);
          // The clerk's list with every filter the screen has: the narrow index must serve them all.
          if (scope === 'every filter') w.add("h.status = 'draft'").add('h.category IS NULL').add('h.contains_sensitive = 0').add('(coalesce(h.last_reviewed_at, h.created_at) < ?) = ?', '2027-01-01', 1);
          return w;
        };
        for (const sort of ['category', 'lastReviewedAt'] as const) {
          const expected = allIds(db, holdingSource, where(), { sort, direction: 'desc', text });
          for (const join of ['lookup', 'scan', 'verify'] as TextJoin[]) {
            const seen: number[] = [];
            let cursor: PageCursor | 'last' | undefined = 'last';
            for (let guard = 0; guard < 50 && cursor; guard++) {
              const page = pageOfIds(db, holdingSource, where(), { sort, direction: 'desc', pageSize: 7, text, join, cursor });
              expect(page.total, `${text} ${join}`).toBe(expected.length);
              seen.unshift(...page.ids);
              cursor = page.previousCursor ?? undefined;
            }
            expect(seen, `${text} ${sort} ${join} ${scope}`).toEqual(expected);
            if (scope === 'every filter') expect(expected.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});
