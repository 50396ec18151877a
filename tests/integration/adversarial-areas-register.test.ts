import { describe, expect, it } from 'vitest';
import { fiscalYearEnd } from '../../renderer/features/areas/fiscalYear';
import { chief, reauth, type TestApp } from './support/backend';
import { areaInput, areasAppPerTest, authorizationInput, authorize, createArea, newOutsider, outsider, type AreasCast } from './support/areas';
import { lines, makeTaxManager, taxManager } from './support/auditWords';
import { editBehindTheApp } from './support/behindTheApp';
import { loginAs, people } from './support/holdings';

/**
 * The register of issue #12 (区域, 入退室者, 入室許可, the search as you type) attacked as an
 * insider, a hostile renderer, a careless clerk and an inspector would: granting to oneself by any
 * route (MIC §12-2), another 課等's areas and permits through every channel (MIC §9), look-alike
 * names and numbers, a permit re-aimed by renaming its person, dates, races, SQL behind the app.
 */
describe('areas register, adversarial', () => {
  let app: TestApp, citizens: number, tax: number, cast: AreasCast;
  areasAppPerTest((t) => ({ app, citizens, tax, cast } = t));

  const permitFields = (a: { kind: 'staff' | 'contractor' | 'maintenance'; affiliation: string; areas: { id: number }[]; purpose: string; validFrom: string; validUntil: string; permitNo: string; remarks: string }) => ({
    kind: a.kind, affiliation: a.affiliation, areaIds: a.areas.map((x) => x.id), purpose: a.purpose, validFrom: a.validFrom, validUntil: a.validUntil, permitNo: a.permitNo, remarks: a.remarks,
  });

  it('never to oneself by any route: own account, own person row, an 「outsider」 with one’s own name however spelled', async () => {
    const room = await createArea(app);
    // The chief authorizes 山田, which gives 山田 a staff person row.
    const own = await authorize(app, { kind: 'staff', userId: cast.manager }, [room.id], { departmentId: citizens }, chief);
    await loginAs(app, people.manager);
    const refused = (person: Parameters<typeof authorizationInput>[1], kind: 'staff' | 'maintenance' = 'maintenance') =>
      app.fail('areas.authorizations.create', authorizationInput(citizens, person, [room.id], { kind })).then((f) => f.issues?.[0]?.messageKey ?? f.messageKey);
    expect(await refused({ kind: 'staff', userId: cast.manager }, 'staff')).toBe('areas.errors.grantToSelf');
    expect(await refused({ kind: 'known', personId: own.personId }, 'staff')).toBe('areas.errors.grantToSelf');
    for (const name of ['山田 課長', '山田　課長', '山田課長', '山田\u200b課長', ' 山田  課長 ']) {
      expect(await refused({ kind: 'new', outsider: { name, kana: '', affiliation: '株式会社テスト保守' } }), name).toBe('areas.errors.grantToOwnName');
    }
    // Nothing was remembered by the refused writes.
    expect(await app.ok('areas.people.search', { text: '課長', kind: 'outsider' })).toEqual([]);
    // The chief is no exception.
    await loginAs(app, chief);
    const chiefAsOutsider = await app.fail('areas.authorizations.create', authorizationInput(citizens, { kind: 'new', outsider: { name: '佐藤　一郎', kana: '', affiliation: '委託先' } }, [room.id]));
    expect(chiefAsOutsider.issues?.[0]).toMatchObject({ path: ['person'], messageKey: 'areas.errors.grantToOwnName' });
    // A permitted outsider renamed to the granter's own name afterwards: refused too.
    const permit = await authorize(app, newOutsider, [room.id]);
    const renamed = await app.fail('areas.people.update', { personId: permit.personId, version: 1, fields: { ...outsider, name: '山田 課長' } });
    expect(renamed.issues?.[0]).toMatchObject({ path: ['name'], messageKey: 'areas.errors.grantToOwnName' });
    // Nor is a permit's person swapped by an edit: the form has no such field, and a hostile renderer's is refused.
    const swapped = await app.call('areas.authorizations.update', { authorizationId: permit.id, version: 1, fields: { ...permitFields(permit), person: { kind: 'known', personId: own.personId } } } as never);
    expect(swapped).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('a permit is not re-aimed by renaming its person: only whoever grants it may change the name or 所属', async () => {
    const room = await createArea(app);
    const permit = await authorize(app, newOutsider, [room.id]);
    const rename = (version: number, name = '偽者 次郎') => app.call('areas.people.update', { personId: permit.personId, version, fields: { ...outsider, name } });
    await makeTaxManager(app, tax);
    for (const who of [people.otherClerk, taxManager, people.clerk]) {
      await loginAs(app, who);
      expect(await rename(1), who.loginId).toMatchObject({ ok: false, code: 'CONFLICT', messageKey: 'areas.errors.personHasPermits' });
      const moved = await app.call('areas.people.update', { personId: permit.personId, version: 1, fields: { ...outsider, affiliation: '別会社' } });
      expect(moved).toMatchObject({ ok: false, messageKey: 'areas.errors.personHasPermits' });
    }
    // The よみ is no identity: a clerk corrects it.
    await loginAs(app, people.clerk);
    expect(await app.ok('areas.people.update', { personId: permit.personId, version: 1, fields: { ...outsider, kana: 'やまだ たろー' } })).toMatchObject({ version: 2, kana: 'ヤマダ タロー' });
    await loginAs(app, people.manager);
    expect((await app.ok('areas.authorizations.get', { authorizationId: permit.id })).authorization.personName).toBe('山田 太郎');
    // 山田, who grants it, corrects a typo; once revoked, the person is anyone's to correct again.
    expect(await rename(2, '山田 太朗')).toMatchObject({ ok: true, data: { name: '山田 太朗', version: 3 } });
    await app.ok('areas.authorizations.revoke', { authorizationId: permit.id, version: 1, reason: '契約終了' });
    await loginAs(app, people.otherClerk);
    expect(await rename(3, '山田 太郎')).toMatchObject({ ok: true });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('another 課等’s area or permit answers as an id that does not exist, on every register channel (no existence oracle)', async () => {
    const room = await createArea(app);
    const theirs = await authorize(app, newOutsider, [room.id]);
    await makeTaxManager(app, tax);
    await loginAs(app, taxManager);
    const same = async (call: (areaId: number) => Promise<unknown>) => {
      const [other, unknown] = [await call(room.id), await call(999_999)];
      expect(other).toEqual(unknown);
      return other;
    };
    expect(await same((areaId) => app.fail('areas.get', { areaId }))).toMatchObject({ code: 'NOT_FOUND', messageKey: 'areas.errors.unknownArea' });
    await same((areaId) => app.fail('areas.update', { areaId, version: 1, fields: areaInput(tax, { name: '会議室' }) }));
    await same((areaId) => app.fail('areas.retire', { areaId, version: 1, reason: '移転' }));
    await same((areaId) => app.fail('areas.reactivate', { areaId, version: 1 }));
    await same((areaId) => app.fail('areas.people.search', { text: '', areaId }));
    const permitOf = async (call: (authorizationId: number) => Promise<unknown>) => expect(await call(theirs.id)).toEqual(await call(999_999));
    await permitOf((authorizationId) => app.fail('areas.authorizations.get', { authorizationId }));
    await permitOf((authorizationId) => app.fail('areas.authorizations.revoke', { authorizationId, version: 1, reason: '誤り' }));
    await permitOf((authorizationId) => app.fail('areas.authorizations.update', { authorizationId, version: 1, fields: { ...permitFields(theirs), areaIds: [1] } }));
    const permit = await same((areaId) => app.fail('areas.authorizations.create', authorizationInput(tax, newOutsider, [areaId])));
    expect(permit).toMatchObject({ issues: [{ path: ['areaIds'], messageKey: 'areas.errors.unknownArea' }] });
    // A manager's permit opens the areas of one 課等: their own room beside another 課等's is refused as unknown.
    const taxRoom = await app.ok('areas.create', areaInput(tax, { name: '税務書庫', kind: 'archive' }));
    await same((areaId) => app.fail('areas.authorizations.create', authorizationInput(tax, newOutsider, [taxRoom.id, areaId])));
    // The chief, who sees both, is told why.
    await loginAs(app, chief);
    const mixed = await app.fail('areas.authorizations.create', authorizationInput(tax, newOutsider, [taxRoom.id, room.id]));
    expect(mixed.issues?.[0]?.messageKey).toBe('areas.errors.areaNotInDepartment');
  });

  it('area names that print alike are one name: dashes of every kind, width, spaces, invisible characters', async () => {
    await createArea(app, { name: 'B1-書庫', kind: 'archive' });
    for (const name of ['B1ー書庫', 'B1−書庫', 'B1‐書庫', 'Ｂ１－書庫', 'B1 - 書庫', 'B1ｰ書庫', 'B1\u2060-書庫']) {
      const failure = await app.fail('areas.create', areaInput(citizens, { name, kind: 'archive' }));
      expect(failure.issues, name).toEqual([expect.objectContaining({ path: ['name'], messageKey: 'areas.errors.areaNameTaken', params: { name: 'B1-書庫' } })]);
    }
    // サーバ室 and サーバー室 are two words, as the issue allows.
    await app.ok('areas.create', areaInput(citizens));
    expect(await app.ok('areas.create', areaInput(citizens, { name: 'サーバー室' }))).toMatchObject({ name: 'サーバー室' });
  });

  it('permit numbers collide in any case, width or dash; a counter set back by SQL never issues a number twice', async () => {
    const room = await createArea(app);
    const typed = await authorize(app, newOutsider, [room.id], { permitNo: 'abc-7' });
    for (const permitNo of ['ＡＢＣ－７', 'ａｂｃー７', 'Abc−7', 'aBc‐7', 'abc\u200b-7']) {
      const failure = await app.fail('areas.authorizations.create', authorizationInput(citizens, newOutsider, [room.id], { permitNo }));
      expect(failure.issues?.[0], permitNo).toMatchObject({ path: ['permitNo'], messageKey: 'areas.errors.permitNoTaken' });
    }
    const first = await authorize(app, newOutsider, [room.id]);
    const second = await authorize(app, newOutsider, [room.id]);
    expect([first.permitNo, second.permitNo]).toEqual(['R8-0001', 'R8-0002']);
    // An edit to another permit's number, in another spelling, is refused as well.
    const clash = await app.fail('areas.authorizations.update', { authorizationId: typed.id, version: 1, fields: { ...permitFields(typed), permitNo: 'ｒ８ー０００１' } });
    expect(clash.issues?.[0]).toMatchObject({ path: ['permitNo'], messageKey: 'areas.errors.permitNoTaken' });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE record_numbers SET last = 1 WHERE series = 'areas:permit'").run());
    await loginAs(app, people.manager);
    expect((await authorize(app, newOutsider, [room.id])).permitNo).toBe('R8-0003');
  });

  it('dates: until before from on an edit, days that do not exist or are out of range; the default is the fiscal year end', async () => {
    const room = await createArea(app);
    const permit = await authorize(app, newOutsider, [room.id]);
    const edit = (over: object) => app.fail('areas.authorizations.update', { authorizationId: permit.id, version: 1, fields: { ...permitFields(permit), ...over } });
    expect((await edit({ validFrom: '2027-04-01' })).issues?.[0]).toMatchObject({ path: ['validUntil'], messageKey: 'areas.errors.validUntilBeforeFrom' });
    for (const [validUntil, key] of [['2027-02-29', 'validation.invalidDate'], ['2201-01-01', 'validation.dateOutOfRange'], ['2027-3-31', 'validation.invalidDate'], ['２０２７-０３-３１', 'validation.invalidDate']] as const) {
      expect((await edit({ validUntil })).issues?.[0], validUntil).toMatchObject({ path: ['fields', 'validUntil'], messageKey: key });
    }
    expect((await app.ok('areas.authorizations.get', { authorizationId: permit.id })).authorization.version).toBe(1);
    // 31 March is still the old year; 1 April (the organisation's day, not the terminal's) starts the next.
    expect([fiscalYearEnd('2026-11-22'), fiscalYearEnd('2027-03-31'), fiscalYearEnd('2027-04-01')]).toEqual(['2027-03-31', '2027-03-31', '2028-03-31']);
  });

  it('retired areas are named by no new permit or edit; an ended account’s permit is revoked, not renewed', async () => {
    const room = await createArea(app);
    const archive = await app.ok('areas.create', areaInput(citizens, { name: '書庫', kind: 'archive' }));
    const permit = await authorize(app, { kind: 'staff', userId: cast.clerk }, [room.id, archive.id]);
    await app.ok('areas.retire', { areaId: archive.id, version: 1, reason: '移転' });
    const fresh = await app.fail('areas.authorizations.create', authorizationInput(citizens, newOutsider, [archive.id]));
    expect(fresh.issues?.[0]).toMatchObject({ path: ['areaIds'], messageKey: 'areas.errors.areaRetired' });
    const kept = await app.fail('areas.authorizations.update', { authorizationId: permit.id, version: 1, fields: permitFields(permit) });
    expect(kept.issues?.[0]).toMatchObject({ path: ['areaIds'], messageKey: 'areas.errors.areaRetired' });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE users SET valid_until = '2026-11-01' WHERE id = ?").run(cast.clerk));
    await loginAs(app, people.manager);
    const renewed = await app.fail('areas.authorizations.update', { authorizationId: permit.id, version: 1, fields: { ...permitFields(permit), areaIds: [room.id], validUntil: '2028-03-31' } });
    expect(renewed).toMatchObject({ code: 'CONFLICT', messageKey: 'areas.errors.personInactive' });
    expect(await app.ok('areas.authorizations.revoke', { authorizationId: permit.id, version: 1, reason: '異動' })).toMatchObject({ status: 'revoked' });
  });

  it('revoke and a check-in racing: a visit is let in by a permit only while it stood', async () => {
    const room = await createArea(app, { escortRequired: false, devicesIn: 'allowed' });
    const permit = await authorize(app, newOutsider, [room.id]);
    const [visit, revoked] = await Promise.all([
      app.call('areas.visits.checkIn', { areaId: room.id, person: { kind: 'known', personId: permit.personId }, purpose: '保守', escortUserId: null, badgeNo: '', devicesIn: [], remarks: '' }),
      app.call('areas.authorizations.revoke', { authorizationId: permit.id, version: 1, reason: '契約終了' }),
    ]);
    expect(revoked.ok).toBe(true);
    const revokedAt = revoked.ok ? revoked.data.revokedAt! : '';
    if (visit.ok) expect(visit.data.enteredAt <= revokedAt).toBe(true);
    else expect(visit.messageKey).toBe('areas.errors.notAuthorized');
    // After the revoke, the door refuses.
    const after = await app.fail('areas.visits.checkIn', { areaId: room.id, person: { kind: 'new', outsider }, purpose: '保守', escortUserId: null, badgeNo: '', devicesIn: [], remarks: '' });
    expect(['areas.errors.notAuthorized', 'areas.errors.alreadyInside']).toContain(after.messageKey);
  });
  it('the search as a channel: another 課等’s permits and presence never show; ended accounts hide; every spelling finds', async () => {
    const room = await createArea(app, { escortRequired: false, devicesIn: 'allowed' });
    const permit = await authorize(app, newOutsider, [room.id]);
    await app.ok('areas.visits.checkIn', { areaId: room.id, person: { kind: 'known', personId: permit.personId }, purpose: '保守', escortUserId: null, badgeNo: '', devicesIn: [], remarks: '' });
    await loginAs(app, chief);
    const taxRoom = await app.ok('areas.create', areaInput(tax, { name: '税務書庫', kind: 'archive' }));
    await loginAs(app, people.otherClerk);
    for (const text of ['ﾔﾏﾀﾞ', 'やまだ', 'ヤマダ\u200bタロウ', 'ﾃｽﾄ保守', 'やまだ　たろう', '山田']) {
      const hits = await app.ok('areas.people.search', { text, kind: 'outsider', areaId: taxRoom.id });
      // 市民課's permit and the visit in 市民課's room are not the 税務書庫's: nothing of them here.
      expect(hits, text).toEqual([{ personId: permit.personId, userId: null, kind: 'outsider', name: '山田 太郎', kana: 'ヤマダ タロウ', affiliation: '株式会社テスト保守', authorization: null, inside: false }]);
    }
    expect(await app.ok('areas.people.search', { text: 'やまだ', kind: 'outsider' })).toEqual([expect.objectContaining({ authorization: null, inside: false })]);
    // Staff of another 課等: their name and 課等 only, as the user list says them.
    const staff = await app.ok('areas.people.search', { text: '田中', kind: 'staff' });
    expect(staff).toEqual([{ personId: null, userId: cast.clerk, kind: 'staff', name: people.clerk.displayName, kana: '', affiliation: '市民課', authorization: null, inside: false }]);
    // A 個人番号 typed into the box is refused, not searched for.
    expect((await app.fail('areas.people.search', { text: '1234 5678 9018' })).issues?.[0]?.messageKey).toBe('validation.myNumberSearch');
    // A deactivated account, with a person row or without, is no one at the door.
    await loginAs(app, people.manager);
    await authorize(app, { kind: 'staff', userId: cast.officer }, [room.id]);
    await loginAs(app, chief);
    await reauth(app, chief.password);
    for (const userId of [cast.officer, cast.clerk]) await app.ok('users.deactivate', { userId, reason: '退職' });
    await loginAs(app, people.otherClerk);
    expect(await app.ok('areas.people.search', { text: '鈴木' })).toEqual([]);
    expect(await app.ok('areas.people.search', { text: '田中' })).toEqual([]);
  });

  it('people rows edited behind the app are named by 改ざん検査: the search key, the last visit, a row added or removed', async () => {
    await loginAs(app, people.clerk);
    const a = await app.ok('areas.people.create', outsider);
    const b = await app.ok('areas.people.create', { name: '高橋 二郎', kana: '', affiliation: '委託システム株式会社' });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    const named = async (change: string, ...params: number[]) => {
      await editBehindTheApp(app, (db) => db.prepare(change).run(...params));
      return ((await app.ok('audit.verify')).findings ?? []).filter((f) => f.params?.ledger === 'tamperFindings.ledgers.areaPeople').map((f) => [f.kind, f.params?.id]);
    };
    // A search key that makes 山田 answer to 「佐藤」: found out, though no screen shows the key.
    expect(await named("UPDATE area_people SET search_key = '佐藤|サトウ|x' WHERE id = ?", a.id)).toEqual([['historyChanged', a.id]]);
    expect(await named("UPDATE area_people SET last_visit_at = '2026-11-01T00:00:00Z' WHERE id = ?", b.id)).toEqual([['historyChanged', a.id], ['historyChanged', b.id]]);
    const added = await named(
      "INSERT INTO area_people (kind, name, affiliation, search_key, last_edited_by, created_at, updated_at) VALUES ('outsider', '裏口 三郎', '不明', '裏口三郎||不明', ?, 'now', 'now')",
      cast.clerk,
    );
    expect(added).toContainEqual(['historyUnrecorded', b.id + 1]);
    const removed = await named('DELETE FROM area_people WHERE id = ?', b.id);
    expect(removed.some(([, id]) => id === b.id)).toBe(true);
  });

  it('the access log and the home cards of another 課等 say nothing of 市民課’s areas, people met or permits', async () => {
    const room = await createArea(app);
    await authorize(app, newOutsider, [room.id], { validUntil: '2026-12-10' });
    await authorize(app, { kind: 'new', outsider: { name: '高橋 二郎', kana: '', affiliation: '委託システム株式会社' } }, [room.id], { validFrom: '2026-11-01', validUntil: '2026-11-21' });
    const cards = async () => Object.fromEntries((await app.ok('home.cards', {})).cards.filter((c) => c.id.startsWith('areas.authorizations')).map((c) => [c.id, c.count]));
    expect(await cards()).toEqual({ 'areas.authorizationsExpiring': 1, 'areas.authorizationsExpired': 1 });
    // The card's list read is said as what it asked (期限切れ since a day), not as a 有効期限.
    await app.ok('areas.authorizations.list', { state: 'expired', expiredSince: '2026-10-23' });
    await loginAs(app, chief);
    const read = (await app.ok('audit.query', { pageSize: 5 })).rows.find((r) => r.action === 'areas.authorization.list')!;
    expect(lines(read)).toEqual(expect.arrayContaining(['期限切れ（この日以降）: 2026-10-23']));
    await makeTaxManager(app, tax);
    await loginAs(app, taxManager);
    expect(await cards()).toEqual({ 'areas.authorizationsExpiring': 0, 'areas.authorizationsExpired': 0 });
    const log = await app.ok('audit.query', { pageSize: 200 });
    const theirs = log.rows.filter((r) => r.actorName !== taxManager.displayName && r.action.startsWith('areas.'));
    expect(theirs).toEqual([]);
    expect(JSON.stringify(log.rows)).not.toContain('テスト保守');
    expect(JSON.stringify(log.rows)).not.toContain('サーバ室');
  });
  it('a renamed or moved account is found, let in and recorded as the user list says it now, not as its row once did', async () => {
    const room = await createArea(app, { escortRequired: false, devicesIn: 'allowed' });
    const permit = await authorize(app, { kind: 'staff', userId: cast.clerk }, [room.id]);
    await loginAs(app, people.clerk);
    await app.ok('areas.people.update', { personId: permit.personId, version: 1, fields: { name: people.clerk.displayName, kana: 'たなか はなこ', affiliation: '市民課' } });
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('users.update', { userId: cast.clerk, displayName: '佐々木 花子', departmentId: tax });
    await loginAs(app, people.manager);
    const search = (text: string) => app.ok('areas.people.search', { text, areaId: room.id });
    expect(await search('田中')).toEqual([]);
    const now = expect.objectContaining({ personId: permit.personId, userId: cast.clerk, name: '佐々木 花子', affiliation: '税務課', kana: 'タナカ ハナコ' });
    for (const text of ['佐々木', '佐々木花子', 'はなこ']) expect(await search(text), text).toEqual([now]);
    expect(await search('税務')).toContainEqual(now);
    const visit = await app.ok('areas.visits.checkIn', { areaId: room.id, person: { kind: 'known', personId: permit.personId }, purpose: '作業', escortUserId: null, badgeNo: '', devicesIn: [], remarks: '' });
    expect(visit).toMatchObject({ personName: '佐々木 花子', affiliation: '税務課', authorizationId: permit.id });
    expect((await app.ok('areas.authorizations.get', { authorizationId: permit.id })).authorization.personName).toBe('佐々木 花子');
    expect(await search('佐々木')).toEqual([expect.objectContaining({ personId: permit.personId, inside: true })]);
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { pageSize: 50 });
    expect(log.rows.filter((r) => r.action === 'areas.person.update')).toHaveLength(2);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });
  it('a permit or an area changed behind the app is named, field by field, by 改ざん検査', async () => {
    const room = await createArea(app);
    const permit = await authorize(app, newOutsider, [room.id]);
    await loginAs(app, chief);
    const findings = async (change: string, ...params: number[]) => {
      await editBehindTheApp(app, (db) => db.prepare(change).run(...params));
      return ((await app.ok('audit.verify')).findings ?? []).map((f) => [f.kind, f.params?.ledger, f.fieldKeys]);
    };
    // Extended by a year, unseen: the permit is named with the field.
    expect(await findings("UPDATE area_authorizations SET valid_until = '2028-03-31' WHERE id = ?", permit.id)).toEqual([
      ['rowChanged', 'tamperFindings.ledgers.areaAuthorizations', ['authorizationFields.validUntil']],
    ]);
    // The escort rule dropped, without its event.
    const more = await findings('UPDATE areas SET escort_required = 0 WHERE id = ?', room.id);
    expect(more).toContainEqual(['rowChanged', 'tamperFindings.ledgers.areas', ['areaFields.escortRequired']]);
  });
});
