import { beforeEach, expect } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../db/contract';
import { chief, type TestApp } from './backend';
import { areasAppPerTest, authorize, createArea, newOutsider, type AreasTest } from './areas';
import { loginAs, people } from './holdings';

/**
 * The door tests' shared setup (issue #12 items 3–5): 市民課's サーバ室 (outsiders escorted, devices
 * inspected in and out), 山田 太郎 of 株式会社テスト保守 authorized for it until 2027-03-31, and the
 * clerk 田中 at the door. The app's clock starts 2026-11-22 10:00 JST (support/backend.ts).
 */
export interface DoorTest extends AreasTest {
  areaId: number;
  /** The authorized outsider's person id. */
  personId: number;
  permitNo: string;
}

/** A fresh app per test with the area and the authorization; the clerk is logged in when the test body runs. */
export function doorAppPerTest(use: (test: DoorTest) => void, area: Partial<ChannelInput<'areas.create'>> = {}): void {
  let base: AreasTest;
  areasAppPerTest((t) => {
    base = t;
  });
  // Registered after areasAppPerTest's own hooks: the organisation and the cast are there.
  beforeEach(async () => {
    const created = await createArea(base.app, area);
    const granted = await authorize(base.app, newOutsider, [created.id]);
    await loginAs(base.app, people.clerk);
    use({ ...base, areaId: created.id, personId: granted.personId, permitNo: granted.permitNo });
  });
}

/** A check-in as the door form sends it: the authorized outsider, escorted by the officer, no devices. */
export function checkInInput(t: DoorTest, overrides: Partial<ChannelInput<'areas.visits.checkIn'>> = {}): ChannelInput<'areas.visits.checkIn'> {
  return {
    areaId: t.areaId,
    person: { kind: 'known', personId: t.personId },
    purpose: 'サーバの定期保守',
    escortUserId: t.cast.officer,
    badgeNo: '',
    devicesIn: [],
    remarks: '',
    ...overrides,
  };
}

export function checkOutInput(visit: { id: number; version: number }, overrides: Partial<ChannelInput<'areas.visits.checkOut'>> = {}): ChannelInput<'areas.visits.checkOut'> {
  return { visitId: visit.id, version: visit.version, devicesOut: [], badgeReturned: null, remarks: '', ...overrides };
}

/** Whoever is logged in now, to come back to after a look as the chief. */
async function whoIsIn(app: TestApp): Promise<{ loginId: string; password: string } | undefined> {
  const who = await app.ok('session.current');
  return [...Object.values(people), chief].find((p) => p.loginId === who?.loginId);
}

const readActions = new Set(['areas.visit.inside', 'areas.visit.view', 'areas.visit.list', 'areas.authorization.list', 'areas.authorization.view']);

/**
 * What a refused step must leave alone, read as the chief: the open visits, the visits named, and
 * every change event of the areas (and failed logins) in the access log.
 */
export async function doorState(app: TestApp, visitIds: readonly number[] = []): Promise<string> {
  const back = await whoIsIn(app);
  await loginAs(app, chief);
  const inside = await app.ok('areas.visits.inside', {});
  const visits = await Promise.all(visitIds.map((visitId) => app.ok('areas.visits.get', { visitId })));
  const events = (await app.ok('audit.query', { pageSize: 200 })).rows.filter((e) => e.action.startsWith('areas.') && !readActions.has(e.action));
  const people = await app.ok('areas.people.search', { text: '' });
  const snapshot = JSON.stringify({ inside, visits, people, events: events.map((e) => [e.seq, e.action]) });
  if (back) await loginAs(app, back);
  return snapshot;
}

/** 改ざん検査 as the chief: every visit and history row agrees with the access log. */
export async function expectTamperCheckClean(app: TestApp): Promise<void> {
  await loginAs(app, chief);
  expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
}

export type Visit = ChannelOutput<'areas.visits.checkIn'>;
