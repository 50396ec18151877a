import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, PageCursor } from '../../db/contract';
import type { TestApp } from './support/backend';
import { areasAppPerTest, type AreasTest } from './support/areas';
import { inOrderOfEntry, jst, recordRounds, serverRoomWithVisitors, type Visit } from './support/areaBook';

/**
 * The 入退室管理簿 list (issue #12 item 6): the kit's keyset paging over a few hundred visits —
 * forward, back and from the last page — meets exactly the full list in order of entry (ties of one
 * entry time settled by id), in either direction; the paging holds with a filter too.
 */
let t: AreasTest;
areasAppPerTest((test) => (t = test));

type ListInput = ChannelInput<'areas.visits.list'>;

async function walkForward(app: TestApp, input: ListInput): Promise<{ ids: number[]; totals: Set<number> }> {
  const ids: number[] = [];
  const totals = new Set<number>();
  let cursor: PageCursor | undefined;
  for (;;) {
    const page = await app.ok('areas.visits.list', { ...input, ...(cursor ? { cursor } : {}) });
    ids.push(...page.rows.map((r) => r.id));
    totals.add(page.total);
    if (!page.nextCursor) return { ids, totals };
    cursor = page.nextCursor;
  }
}

async function walkBackFromLast(app: TestApp, input: ListInput): Promise<number[]> {
  const pages: number[][] = [];
  let cursor: PageCursor | 'last' = 'last';
  for (;;) {
    const page: ChannelOutput<'areas.visits.list'> = await app.ok('areas.visits.list', { ...input, cursor });
    pages.unshift(page.rows.map((r) => r.id));
    if (!page.previousCursor) return pages.flat();
    cursor = page.previousCursor;
  }
}

/** 70 rounds of three visitors, 25 minutes apart from 2026-11-21 00:10 JST: 210 visits over two days. */
async function manyVisits(): Promise<Visit[]> {
  const setup = await serverRoomWithVisitors(t.app);
  return recordRounds(t.app, setup, t.cast.officer, { start: jst('2026-11-21', '00:10'), rounds: 70, stepMinutes: 25 });
}

describe('入退室管理簿: keyset paging', () => {
  it('pages forward, back and from the last page to exactly the full list, both directions', async () => {
    const visits = await manyVisits();
    expect(visits).toHaveLength(210);
    for (const direction of ['asc', 'desc'] as const) {
      const expected = inOrderOfEntry(visits, direction);
      const input: ListInput = { direction, pageSize: 25 };
      const forward = await walkForward(t.app, input);
      expect(forward.ids).toEqual(expected);
      expect([...forward.totals]).toEqual([210]);
      // The last page holds the remainder (210 = 8 × 25 + 10), so paging back meets the same pages.
      const last = await t.app.ok('areas.visits.list', { ...input, cursor: 'last' });
      expect(last.rows.map((r) => r.id)).toEqual(expected.slice(200));
      expect(last.nextCursor).toBeNull();
      expect(await walkBackFromLast(t.app, input)).toEqual(expected);
    }
  });

  it('pages back from the middle to the same pages it came through', async () => {
    const visits = await manyVisits();
    const expected = inOrderOfEntry(visits, 'desc');
    const first = await t.app.ok('areas.visits.list', { pageSize: 40 });
    const second = await t.app.ok('areas.visits.list', { pageSize: 40, cursor: first.nextCursor! });
    const third = await t.app.ok('areas.visits.list', { pageSize: 40, cursor: second.nextCursor! });
    expect(third.rows.map((r) => r.id)).toEqual(expected.slice(80, 120));
    const back = await t.app.ok('areas.visits.list', { pageSize: 40, cursor: third.previousCursor! });
    expect(back.rows.map((r) => r.id)).toEqual(expected.slice(40, 80));
    const start = await t.app.ok('areas.visits.list', { pageSize: 40, cursor: back.previousCursor! });
    expect(start.rows.map((r) => r.id)).toEqual(expected.slice(0, 40));
    expect(start.previousCursor).toBeNull();
  });

  it('pages a filtered list (one day) to exactly its visits', async () => {
    const visits = await manyVisits();
    const dayOne = visits.filter((v) => v.enteredOn === '2026-11-21');
    expect(dayOne.length).toBeGreaterThan(0);
    expect(dayOne.length).toBeLessThan(visits.length);
    const input: ListInput = { from: '2026-11-21', to: '2026-11-21', direction: 'asc', pageSize: 30 };
    const forward = await walkForward(t.app, input);
    expect(forward.ids).toEqual(inOrderOfEntry(dayOne));
    expect([...forward.totals]).toEqual([dayOne.length]);
    expect(await walkBackFromLast(t.app, input)).toEqual(inOrderOfEntry(dayOne));
  });

  it('returns each visit as the door recorded it, and refuses a page size over 200', async () => {
    const visits = await manyVisits();
    const page = await t.app.ok('areas.visits.list', { pageSize: 1 });
    const newest = visits.find((v) => v.id === inOrderOfEntry(visits, 'desc')[0])!;
    expect(page.rows[0]).toEqual(newest);
    const failure = await t.app.fail('areas.visits.list', { pageSize: 201 });
    expect(failure.code).toBe('INVALID_INPUT');
  });
});
