import { describe, expect, it } from 'vitest';
import { chief, type TestApp } from './support/backend';
import { areasAppPerTest, authorize, createArea, outsider, type AreasCast } from './support/areas';
import { editBehindTheApp } from './support/behindTheApp';
import { loginAs, people } from './support/holdings';

/**
 * 入退室者 (issue #12 item 3: 「person, search as you type, kana readings too; outsiders typed in,
 * remembered for next time」): the search in any spelling, staff from the user list, recent
 * visitors first, the permit and presence for an area, and the outsider's record kept honest.
 */
describe('people met at the door', () => {
  let app: TestApp, citizens: number, cast: AreasCast;
  areasAppPerTest((t) => ({ app, citizens, cast } = t));

  const names = (hits: { name: string }[]) => hits.map((h) => h.name);

  it('finds an outsider by name, よみ in ひらがな, カタカナ or 半角, or 所属, in part', async () => {
    await loginAs(app, people.clerk);
    const created = await app.ok('areas.people.create', outsider);
    expect(created).toMatchObject({ kind: 'outsider', name: '山田 太郎', kana: 'ヤマダ タロウ', affiliation: '株式会社テスト保守', userId: null, active: true, version: 1 });
    for (const text of ['やまだ', 'ヤマダ', 'ﾔﾏﾀﾞ', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'やまだたろう', '山田', '山田　太郎', 'テスト保守', 'ﾃｽﾄ', 'たろう']) {
      const hits = await app.ok('areas.people.search', { text, kind: 'outsider' });
      expect(hits, text).toEqual([expect.objectContaining({ personId: created.id, name: '山田 太郎', authorization: null, inside: false })]);
    }
    expect(await app.ok('areas.people.search', { text: 'すずき', kind: 'outsider' })).toEqual([]);
    // A match never spans two parts (name + よみ run together).
    expect(await app.ok('areas.people.search', { text: '太郎ヤマダ', kind: 'outsider' })).toEqual([]);
  });

  it('staff in force come from the user list (personId null until first use), once; an ended account does not', async () => {
    await loginAs(app, people.clerk);
    const before = await app.ok('areas.people.search', { text: '田中' });
    expect(before).toEqual([expect.objectContaining({ personId: null, userId: cast.clerk, kind: 'staff', name: people.clerk.displayName, affiliation: '市民課' })]);
    expect(await app.ok('areas.people.search', { text: '田中', kind: 'outsider' })).toEqual([]);
    // 市民課 in part finds the 課等's staff by their affiliation.
    expect(names(await app.ok('areas.people.search', { text: 'しみん', kind: 'staff' }))).toEqual([]);
    expect(names(await app.ok('areas.people.search', { text: '市民', kind: 'staff' })).sort()).toEqual([people.clerk.displayName, people.officer.displayName, people.manager.displayName].sort());
    const room = await createArea(app);
    const permit = await authorize(app, { kind: 'staff', userId: cast.clerk }, [room.id]);
    await loginAs(app, people.clerk);
    const after = await app.ok('areas.people.search', { text: '田中', areaId: room.id });
    expect(after).toEqual([expect.objectContaining({ personId: permit.personId, userId: cast.clerk, authorization: expect.objectContaining({ id: permit.id, state: 'valid' }) })]);
    // The staff member's よみ is kept on their row; name and 所属 stay the user list's.
    const person = await app.ok('areas.people.update', { personId: permit.personId, version: 1, fields: { name: '別名', kana: 'たなか はなこ', affiliation: '別の課' } });
    expect(person).toMatchObject({ name: people.clerk.displayName, kana: 'タナカ ハナコ', affiliation: '市民課', version: 2 });
    expect(names(await app.ok('areas.people.search', { text: 'はなこ' }))).toEqual([people.clerk.displayName]);
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE users SET valid_until = '2026-11-01' WHERE id = ?").run(cast.clerk));
    expect(await app.ok('areas.people.search', { text: '田中' })).toEqual([]);
  });

  it('an outsider typed again is the same person; another 所属 is another; the log says each creation once', async () => {
    await loginAs(app, people.clerk);
    const first = await app.ok('areas.people.create', outsider);
    const again = await app.ok('areas.people.create', { name: '山田　太郎', kana: '', affiliation: '株式会社テスト保守' });
    expect(again.id).toBe(first.id);
    const other = await app.ok('areas.people.create', { ...outsider, affiliation: '別会社' });
    expect(other.id).not.toBe(first.id);
    expect(names(await app.ok('areas.people.search', { text: 'やまだ' }))).toEqual(['山田 太郎', '山田 太郎']);
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { pageSize: 50 });
    expect(log.rows.filter((r) => r.action === 'areas.person.create')).toHaveLength(2);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('recent visitors first; the limit holds; inside now is said for the area asked about', async () => {
    const room = await createArea(app);
    await loginAs(app, people.clerk);
    const old = await app.ok('areas.people.create', { name: '山田 一郎', kana: 'ヤマダ イチロウ', affiliation: 'A社' });
    const recent = await app.ok('areas.people.create', { name: '山田 次郎', kana: 'ヤマダ ジロウ', affiliation: 'B社' });
    const never = await app.ok('areas.people.create', { name: '山田 三郎', kana: 'ヤマダ サブロウ', affiliation: 'C社' });
    await editBehindTheApp(app, (db) => {
      db.prepare("UPDATE area_people SET last_visit_at = '2026-11-01T00:00:00Z' WHERE id = ?").run(old.id);
      db.prepare("UPDATE area_people SET last_visit_at = '2026-11-20T00:00:00Z' WHERE id = ?").run(recent.id);
      db.prepare(
        `INSERT INTO area_visits (area_id, department_id, person_id, person_kind, person_name, affiliation, purpose, entered_at, entered_on, recorded_by, last_edited_by, created_at, updated_at)
         VALUES (?, ?, ?, 'outsider', '山田 次郎', 'B社', '保守', '2026-11-22T00:30:00Z', '2026-11-22', ?, ?, 'now', 'now')`,
      ).run(room.id, citizens, recent.id, cast.clerk, cast.clerk);
    });
    await loginAs(app, people.clerk);
    const hits = await app.ok('areas.people.search', { text: 'やまだ', areaId: room.id, kind: 'outsider' });
    expect(hits.map((h) => h.personId)).toEqual([recent.id, old.id, never.id]);
    expect(hits.map((h) => h.inside)).toEqual([true, false, false]);
    expect((await app.ok('areas.people.search', { text: 'やまだ', kind: 'outsider', limit: 2 })).map((h) => h.personId)).toEqual([recent.id, old.id]);
    // Empty text: the recent visitors, for the door form before anything is typed.
    expect((await app.ok('areas.people.search', { text: '', kind: 'outsider', limit: 1 })).map((h) => h.personId)).toEqual([recent.id]);
    expect((await app.fail('areas.people.search', { text: '', areaId: 999 })).messageKey).toBe('areas.errors.unknownArea');
  });

  it('edits are versioned and logged; bad input is refused in words and nothing changes', async () => {
    await loginAs(app, people.clerk);
    const p = await app.ok('areas.people.create', outsider);
    const edited = await app.ok('areas.people.update', { personId: p.id, version: 1, fields: { ...outsider, affiliation: '株式会社テスト保守 東京支店' } });
    expect(edited).toMatchObject({ version: 2, affiliation: '株式会社テスト保守 東京支店' });
    expect((await app.fail('areas.people.update', { personId: p.id, version: 1, fields: outsider })).messageKey).toBe('errors.staleVersion');
    expect((await app.fail('areas.people.update', { personId: 999, version: 1, fields: outsider })).messageKey).toBe('areas.errors.unknownPerson');
    expect((await app.fail('areas.people.create', { ...outsider, affiliation: '' })).issues?.[0]).toMatchObject({ path: ['affiliation'], messageKey: 'validation.required' });
    expect((await app.fail('areas.people.create', { ...outsider, kana: 'yamada' })).issues?.[0]).toMatchObject({ path: ['kana'], messageKey: 'areas.errors.kanaOnly' });
    expect((await app.fail('areas.people.create', { ...outsider, name: '123456789018' })).issues?.[0]?.messageKey).toBe('validation.myNumber');
    expect((await app.fail('areas.people.search', { text: '123456789018' })).issues?.[0]?.messageKey).toBe('validation.myNumberSearch');
    // People are organisation-wide: a clerk of 税務課 finds the same outsider.
    await loginAs(app, people.otherClerk);
    expect(names(await app.ok('areas.people.search', { text: 'やまだ' }))).toEqual(['山田 太郎']);
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { pageSize: 50 });
    expect(log.rows.filter((r) => r.action === 'areas.person.update')).toHaveLength(1);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE area_people SET affiliation = '偽装会社' WHERE id = ?").run(p.id));
    expect((await app.ok('audit.verify')).findings).toEqual([expect.objectContaining({ kind: 'historyChanged', params: expect.objectContaining({ ledger: 'tamperFindings.ledgers.areaPeople', id: p.id }) })]);
  });
});
