import { describe, expect, it } from 'vitest';
import { checkInInput, checkOutInput, doorAppPerTest, doorState, expectTamperCheckClean, type DoorTest } from './support/areaDoor';
import { authorize, createArea, newOutsider } from './support/areas';
import { loginAs, people } from './support/holdings';
import { mediumInput, registerMedium } from './support/media';
import { editBehindTheApp } from './support/behindTheApp';

/**
 * 退室 at the door (issue #12 item 3; MIC §34, §35): time, devices out and the badge. The person is
 * leaving, so what is wrong is recorded as an exception, never refused; bad times, a closed or
 * stale visit and one of another 課等 are refused with nothing changed.
 */
let t: DoorTest;
doorAppPerTest((test) => {
  t = test;
});

const minute = 60_000;

/** A medium of 市民課 with a 持出し requested by the clerk and approved by the manager (the clerk logged in after). */
async function mediumWithApprovedTakeout(mediaNo: string): Promise<{ mediumId: number; takeoutId: number }> {
  const medium = await registerMedium(t.app, people.officer, mediumInput(t.citizens, { mediaNo }));
  await loginAs(t.app, people.clerk);
  const takeout = await t.app.ok('media.takeout.request', {
    mediumId: medium.id,
    purpose: '保守作業のログ持ち帰り',
    destination: '株式会社テスト保守',
    contentsSummary: '機器ログ（個人情報なし）',
    safeguards: { encryption: true, password: true, lockedCase: false, sealed: false },
    dueBack: '2026-11-24',
  });
  await loginAs(t.app, people.manager);
  await t.app.ok('media.takeout.approve', { takeoutId: takeout.id });
  await loginAs(t.app, people.clerk);
  return { mediumId: medium.id, takeoutId: takeout.id };
}

describe('退室: the usual exit', () => {
  it('closes the visit with the time, the devices inspected out and the badge returned; one step, one event', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { badgeNo: 'B-012', devicesIn: [{ label: '保守用ノートPC', inspection: 'passed' }] }));
    t.app.clock.advance(90 * minute);
    const closed = await t.app.ok('areas.visits.checkOut', checkOutInput(visit, { devicesOut: [{ label: '保守用ノートＰＣ', inspection: 'passed' }], badgeReturned: true }));
    expect(closed).toMatchObject({
      status: 'closed',
      closeKind: 'checkout',
      exitedAt: '2026-11-22T02:30:00.000Z',
      badgeReturned: true,
      exceptions: [],
      devicesOut: [{ mediumId: null, label: '保守用ノートＰＣ', inspection: 'passed', takeoutId: null }],
      closedByName: people.clerk.displayName,
      version: 2,
    });
    expect((await t.app.ok('areas.visits.inside', {})).total).toBe(0);
    expect((await t.app.ok('areas.visits.get', { visitId: visit.id })).history.map((h) => h.action)).toEqual(['checkOut', 'checkIn']);
    await expectTamperCheckClean(t.app);
  });
});

describe('退室: refused, nothing changed', () => {
  it('refuses an exit before the entry, an exit in the future, a stale version, and a visit already closed', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    t.app.clock.advance(10 * minute);
    const before = await doorState(t.app, [visit.id]);
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput(visit, { exitedAt: '2026-11-22T00:59:00.000Z' }))).toMatchObject({
      issues: [{ path: ['exitedAt'], messageKey: 'areas.errors.exitBeforeEntry', params: { enteredAt: '2026-11-22 10:00' } }],
    });
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput(visit, { exitedAt: '2026-11-22T01:11:00.000Z' }))).toMatchObject({
      issues: [{ path: ['exitedAt'], messageKey: 'areas.errors.timeInFuture' }],
    });
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput({ id: visit.id, version: 7 }))).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.staleVersion' });
    expect(await doorState(t.app, [visit.id])).toBe(before);
    const closed = await t.app.ok('areas.visits.checkOut', checkOutInput(visit));
    const after = await doorState(t.app, [visit.id]);
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput(closed))).toMatchObject({ code: 'CONFLICT', messageKey: 'areas.errors.visitClosed' });
    expect(await doorState(t.app, [visit.id])).toBe(after);
  });

  it('answers a visit of another 課等 as one that does not exist', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    await loginAs(t.app, people.otherClerk);
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput(visit))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.app.fail('areas.visits.get', { visitId: visit.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.app.ok('areas.visits.inside', {})).total).toBe(0);
  });

  it('asks whether a lent badge came back, and for the inspection the area requires', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { badgeNo: 'B-012' }));
    const before = await doorState(t.app, [visit.id]);
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput(visit))).toMatchObject({ issues: [{ path: ['badgeReturned'], messageKey: 'areas.errors.badgeReturnRequired' }] });
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput(visit, { badgeReturned: true, devicesOut: [{ label: 'USBメモリ', inspection: 'notInspected' }] }))).toMatchObject({
      issues: [{ path: ['devicesOut', 0, 'inspection'], messageKey: 'areas.errors.inspectionRequired' }],
    });
    expect(await doorState(t.app, [visit.id])).toBe(before);
  });
});

describe('退室: exceptions recorded, never refused', () => {
  it('a badge not returned', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { badgeNo: 'B-012' }));
    expect(await t.app.ok('areas.visits.checkOut', checkOutInput(visit, { badgeReturned: false }))).toMatchObject({ badgeReturned: false, exceptions: ['badgeNotReturned'] });
  });

  it('a medium with an approved 持出し leaves under it; one without is takeoutWithoutApproval; a device neither brought in nor registered is unregisteredDeviceOut', async () => {
    const covered = await mediumWithApprovedTakeout('USB-101');
    await registerMedium(t.app, people.officer, mediumInput(t.citizens, { mediaNo: 'USB-102' }));
    await loginAs(t.app, people.clerk);
    const first = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    const clean = await t.app.ok('areas.visits.checkOut', checkOutInput(first, { devicesOut: [{ label: 'ｕｓｂ－１０１', inspection: 'passed' }] }));
    expect(clean).toMatchObject({ exceptions: [], devicesOut: [{ mediumId: covered.mediumId, label: 'USB-101', takeoutId: covered.takeoutId }] });
    const second = await t.app.ok('areas.visits.checkIn', checkInInput(t, { devicesIn: [{ label: '保守用PC', inspection: 'passed' }] }));
    const flagged = await t.app.ok(
      'areas.visits.checkOut',
      checkOutInput(second, {
        devicesOut: [
          { label: 'USB-102', inspection: 'passed' },
          { label: '保守用ＰＣ', inspection: 'passed' },
          { label: '外付けHDD', inspection: 'passed' },
        ],
      }),
    );
    expect(flagged.exceptions).toEqual(['takeoutWithoutApproval', 'unregisteredDeviceOut']);
    expect(flagged.devicesOut.map((d) => d.takeoutId)).toEqual([null, null, null]);
    await loginAs(t.app, people.manager);
    const home = await t.app.ok('home.cards');
    expect(home.cards.find((c) => c.id === 'areas.unconfirmedExceptions')?.count).toBe(1);
    await expectTamperCheckClean(t.app);
  });

  it('any device out of an area that prohibits them is prohibitedDeviceOut', async () => {
    const vault = await createArea(t.app, { name: '書庫', kind: 'archive', devicesIn: 'allowed', devicesOut: 'prohibited' });
    await authorize(t.app, newOutsider, [vault.id]);
    await loginAs(t.app, people.clerk);
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { areaId: vault.id, devicesIn: [{ label: '保守用PC', inspection: 'notInspected' }] }));
    const closed = await t.app.ok('areas.visits.checkOut', checkOutInput(visit, { devicesOut: [{ label: '保守用PC', inspection: 'notInspected' }] }));
    expect(closed.exceptions).toEqual(['prohibitedDeviceOut']);
  });
});

describe('改ざん検査 of the entry log', () => {
  it('names an exit time changed behind the app, in the visit and its field', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    t.app.clock.advance(30 * minute);
    await t.app.ok('areas.visits.checkOut', checkOutInput(visit));
    await editBehindTheApp(t.app, (db) => void db.prepare("UPDATE area_visits SET exited_at = '2026-11-22T01:05:00.000Z' WHERE id = ?").run(visit.id));
    const result = await t.app.ok('audit.verify');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'rowChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.areaVisits', id: visit.id }) })]);
  });
});
