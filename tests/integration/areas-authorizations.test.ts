import { describe, expect, it } from 'vitest';
import { chief, type TestApp } from './support/backend';
import { areasAppPerTest, authorizationInput, authorize, createArea, moveClockTo, newOutsider, outsider, type AreasCast } from './support/areas';
import { lines, makeTaxManager, taxManager } from './support/auditWords';
import { editBehindTheApp } from './support/behindTheApp';
import { loginAs, people } from './support/holdings';

/**
 * 入室許可 (issue #12 item 2; MIC §35 「入室を認める者の範囲」; MIC §12-2): who grants, for whom,
 * which areas, the 許可番号, the period and its end at the fiscal year in the organisation's zone,
 * 取消し, the lists and the home cards, scope and 改ざん検査.
 */
describe('area authorizations', () => {
  let app: TestApp, citizens: number, tax: number, cast: AreasCast;
  areasAppPerTest((t) => ({ app, citizens, tax, cast } = t));

  it('a manager authorizes a contractor: the outsider is remembered, the 許可番号 is 年度-連番, the 所属 defaults to theirs', async () => {
    const room = await createArea(app);
    const archive = (await app.ok('areas.create', { ...authorizationArea(citizens), name: '書庫' })).id;
    const first = await authorize(app, newOutsider, [room.id, archive]);
    expect(first).toMatchObject({
      permitNo: 'R8-0001', departmentName: '市民課', personKind: 'outsider', personName: '山田 太郎', personKana: 'ヤマダ タロウ', kind: 'maintenance',
      affiliation: '株式会社テスト保守', state: 'valid', status: 'active', validUntil: '2027-03-31', grantedByName: people.manager.displayName, version: 1,
    });
    expect(first.areas.map((a) => a.name).sort()).toEqual(['サーバ室', '書庫'].sort());
    // The same outsider typed again (another width, spaces) is the same person; the next number follows.
    const second = await authorize(app, { kind: 'new', outsider: { name: '山田　太郎', kana: 'やまだ たろう', affiliation: '株式会社テスト保守' } }, [room.id], { kind: 'contractor', affiliation: '株式会社テスト保守 第二営業所' });
    expect(second).toMatchObject({ permitNo: 'R8-0002', personId: first.personId, affiliation: '株式会社テスト保守 第二営業所' });
    const got = await app.ok('areas.authorizations.get', { authorizationId: first.id });
    expect(got.history).toEqual([expect.objectContaining({ action: 'create', version: 1 })]);
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { pageSize: 20 });
    const created = log.rows.filter((r) => r.action === 'areas.authorization.create');
    expect(created).toHaveLength(2);
    // The access log says the permit by its number and person, its areas by name (not ids).
    const said = lines(created.at(-1)!).join('\n');
    expect(said).toContain('サーバ室');
    expect(said).toContain('書庫');
    expect(said).toContain('株式会社テスト保守');
    expect(log.rows.filter((r) => r.action === 'areas.person.create')).toHaveLength(1);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  function authorizationArea(departmentId: number) {
    return { departmentId, name: 'x', kind: 'archive' as const, location: '', escortRequired: true, devicesIn: 'allowed' as const, devicesOut: 'inspect' as const, remarks: '' };
  }

  it('a typed 許可番号 is folded and unique in any case; blank numbers pass over typed ones', async () => {
    const room = await createArea(app);
    expect(await authorize(app, newOutsider, [room.id], { permitNo: 'Ｒ８－０００１' })).toMatchObject({ permitNo: 'R8-0001' });
    // The counter passes over R8-0001, typed by hand.
    expect(await authorize(app, newOutsider, [room.id])).toMatchObject({ permitNo: 'R8-0002' });
    expect(await authorize(app, newOutsider, [room.id], { permitNo: 'abc-7' })).toMatchObject({ permitNo: 'abc-7' });
    for (const permitNo of ['ABC-7', 'r8-0002']) {
      const failure = await app.fail('areas.authorizations.create', authorizationInput(citizens, newOutsider, [room.id], { permitNo }));
      expect(failure.issues?.[0]).toMatchObject({ path: ['permitNo'], messageKey: 'areas.errors.permitNoTaken' });
    }
  });

  it('refuses, in words, what a permit may not be; nothing is written', async () => {
    const room = await createArea(app);
    await loginAs(app, chief);
    const taxRoom = (await app.ok('areas.create', authorizationArea(tax))).id;
    await loginAs(app, people.manager);
    const refused = async (input: Parameters<typeof authorizationInput>[3], person = newOutsider, areaIds = [room.id]) =>
      app.fail('areas.authorizations.create', authorizationInput(citizens, person, areaIds, input));
    expect((await refused({}, newOutsider, [999])).issues?.[0]).toMatchObject({ path: ['areaIds'], messageKey: 'areas.errors.unknownArea' });
    // Another 課等's area is to a manager as an id that does not exist (MIC §9; the chief is told why: adversarial-areas-register).
    expect((await refused({}, newOutsider, [taxRoom])).issues?.[0]).toMatchObject({ path: ['areaIds'], messageKey: 'areas.errors.unknownArea' });
    expect((await refused({}, newOutsider, [])).issues?.[0]?.messageKey).toBe('areas.errors.noAreas');
    expect((await refused({ kind: 'staff' })).issues?.[0]).toMatchObject({ path: ['kind'], messageKey: 'areas.errors.kindMismatch' });
    expect((await refused({ kind: 'maintenance' }, { kind: 'staff', userId: cast.clerk })).issues?.[0]?.messageKey).toBe('areas.errors.kindMismatch');
    expect((await refused({ validFrom: '2027-04-01', validUntil: '2027-03-31' })).issues?.[0]).toMatchObject({ path: ['validUntil'], messageKey: 'areas.errors.validUntilBeforeFrom' });
    // An outsider without 所属 (MIC §35 identification): refused by the form's schema.
    const noAffiliation = await refused({}, { kind: 'new', outsider: { ...outsider, affiliation: '' } });
    expect(noAffiliation.issues?.[0]).toMatchObject({ path: ['person', 'outsider', 'affiliation'], messageKey: 'validation.required' });
    // A 個人番号 in any text is refused before anything is read.
    expect((await refused({ purpose: '123456789018 の確認' })).issues?.[0]?.messageKey).toBe('validation.myNumber');
    expect((await refused({ kind: 'staff' }, { kind: 'known', personId: 999 })).messageKey).toBe('areas.errors.unknownPerson');
    expect((await app.ok('areas.authorizations.list', {})).total).toBe(0);
    // Nothing remembered either: the refused writes rolled back their new person.
    expect(await app.ok('areas.people.search', { text: '山田 太郎', kind: 'outsider' })).toEqual([]);
  });

  it('never to oneself (MIC §12-2); staff are authorized from the user list while their account is in force', async () => {
    const room = await createArea(app);
    const self = await app.fail('areas.authorizations.create', authorizationInput(citizens, { kind: 'staff', userId: cast.manager }, [room.id]));
    expect(self.issues?.[0]).toMatchObject({ path: ['person'], messageKey: 'areas.errors.grantToSelf' });
    const clerk = await authorize(app, { kind: 'staff', userId: cast.clerk }, [room.id]);
    expect(clerk).toMatchObject({ personKind: 'staff', personName: people.clerk.displayName, kind: 'staff', affiliation: '市民課' });
    // The chief may authorize the manager, who may not then edit their own permit.
    const managerPermit = await authorize(app, { kind: 'staff', userId: cast.manager }, [room.id], { departmentId: citizens }, chief);
    await loginAs(app, people.manager);
    const edit = await app.fail('areas.authorizations.update', { authorizationId: managerPermit.id, version: 1, fields: { ...fieldsOf(managerPermit), validUntil: '2028-03-31' } });
    expect(edit.issues?.[0]?.messageKey).toBe('areas.errors.grantToSelf');
    // An account past its 有効期限 is no one to let in (seed 004 case 4).
    await editBehindTheApp(app, (db) => db.prepare("UPDATE users SET valid_until = '2026-11-01' WHERE id = ?").run(cast.officer));
    await loginAs(app, people.manager);
    expect((await app.fail('areas.authorizations.create', authorizationInput(citizens, { kind: 'staff', userId: cast.officer }, [room.id]))).messageKey).toBe('areas.errors.personInactive');
  });

  function fieldsOf(a: { kind: 'staff' | 'contractor' | 'maintenance'; affiliation: string; areas: { id: number }[]; purpose: string; validFrom: string; validUntil: string; permitNo: string; remarks: string }) {
    return { kind: a.kind, affiliation: a.affiliation, areaIds: a.areas.map((x) => x.id), purpose: a.purpose, validFrom: a.validFrom, validUntil: a.validUntil, permitNo: a.permitNo, remarks: a.remarks };
  }

  it('edits keep the areas index with the row; a revoked permit is closed; 改ざん検査 names an index row added behind the app', async () => {
    const room = await createArea(app);
    const archive = (await app.ok('areas.create', { ...authorizationArea(citizens), name: '書庫' })).id;
    const permit = await authorize(app, newOutsider, [room.id]);
    const edited = await app.ok('areas.authorizations.update', { authorizationId: permit.id, version: 1, fields: { ...fieldsOf(permit), areaIds: [archive, room.id], permitNo: '' } });
    expect(edited).toMatchObject({ version: 2, permitNo: 'R8-0001' });
    expect((await app.ok('areas.authorizations.list', { areaId: archive })).rows.map((r) => r.id)).toEqual([permit.id]);
    const narrowed = await app.ok('areas.authorizations.update', { authorizationId: permit.id, version: 2, fields: { ...fieldsOf(permit), areaIds: [room.id] } });
    expect(narrowed.version).toBe(3);
    expect((await app.ok('areas.authorizations.list', { areaId: archive })).total).toBe(0);
    expect((await app.fail('areas.authorizations.update', { authorizationId: permit.id, version: 2, fields: fieldsOf(permit) })).messageKey).toBe('errors.staleVersion');
    const revoked = await app.ok('areas.authorizations.revoke', { authorizationId: permit.id, version: 3, reason: '契約終了' });
    expect(revoked).toMatchObject({ status: 'revoked', state: 'revoked', revokeReason: '契約終了', revokedByName: people.manager.displayName, version: 4 });
    expect((await app.fail('areas.authorizations.update', { authorizationId: permit.id, version: 4, fields: fieldsOf(permit) })).messageKey).toBe('areas.errors.authorizationRevoked');
    expect((await app.fail('areas.authorizations.revoke', { authorizationId: permit.id, version: 4, reason: '再度' })).messageKey).toBe('areas.errors.authorizationRevoked');
    const history = (await app.ok('areas.authorizations.get', { authorizationId: permit.id })).history;
    expect(history.map((h) => h.action)).toEqual(['revoke', 'update', 'update', 'create']);
    expect(history[0]).toMatchObject({ note: '契約終了', changes: [{ field: 'state', before: 'valid', after: 'revoked' }] });
    // A revoked permit opens nothing: the door sees no authorization at all.
    expect((await app.ok('areas.people.search', { text: 'やまだ', areaId: room.id }))[0]).toMatchObject({ personId: permit.personId, authorization: null });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    await editBehindTheApp(app, (db) => db.prepare('INSERT INTO area_authorization_areas (authorization_id, area_id) VALUES (?, ?)').run(permit.id, archive));
    expect((await app.ok('audit.verify')).findings).toEqual([
      expect.objectContaining({ kind: 'rowChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.areaAuthorizations', id: permit.id }), fieldKeys: ['authorizationFields.areaIds'] }),
    ]);
  });

  it('valid until 31 March opens the door until 23:59 that day in the organisation zone, and is 期限切れ at 00:00 on 1 April', async () => {
    const room = await createArea(app);
    const permit = await authorize(app, newOutsider, [room.id]);
    const hitAt = async (instant: string) => {
      moveClockTo(app, instant);
      await loginAs(app, people.clerk);
      return (await app.ok('areas.people.search', { text: 'ヤマダ', areaId: room.id }))[0]!;
    };
    expect((await hitAt('2027-03-31T23:59:00+09:00')).authorization).toMatchObject({ id: permit.id, state: 'expiring', validUntil: '2027-03-31' });
    expect((await hitAt('2027-04-01T00:00:00+09:00')).authorization).toMatchObject({ id: permit.id, state: 'expired' });
    await loginAs(app, people.manager);
    expect((await app.ok('areas.authorizations.list', { state: 'expired' })).rows.map((r) => r.id)).toEqual([permit.id]);
  });

  it('a permit not yet in force says so; the latest-ending permit is the one shown', async () => {
    const room = await createArea(app);
    const later = await authorize(app, newOutsider, [room.id], { validFrom: '2026-12-01', validUntil: '2027-03-31' });
    await loginAs(app, people.clerk);
    const [hit] = await app.ok('areas.people.search', { text: 'やまだ', areaId: room.id });
    expect(hit!.authorization).toMatchObject({ id: later.id, validFrom: '2026-12-01' });
    const now = await authorize(app, { kind: 'known', personId: later.personId }, [room.id], { validFrom: '2026-11-22', validUntil: '2026-11-30' });
    await loginAs(app, people.clerk);
    expect((await app.ok('areas.people.search', { text: 'やまだ', areaId: room.id }))[0]!.authorization).toMatchObject({ id: now.id, state: 'expiring' });
  });

  it('the lists: states, filters, text in any spelling, keyset pages; the home cards count what the list shows', async () => {
    const room = await createArea(app);
    const valid = await authorize(app, newOutsider, [room.id], { validUntil: '2027-06-30' });
    const soon = await authorize(app, { kind: 'new', outsider: { name: '佐々木 一', kana: 'ササキ ハジメ', affiliation: '株式会社ネット保守' } }, [room.id], { validUntil: '2026-12-10' });
    const expired = await authorize(app, { kind: 'new', outsider: { name: '高橋 二郎', kana: 'タカハシ ジロウ', affiliation: '委託システム株式会社' } }, [room.id], { validFrom: '2026-11-01', validUntil: '2026-11-21' });
    const staff = await authorize(app, { kind: 'staff', userId: cast.clerk }, [room.id], { validUntil: '2027-06-30' });
    const list = (f: object) => app.ok('areas.authorizations.list', f).then((p) => p.rows.map((r) => r.id));
    expect(await list({ state: 'valid' })).toEqual([valid.id, staff.id]);
    expect(await list({ state: 'expiring' })).toEqual([soon.id]);
    expect(await list({ state: 'expired' })).toEqual([expired.id]);
    expect(await list({ kind: 'staff' })).toEqual([staff.id]);
    for (const text of ['ささき', 'ｻｻｷ', 'ササキ', '佐々木', 'ネット保守', 'ｒ８－０００２']) expect(await list({ text })).toEqual([soon.id]);
    const firstPage = await app.ok('areas.authorizations.list', { pageSize: 3 });
    expect(firstPage.total).toBe(4);
    const next = await app.ok('areas.authorizations.list', { pageSize: 3, cursor: firstPage.nextCursor! });
    expect([...firstPage.rows, ...next.rows].map((r) => r.validUntil)).toEqual(['2026-11-21', '2026-12-10', '2027-06-30', '2027-06-30']);
    const cards = (await app.ok('home.cards', {})).cards;
    expect(cards.find((c) => c.id === 'areas.authorizationsExpiring')).toMatchObject({ count: 1, link: { screen: 'areas', tab: 'authorizations', filters: { state: 'expiring' } } });
    const expiredCard = cards.find((c) => c.id === 'areas.authorizationsExpired')!;
    expect(expiredCard).toMatchObject({ count: 1, link: { filters: { state: 'expired', expiredSince: '2026-10-23' } } });
    expect(await list(expiredCard.link.filters!)).toEqual([expired.id]);
    await loginAs(app, people.clerk);
    expect((await app.ok('home.cards', {})).cards.some((c) => c.id.startsWith('areas.authorizations'))).toBe(false);
  });

  it('scope (MIC §9): 税務課 manager neither reads nor grants 市民課 permits; the access log keeps 市民課 words from them', async () => {
    const room = await createArea(app);
    const permit = await authorize(app, newOutsider, [room.id]);
    await makeTaxManager(app, tax);
    await loginAs(app, taxManager);
    expect((await app.ok('areas.authorizations.list', {})).total).toBe(0);
    expect((await app.ok('areas.authorizations.list', { departmentId: citizens })).total).toBe(0);
    expect((await app.fail('areas.authorizations.get', { authorizationId: permit.id })).code).toBe('NOT_FOUND');
    expect((await app.fail('areas.authorizations.revoke', { authorizationId: permit.id, version: 1, reason: '誤り' })).code).toBe('NOT_FOUND');
    expect((await app.fail('areas.authorizations.create', authorizationInput(citizens, newOutsider, [room.id]))).issues?.[0]?.messageKey).toBe('validation.otherDepartment');
    expect((await app.fail('areas.people.search', { text: '', areaId: room.id })).code).toBe('NOT_FOUND');
    const log = await app.ok('audit.query', { pageSize: 100 });
    // Their own list reads are theirs; 山田's area and permit events are not shown to them.
    expect(log.rows.filter((r) => r.actorName !== taxManager.displayName && (r.action.startsWith('areas.authorization.') || r.action.startsWith('areas.area.')))).toEqual([]);
    await loginAs(app, people.clerk);
    expect((await app.fail('areas.authorizations.create', authorizationInput(citizens, newOutsider, [room.id]))).code).toBe('PERMISSION_DENIED');
    expect((await app.ok('areas.authorizations.list', {})).total).toBe(1);
  });
});
