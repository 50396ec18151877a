import { describe, expect, it } from 'vitest';
import { type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

describe('保有個人情報等台帳', () => {
  it('suggests a category from the rules and keeps the manager’s decision with its reason', async () => {
    await loginAs(app, people.clerk);
    const small = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0001', subjectCount: 999 }));
    const big = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0002', subjectCount: 1000 }));
    const myNumber = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0003', containsMyNumber: true, subjectCount: 10 }));
    const sensitive = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0004', containsSensitive: true }));
    expect([small, big, myNumber, sensitive].map((h) => h.suggestedCategory)).toEqual(['C', 'B', 'A', 'A']);
    expect(big.suggestionReasons).toEqual(['subjects1000']);
    expect(small.category).toBeNull();
    expect((await app.fail('holdings.decideCategory', { holdingId: big.id, category: 'A', reason: '委託先あり' })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.manager);
    const decided = await app.ok('holdings.decideCategory', { holdingId: big.id, category: 'A', reason: '委託先で大量に取り扱うため厳重管理とする' });
    expect(decided).toMatchObject({ category: 'A', categoryReason: '委託先で大量に取り扱うため厳重管理とする', categoryDecidedBy: people.manager.displayName });
  });

  it('is verified only by someone other than its author, and an edit after verification resets it', async () => {
    await loginAs(app, people.clerk);
    const created = await app.ok('holdings.create', holdingInput(departments.citizens));
    expect(created.status).toBe('draft');
    await loginAs(app, people.officer);
    // The officer edits the draft: now an author too, so may not verify it.
    const edited = await app.ok('holdings.update', { holdingId: created.id, version: created.version, fields: holdingInput(departments.citizens, { storageLocation: '耐火金庫' }) });
    // The detail says so before anyone clicks 照合する; main refuses it anyway.
    expect((await app.ok('holdings.get', { holdingId: created.id })).authoredByYou).toBe(true);
    const refused = await app.fail('holdings.verify', { holdingId: created.id, version: edited.version });
    expect(refused).toMatchObject({ code: 'SEPARATION_OF_DUTIES', messageKey: 'errors.separationOfDuties.author-verifier' });
    await loginAs(app, people.manager);
    expect((await app.ok('holdings.get', { holdingId: created.id })).authoredByYou).toBe(false);
    const verified = await app.ok('holdings.verify', { holdingId: created.id, version: edited.version });
    await loginAs(app, people.officer);
    // Verified: nothing awaits 照合, so no one is its author in that sense.
    expect((await app.ok('holdings.get', { holdingId: created.id })).authoredByYou).toBe(false);
    await loginAs(app, people.manager);
    expect(verified).toMatchObject({ status: 'verified', verifiedBy: people.manager.displayName, verifiedVersion: verified.version });
    // A stale form cannot overwrite the newer version.
    expect((await app.fail('holdings.update', { holdingId: created.id, version: edited.version, fields: holdingInput(departments.citizens) })).messageKey).toBe('errors.staleVersion');
    await loginAs(app, people.clerk);
    const changed = await app.ok('holdings.update', { holdingId: created.id, version: verified.version, fields: holdingInput(departments.citizens, { storageLocation: '耐火金庫', subjectCount: 1200 }) });
    expect(changed.status).toBe('draft');
    const { history } = await app.ok('holdings.get', { holdingId: created.id });
    expect(history.map((h) => h.action)).toEqual(['update', 'verify', 'update', 'create']);
    expect(history[0]!.changes).toEqual([{ field: 'subjectCount', before: 800, after: 1200 }]);
    expect(history[2]).toMatchObject({ userName: people.officer.displayName, changes: [{ field: 'storageLocation', before: 'サーバ室', after: '耐火金庫' }] });
    expect(history.every((h) => h.version > 0)).toBe(true);
  });

  it('keeps a usage log per holding (取扱状況の記録)', async () => {
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(departments.citizens));
    await app.ok('holdings.usage.add', { holdingId: h.id, kind: 'copy', usedOn: '2026-11-20', personName: '田中 花子', purpose: '窓口交付用の写し作成', count: 3, note: '' });
    await app.ok('holdings.usage.add', { holdingId: h.id, kind: 'takeout', usedOn: '2026-11-21', personName: '田中 花子', purpose: '会議資料', count: null, note: '施錠ケースで運搬' });
    const { usage, usageTotal } = await app.ok('holdings.get', { holdingId: h.id });
    expect(usageTotal).toBe(2);
    expect(usage.map((u) => u.kind)).toEqual(['takeout', 'copy']);
    expect(usage[1]).toMatchObject({ count: 3, recordedBy: people.clerk.displayName });
    const bad = await app.fail('holdings.usage.add', { holdingId: h.id, kind: 'steal' as never, usedOn: '2026-13-01', personName: '', purpose: 'x' });
    expect(bad.issues?.map((i) => i.path[0]).sort()).toEqual(['kind', 'personName', 'usedOn']);
  });

  it('refuses a use dated after today in the organisation\'s zone, and nothing is written', async () => {
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(departments.citizens));
    const use = (usedOn: string) => ({ holdingId: h.id, kind: 'use' as const, usedOn, personName: '田中 花子', purpose: '閲覧' });
    // The clock stands at 2026-11-22 10:00 in Tokyo.
    for (const usedOn of ['2026-11-23', '2027-11-22']) {
      const refused = await app.fail('holdings.usage.add', use(usedOn));
      expect(refused.issues).toEqual([{ path: ['usedOn'], messageKey: 'validation.dateInFuture' }]);
    }
    expect((await app.ok('holdings.get', { holdingId: h.id })).usageTotal).toBe(0);
    await app.ok('holdings.usage.add', use('2026-11-22'));
    // 15:30 UTC is already the 23rd in Tokyo: that day may now be recorded.
    app.clock.advance(14.5 * 3_600_000);
    await app.ok('holdings.usage.add', use('2026-11-23'));
    expect((await app.ok('holdings.get', { holdingId: h.id })).usageTotal).toBe(2);
  });

  it('shows each department only its own rows; chief and auditor see all', async () => {
    await loginAs(app, people.clerk);
    const mine = await app.ok('holdings.create', holdingInput(departments.citizens));
    expect((await app.fail('holdings.create', holdingInput(departments.tax, { ledgerNo: 'T-1' }))).issues?.[0]).toMatchObject({ path: ['departmentId'], messageKey: 'validation.otherDepartment' });
    await loginAs(app, people.otherClerk);
    await app.ok('holdings.create', holdingInput(departments.tax, { ledgerNo: 'T-1', name: '固定資産税課税台帳' }));
    expect((await app.ok('holdings.list', {})).rows.map((r) => r.ledgerNo)).toEqual(['T-1']);
    expect((await app.fail('holdings.get', { holdingId: mine.id })).code).toBe('NOT_FOUND');
    expect((await app.fail('holdings.usage.add', { holdingId: mine.id, kind: 'use', usedOn: '2026-11-22', personName: '加藤', purpose: '閲覧' })).code).toBe('NOT_FOUND');
    await loginAs(app, { loginId: 'sato', password: 'Kanri-2026-ichiro' });
    expect((await app.ok('holdings.list', {})).total).toBe(2);
  });

  it('finds Japanese substrings, filters, sorts and pages in SQL', async () => {
    await loginAs(app, people.clerk);
    await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0001', name: '住民基本台帳ファイル' }));
    await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0002', name: '国民健康保険被保険者台帳', purpose: '保険給付', recordItems: ['氏名', '被保険者番号'], containsSensitive: true }));
    await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0003', name: '窓口来庁者記録', purpose: '窓口対応', recordItems: ['氏名'] }));
    const search = async (text: string) => (await app.ok('holdings.list', { text })).rows.map((r) => r.ledgerNo);
    expect(await search('住民')).toEqual(['R8-0001']);
    expect(await search('基本台帳')).toEqual(['R8-0001']);
    expect(await search('台帳')).toEqual(['R8-0001', 'R8-0002']);
    expect(await search('帳')).toEqual(['R8-0001', 'R8-0002']);
    expect(await search('被保険者番号')).toEqual(['R8-0002']);
    expect(await search('ｼﾞｭｳﾐﾝ')).toEqual([]);
    expect(await search('!!')).toEqual([]);
    expect((await app.ok('holdings.list', { containsSensitive: true })).rows.map((r) => r.ledgerNo)).toEqual(['R8-0002']);
    // Names sort by code point (窓 > 国 > 住); page 2 of one row each is the middle one.
    const first = await app.ok('holdings.list', { sort: 'name', direction: 'desc', pageSize: 1 });
    const sorted = await app.ok('holdings.list', { sort: 'name', direction: 'desc', pageSize: 1, cursor: first.nextCursor! });
    expect(sorted).toMatchObject({ total: 3, rows: [{ ledgerNo: 'R8-0002' }] });
    expect((await app.ok('holdings.list', { reviewDue: true })).total).toBe(0);
    app.clock.advance(366 * 24 * 3600_000);
    expect((await app.ok('holdings.list', { reviewDue: true })).total).toBe(3);
    // Only verified content is confirmed as unchanged: a draft is refused, and changes nothing.
    expect(await app.fail('holdings.markReviewed', { holdingId: 1 })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.reviewNeedsVerification' });
    await loginAs(app, people.officer);
    await app.ok('holdings.verify', { holdingId: 1, version: 1 });
    await loginAs(app, people.clerk);
    const reviewed = await app.ok('holdings.markReviewed', { holdingId: 1 });
    expect(reviewed.reviewDue).toBe(false);
    expect((await app.ok('holdings.list', { reviewDue: true })).total).toBe(2);
    await loginAs(app, people.manager);
    const log = await app.ok('audit.query', { action: 'holdings.review' });
    expect(log.rows[0]).toMatchObject({ targetId: '1', actorName: people.clerk.displayName });
  });

  it('refuses bad input with the field named, and changes nothing', async () => {
    await loginAs(app, people.clerk);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '' }, 'name', 'validation.required'],
      [{ purpose: undefined }, 'purpose', 'validation.required'],
      [{ name: 42 }, 'name', 'validation.invalidType'],
      [{ subjectCount: '千人' }, 'subjectCount', 'validation.wholeNumber'],
      [{ subjectCount: '約800' }, 'subjectCount', 'validation.wholeNumber'],
      [{ subjectCount: -3 }, 'subjectCount', 'validation.tooSmall'],
      [{ useUntil: '2030-04-01', retention: '2030-03-31' }, 'retention', 'validation.dateRangeOrder'],
      [{ purpose: '照会番号 1234 5678 9018 の件' }, 'purpose', 'validation.myNumber'],
      [{ recordItems: ['氏名', '123456789018'] }, 'recordItems', 'validation.myNumber'],
      [{ departmentId: 999 }, 'departmentId', 'validation.unknownDepartment'],
      [{ name: '台'.repeat(201) }, 'name', 'validation.tooLong'],
      [{ medium: 'floppy' }, 'medium', 'validation.invalidOption'],
    ];
    for (const [override, field, messageKey] of cases) {
      const r = await app.backend.dispatch('holdings.create', { ...holdingInput(departments.citizens), ...override }, { frameUrl: 'app://daicho/' });
      expect(r.ok, `${field}`).toBe(false);
      if (!r.ok) expect(r.issues, `${field} ${messageKey}`).toContainEqual(expect.objectContaining({ path: expect.arrayContaining([field]), messageKey }));
    }
    expect((await app.ok('holdings.list', {})).total).toBe(0);
    await loginAs(app, { loginId: 'sato', password: 'Kanri-2026-ichiro' });
    expect((await app.ok('audit.query', { action: 'holdings.create' })).total).toBe(0);
  });

  it('gives the same answers whether a word is rare (looked up) or common (walked in sort order)', async () => {
    await loginAs(app, people.clerk);
    // 60 rows: 「特別」 in one (rare: under 2 % of rows), 「健康」 in 29 (common).
    for (let i = 1; i <= 60; i++) {
      const name = i === 37 ? '特別徴収台帳' : i % 2 ? `健康診断記録${i}` : `窓口記録${i}`;
      await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: `N-${String(i).padStart(3, '0')}`, name, purpose: '事務', recordItems: [] }));
    }
    const rare = await app.ok('holdings.list', { text: '特別' });
    expect(rare).toMatchObject({ total: 1, rows: [{ ledgerNo: 'N-037' }] });
    const commonFirst = await app.ok('holdings.list', { text: '健康', sort: 'ledgerNo', direction: 'desc', pageSize: 10 });
    const common = await app.ok('holdings.list', { text: '健康', sort: 'ledgerNo', direction: 'desc', pageSize: 10, cursor: commonFirst.nextCursor! });
    expect(common.total).toBe(29);
    expect(common.rows.map((r) => r.ledgerNo)).toEqual(['N-039', 'N-037', 'N-035', 'N-033', 'N-031', 'N-029', 'N-027', 'N-025', 'N-023', 'N-021'].filter((n) => n !== 'N-037').concat('N-019'));
    // The chief's list is not narrowed by department: its total comes from the index alone.
    await loginAs(app, { loginId: 'sato', password: 'Kanri-2026-ichiro' });
    expect((await app.ok('holdings.list', { text: '健康' })).total).toBe(29);
    expect((await app.ok('holdings.list', { text: '健康', status: 'verified' })).total).toBe(0);
    expect((await app.ok('holdings.list', { text: '特別', departmentId: departments.tax })).total).toBe(0);
  });
});
