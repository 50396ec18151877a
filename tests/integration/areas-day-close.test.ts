import { describe, expect, it } from 'vitest';
import { chief } from './support/backend';
import { checkInInput, doorAppPerTest, doorState, expectTamperCheckClean, type DoorTest, type Visit } from './support/areaDoor';
import { authorize, createArea, moveClockTo } from './support/areas';
import { loginAs, people } from './support/holdings';

/**
 * 終業時の一括退室 (issue #12 item 5): the day's open visits shown, the chosen ones closed in bulk
 * with a reason — one write, one event, a step and an exception in each — and a visit left open
 * past the day on the dashboard the next morning.
 */
let t: DoorTest;
doorAppPerTest((test) => {
  t = test;
});

const engineer = { kind: 'new' as const, outsider: { name: '佐々木 健', kana: 'ササキ ケン', affiliation: '株式会社テスト保守' } };

/** Three open visits of the server room: the authorized outsider, a second engineer and the officer. */
async function threeInside(): Promise<Visit[]> {
  const second = await authorize(t.app, engineer, [t.areaId]);
  await authorize(t.app, { kind: 'staff', userId: t.cast.officer }, [t.areaId]);
  await loginAs(t.app, people.clerk);
  const visits = [
    await t.app.ok('areas.visits.checkIn', checkInInput(t)),
    await t.app.ok('areas.visits.checkIn', checkInInput(t, { person: { kind: 'known', personId: second.personId } })),
  ];
  t.app.clock.advance(60_000);
  visits.push(await t.app.ok('areas.visits.checkIn', checkInInput(t, { person: { kind: 'staff', userId: t.cast.officer }, escortUserId: null })));
  return visits;
}

describe('closing the day', () => {
  it('closes the chosen open visits with the reason, as exceptions, in one write and one event; the others stay inside', async () => {
    const [a, b, c] = await threeInside();
    const inside = await t.app.ok('areas.visits.inside', { areaId: t.areaId });
    expect(inside.rows.map((r) => r.id)).toEqual([a!.id, b!.id, c!.id]);
    moveClockTo(t.app, '2026-11-22T18:30:00+09:00');
    await loginAs(t.app, people.clerk);
    expect(await t.app.ok('areas.visits.closeDay', { areaId: t.areaId, visitIds: [a!.id, b!.id], reason: '退室記録漏れ（警備員が退館を確認）' })).toEqual({ closed: 2 });
    for (const v of [a!, b!]) {
      const { visit, history } = await t.app.ok('areas.visits.get', { visitId: v.id });
      expect(visit).toMatchObject({ status: 'closed', closeKind: 'dayClose', closeReason: '退室記録漏れ（警備員が退館を確認）', exitedAt: '2026-11-22T09:30:00.000Z', exceptions: ['closedAtDayEnd'] });
      expect(history[0]).toMatchObject({ action: 'dayClose', note: '退室記録漏れ（警備員が退館を確認）' });
    }
    expect((await t.app.ok('areas.visits.inside', { areaId: t.areaId })).rows.map((r) => r.id)).toEqual([c!.id]);
    await loginAs(t.app, chief);
    const events = (await t.app.ok('audit.query', { pageSize: 100 })).rows.filter((e) => e.action === 'areas.visit.dayClose');
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toMatchObject({ rowCount: 2, visitIds: [a!.id, b!.id] });
    await expectTamperCheckClean(t.app);
  });

  it('refuses, with nothing changed: a visit of another area, a visit already closed, no reason, and a clerk of another 課等', async () => {
    const [a, b] = await threeInside();
    const other = await createArea(t.app, { name: '書庫', kind: 'archive' });
    await authorize(t.app, engineer, [other.id]);
    await loginAs(t.app, people.clerk);
    const elsewhere = await t.app.ok('areas.visits.checkIn', checkInInput(t, { areaId: other.id, person: engineer }));
    await t.app.ok('areas.visits.checkOut', { visitId: b!.id, version: b!.version, devicesOut: [], badgeReturned: null, remarks: '' });
    const before = await doorState(t.app, [a!.id, b!.id, elsewhere.id]);
    for (const visitIds of [[a!.id, elsewhere.id], [a!.id, b!.id], [a!.id, 99999]]) {
      expect(await t.app.fail('areas.visits.closeDay', { areaId: t.areaId, visitIds, reason: '終業' })).toMatchObject({ code: 'CONFLICT', messageKey: 'areas.errors.visitNotInArea' });
    }
    expect(await t.app.fail('areas.visits.closeDay', { areaId: t.areaId, visitIds: [a!.id], reason: '' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.app.fail('areas.visits.closeDay', { areaId: t.areaId, visitIds: [], reason: '終業' })).toMatchObject({ issues: [{ messageKey: 'areas.errors.noVisits' }] });
    await loginAs(t.app, people.otherClerk);
    expect(await t.app.fail('areas.visits.closeDay', { areaId: t.areaId, visitIds: [a!.id], reason: '終業' })).toMatchObject({ messageKey: 'areas.errors.visitNotInArea' });
    expect(await doorState(t.app, [a!.id, b!.id, elsewhere.id])).toBe(before);
  });
});

describe('a visit left open past the day', () => {
  it('is on the next morning\'s dashboard (openPastDay) in the 課等\'s scope, and gone once closed', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    const card = async () => (await t.app.ok('home.cards')).cards.find((c) => c.id === 'areas.openPastDay');
    expect((await card())?.count ?? 0).toBe(0);
    moveClockTo(t.app, '2026-11-23T08:30:00+09:00');
    await loginAs(t.app, people.clerk);
    expect(await card()).toMatchObject({ count: 1, link: { screen: 'areas', tab: 'book', filters: { openBeforeToday: true } } });
    await loginAs(t.app, people.otherClerk);
    expect((await card())?.count ?? 0).toBe(0);
    await loginAs(t.app, people.clerk);
    // The exit of yesterday's visit is recorded today: after its entry, not in the future.
    await t.app.ok('areas.visits.closeDay', { areaId: t.areaId, visitIds: [visit.id], reason: '前日の退室記録漏れ' });
    expect((await card())?.count ?? 0).toBe(0);
  });
});
