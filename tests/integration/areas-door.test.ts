import { describe, expect, it } from 'vitest';
import { chief } from './support/backend';
import { checkInInput, doorAppPerTest, doorState, expectTamperCheckClean, type DoorTest } from './support/areaDoor';
import { authorize, moveClockTo, outsider } from './support/areas';
import { loginAs, people } from './support/holdings';

/**
 * 入室 at the door (issue #12 items 3–4, "Rules at the door", "Bad input"; MIC §35) on real SQLCipher
 * through the router: each rule refuses in Japanese with nothing changed — rows and access log alike.
 */
let t: DoorTest;
doorAppPerTest((test) => {
  t = test;
});

describe('入室: the usual visit', () => {
  it('records an escorted, authorized outsider with the permit, the org day and one event; the person is a recent visitor', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { badgeNo: 'Ｂ－０１２', devicesIn: [{ label: '私物ノートPC', inspection: 'passed' }] }));
    expect(visit).toMatchObject({
      status: 'inside',
      personName: outsider.name,
      affiliation: outsider.affiliation,
      personKind: 'outsider',
      permitNo: t.permitNo,
      escortName: people.officer.displayName,
      badgeNo: 'B-012',
      enteredAt: '2026-11-22T01:00:00.000Z',
      enteredOn: '2026-11-22',
      exceptions: [],
      devicesIn: [{ mediumId: null, label: '私物ノートPC', inspection: 'passed', takeoutId: null }],
      recordedByName: people.clerk.displayName,
      version: 1,
    });
    const inside = await t.app.ok('areas.visits.inside', { areaId: t.areaId });
    expect(inside.rows.map((r) => r.id)).toEqual([visit.id]);
    const detail = await t.app.ok('areas.visits.get', { visitId: visit.id });
    expect(detail.history.map((h) => h.action)).toEqual(['checkIn']);
    await loginAs(t.app, chief);
    const log = await t.app.ok('audit.query', { pageSize: 50 });
    const event = log.rows.find((e) => e.action === 'areas.visit.checkIn')!;
    expect(event.target?.number).toBe(`${outsider.name}（サーバ室）2026-11-22 10:00`);
    const hits = await t.app.ok('areas.people.search', { text: 'やまだ' });
    expect(hits[0]).toMatchObject({ personId: t.personId });
    await expectTamperCheckClean(t.app);
  });

  it('lets a staff member with no authorization of their own in only with an authorization (notAuthorized, nothing changed)', async () => {
    const before = await doorState(t.app);
    const refused = await t.app.fail('areas.visits.checkIn', checkInInput(t, { person: { kind: 'staff', userId: t.cast.officer }, escortUserId: null }));
    expect(refused).toMatchObject({ code: 'CONFLICT', messageKey: 'areas.errors.notAuthorized', params: { name: people.officer.displayName } });
    expect(await doorState(t.app)).toBe(before);
  });
});

describe('入室: bad input and refused entries, nothing changed', () => {
  async function refusedWithNothingChanged(input: ReturnType<typeof checkInInput>, expected: Record<string, unknown>): Promise<void> {
    const before = await doorState(t.app);
    expect(await t.app.fail('areas.visits.checkIn', input)).toMatchObject(expected);
    expect(await doorState(t.app)).toBe(before);
  }

  it('refuses an unknown area, and another 課等\'s area as if unknown', async () => {
    await refusedWithNothingChanged(checkInInput(t, { areaId: 9999 }), { code: 'INVALID_INPUT', issues: [{ path: ['areaId'], messageKey: 'areas.errors.unknownArea' }] });
    await loginAs(t.app, people.otherClerk);
    await refusedWithNothingChanged(checkInInput(t), { code: 'INVALID_INPUT', issues: [{ path: ['areaId'], messageKey: 'areas.errors.unknownArea' }] });
  });

  it('refuses a retired area', async () => {
    await loginAs(t.app, people.manager);
    const area = (await t.app.ok('areas.get', { areaId: t.areaId })).area;
    await t.app.ok('areas.retire', { areaId: t.areaId, version: area.version, reason: '移転のため' });
    await loginAs(t.app, people.clerk);
    await refusedWithNothingChanged(checkInInput(t), { issues: [{ path: ['areaId'], messageKey: 'areas.errors.areaRetired' }] });
  });

  it('refuses an outsider without the escort the area requires, an escort not in force, and the visitor as their own escort', async () => {
    await refusedWithNothingChanged(checkInInput(t, { escortUserId: null }), { issues: [{ path: ['escortUserId'], messageKey: 'areas.errors.escortRequired' }] });
    await refusedWithNothingChanged(checkInInput(t, { escortUserId: 9999 }), { issues: [{ path: ['escortUserId'], messageKey: 'areas.errors.escortInactive' }] });
    // A staff member authorized, escorted by themselves.
    await authorize(t.app, { kind: 'staff', userId: t.cast.officer }, [t.areaId]);
    await loginAs(t.app, people.clerk);
    await refusedWithNothingChanged(checkInInput(t, { person: { kind: 'staff', userId: t.cast.officer }, escortUserId: t.cast.officer }), {
      issues: [{ path: ['escortUserId'], messageKey: 'areas.errors.escortIsVisitor' }],
    });
  });

  it('refuses an outsider typed without an affiliation (zod, before anything is written)', async () => {
    const input = checkInInput(t, { person: { kind: 'new', outsider: { name: '鈴木 一郎', kana: '', affiliation: '' } } });
    const before = await doorState(t.app);
    const refused = await t.app.fail('areas.visits.checkIn', input);
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.issues?.[0]?.path).toEqual(['person', 'outsider', 'affiliation']);
    expect(await doorState(t.app)).toBe(before);
  });

  it('refuses a 個人番号 in the purpose', async () => {
    await refusedWithNothingChanged(checkInInput(t, { purpose: '個人番号 1234 5678 9018 の確認' }), { code: 'INVALID_INPUT', issues: [{ path: ['purpose'], messageKey: 'validation.myNumber' }] });
  });

  it('refuses a check-in of someone already inside, naming when they entered', async () => {
    await t.app.ok('areas.visits.checkIn', checkInInput(t));
    await refusedWithNothingChanged(checkInInput(t), { code: 'CONFLICT', messageKey: 'areas.errors.alreadyInside', params: { name: outsider.name, enteredAt: '2026-11-22 10:00' } });
  });

  it('lets one of two simultaneous check-ins of the same person through; the other is alreadyInside', async () => {
    const [a, b] = await Promise.all([t.app.call('areas.visits.checkIn', checkInInput(t)), t.app.call('areas.visits.checkIn', checkInInput(t))]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const failed = [a, b].find((r) => !r.ok);
    expect(failed).toMatchObject({ code: 'CONFLICT', messageKey: 'areas.errors.alreadyInside' });
    expect((await t.app.ok('areas.visits.inside', {})).total).toBe(1);
    await expectTamperCheckClean(t.app);
  });

  it('refuses an entry time in the future or before yesterday; yesterday counts on its own org day (and its permit then)', async () => {
    await refusedWithNothingChanged(checkInInput(t, { enteredAt: '2026-11-22T01:00:01.000Z' }), { issues: [{ path: ['enteredAt'], messageKey: 'areas.errors.timeInFuture' }] });
    // 2026-11-21 00:00 JST is 2026-11-20T15:00Z: a minute before is the day before yesterday.
    await refusedWithNothingChanged(checkInInput(t, { enteredAt: '2026-11-20T14:59:00.000Z' }), { issues: [{ path: ['enteredAt'], messageKey: 'areas.errors.entryTooOld' }] });
    // The outsider's permit starts 2026-11-22: yesterday (JST) it did not open the door yet.
    await refusedWithNothingChanged(checkInInput(t, { enteredAt: '2026-11-20T15:00:00.000Z' }), {
      code: 'CONFLICT',
      messageKey: 'areas.errors.authorizationNotYetValid',
      params: { name: outsider.name, permitNo: t.permitNo, validFrom: '2026-11-22' },
    });
    await authorize(t.app, { kind: 'staff', userId: t.cast.officer }, [t.areaId], { validFrom: '2026-11-01' });
    await loginAs(t.app, people.clerk);
    const late = await t.app.ok('areas.visits.checkIn', checkInInput(t, { enteredAt: '2026-11-20T15:00:00.000Z', person: { kind: 'staff', userId: t.cast.officer }, escortUserId: null }));
    expect(late).toMatchObject({ enteredAt: '2026-11-20T15:00:00.000Z', enteredOn: '2026-11-21', personKind: 'staff' });
    await expectTamperCheckClean(t.app);
  });
});

describe('入室: an authorization ends with its last day in the organisation\'s zone (fiscal-year end)', () => {
  it('opens the door at 2027-03-31 23:59 JST and refuses it at 2027-04-01 00:00 JST as expired', async () => {
    moveClockTo(t.app, '2027-03-31T23:59:00+09:00');
    await loginAs(t.app, people.clerk);
    const lastMinute = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    expect(lastMinute).toMatchObject({ enteredOn: '2027-03-31', permitNo: t.permitNo });
    await t.app.ok('areas.visits.checkOut', { visitId: lastMinute.id, version: lastMinute.version, devicesOut: [], badgeReturned: null, remarks: '' });
    moveClockTo(t.app, '2027-04-01T00:00:00+09:00');
    const before = await doorState(t.app, [lastMinute.id]);
    const refused = await t.app.fail('areas.visits.checkIn', checkInInput(t));
    expect(refused).toMatchObject({ code: 'CONFLICT', messageKey: 'areas.errors.authorizationExpired', params: { name: outsider.name, permitNo: t.permitNo, validUntil: '2027-03-31' } });
    expect(await doorState(t.app, [lastMinute.id])).toBe(before);
  });
});
