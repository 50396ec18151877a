import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chief, createUser, makeTestApp, reauth, removeTestDir, setUpOrganization, type TestApp } from './support/backend';
import type { EventRow } from '../../db/core/audit';
import { databaseKeyFromPassword, openWithRawKey } from './support/documentedFormat';

let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

/** Opens the file as an insider with the key and a SQLCipher tool would, bypassing the app. */
function insider(a: TestApp) {
  return openWithRawKey(path.join(a.dir, 'daicho.db'), databaseKeyFromPassword(path.join(a.dir, 'keyring.json'), chief.loginId, chief.password));
}

async function withHistory(): Promise<TestApp> {
  const a = makeTestApp();
  await setUpOrganization(a);
  await createUser(a, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
  // A later lock loosens a guard: a reason, and the password createUser just re-entered (issue #9 item 4).
  await a.ok('settings.update', { idleLockMinutes: 10, reason: '窓口業務のため' });
  await a.ok('users.list', {});
  return a;
}

describe('access log', () => {
  it('records every change and every read of personal data, chained from the first event', async () => {
    app = await withHistory();
    const { rows, total } = await app.ok('audit.query', { pageSize: 100 });
    const actions = rows.map((r) => r.action).reverse();
    expect(actions.slice(0, 3)).toEqual(['setup.initialize', 'department.create', 'user.create']);
    expect(actions).toEqual(expect.arrayContaining(['auth.reauthenticate', 'user.create', 'settings.update', 'users.view']));
    expect(rows[0]!.action).toBe('users.view');
    expect(total).toBe(rows.length);
    // The query itself is an audited read, committed with it: the next page shows it.
    expect((await app.ok('audit.query', { pageSize: 1 })).rows[0]).toMatchObject({ action: 'audit.view', detail: { query: { pageSize: 100, page: 1 } } });
    const settingsEvent = rows.find((r) => r.action === 'settings.update')!;
    expect(settingsEvent.detail).toEqual({ before: { idleLockMinutes: 5 }, after: { idleLockMinutes: 10 }, weakened: ['idleLockMinutes'], reason: '窓口業務のため' });
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, firstBroken: null, checked: total + 2 });
  });

  it('refuses UPDATE and DELETE on the log even with the key', async () => {
    app = await withHistory();
    app.close();
    const db = insider(app);
    expect(() => db.prepare(`UPDATE audit_events SET actor_name = 'x' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
    db.close();
  });

  it('names the first altered event when the triggers were dropped and a record edited', async () => {
    app = await withHistory();
    app.close();
    const db = insider(app);
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare(`UPDATE audit_events SET detail = json_set(detail, '$.after.role', 'auditor') WHERE seq = 3`).run();
    db.close();
    app = makeTestApp({ dir: app.dir });
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    expect(await app.ok('audit.verify')).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'hash' } });
  });

  it('notices a deleted event, and a re-hashed event by its successor', async () => {
    app = await withHistory();
    app.close();
    let db = insider(app);
    db.exec('DROP TRIGGER audit_events_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq = 4').run();
    db.close();
    app = makeTestApp({ dir: app.dir });
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    expect((await app.ok('audit.verify')).firstBroken).toEqual({ seq: 4, reason: 'gap' });
    app.close();

    const other = await withHistory();
    other.close();
    db = insider(other);
    db.exec('DROP TRIGGER audit_events_no_update');
    // A careful forger recomputes event 2's own hash; event 3 was hashed over the old one.
    const { eventContent, eventHash } = await import('../../db/core/audit');
    const row = db.prepare('SELECT * FROM audit_events WHERE seq = 2').get() as EventRow;
    const prevHash = (db.prepare('SELECT hex(hash) FROM audit_events WHERE seq = 1').pluck().get() as string).toLowerCase();
    const detail = JSON.stringify({ after: { name: '改ざん課' } });
    const hash = eventHash(prevHash, eventContent(2, row.at, row.actor_user_id, row.actor_name, row.action, row.target_type, row.target_id, detail));
    db.prepare('UPDATE audit_events SET detail = ?, hash = ? WHERE seq = 2').run(detail, hash);
    db.close();
    app = makeTestApp({ dir: other.dir });
    await app.ok('auth.login', { loginId: 'sato', password: chief.password });
    expect((await app.ok('audit.verify')).firstBroken).toEqual({ seq: 3, reason: 'hash' });
    removeTestDir(other.dir);
  });
});

describe('access log: reviews and CSV export', () => {
  it('records reviews with the chain head they saw, and keeps them unchangeable', async () => {
    app = await withHistory();
    const review = await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-11-22', findings: '異常なし' });
    const verification = await app.ok('audit.verify');
    expect(review).toMatchObject({ chainOk: true, reviewerName: chief.displayName, findings: '異常なし' });
    expect(review.reviewedThroughSeq).toBeLessThan(verification.headSeq);
    expect((await app.ok('audit.reviews.list'))[0]?.id).toBe(review.id);
    const bad = await app.fail('audit.reviews.create', { periodFrom: '2026-11-22', periodTo: '2026-11-01', findings: '' });
    expect(bad.issues?.[0]).toMatchObject({ path: ['periodTo'], messageKey: 'validation.dateRangeOrder' });
    app.close();
    const db = insider(app);
    expect(() => db.prepare(`UPDATE audit_reviews SET findings = '' `).run()).toThrow(/append-only/);
    db.close();
  });

  it('exports CSV for Excel through the bulk-export guard, and logs the reason', async () => {
    app = await withHistory();
    await app.ok('settings.update', { bulkExportThreshold: 5 });
    const target = path.join(app.outDir, 'アクセス記録.csv');
    app.saveAnswer.path = target;
    app.clock.advance(6 * 60_000); // the password re-entered for creating a user has expired
    expect((await app.fail('audit.exportCsv', {})).code).toBe('REAUTH_REQUIRED');
    await reauth(app, chief.password);
    const refused = await app.fail('audit.exportCsv', {});
    expect(refused.code).toBe('BULK_EXPORT_REASON_REQUIRED');
    expect(refused.params).toMatchObject({ threshold: 5 });
    const { rowCount } = await app.ok('audit.exportCsv', { reason: '監査対応のため' });
    const bytes = readFileSync(target);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('連番,日時,利用者ID,利用者,操作,対象種別,対象ID,対象,詳細,ハッシュ');
    expect(lines.filter(Boolean)).toHaveLength(rowCount + 1);
    // Times are the office's (Japan) wall clock with the offset written out, to the millisecond:
    // setup happened at 01:00 UTC, 10:00 in Japan, and each converts back to the stored instant.
    expect(lines[1]).toMatch(/^1,2026-11-22T10:00:00\.000\+09:00,,/);
    const stored = new Map((await app.ok('audit.query', { pageSize: 200 })).rows.map((e) => [e.seq, e.at]));
    for (const line of lines.slice(1, rowCount + 1)) {
      const [seq, at] = line.split(',');
      expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/);
      expect(new Date(at!).toISOString()).toBe(stored.get(Number(seq)));
    }
    const log = await app.ok('audit.query', { action: 'audit.export' });
    expect(log.rows[0]!.detail).toMatchObject({ bulk: true, reason: '監査対応のため', rowCount });
    // The user cancels the save dialog: nothing is written, nothing is logged as exported.
    app.saveAnswer.path = null;
    expect((await app.fail('audit.exportCsv', { reason: '再出力' })).code).toBe('CANCELLED');
    expect((await app.ok('audit.query', { action: 'audit.export' })).total).toBe(1);
  });

  it("writes the CSV's times in the organisation's time zone, whatever the terminal's", async () => {
    app = await withHistory();
    await reauth(app, chief.password);
    await app.ok('settings.update', { timeZone: 'America/New_York', reason: '時刻帯の確認' });
    app.saveAnswer.path = path.join(app.outDir, 'access-log.csv');
    await app.ok('audit.exportCsv', { reason: '時刻帯の確認' });
    const lines = readFileSync(app.saveAnswer.path, 'utf8').slice(1).split('\r\n');
    // 01:00 UTC on 22 November is 20:00 the evening before in New York (EST, UTC−5).
    expect(lines[1]).toMatch(/^1,2026-11-21T20:00:00\.000-05:00,,/);
  });
});

describe('access log: search by period, person and action', () => {
  it('filters by period, person and action prefix, paged in SQL', async () => {
    app = await withHistory();
    const all = await app.ok('audit.query', { pageSize: 200 });
    const byChief = await app.ok('audit.query', { actorUserId: 1, pageSize: 200 });
    expect(byChief.rows.every((r) => r.actorUserId === 1)).toBe(true);
    const users = await app.ok('audit.query', { action: 'user.', pageSize: 200 });
    expect(users.rows.every((r) => r.action.startsWith('user.'))).toBe(true);
    // Reads add audit.view events as we go; events about accounts stay put between queries.
    const page1 = await app.ok('audit.query', { targetType: 'user', page: 1, pageSize: 3 });
    const page2 = await app.ok('audit.query', { targetType: 'user', page: 2, pageSize: 3 });
    expect(page1.total).toBe(page2.total);
    expect(page1.rows).toHaveLength(3);
    expect(page2.rows).toHaveLength(page1.total - 3);
    expect(page2.rows[0]!.seq).toBeLessThan(page1.rows[2]!.seq);
    expect(all.total).toBeGreaterThan(page1.total);
    expect((await app.ok('audit.query', { from: '2026-11-23' })).total).toBe(0);
    const reversed = await app.fail('audit.query', { from: '2026-11-23', to: '2026-11-01' });
    expect(reversed.issues?.[0]?.messageKey).toBe('validation.dateRangeOrder');
  });

  it('keeps its time from running backwards when the clock is set back, and says so', async () => {
    app = await withHistory();
    const before = (await app.ok('audit.query', { pageSize: 1 })).rows[0]!;
    app.clock.advance(-3600_000);
    await app.ok('departments.create', { name: '時計確認係' });
    const event = (await app.ok('audit.query', { action: 'department.create', pageSize: 1 })).rows[0]!;
    expect(event.at >= before.at).toBe(true);
    expect(event.detail.clockBehindMs).toBeGreaterThanOrEqual(3600_000);
    // Periods still select by time: the whole day, and nothing before it.
    const day = await app.ok('audit.query', { from: '2026-11-22', to: '2026-11-22', pageSize: 200 });
    expect(day.total).toBeGreaterThanOrEqual(event.seq - 1);
    expect((await app.ok('audit.query', { to: '2026-11-21' })).total).toBe(0);
    expect((await app.ok('audit.verify')).ok).toBe(true);
  });
});
