import type { ChannelInput, ChannelOutput } from '../../../db/contract';
import type { OutsiderFields, PersonRef } from '../../../db/contract/areas';
import type { TestApp } from './backend';
import { disposalAppPerTest, type DisposalCast } from './disposal';
import { loginAs, people } from './holdings';

/**
 * The 取扱区域・入退室 tests' shared setup (issue #12), on the ledger organisation
 * (support/holdings.ts): 市民課 with 田中 (clerk, logs visits at the door), 鈴木 (officer), 山田
 * (manager, defines areas and grants authorizations), and 税務課 with 加藤 (clerk); 佐藤 is the
 * chief. `createArea` makes 市民課's 「サーバ室」 (情報システム室: outsiders escorted, devices
 * inspected in and out); `authorize` grants as 山田 unless told otherwise. Helpers log in as
 * whoever acts and leave them logged in.
 */
export type AreasCast = DisposalCast;

export interface AreasTest {
  app: TestApp;
  citizens: number;
  tax: number;
  cast: AreasCast;
}

/** A new app per test with the ledger organisation and the cast's user ids (left logged out). */
export function areasAppPerTest(use: (test: AreasTest) => void): void {
  disposalAppPerTest(use);
}

/** A contractor's engineer met at the door (MIC §35: identified by name and 所属). */
export const outsider: OutsiderFields = { name: '山田 太郎', kana: 'ヤマダ タロウ', affiliation: '株式会社テスト保守' };

/** The same outsider as a person reference of a form ('new': remembered, or reused if known). */
export const newOutsider: PersonRef = { kind: 'new', outsider };

/** 市民課's server room as the form would send it; the overrides say what a test cares about. */
export function areaInput(departmentId: number, overrides: Partial<ChannelInput<'areas.create'>> = {}): ChannelInput<'areas.create'> {
  return {
    departmentId,
    name: 'サーバ室',
    kind: 'systemRoom',
    location: '本庁舎3階',
    escortRequired: true,
    devicesIn: 'inspect',
    devicesOut: 'inspect',
    remarks: '',
    ...overrides,
  };
}

/** The 課等 of whoever is logged in. */
async function ownDepartment(app: TestApp): Promise<number> {
  return (await app.ok('session.current'))!.departmentId;
}

/**
 * Creates an area as `as` (山田, 市民課's manager, by default): 「サーバ室」 of their 課等 unless
 * the overrides say otherwise. Leaves `as` logged in.
 */
export async function createArea(
  app: TestApp,
  overrides: Partial<ChannelInput<'areas.create'>> = {},
  as: { loginId: string; password: string } = people.manager,
): Promise<ChannelOutput<'areas.create'>> {
  await loginAs(app, as);
  return app.ok('areas.create', areaInput(overrides.departmentId ?? (await ownDepartment(app)), overrides));
}

/** An authorization as the form would send it: 保守 of an outsider, valid from 2026-11-22 to the fiscal year's end. */
export function authorizationInput(
  departmentId: number,
  person: PersonRef,
  areaIds: number[],
  overrides: Partial<ChannelInput<'areas.authorizations.create'>> = {},
): ChannelInput<'areas.authorizations.create'> {
  return {
    departmentId,
    person,
    kind: person.kind === 'staff' ? 'staff' : 'maintenance',
    affiliation: '',
    areaIds,
    purpose: 'サーバの定期保守',
    validFrom: '2026-11-22',
    validUntil: '2027-03-31',
    permitNo: '',
    remarks: '',
    ...overrides,
  };
}

/** Grants an authorization as `as` (山田 by default) for their 課等 unless the overrides say otherwise. Leaves `as` logged in. */
export async function authorize(
  app: TestApp,
  person: PersonRef,
  areaIds: number[],
  overrides: Partial<ChannelInput<'areas.authorizations.create'>> = {},
  as: { loginId: string; password: string } = people.manager,
): Promise<ChannelOutput<'areas.authorizations.create'>> {
  await loginAs(app, as);
  return app.ok('areas.authorizations.create', authorizationInput(overrides.departmentId ?? (await ownDepartment(app)), person, areaIds, overrides));
}

/**
 * Moves the app's clock forward to `instant` (an ISO time, e.g. '2027-03-31T23:59:00+09:00').
 * A long move ends the session by inactivity: log in again afterwards.
 */
export function moveClockTo(app: TestApp, instant: string): void {
  const target = Date.parse(instant);
  if (target < app.clock.now()) throw new Error(`the clock only moves forward (${instant})`);
  app.clock.advance(target - app.clock.now());
}
