import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import type { Db } from '../../db/store/database';
import { authorize, createArea } from './support/areas';
import { makeTestApp, removeTestDir } from './support/backend';
import { bundleForNode } from './support/backup';
import { crashHarness, seededRandom } from './support/crashRun';
import { disposalCast } from './support/disposal';
import { ledgerOrganization, loginAs, people } from './support/holdings';

/**
 * Adversarial (X4): "crashes at any moment leave usable data" at the door (issue #12 items 3–5).
 * A child process running the real backend is SIGKILLed while it checks a visitor in (five devices
 * inspected), checks one out, or closes the day for two. Afterwards the folder opens, 改ざん検査 is
 * clean, and each step happened whole (row, history, event) or not at all. Seeded:
 * DAICHO_CRASH_SEED=<n> repeats a run.
 */
const seed = Number(process.env.DAICHO_CRASH_SEED ?? randomInt(2 ** 31));
const rounds = Number(process.env.DAICHO_CRASH_ROUNDS ?? 4);

let script: string;
const crash = crashHarness('daicho-acrash-', () => script);
const folders = crash.folders;

type Mode = 'checkIn' | 'checkOut' | 'closeDay';
let dir: string;
let inputs: Record<Mode, unknown>;
/** The open visits the check-out and the day close act on, and the person the check-in lets in. */
let open: { first: number; second: number; newcomer: number };

const engineer = (n: number) => ({ kind: 'new' as const, outsider: { name: `技師 ${n}号`, kana: '', affiliation: '株式会社クラッシュ保守' } });

beforeAll(async () => {
  script = await bundleForNode('tests/integration/support/areaCrashChild.ts');
  // The child runs on the system clock: the data is made on it too.
  const app = makeTestApp({ startAt: Date.now() });
  folders.push(app.outDir);
  const departments = await ledgerOrganization(app);
  const cast = await disposalCast(app, departments);
  const area = await createArea(app);
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  const valid = { validFrom: '2026-01-01', validUntil: `${Number(today.slice(0, 4)) + 1}-03-31` };
  const permits = [];
  for (const n of [1, 2, 3]) permits.push(await authorize(app, engineer(n), [area.id], valid));
  await loginAs(app, people.clerk);
  const visit = (personId: number): ChannelInput<'areas.visits.checkIn'> => ({
    areaId: area.id,
    person: { kind: 'known', personId },
    purpose: 'サーバの定期保守',
    escortUserId: cast.officer,
    badgeNo: '',
    devicesIn: [],
    remarks: '',
  });
  const first = await app.ok('areas.visits.checkIn', visit(permits[0]!.personId));
  const second = await app.ok('areas.visits.checkIn', visit(permits[1]!.personId));
  await app.ok('auth.logout');
  app.close();
  dir = app.dir;
  folders.push(dir);
  open = { first: first.id, second: second.id, newcomer: permits[2]!.personId };
  inputs = {
    checkIn: { ...visit(permits[2]!.personId), badgeNo: 'B-7', devicesIn: [1, 2, 3, 4, 5].map((n) => ({ label: `私物PC-${n}`, inspection: 'passed' })) },
    checkOut: { visitId: first.id, version: first.version, devicesOut: [], badgeReturned: null, remarks: '' },
    closeDay: { areaId: area.id, visitIds: [first.id, second.id], reason: '退室記録漏れ（警備員が退館を確認）' },
  };
}, 120_000);

const channels: Record<Mode, string> = { checkIn: 'areas.visits.checkIn', checkOut: 'areas.visits.checkOut', closeDay: 'areas.visits.closeDay' };

function runChild(mode: Mode, killAfterMs: number | null) {
  return crash.runChild(script, dir, mode, (copy) => [copy, people.clerk.loginId, people.clerk.password, channels[mode], JSON.stringify(inputs[mode])], killAfterMs);
}

const reopenAndCheck = crash.reopenAndCheck;

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
const events = (db: Db, action: string) => count(db, 'SELECT count(*) FROM audit_events WHERE action = ?', action);
const steps = (db: Db, visitId: number, action: string) => count(db, 'SELECT count(*) FROM area_visit_history WHERE visit_id = ? AND action = ?', visitId, action);
const statusOf = (db: Db, visitId: number) => db.prepare('SELECT status FROM area_visits WHERE id = ?').pluck().get(visitId) as string;

const checks: Record<Mode, (db: Db, where: string, acked: boolean) => boolean> = {
  checkIn(db, where, acked) {
    const ids = db.prepare('SELECT id FROM area_visits WHERE person_id = ?').pluck().all(open.newcomer) as number[];
    const done = ids.length === 1;
    if (acked) expect(done, where).toBe(true);
    expect(ids.length, where).toBeLessThanOrEqual(1);
    expect(events(db, 'areas.visit.checkIn'), where).toBe(done ? 3 : 2);
    if (done) {
      expect(JSON.parse(db.prepare('SELECT devices_in FROM area_visits WHERE id = ?').pluck().get(ids[0]) as string), where).toHaveLength(5);
      expect(count(db, 'SELECT count(*) FROM area_visit_history WHERE visit_id = ?', ids[0]), where).toBe(1);
    }
    return done;
  },
  checkOut(db, where, acked) {
    const done = statusOf(db, open.first) !== 'inside';
    if (acked) expect(done, where).toBe(true);
    expect([steps(db, open.first, 'checkOut'), events(db, 'areas.visit.checkOut')], where).toEqual(done ? [1, 1] : [0, 0]);
    expect(statusOf(db, open.second), where).toBe('inside');
    return done;
  },
  closeDay(db, where, acked) {
    const statuses = [statusOf(db, open.first), statusOf(db, open.second)];
    const done = statuses[0] !== 'inside';
    if (acked) expect(done, where).toBe(true);
    // Both or neither: one write closes the chosen visits.
    expect(statuses[1] !== 'inside', where).toBe(done);
    expect([steps(db, open.first, 'dayClose'), steps(db, open.second, 'dayClose'), events(db, 'areas.visit.dayClose')], where).toEqual(done ? [1, 1, 1] : [0, 0, 0]);
    return done;
  },
};

describe('SIGKILL in the middle of a step at the door', () => {
  for (const mode of ['checkIn', 'checkOut', 'closeDay'] as const) {
    it(`leaves the ${mode} whole or not at all, with a clean 改ざん検査 (seed ${seed})`, { timeout: 240_000 }, async () => {
      const random = seededRandom(seed ^ mode.length);
      const measured = await runChild(mode, null);
      expect(measured.stderr, `${mode}: measuring run`).toBe('');
      expect(measured.ackAt, mode).not.toBeNull();
      await reopenAndCheck(measured.dir, `seed ${seed}, ${mode} measured`, (db) => expect(checks[mode](db, mode, true)).toBe(true));
      const stepMs = measured.ackAt! - measured.readyAt!;
      for (let round = 0; round < rounds; round++) {
        const where = `seed ${seed}, ${mode} round ${round}`;
        const run = await runChild(mode, random() * stepMs * 2);
        expect(run.stderr, where).toBe('');
        await reopenAndCheck(run.dir, where, (db) => void checks[mode](db, where, run.ackAt !== null));
        removeTestDir(run.dir);
      }
    });
  }
});
