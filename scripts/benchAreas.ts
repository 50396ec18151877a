/**
 * Issue #12 figures: the 入退室管理簿 of a few busy years — 20 areas in 4 課等, 10,000 outsiders
 * (name, よみ, 所属) and 300 staff accounts, 2,000 authorizations, and 1,000,000 visits over about three
 * years (≈ 46 a day per area), seeded by SQL in one transaction (the visits by one recursive CTE: no
 * history rows, no search or access-log events for them — only what the measured reads touch). Then
 * through the router: a check-in with its rules and access-log event, the open visits, the person
 * search as you type, the book's first list page; and, in process, the rows one day's and one
 * month's book print (query + rows + HTML, not Chromium), and the same through printBook's channel.
 */
import { addCalendarDays } from '../db/core/time';
import { localDateIn } from '../db/contract/timeZone';
import { personSearchKey } from '../db/features/areas/people';
import { bookVisits } from '../db/features/areas/bookRows';
import { lastDayOf } from '../db/features/areas/output';
import { renderAreaBook } from '../db/features/areas/print/book';
import { printedDay } from '../db/print/listDocument';
import type { LedgerActor } from '../db/ledger/record';
import type { Db } from '../db/store/database';
import { benchOrganization, inTempDir, openSeed, routerMeasure, type Call, type Format, type Line } from './benchSupport';

const areaCount = 20;
const outsiders = 10_000;
const staffUsers = 300;
const authorizations = 2_000;
const visits = 1_000_000;
const days = 3 * 365;
const zone = 'Asia/Tokyo';

const surnames: [string, string][] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'], ['井上', 'イノウエ'],
  ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'], ['山崎', 'ヤマザキ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'],
];
const givenNames: [string, string][] = [
  ['太郎', 'タロウ'], ['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['次郎', 'ジロウ'], ['健', 'ケン'], ['美咲', 'ミサキ'], ['翔太', 'ショウタ'], ['陽子', 'ヨウコ'],
  ['大輔', 'ダイスケ'], ['直子', 'ナオコ'], ['誠', 'マコト'], ['恵', 'メグミ'], ['拓也', 'タクヤ'], ['由美', 'ユミ'], ['浩', 'ヒロシ'], ['愛', 'アイ'],
];
const companies = ['株式会社テスト保守', '日本システム株式会社', '東和電算株式会社', '株式会社ミドリ情報', '北斗ネットワーク株式会社', '株式会社さくら設備'];

function nameOf(n: number): { name: string; kana: string } {
  const [s, sk] = surnames[n % surnames.length]!;
  const [g, gk] = givenNames[Math.floor(n / surnames.length) % givenNames.length]!;
  return { name: `${s} ${g}`, kana: `${sk} ${gk}` };
}

/** The section's folder goes when it ends, however it ends. */
export async function benchAreas(line: Line, fmt: Format): Promise<void> {
  await inTempDir('daicho-bench-areas-', async (dir) => {
    const { backend, call, password } = await benchOrganization(dir, {});
    try {
      await measure(call, password, dir, line, fmt);
    } finally {
      backend.close();
    }
  });
}

interface Seeded {
  departments: number[];
  chiefId: number;
  /** area id → its 課等. */
  areaDepartment: Map<number, number>;
  /** person id → the area their authorization opens (people 1 … authorizations). */
  authorizedArea: (personId: number) => number;
}

async function measure(call: Call, password: string, dir: string, line: Line, fmt: Format): Promise<void> {
  const departments: number[] = [];
  for (const name of ['情報政策課', '市民課', '税務課', '福祉課']) departments.push(((await call('departments.create', { name })) as { id: number }).id);
  const chiefId = ((await call('session.current', {})) as { userId: number }).userId;
  const today = localDateIn(Date.now(), zone);
  const t0 = performance.now();
  const { seed } = await openSeed(dir, password);
  let seeded: Seeded;
  try {
    seeded = seedAll(seed, departments, chiefId, today);
    line(`seed ${visits.toLocaleString()} visits (${days} days, ${areaCount} areas), ${outsiders.toLocaleString()} people, ${authorizations.toLocaleString()} authorizations`, `${fmt((performance.now() - t0) / 1000)} s`);
    measureBookRows(seed, seeded, today, line, fmt);
  } finally {
    seed.close();
  }
  await measureRouter(call, password, seeded, today, line, fmt);
}

function seedAll(seed: Db, departments: number[], chiefId: number, today: string): Seeded {
  const now = new Date().toISOString();
  const areaDepartment = new Map<number, number>();
  seed.transaction(() => {
    const user = seed.prepare(`INSERT INTO users (login_id, display_name, role, department_id, created_at) VALUES (?, ?, 'clerk', ?, ?)`);
    for (let i = 0; i < staffUsers; i++) user.run(`staff${i}`, nameOf(i * 7 + 3).name, departments[i % departments.length]!, now);
    const area = seed.prepare(
      `INSERT INTO areas (id, department_id, name, name_key, kind, location, escort_required, devices_in, devices_out, last_edited_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '本庁舎', ?, 'inspect', 'inspect', ?, ?, ?)`,
    );
    const kinds = ['systemRoom', 'management', 'handling', 'archive'] as const;
    for (let id = 1; id <= areaCount; id++) {
      const department = departments[id % departments.length]!;
      areaDepartment.set(id, department);
      area.run(id, department, `区域${id}`, `区域${id}`, kinds[id % kinds.length], id % kinds.length < 2 ? 1 : 0, chiefId, now, now);
    }
    const person = seed.prepare(
      `INSERT INTO area_people (id, kind, name, kana, affiliation, search_key, last_visit_at, last_edited_by, created_at, updated_at) VALUES (?, 'outsider', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let id = 1; id <= outsiders; id++) {
      const { name, kana } = nameOf(id);
      const affiliation = companies[id % companies.length]!;
      person.run(id, name, kana, affiliation, personSearchKey(name, kana, affiliation), id % 3 ? now : null, chiefId, now, now);
    }
    const authorization = seed.prepare(
      `INSERT INTO area_authorizations (id, permit_no, department_id, person_id, kind, affiliation, area_ids, valid_from, valid_until, granted_by, granted_at, last_edited_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'maintenance', ?, ?, '2024-04-01', ?, ?, ?, ?, ?, ?)`,
    );
    const opens = seed.prepare('INSERT INTO area_authorization_areas (authorization_id, area_id) VALUES (?, ?)');
    for (let id = 1; id <= authorizations; id++) {
      const areaId = (id % areaCount) + 1;
      authorization.run(id, `B-${id}`, areaDepartment.get(areaId)!, id, companies[id % companies.length]!, `[${areaId}]`, addCalendarDays(today, 365), chiefId, now, chiefId, now, now);
      opens.run(id, areaId);
    }
    seedVisits(seed, chiefId, today);
  })();
  return { departments, chiefId, areaDepartment, authorizedArea: (personId) => (personId % areaCount) + 1 };
}

/**
 * 1,000,000 closed visits in time order, ending yesterday: visit n enters area n % 20 at an even step
 * through the three years (the book's index is filled in order), stays 40 minutes; one in 40 has an
 * exception (a badge not returned), one in 80 of those not yet confirmed.
 */
function seedVisits(seed: Db, chiefId: number, today: string): void {
  const start = Date.parse(`${addCalendarDays(today, -days)}T00:00:00+09:00`) / 1000;
  const step = (days * 86_400 - 3_600) / visits;
  seed
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${visits}),
       s AS (SELECT i, (i % ${areaCount}) + 1 AS area_id, ((i * 7919) % ${outsiders}) + 1 AS person_id,
                    strftime('%Y-%m-%dT%H:%M:%fZ', ${start} + i * ${step}, 'unixepoch') AS at FROM n)
       INSERT INTO area_visits (id, area_id, department_id, person_id, person_kind, person_name, affiliation, purpose, escort_user_id, escort_name, badge_no,
         badge_returned, entered_at, entered_on, exited_at, status, close_kind, devices_in, devices_out, exceptions, has_exceptions, exception_confirmed_by,
         exception_confirmed_at, recorded_by, last_edited_by, created_at, updated_at)
       SELECT s.i, s.area_id, a.department_id, p.id, 'outsider', p.name, p.affiliation, 'サーバの定期保守', ?, '総括', 'V-' || (s.i % 50),
         CASE WHEN s.i % 40 = 0 THEN 0 ELSE 1 END, s.at, date(s.at, '+9 hours'), strftime('%Y-%m-%dT%H:%M:%fZ', s.at, '+40 minutes'), 'closed', 'checkout',
         CASE WHEN s.i % 3 = 0 THEN '[{"mediumId":null,"label":"保守用ノートPC","inspection":"passed"}]' ELSE '[]' END,
         CASE WHEN s.i % 3 = 0 THEN '[{"mediumId":null,"label":"保守用ノートPC","inspection":"passed","takeoutId":null}]' ELSE '[]' END,
         CASE WHEN s.i % 40 = 0 THEN '["badgeNotReturned"]' ELSE '[]' END, CASE WHEN s.i % 40 = 0 THEN 1 ELSE 0 END,
         CASE WHEN s.i % 40 = 0 AND s.i % 3200 <> 0 THEN ? END, CASE WHEN s.i % 40 = 0 AND s.i % 3200 <> 0 THEN s.at END, ?, ?, s.at, s.at
       FROM s JOIN areas a ON a.id = s.area_id JOIN area_people p ON p.id = s.person_id`,
    )
    .run(chiefId, chiefId, chiefId, chiefId);
}

/** A day's and a month's book as the print builds them: the rows (query + Visit) and the HTML (no Chromium). */
function measureBookRows(seed: Db, s: Seeded, today: string, line: Line, fmt: Format): void {
  const actor: LedgerActor = { userId: s.chiefId, name: '総括', role: 'chief', departmentId: s.departments[0]! };
  const day = printedDay(zone, false);
  const ctx = { organizationName: 'ベンチ市', printedAt: new Date().toISOString(), printedBy: '総括', timeZone: zone };
  const run = (label: string, target: string, filters: (i: number) => { areaId: number; from: string; to: string }, withHtml: boolean) => {
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < 220; i++) {
      const f = filters(i);
      const t = performance.now();
      const visitsRead = bookVisits(seed, actor, f, today);
      if (withHtml) renderAreaBook({ ...ctx, head: { areaName: `区域${f.areaId}`, kind: 'systemRoom', location: '本庁舎', departmentName: '市民課', period: 'day', when: f.from }, conditions: '', rows: visitsRead, day });
      if (i >= 20) samples.push(performance.now() - t);
      rows += visitsRead.length;
    }
    samples.sort((a, b) => a - b);
    line(`${label} (~${Math.round(rows / 220)} rows)`, `p50 ${fmt(samples[100]!)} / p95 ${fmt(samples[190]!)} ms`, target);
  };
  const oneDay = (i: number) => {
    const d = addCalendarDays(today, -1 - ((i * 37) % (days - 2)));
    return { areaId: (i % areaCount) + 1, from: d, to: d };
  };
  const oneMonth = (i: number) => {
    const m = addCalendarDays(today, -30 * (1 + (i % 34))).slice(0, 7);
    return { areaId: (i % areaCount) + 1, from: `${m}-01`, to: lastDayOf(m) };
  };
  run('one day\'s book of an area: query + rows (in process)', 'target p95 ≤ 15 ms', oneDay, false);
  run('one month\'s book of an area: query + rows (in process)', 'target p95 ≤ 50 ms', oneMonth, false);
  run('one day\'s book: query + rows + HTML (in process)', '', oneDay, true);
  run('one month\'s book: query + rows + HTML (in process)', '', oneMonth, true);
}

async function measureRouter(call: Call, password: string, s: Seeded, today: string, line: Line, fmt: Format): Promise<void> {
  const measureOne = routerMeasure(call, line, fmt);
  // A channel another part has not wired yet says so instead of ending the section.
  const m: typeof measureOne = async (label, target, make, runs) => {
    try {
      await measureOne(label, target, make, runs);
    } catch (error) {
      line(label, 'failed', (error as Error).message.slice(0, 120));
    }
  };
  await m('check-in: rules, authorization, access-log event (router)', 'target p95 ≤ 3 ms', (i) => {
    const personId = i + 1;
    const areaId = s.authorizedArea(personId);
    return ['areas.visits.checkIn', { areaId, person: { kind: 'known', personId }, purpose: '定期保守', escortUserId: s.chiefId, badgeNo: `B${i}`, devicesIn: i % 2 ? [{ label: '保守用ノートPC', inspection: 'passed' }] : [] }];
  });
  await m('now inside: open visits of an area (router)', 'target p95 ≤ 5 ms', (i) => ['areas.visits.inside', { areaId: (i % areaCount) + 1 }]);
  await m('now inside: every area (router)', 'target p95 ≤ 5 ms', () => ['areas.visits.inside', {}]);
  const typed = ['さ', 'さと', 'サトウ', 'さとうた', '佐', '佐藤', '佐藤 太', '山田太郎', 'ﾔﾏ', 'やまだ', 'テスト', '東和'];
  await m('person search as you type, 1–4 characters, kana and kanji (router)', 'target p95 ≤ 10 ms', (i) => ['areas.people.search', { text: typed[i % typed.length], areaId: (i % areaCount) + 1 }]);
  await m('入退室管理簿: first page of 50, newest first (router)', '', () => ['areas.visits.list', { pageSize: 50 }]);
  await m('入退室管理簿: first page of 50 of an area (router)', '', (i) => ['areas.visits.list', { areaId: (i % areaCount) + 1, pageSize: 50 }]);
  await m('入退室管理簿: a month of an area, exceptions only (router)', '', (i) => {
    const month = addCalendarDays(today, -30 * (1 + (i % 34))).slice(0, 7);
    return ['areas.visits.list', { areaId: (i % areaCount) + 1, from: `${month}-01`, to: lastDayOf(month), exceptionsOnly: true, pageSize: 50 }];
  });
  await call('auth.reauthenticate', { password });
  await m('one day\'s book through printBook (router; HTML, event; printer stubbed)', '', (i) => [
    'areas.visits.printBook',
    { areaId: (i % areaCount) + 1, period: 'day', day: addCalendarDays(today, -1 - ((i * 37) % (days - 2))), target: 'printer' },
  ], 60);
}
