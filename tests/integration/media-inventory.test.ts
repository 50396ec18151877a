import { describe, expect, it } from 'vitest';
import { japaneseLabel } from '../../db/print/labels';
import { chief, createUser, firstLogin, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediaCabinets } from './support/media';

/**
 * 点検 (inventory, 棚卸; MIC §42; issue #10 item 5) on real SQLCipher through the router: a
 * session per 保管場所, each label typed or scanned (seen / duplicate / other location / unknown),
 * closing with the expected-but-unseen media marked 所在不明 and a note, last_seen_at in the
 * organisation's calendar, a missing medium found again; refusals change nothing.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const hour = 3_600_000;
const taxOfficer = { loginId: 'ito', displayName: '伊藤 四郎', password: 'Shiro-2026-pw-z' };

/** 市民課's キャビネットA with SOM-USB-0001…0003 and キャビネットB with SOM-USB-0004, registered by the officer. */
const cabinets = () => mediaCabinets(app, departments.citizens, [['SOM-USB-0001', 'a'], ['SOM-USB-0002', 'a'], ['SOM-USB-0003', 'a'], ['SOM-USB-0004', 'b']]);

const scan = (inventoryId: number, code: string) => app.ok('media.inventory.scan', { inventoryId, code });

/** Sessions, scans, media and change events as the chief sees them: what a refused step must leave alone. */
async function state(inventoryId: number): Promise<string> {
  const who = await app.ok('session.current');
  await loginAs(app, chief);
  const session = await app.ok('media.inventory.get', { inventoryId });
  const media = (await app.ok('media.list', { pageSize: 200 })).rows.map((r) => [r.mediaNo, r.status, r.lastSeenAt, r.updatedAt]);
  const events = (await app.ok('audit.query', { pageSize: 200, changesOnly: true })).rows.map((e) => e.seq);
  const back = Object.values({ ...people, taxOfficer }).find((p) => p.loginId === who?.loginId);
  if (back) await loginAs(app, back);
  return JSON.stringify({ session, media, events });
}

describe('点検: scanning a location', () => {
  it('records seen, duplicate, other-location and unknown labels, normalising what a reader types', async () => {
    const { a } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    expect(session).toMatchObject({ status: 'open', locationName: 'キャビネットA', startedByName: people.officer.displayName, counts: { expected: 3, seen: 0, notSeen: 3 } });
    expect((await scan(session.id, 'SOM-USB-0001')).scan).toMatchObject({ result: 'seen', mediaNo: 'SOM-USB-0001', registeredLocationName: 'キャビネットA' });
    // Full-width, as an IME in 全角 mode types it: the same medium, warned and not counted twice.
    const again = await scan(session.id, '  ＳＯＭ－ＵＳＢ－０００１ ');
    expect(again.scan).toMatchObject({ result: 'duplicate', code: 'SOM-USB-0001' });
    expect(again.counts).toMatchObject({ seen: 1, duplicate: 1 });
    // A reader set to lower case still finds the number as stored.
    expect((await scan(session.id, 'som-usb-0002')).scan).toMatchObject({ result: 'seen', code: 'SOM-USB-0002' });
    expect((await scan(session.id, 'SOM-USB-0004')).scan).toMatchObject({ result: 'otherLocation', registeredLocationName: 'キャビネットB', mediumStatus: 'in_storage' });
    expect((await scan(session.id, 'ABC-0999')).scan).toMatchObject({ result: 'unknown', mediumId: null, mediaNo: null, code: 'ABC-0999' });
    const last = await scan(session.id, 'ABC-0999');
    expect(last.scan.result).toBe('duplicate');
    expect(last.counts).toEqual({ expected: 3, seen: 2, notSeen: 1, away: 0, duplicate: 2, otherLocation: 1, unknown: 1, markedMissing: 0 });
    const detail = await app.ok('media.inventory.get', { inventoryId: session.id });
    expect(detail.scans.map((s) => [s.code, s.result])).toEqual([
      ['SOM-USB-0001', 'seen'], ['SOM-USB-0001', 'duplicate'], ['SOM-USB-0002', 'seen'], ['SOM-USB-0004', 'otherLocation'], ['ABC-0999', 'unknown'], ['ABC-0999', 'duplicate'],
    ]);
    expect(detail.notSeen.map((m) => m.mediaNo)).toEqual(['SOM-USB-0003']);
    // Each scan is pinned by its own event: 改ざん検査 accounts for every row.
    await loginAs(app, chief);
    expect((await app.ok('audit.query', { action: 'media.inventory.scan', pageSize: 50 })).total).toBe(6);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    // The 課等's manager reads the session's events, named by the place and said in words.
    await loginAs(app, people.manager);
    const events = await app.ok('audit.query', { targetType: 'media_inventory', changesOnly: true, pageSize: 50 });
    expect(events.total).toBe(7);
    const unknown = events.rows.find((e) => e.detail.result === 'unknown')!;
    expect(unknown.target).toEqual({ number: null, name: 'キャビネットA' });
    expect(unknown.words.map((w) => w.value)).toEqual([[{ text: 'ABC-0999' }], [{ key: 'mediaInventoryResult.unknown', fallback: 'unknown' }]]);
  });

  it('refuses a 個人番号 as a label and a scan in a closed or cancelled session, changing nothing', async () => {
    const { a } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    const before = await state(session.id);
    const myNumber = await app.fail('media.inventory.scan', { inventoryId: session.id, code: '123456789018' });
    expect(myNumber.issues).toEqual([{ path: ['code'], messageKey: 'validation.myNumber' }]);
    expect(await state(session.id)).toBe(before);
    await app.ok('media.inventory.cancel', { inventoryId: session.id, reason: '停電のため中断' });
    const cancelled = await state(session.id);
    const refused = await app.fail('media.inventory.scan', { inventoryId: session.id, code: 'SOM-USB-0001' });
    expect(refused).toMatchObject({ code: 'CONFLICT', messageKey: 'mediaInventory.errors.sessionClosed' });
    expect(japaneseLabel(refused.messageKey)).toContain('読取りは記録されていません');
    expect(await app.fail('media.inventory.close', { inventoryId: session.id, markMissing: [], note: '' })).toMatchObject({ messageKey: 'mediaInventory.errors.sessionClosed' });
    expect(await state(session.id)).toBe(cancelled);
    // Cancelling changed no medium.
    expect((await app.ok('media.list', {})).rows.every((m) => m.status === 'in_storage' && m.lastSeenAt === null)).toBe(true);
  });
});

describe('点検: closing', () => {
  it('marks the expected-but-unseen 所在不明 with the note, and dates the seen in the organisation’s calendar', async () => {
    const { a, ids } = await cabinets();
    // Read at 2026-11-22T15:00Z: still the 22nd in UTC, already the 23rd in Tokyo (a medium is dated by the day it was read).
    app.clock.advance(14 * hour);
    await loginAs(app, people.officer);
    const session = await app.ok('media.inventory.start', { locationId: a });
    await scan(session.id, 'SOM-USB-0001');
    await scan(session.id, 'SOM-USB-0002');
    await scan(session.id, 'NO-SUCH-1');
    const before = await state(session.id);
    // Marking needs the note; only an unseen medium kept here may be marked.
    const noNote = await app.fail('media.inventory.close', { inventoryId: session.id, markMissing: [ids['SOM-USB-0003']!], note: '' });
    expect(noNote.issues).toEqual([{ path: ['note'], messageKey: 'mediaInventory.errors.noteRequired' }]);
    const seenOne = await app.fail('media.inventory.close', { inventoryId: session.id, markMissing: [ids['SOM-USB-0001']!], note: '確認' });
    expect(seenOne.issues).toEqual([{ path: ['markMissing'], messageKey: 'mediaInventory.errors.notMarkable' }]);
    expect(await state(session.id)).toBe(before);

    const note = '前回点検後に貸出記録なし。係内で捜索し、見つからなければ保護管理者へ報告する。';
    const closed = await app.ok('media.inventory.close', { inventoryId: session.id, markMissing: [ids['SOM-USB-0003']!], note });
    expect(closed).toMatchObject({ status: 'closed', endedByName: people.officer.displayName, note, counts: { expected: 3, seen: 2, notSeen: 1, unknown: 1, markedMissing: 1 } });
    expect(closed.notSeen).toEqual([expect.objectContaining({ mediaNo: 'SOM-USB-0003', status: 'missing', markedMissing: true })]);
    const seen = await app.ok('media.get', { mediumId: ids['SOM-USB-0001']! });
    expect(seen.medium.lastSeenAt).toBe('2026-11-23');
    expect(seen.history[0]).toMatchObject({ action: 'inventorySeen', changes: [{ field: 'lastSeenAt', before: null, after: '2026-11-23' }] });
    const missing = await app.ok('media.get', { mediumId: ids['SOM-USB-0003']! });
    expect(missing.medium).toMatchObject({ status: 'missing', lastSeenAt: null });
    expect(missing.history[0]).toMatchObject({ action: 'markMissing', note, changes: [{ field: 'status', before: 'in_storage', after: 'missing' }] });
    // Elsewhere nothing moved.
    expect((await app.ok('media.get', { mediumId: ids['SOM-USB-0004']! })).medium).toMatchObject({ status: 'in_storage', lastSeenAt: null, version: 1 });

    await loginAs(app, chief);
    const event = (await app.ok('audit.query', { action: 'media.inventory.close' })).rows[0]!;
    expect(event.detail).toMatchObject({ counts: { seen: 2, unknown: 1, markedMissing: 1 }, markedMissingMedia: ['SOM-USB-0003'], note });
    expect(String(event.detail.scanHash)).toMatch(/^[0-9a-f]{64}$/);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    // The report: the place, counts, the marked medium with its note, the unknown label, signature boxes.
    await app.ok('media.inventory.print', { inventoryId: session.id, target: 'printer' });
    const report = app.printed.at(-1)!.html;
    for (const text of ['媒体点検報告書', 'キャビネットA', 'SOM-USB-0003', '所在不明とした', note, 'NO-SUCH-1', '点検者', '保護管理者']) expect(report).toContain(text);
  });

  it('finds a 所在不明 medium seen again (→ 保管中) and lists a medium out as expected away', async () => {
    const { a, ids } = await cabinets();
    const first = await app.ok('media.inventory.start', { locationId: a });
    await scan(first.id, 'SOM-USB-0001');
    await scan(first.id, 'SOM-USB-0002');
    await app.ok('media.inventory.close', { inventoryId: first.id, markMissing: [ids['SOM-USB-0003']!], note: '捜索中' });
    // SOM-USB-0002 goes out on an approved take-out.
    await loginAs(app, people.clerk);
    const t = await app.ok('media.takeout.request', {
      mediumId: ids['SOM-USB-0002']!, purpose: '説明会', destination: '会議室', contentsSummary: '資料', safeguards: { encryption: true, password: false, lockedCase: false, sealed: false }, dueBack: '2026-11-30',
    });
    await loginAs(app, people.manager);
    await app.ok('media.takeout.approve', { takeoutId: t.id });
    await app.ok('media.takeout.checkOut', { takeoutId: t.id });

    await loginAs(app, people.officer);
    const second = await app.ok('media.inventory.start', { locationId: a });
    expect(second.away.map((m) => m.mediaNo)).toEqual(['SOM-USB-0002']);
    expect(second.counts).toMatchObject({ expected: 2, away: 1 });
    expect((await scan(second.id, 'SOM-USB-0003')).scan.result).toBe('seen');
    // Out on a take-out: recorded, not counted as seen here.
    expect((await scan(second.id, 'SOM-USB-0002')).scan).toMatchObject({ result: 'otherLocation', mediumStatus: 'checked_out' });
    const closed = await app.ok('media.inventory.close', { inventoryId: second.id, markMissing: [], note: '' });
    expect(closed.counts).toMatchObject({ seen: 1, notSeen: 1, away: 1, markedMissing: 0 });
    const found = await app.ok('media.get', { mediumId: ids['SOM-USB-0003']! });
    expect(found.medium).toMatchObject({ status: 'in_storage', lastSeenAt: '2026-11-22' });
    expect(found.history[0]).toMatchObject({ action: 'found', changes: [{ field: 'status', before: 'missing', after: 'in_storage' }, { field: 'lastSeenAt', before: null, after: '2026-11-22' }] });
    expect((await app.ok('media.get', { mediumId: ids['SOM-USB-0002']! })).medium.status).toBe('checked_out');
  });
});

describe('点検: who may run it, and one session per place', () => {
  it('keeps the inventory to media.inventory holders of the place’s 課等; a shared place to an organisation-wide role', async () => {
    const { a } = await cabinets();
    await loginAs(app, people.clerk);
    expect((await app.fail('media.inventory.start', { locationId: a })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, chief);
    await createUser(app, { ...taxOfficer, role: 'officer', password: 'Initial-2026-e', departmentId: departments.tax });
    const shared = (await app.ok('media.storageLocations.create', { name: '耐火金庫', departmentId: null })).id;
    await app.ok('auth.logout');
    await firstLogin(app, taxOfficer.loginId, 'Initial-2026-e', taxOfficer.password);
    await loginAs(app, people.officer);
    const session = await app.ok('media.inventory.start', { locationId: a });
    await scan(session.id, 'SOM-USB-0001');
    // Another 課等's officer: the place and the session are unknown ids to them (MIC §9).
    await loginAs(app, taxOfficer);
    expect((await app.fail('media.inventory.start', { locationId: a })).code).toBe('NOT_FOUND');
    expect((await app.fail('media.inventory.get', { inventoryId: session.id })).code).toBe('NOT_FOUND');
    expect((await app.fail('media.inventory.scan', { inventoryId: session.id, code: 'SOM-USB-0002' })).code).toBe('NOT_FOUND');
    expect((await app.ok('media.inventory.list', {})).total).toBe(0);
    // The shared safe is the organisation's: an officer is told who runs it; the chief does.
    await loginAs(app, people.officer);
    expect(await app.fail('media.inventory.start', { locationId: shared })).toMatchObject({ code: 'PERMISSION_DENIED', messageKey: 'mediaInventory.errors.sharedLocation' });
    await loginAs(app, chief);
    const safe = await app.ok('media.inventory.start', { locationId: shared });
    expect(safe).toMatchObject({ departmentId: null, locationName: '耐火金庫' });
    // The clerk reads their 課等's sessions (not the shared one).
    await loginAs(app, people.clerk);
    expect((await app.ok('media.inventory.list', {})).rows.map((r) => r.id)).toEqual([session.id]);
  });

  it('allows one open session per place, even against a second writer behind the app', async () => {
    const { a, b } = await cabinets();
    const first = await app.ok('media.inventory.start', { locationId: a });
    const before = await state(first.id);
    expect(await app.fail('media.inventory.start', { locationId: a })).toMatchObject({ code: 'CONFLICT', messageKey: 'mediaInventory.errors.alreadyOpen' });
    expect(await state(first.id)).toBe(before);
    // Another place may be counted at the same time.
    await app.ok('media.inventory.start', { locationId: b });
    // The database itself refuses a second open session (two terminals racing past the check).
    let raced: unknown = null;
    await editBehindTheApp(app, (db) => {
      try {
        db.prepare("INSERT INTO media_inventories (storage_location_id, department_id, status, started_by, started_at, updated_at) VALUES (?, ?, 'open', 1, 'x', 'x')").run(a, departments.citizens);
      } catch (e) {
        raced = e;
      }
    });
    expect(String(raced)).toMatch(/UNIQUE constraint failed/);
    // Once cancelled, the place may be counted again.
    await loginAs(app, people.officer);
    await app.ok('media.inventory.cancel', { inventoryId: first.id, reason: '担当者の交代' });
    expect((await app.ok('media.inventory.start', { locationId: a })).status).toBe('open');
  });

  it('names a scan row written behind the app’s back (改ざん検査)', async () => {
    const { a } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    await scan(session.id, 'SOM-USB-0001');
    await editBehindTheApp(app, (db) => {
      db.prepare("INSERT INTO media_inventory_scans (inventory_id, code, medium_id, result, scanned_by, scanned_at) VALUES (?, 'SOM-USB-0003', 3, 'seen', 1, 'x')").run(session.id);
    });
    const verified = await app.ok('audit.verify');
    expect((verified.findings ?? []).map((f) => [f.kind, f.params.ledger])).toContainEqual(['historyUnrecorded', 'tamperFindings.ledgers.mediaInventoryScans']);
  });
});
