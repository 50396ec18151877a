import { describe, expect, it } from 'vitest';
import { chief, type TestApp } from './support/backend';
import { areaInput, areasAppPerTest, authorize, createArea, newOutsider, type AreasCast } from './support/areas';
import { makeTaxManager, taxManager } from './support/auditWords';
import { editBehindTheApp } from './support/behindTheApp';
import { loginAs, people } from './support/holdings';

/**
 * 区域 (issue #12 item 1; MIC §19: the 保護管理者 defines the areas; MIC §35: escort and devices
 * rules): who may define them, one name however typed, scope, retirement while someone is inside,
 * and 改ざん検査 over the rows.
 */
describe('areas register', () => {
  let app: TestApp, citizens: number, tax: number, cast: AreasCast;
  areasAppPerTest((t) => ({ app, citizens, tax, cast } = t));

  it('a manager defines an area of their 課等 with its rules; the history and the access log say so', async () => {
    const area = await createArea(app);
    expect(area).toMatchObject({ name: 'サーバ室', departmentId: citizens, departmentName: '市民課', kind: 'systemRoom', escortRequired: true, devicesIn: 'inspect', devicesOut: 'inspect', active: true, insideCount: 0, version: 1, lastEditedBy: people.manager.displayName });
    const got = await app.ok('areas.get', { areaId: area.id });
    expect(got.history).toEqual([expect.objectContaining({ action: 'create', version: 1, userName: people.manager.displayName })]);
    expect(got.history[0]!.changes.map((c) => c.field)).toContain('escortRequired');
    const updated = await app.ok('areas.update', { areaId: area.id, version: 1, fields: areaInput(citizens, { devicesIn: 'prohibited', location: '本庁舎地下1階' }) });
    expect(updated).toMatchObject({ version: 2, devicesIn: 'prohibited', location: '本庁舎地下1階' });
    // Saving the same fields again changes nothing (no version, no history).
    expect(await app.ok('areas.update', { areaId: area.id, version: 2, fields: areaInput(citizens, { devicesIn: 'prohibited', location: '本庁舎地下1階' }) })).toMatchObject({ version: 2 });
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { pageSize: 10 });
    expect(log.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['areas.area.create', 'areas.area.update']));
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('one name in the organisation, however it is typed; a stale form is refused', async () => {
    const area = await createArea(app);
    for (const name of ['サーバ室', 'ｻｰﾊﾞ室', 'サーバ 室', 'サーバ\u200b室']) {
      const failure = await app.fail('areas.create', areaInput(citizens, { name }));
      expect(failure.issues).toEqual([expect.objectContaining({ path: ['name'], messageKey: 'areas.errors.areaNameTaken', params: { name: 'サーバ室' } })]);
    }
    // The chief cannot make another 「サーバ室」 in 税務課 either: one name organisation-wide.
    await loginAs(app, chief);
    expect((await app.fail('areas.create', areaInput(tax))).issues?.[0]?.messageKey).toBe('areas.errors.areaNameTaken');
    const archive = await app.ok('areas.create', areaInput(tax, { name: '書庫', kind: 'archive' }));
    expect((await app.fail('areas.update', { areaId: archive.id, version: 1, fields: areaInput(tax, { name: 'サーバ室' }) })).issues?.[0]?.messageKey).toBe('areas.errors.areaNameTaken');
    await loginAs(app, people.manager);
    await app.ok('areas.update', { areaId: area.id, version: 1, fields: areaInput(citizens, { remarks: '施錠' }) });
    expect((await app.fail('areas.update', { areaId: area.id, version: 1, fields: areaInput(citizens) })).messageKey).toBe('errors.staleVersion');
  });

  it('scope (MIC §9): 税務課 manager neither reads nor writes 市民課 areas; clerks read their own; only areas.grant writes', async () => {
    const area = await createArea(app);
    await makeTaxManager(app, tax);
    await loginAs(app, taxManager);
    expect(await app.ok('areas.list', {})).toEqual([]);
    expect(await app.ok('areas.list', { departmentId: citizens })).toEqual([]);
    expect((await app.fail('areas.get', { areaId: area.id })).code).toBe('NOT_FOUND');
    expect((await app.fail('areas.update', { areaId: area.id, version: 1, fields: areaInput(tax) })).code).toBe('NOT_FOUND');
    expect((await app.fail('areas.retire', { areaId: area.id, version: 1, reason: '移転' })).code).toBe('NOT_FOUND');
    expect((await app.fail('areas.create', areaInput(citizens, { name: '税務課の書庫' }))).issues?.[0]?.messageKey).toBe('validation.otherDepartment');
    await loginAs(app, people.clerk);
    expect((await app.ok('areas.list', {})).map((a) => a.name)).toEqual(['サーバ室']);
    expect((await app.fail('areas.create', areaInput(citizens, { name: '別室' }))).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.otherClerk);
    expect(await app.ok('areas.list', {})).toEqual([]);
    await loginAs(app, chief);
    expect((await app.ok('areas.list', {})).map((a) => a.name)).toEqual(['サーバ室']);
  });

  it('an unknown area is said so; bad input (個人番号 in text, a bad kind) is refused and nothing is written', async () => {
    await loginAs(app, people.manager);
    expect((await app.fail('areas.get', { areaId: 999 })).messageKey).toBe('areas.errors.unknownArea');
    expect((await app.fail('areas.create', areaInput(citizens, { remarks: '番号 123456789018 の書類' }))).issues?.[0]?.messageKey).toBe('validation.myNumber');
    const bad = await app.send('areas.create', { ...areaInput(citizens), kind: 'kitchen' });
    expect(bad.ok).toBe(false);
    expect(await app.ok('areas.list', { includeRetired: true })).toEqual([]);
  });

  it('retire is refused while someone is inside; a retired area takes no new permit; reactivate brings it back', async () => {
    const area = await createArea(app);
    // A visit left open (the door's part, helper B): written here as the row the door writes.
    await editBehindTheApp(app, (db) => {
      const person = db.prepare("INSERT INTO area_people (kind, name, affiliation, search_key, last_edited_by, created_at, updated_at) VALUES ('outsider', 'X', 'Y', 'x|y', ?, 'now', 'now')").run(cast.manager).lastInsertRowid;
      db.prepare(
        `INSERT INTO area_visits (area_id, department_id, person_id, person_kind, person_name, purpose, entered_at, entered_on, recorded_by, last_edited_by, created_at, updated_at)
         VALUES (?, ?, ?, 'outsider', 'X', '保守', '2026-11-22T01:00:00Z', '2026-11-22', ?, ?, 'now', 'now')`,
      ).run(area.id, citizens, person, cast.manager, cast.manager);
    });
    await loginAs(app, people.manager);
    expect((await app.ok('areas.get', { areaId: area.id })).area.insideCount).toBe(1);
    expect((await app.fail('areas.retire', { areaId: area.id, version: 1, reason: '移転' })).messageKey).toBe('areas.errors.areaHasVisitors');
    expect((await app.ok('areas.get', { areaId: area.id })).area).toMatchObject({ active: true, version: 1 });
  });

  it('retire and reactivate: the history, the list filter and the permit form follow', async () => {
    const area = await createArea(app);
    const retired = await app.ok('areas.retire', { areaId: area.id, version: 1, reason: '庁舎移転のため' });
    expect(retired).toMatchObject({ active: false, version: 2 });
    expect(await app.ok('areas.list', {})).toEqual([]);
    expect((await app.ok('areas.list', { includeRetired: true })).map((a) => a.id)).toEqual([area.id]);
    expect((await app.fail('areas.retire', { areaId: area.id, version: 2, reason: '再度' })).messageKey).toBe('areas.errors.areaRetired');
    await loginAs(app, people.manager);
    const refused = await app.fail('areas.authorizations.create', {
      departmentId: citizens, person: newOutsider, kind: 'maintenance', affiliation: '', areaIds: [area.id], purpose: '', validFrom: '2026-11-22', validUntil: '2027-03-31', permitNo: '', remarks: '',
    });
    expect(refused.issues?.[0]).toMatchObject({ path: ['areaIds'], messageKey: 'areas.errors.areaRetired' });
    const back = await app.ok('areas.reactivate', { areaId: area.id, version: 2 });
    expect(back).toMatchObject({ active: true, version: 3 });
    const history = (await app.ok('areas.get', { areaId: area.id })).history;
    expect(history.map((h) => h.action)).toEqual(['reactivate', 'retire', 'create']);
    expect(history[1]!.note).toBe('庁舎移転のため');
    await authorize(app, newOutsider, [area.id]);
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('the 課等 of an area with an open permit does not change; 改ざん検査 names an area edited behind the app', async () => {
    const area = await createArea(app);
    await authorize(app, newOutsider, [area.id]);
    await loginAs(app, chief);
    const moved = await app.fail('areas.update', { areaId: area.id, version: 1, fields: areaInput(tax) });
    expect(moved.issues?.[0]).toMatchObject({ path: ['departmentId'], messageKey: 'areas.errors.areaNotInDepartment' });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE areas SET devices_in = 'allowed' WHERE id = ?").run(area.id));
    const findings = (await app.ok('audit.verify')).findings;
    expect(findings).toEqual([expect.objectContaining({ kind: 'rowChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.areas', id: area.id }), fieldKeys: ['areaFields.devicesIn'] })]);
  });
});
