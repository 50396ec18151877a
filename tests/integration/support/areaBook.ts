import type { ChannelOutput } from '../../../db/contract';
import type { OutsiderFields } from '../../../db/contract/areas';
import type { TestApp } from './backend';
import { loginAs, people } from './holdings';
import { authorize, createArea, newOutsider } from './areas';

/**
 * The 入退室管理簿 tests' visits (issue #12 item 6), all made through the door's channels as the clerk
 * would (never by SQL): 市民課's 「サーバ室」 with three authorized outsiders who enter and leave
 * again and again, so one area holds a few hundred visits over 2026-11-21 and 11-22 (the test
 * clock stands at 2026-11-22 10:00 JST; a check-in may be written down late back to yesterday 00:00).
 */
export type Visit = ChannelOutput<'areas.visits.checkIn'>;

export const moreOutsiders: OutsiderFields[] = [
  { name: '鈴木 一郎', kana: 'スズキ イチロウ', affiliation: '日本システム株式会社' },
  { name: '高橋 美咲', kana: 'たかはし みさき', affiliation: '株式会社ミドリ情報' },
];

export interface BookSetup {
  areaId: number;
  personIds: number[];
}

/** The server room and its three authorized outsiders (山田 grants; left logged in as 田中, the clerk at the door). */
export async function serverRoomWithVisitors(app: TestApp): Promise<BookSetup> {
  const area = await createArea(app);
  const personIds: number[] = [];
  for (const person of [newOutsider, ...moreOutsiders.map((outsider) => ({ kind: 'new' as const, outsider }))]) {
    personIds.push((await authorize(app, person, [area.id], { validFrom: '2026-11-01' })).personId);
  }
  await loginAs(app, people.clerk);
  return { areaId: area.id, personIds };
}

/** JST wall-clock time on a day of the test: '2026-11-21', '09:30' → the instant. */
export const jst = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`).toISOString();

/**
 * `rounds` rounds from `start`, `stepMinutes` apart: each person enters at the round's time (so
 * three visits share one entry time: ties for the keyset) and leaves again. The visits as returned.
 */
export async function recordRounds(
  app: TestApp,
  setup: BookSetup,
  escortUserId: number,
  options: { start: string; rounds: number; stepMinutes: number; purpose?: string },
): Promise<Visit[]> {
  const visits: Visit[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const enteredAt = new Date(Date.parse(options.start) + round * options.stepMinutes * 60_000).toISOString();
    const inside: Visit[] = [];
    for (const personId of setup.personIds) {
      inside.push(
        await app.ok('areas.visits.checkIn', { areaId: setup.areaId, person: { kind: 'known', personId }, purpose: options.purpose ?? 'サーバの定期保守', escortUserId, enteredAt }),
      );
    }
    for (const v of inside) {
      const exitedAt = new Date(Date.parse(enteredAt) + 60_000 * Math.max(1, options.stepMinutes - 1)).toISOString();
      visits.push(await app.ok('areas.visits.checkOut', { visitId: v.id, version: v.version, ...(Date.parse(exitedAt) <= app.clock.now() ? { exitedAt } : {}) }));
    }
  }
  return visits;
}

/** Visits in the book's order: entry time, then id. */
export function inOrderOfEntry(visits: readonly Visit[], direction: 'asc' | 'desc' = 'asc'): number[] {
  const sorted = [...visits].sort((a, b) => (a.enteredAt === b.enteredAt ? a.id - b.id : a.enteredAt < b.enteredAt ? -1 : 1));
  return (direction === 'asc' ? sorted : sorted.reverse()).map((v) => v.id);
}

/** The five visits of the book's filter and print tests (see bookScene). */
export interface BookScene {
  serverRoom: number;
  archive: number;
  yamada: number;
  suzuki: number;
  takahashi: number;
  /** 山田 in the server room 11-21 09:00–10:00 with a USB stick, badge not returned (an exception, confirmed). */
  v1: Visit;
  /** 鈴木 (staff) in the server room 11-21 13:00–13:30. */
  v2: Visit;
  /** 山田 in the archive 11-22 09:00, still inside. */
  v3: Visit;
  /** 高橋 in the server room 11-21 15:00, still inside (open since yesterday). */
  v4: Visit;
  /** 鈴木 in the archive 11-22 08:30–09:30, badge not returned (an exception, not confirmed). */
  v5: Visit;
}

/**
 * 市民課's server room (escort, devices inspected) and archive (書庫, devices allowed), 山田 and
 * 高橋 (outsiders) and 鈴木 (staff) authorized for both, five visits recorded by 田中 at the door,
 * v1's exception confirmed by 山田 課長. Left logged in as 山田 課長 (the manager).
 */
export async function bookScene(app: TestApp, cast: { officer: number; clerk: number }): Promise<BookScene> {
  const serverRoom = (await createArea(app)).id;
  const archive = (await createArea(app, { name: '書庫', kind: 'archive', location: '本庁舎地下1階', escortRequired: false, devicesIn: 'allowed', devicesOut: 'allowed' })).id;
  const areas = [serverRoom, archive];
  const from = { validFrom: '2026-11-01' };
  const yamada = (await authorize(app, newOutsider, areas, from)).personId;
  const takahashi = (await authorize(app, { kind: 'new', outsider: moreOutsiders[1]! }, areas, from)).personId;
  const suzuki = (await authorize(app, { kind: 'staff', userId: cast.officer }, areas, from)).personId;
  await loginAs(app, people.clerk);
  const enter = (areaId: number, personId: number, purpose: string, at: string, extra: Record<string, unknown> = {}) =>
    app.ok('areas.visits.checkIn', { areaId, person: { kind: 'known', personId }, purpose, enteredAt: at, ...extra });
  const leave = (v: Visit, at: string, extra: Record<string, unknown> = {}) => app.ok('areas.visits.checkOut', { visitId: v.id, version: v.version, exitedAt: at, ...extra });
  const usb = [{ label: 'USB-001', inspection: 'passed' as const }];
  const v1in = await enter(serverRoom, yamada, '=SUM(1) サーバの定期保守', jst('2026-11-21', '09:00'), { escortUserId: cast.officer, badgeNo: 'B-12', devicesIn: usb });
  const v1out = await leave(v1in, jst('2026-11-21', '10:00'), { devicesOut: usb, badgeReturned: false });
  const v2 = await leave(await enter(serverRoom, suzuki, 'バックアップ媒体の交換', jst('2026-11-21', '13:00')), jst('2026-11-21', '13:30'));
  const v4 = await enter(serverRoom, takahashi, 'ラック増設の下見', jst('2026-11-21', '15:00'), { escortUserId: cast.officer });
  const v5 = await leave(await enter(archive, suzuki, '保存文書の確認', jst('2026-11-22', '08:30'), { badgeNo: 'B-3' }), jst('2026-11-22', '09:30'), { badgeReturned: false });
  const v3 = await enter(archive, yamada, '文書箱の搬出立会い', jst('2026-11-22', '09:00'));
  await loginAs(app, people.manager);
  const v1 = await app.ok('areas.visits.confirmException', { visitId: v1out.id, version: v1out.version, note: '翌朝返却を確認' });
  return { serverRoom, archive, yamada, suzuki, takahashi, v1, v2, v3, v4, v5 };
}
