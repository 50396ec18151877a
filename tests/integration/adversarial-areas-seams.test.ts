import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, Failure } from '../../db/contract';
import type { Db } from '../../db/store/database';
import { hasJapaneseLabel } from '../../db/print/labels';
import { checkInInput, checkOutInput, doorAppPerTest, doorState, expectTamperCheckClean, type DoorTest } from './support/areaDoor';
import { areaInput, authorizationInput, authorize, createArea } from './support/areas';
import { lines, makeTaxManager, taxManager } from './support/auditWords';
import { chief, reauth } from './support/backend';
import { passphrase } from './support/backup';
import { editBehindTheApp } from './support/behindTheApp';
import { loginAs, people } from './support/holdings';

/**
 * Adversarial (X4): the seams of 取扱区域・入退室 (issue #12) — a month at the door read back through
 * the access log in words (and hidden from another 課等's manager, MIC §9), each area table edited
 * with the key and named by 改ざん検査, a backup that carries the area tables back, and a hostile
 * renderer's raw calls refused in Japanese with nothing changed.
 */
let t: DoorTest;
doorAppPerTest((test) => {
  t = test;
});

/** A second engineer, whose words must not reach 税務課 (MIC §9). */
const engineer = { kind: 'new' as const, outsider: { name: '北辰 太一', kana: 'ホクシン タイチ', affiliation: '株式会社北辰保守' } };
const secrets = ['北辰 太一', '株式会社北辰保守', 'UPS交換作業', '退室記録漏れ（警備員確認）', '記録庫', '私物ノートPC-7'];

/** A month at the door: every kind of area event once, as its own role would do it. */
async function month() {
  const { app } = t;
  const archive = await createArea(app, { name: '記録庫', kind: 'archive', escortRequired: false, devicesIn: 'allowed', devicesOut: 'allowed' });
  await app.ok('areas.update', { areaId: archive.id, version: archive.version, fields: areaInput(t.citizens, { name: '記録庫', kind: 'archive', location: '地下1階', escortRequired: false, devicesIn: 'allowed', devicesOut: 'allowed' }) });
  const permit = await authorize(app, engineer, [t.areaId, archive.id], { purpose: 'UPS交換作業' });
  const { person: _person, departmentId: _department, ...fields } = authorizationInput(t.citizens, engineer, [t.areaId, archive.id], { purpose: 'UPS交換作業', remarks: '延長なし' });
  const updated = await app.ok('areas.authorizations.update', { authorizationId: permit.id, version: permit.version, fields });
  await loginAs(app, people.clerk);
  const known = { kind: 'known' as const, personId: permit.personId };
  const devices = [{ label: '私物ノートPC-7', inspection: 'passed' as const }];
  const a = await app.ok('areas.visits.checkIn', checkInInput(t, { person: known, purpose: 'UPS交換作業', badgeNo: 'B-1', devicesIn: devices }));
  t.app.clock.advance(60_000);
  await app.ok('areas.visits.checkOut', checkOutInput(a, { devicesOut: devices, badgeReturned: true }));
  const b = await app.ok('areas.visits.checkIn', checkInInput(t, { person: known, purpose: 'UPS交換作業' }));
  await app.ok('areas.visits.closeDay', { areaId: t.areaId, visitIds: [b.id], reason: '退室記録漏れ（警備員確認）' });
  const helper = await app.ok('areas.people.create', { name: '北辰 次郎', kana: '', affiliation: '株式会社北辰保守' });
  await app.ok('areas.people.update', { personId: helper.id, version: helper.version, fields: { name: '北辰 次郎', kana: 'ホクシン ジロウ', affiliation: '株式会社北辰保守 東京支店' } });
  await loginAs(app, people.manager);
  const closed = (await app.ok('areas.visits.get', { visitId: b.id })).visit;
  await app.ok('areas.visits.confirmException', { visitId: b.id, version: closed.version, note: '警備記録と照合' });
  await app.ok('areas.authorizations.revoke', { authorizationId: permit.id, version: updated.version, reason: '契約終了' });
  const spare = await createArea(app, { name: '予備室', kind: 'handling' });
  const retired = await app.ok('areas.retire', { areaId: spare.id, version: spare.version, reason: '統合' });
  await app.ok('areas.reactivate', { areaId: spare.id, version: retired.version });
  // The reads a manager makes through the screens, with their filters, sort and page.
  await app.ok('areas.visits.inside', { areaId: t.areaId });
  const page = await app.ok('areas.visits.list', { areaId: t.areaId, from: '2026-11-01', to: '2026-11-30', exceptionsOnly: true, sort: 'enteredAt', direction: 'asc', pageSize: 1 });
  if (page.nextCursor) await app.ok('areas.visits.list', { areaId: t.areaId, sort: 'enteredAt', direction: 'asc', pageSize: 1, cursor: page.nextCursor });
  await app.ok('areas.authorizations.list', { text: '北辰', sort: 'validUntil', direction: 'desc' });
  await app.ok('areas.authorizations.get', { authorizationId: permit.id });
  await reauth(app, people.manager.password);
  app.saveAnswer.path = path.join(app.outDir, 'visits.csv');
  await app.ok('areas.visits.exportCsv', { filters: { areaId: t.areaId } });
  app.saveAnswer.path = path.join(app.outDir, 'permits.csv');
  await app.ok('areas.authorizations.exportCsv', { filters: {} });
  await app.ok('areas.visits.printBook', { areaId: t.areaId, period: 'day', day: '2026-11-22', target: 'pdf' });
  return { room: t.areaId, permit: permit.id, a: a.id, b: b.id };
}

const areaEvent = (e: AuditEvent) => e.action.startsWith('areas.') || (e.targetType ?? '').startsWith('area');

describe('a month at the door in the access log', () => {
  it('reads every area event in Japanese words: no key of the code, no その他, no JSON', async () => {
    await month();
    await loginAs(t.app, chief);
    const rows = (await t.app.ok('audit.query', { pageSize: 200 })).rows.filter(areaEvent);
    const actions = new Set(rows.map((e) => e.action));
    for (const a of ['areas.area.create', 'areas.person.create', 'areas.area.update', 'areas.area.retire', 'areas.area.reactivate', 'areas.person.update', 'areas.authorization.create',
      'areas.authorization.update', 'areas.authorization.revoke', 'areas.authorization.export', 'areas.visit.checkIn', 'areas.visit.checkOut', 'areas.visit.dayClose',
      'areas.visit.confirmException', 'areas.visit.view', 'areas.visit.inside', 'areas.visit.list', 'areas.authorization.list', 'areas.authorization.view', 'areas.visit.export', 'areas.visit.printBook']) {
      expect(actions, a).toContain(a);
    }
    for (const e of rows) {
      for (const p of e.words) {
        expect(p.label && 'key' in p.label && hasJapaneseLabel(p.label.key), `${e.action} ${JSON.stringify(p.label)}`).toBe(true);
        expect(p.label, `${e.action}: a detail without its own words`).not.toEqual({ key: 'auditDetail.other' });
      }
      for (const l of lines(e)) expect(l, `${e.action}: ${l}`).not.toMatch(/^[A-Za-z_.]+:|\{"|\[object|undefined|null|areas\.|visitFields\./);
    }
    // The log's CSV says each area action and target type in words too, never the code's name.
    await reauth(t.app, chief.password);
    t.app.saveAnswer.path = path.join(t.app.outDir, 'log.csv');
    await t.app.ok('audit.exportCsv', { reason: '入退室管理の点検' });
    const csv = readFileSync(t.app.saveAnswer.path, 'utf8');
    expect(csv).toContain('一括退室');
    expect(csv).not.toMatch(/areas\.[a-z]+\.[a-zA-Z]+|area_visit|area_authorization|auditDetail|その他:/);
  });

  it("tells a manager of 税務課 nothing of 市民課's visits, people or permits, in the log or in 改ざん検査", async () => {
    await month();
    await makeTaxManager(t.app, t.tax);
    await loginAs(t.app, taxManager);
    const everything = JSON.stringify((await t.app.ok('audit.query', { pageSize: 200 })).rows);
    for (const s of secrets) expect(everything, s).not.toContain(s);
    await editBehindTheApp(t.app, (db) => db.prepare("UPDATE area_visits SET purpose = '書換え' WHERE purpose = 'UPS交換作業'").run());
    await loginAs(t.app, taxManager);
    const check = JSON.stringify(await t.app.ok('audit.verify'));
    for (const s of secrets) expect(check, s).not.toContain(s);
  });
});

/** Each area table edited with the key after the month, and what 改ざん検査 must name. */
const edits: [string, (db: Db, ids: Awaited<ReturnType<typeof month>>) => void, string][] = [
  ['a closed visit with an exception deleted (its history too)', (db, ids) => {
    db.exec('DROP TRIGGER area_visit_history_no_delete');
    db.prepare('DELETE FROM area_visit_history WHERE visit_id = ?').run(ids.b);
    db.prepare('DELETE FROM area_visits WHERE id = ?').run(ids.b);
  }, 'tamperFindings.ledgers.areaVisits'],
  ['exited_at moved', (db, ids) => void db.prepare("UPDATE area_visits SET exited_at = '2026-11-22T02:00:00.000Z' WHERE id = ?").run(ids.a), 'tamperFindings.ledgers.areaVisits'],
  ['the exception list emptied', (db, ids) => void db.prepare("UPDATE area_visits SET exceptions = '[]', has_exceptions = 0 WHERE id = ?").run(ids.b), 'tamperFindings.ledgers.areaVisits'],
  ['valid_until extended', (db, ids) => void db.prepare("UPDATE area_authorizations SET valid_until = '2029-03-31' WHERE id = ?").run(ids.permit), 'tamperFindings.ledgers.areaAuthorizations'],
  ['area_ids and its index widened together', (db, ids) => {
    const spare = db.prepare("SELECT id FROM areas WHERE name = '予備室'").pluck().get() as number;
    const list = JSON.parse(db.prepare('SELECT area_ids FROM area_authorizations WHERE id = ?').pluck().get(ids.permit) as string) as number[];
    db.prepare('UPDATE area_authorizations SET area_ids = ? WHERE id = ?').run(JSON.stringify([...list, spare].sort((x, y) => x - y)), ids.permit);
    db.prepare('INSERT INTO area_authorization_areas (authorization_id, area_id) VALUES (?, ?)').run(ids.permit, spare);
  }, 'tamperFindings.ledgers.areaAuthorizations'],
  ['an index row added behind the log', (db, ids) => {
    const spare = db.prepare("SELECT id FROM areas WHERE name = '予備室'").pluck().get() as number;
    db.prepare('INSERT INTO area_authorization_areas (authorization_id, area_id) VALUES (?, ?)').run(ids.permit, spare);
  }, 'tamperFindings.ledgers.areaAuthorizations'],
  ['a person renamed', (db) => void db.prepare("UPDATE area_people SET name = '別人 次郎' WHERE name = '北辰 太一'").run(), 'tamperFindings.ledgers.areaPeople'],
  ['an area’s rule loosened', (db, ids) => void db.prepare("UPDATE areas SET devices_out = 'allowed', escort_required = 0 WHERE id = ?").run(ids.room), 'tamperFindings.ledgers.areas'],
];

describe('改ざん検査 of every area table edited with the key', () => {
  it.each(edits)('names it: %s', async (what, change, ledger) => {
    const ids = await month();
    await expectTamperCheckClean(t.app);
    await editBehindTheApp(t.app, (db) => change(db, ids));
    const result = await t.app.ok('audit.verify');
    expect(result.ok, what).toBe(false);
    expect((result.findings ?? []).map((f) => f.params?.ledger), `${what}: ${JSON.stringify(result.findings)}`).toContain(ledger);
  });
});

const areaTables = ['areas', 'area_history', 'area_people', 'area_authorizations', 'area_authorization_areas', 'area_authorization_history', 'area_visits', 'area_visit_history'];

describe('backup and restore of the month', () => {
  it('brings every area table back as it was, and 改ざん検査 is clean', async () => {
    const ids = await month();
    const tables = async () => {
      const out: Record<string, unknown[]> = {};
      await editBehindTheApp(t.app, (db) => {
        for (const table of areaTables) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all();
      });
      return out;
    };
    const before = await tables();
    expect(Object.entries(before).filter(([, rows]) => rows.length === 0).map(([table]) => table)).toEqual([]);
    await reauth(t.app, chief.password);
    t.app.saveAnswer.path = path.join(t.app.outDir, 'month.daicho-backup');
    await t.app.ok('backup.export', { passphrase, passphraseConfirm: passphrase });
    // After the backup: a visit the restore must undo.
    await loginAs(t.app, people.clerk);
    const later = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    await loginAs(t.app, chief);
    await reauth(t.app, chief.password);
    t.app.openAnswer.path = t.app.saveAnswer.path;
    const preview = await t.app.ok('backup.restore.open', { passphrase });
    await t.app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    await loginAs(t.app, chief);
    expect(await tables()).toEqual(before);
    await expectTamperCheckClean(t.app);
    expect(await t.app.fail('areas.visits.get', { visitId: later.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.app.ok('areas.visits.get', { visitId: ids.b })).visit).toMatchObject({ status: 'closed', closeKind: 'dayClose', exceptions: ['closedAtDayEnd'] });
  });
});

/** Every message key of a refusal: the failure's own and its issues'. */
const keysOf = (f: Failure) => [f.messageKey, ...(f.issues ?? []).map((i) => i.messageKey)];

describe('a hostile renderer', () => {
  it('is refused in Japanese, with nothing changed: extra fields, wrong types, huge arrays, prototype keys', async () => {
    const open = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    const before = await doorState(t.app, [open.id]);
    const device = { label: 'USB', inspection: 'passed' };
    const calls: [string, unknown][] = [
      ['areas.visits.checkIn', { ...checkInInput(t), status: 'closed' }],
      ['areas.visits.checkIn', { ...checkInInput(t), areaId: String(t.areaId) }],
      ['areas.visits.checkIn', { ...checkInInput(t), person: { kind: 'known', personId: t.personId, userId: 1 } }],
      ['areas.visits.checkIn', { ...checkInInput(t), devicesIn: Array.from({ length: 100_000 }, () => device) }],
      ['areas.visits.checkIn', { ...checkInInput(t), devicesIn: [{ ...device, mediumId: 1 }] }],
      ['areas.visits.checkIn', JSON.parse(`{"__proto__": {"exceptions": ["x"]}, ${JSON.stringify(checkInInput(t)).slice(1)}`)],
      ['areas.visits.checkIn', { ...checkInInput(t), constructor: { prototype: { admin: true } } }],
      ['areas.visits.checkIn', { ...checkInInput(t), exceptionApproval: { loginId: people.manager.loginId, password: people.manager.password, note: 'x', approvedBy: 1 } }],
      ['areas.visits.checkOut', { ...checkOutInput(open), version: '1' }],
      ['areas.visits.checkOut', { ...checkOutInput(open), exitedAt: 'yesterday' }],
      ['areas.visits.checkOut', { ...checkOutInput(open), status: 'closed' }],
      ['areas.visits.closeDay', { areaId: t.areaId, visitIds: Array.from({ length: 50_000 }, () => open.id), reason: '終業' }],
      ['areas.visits.closeDay', { areaId: t.areaId, visitIds: [open.id], reason: '終業', closeKind: 'checkOut' }],
      ['areas.visits.closeDay', { areaId: t.areaId, visitIds: `[${open.id}]`, reason: '終業' }],
      ['areas.people.search', { text: 'x'.repeat(10_000) }],
      ['areas.people.update', { personId: t.personId, version: 1, fields: { name: '別人', kana: '', affiliation: '偽', kind: 'staff' } }],
    ];
    for (const [channel, input] of calls) {
      const failure = await t.app.fail(channel as never, input as never);
      expect(failure.code, `${channel} ${JSON.stringify(input).slice(0, 120)}`).toBe('INVALID_INPUT');
      for (const key of keysOf(failure)) expect(hasJapaneseLabel(key), `${channel}: ${key}`).toBe(true);
    }
    expect(await doorState(t.app, [open.id])).toBe(before);
  });
});
