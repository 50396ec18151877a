import { describe, expect, it } from 'vitest';
import { chief, createUser, firstLogin, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediaCabinets, mediumInput } from './support/media';

/**
 * 点検 (inventory, MIC §42; issue #10 item 5) attacked: a medium read as "elsewhere" and then
 * moved here in the same session, a label read again in the other case, and an insider editing
 * a session's outcome with the key (改ざん検査 must name it). Real SQLCipher through the router.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const fields = (mediaNo: string, storageLocationId: number | null) => mediumInput(departments.citizens, { mediaNo, storageLocationId });

/** 市民課's キャビネットA (SOM-USB-0001, 0002) and キャビネットB (SOM-USB-0003), registered by the officer. */
const cabinets = () => mediaCabinets(app, departments.citizens, [['SOM-USB-0001', 'a'], ['SOM-USB-0002', 'a'], ['SOM-USB-0003', 'b']]);

const scan = async (inventoryId: number, code: string) => (await app.ok('media.inventory.scan', { inventoryId, code })).scan;

describe('点検 under attack: scans', () => {
  it('counts a medium read as elsewhere, then moved here during the session, as seen when read again', async () => {
    const { a, ids } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    // Found in キャビネットA though registered in B: the clerk reads it, then corrects its place.
    expect((await scan(session.id, 'SOM-USB-0003')).result).toBe('otherLocation');
    await app.ok('media.update', { mediumId: ids['SOM-USB-0003']!, version: 1, fields: fields('SOM-USB-0003', a) });
    const again = await app.ok('media.inventory.scan', { inventoryId: session.id, code: 'SOM-USB-0003' });
    expect(again.scan).toMatchObject({ result: 'seen', registeredLocationName: 'キャビネットA' });
    expect(again.counts).toMatchObject({ expected: 3, seen: 1, notSeen: 2 });
    // Read a third time: now a duplicate of a seen one.
    expect((await scan(session.id, 'SOM-USB-0003')).result).toBe('duplicate');
    // It is not listed unseen, so it cannot be marked 所在不明 while it sits in the cabinet.
    const refused = await app.fail('media.inventory.close', { inventoryId: session.id, markMissing: [ids['SOM-USB-0003']!], note: '不明' });
    expect(refused.issues).toEqual([{ path: ['markMissing'], messageKey: 'mediaInventory.errors.notMarkable' }]);
    const closed = await app.ok('media.inventory.close', { inventoryId: session.id, markMissing: [], note: '' });
    expect(closed.notSeen.map((m) => m.mediaNo)).toEqual(['SOM-USB-0001', 'SOM-USB-0002']);
    expect((await app.ok('media.get', { mediumId: ids['SOM-USB-0003']! })).medium.lastSeenAt).toBe('2026-11-22');
  });

  it('takes an unknown label read again in the other case (a reader’s Caps Lock) as a duplicate', async () => {
    const { a } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    expect((await scan(session.id, 'abc-0999')).result).toBe('unknown');
    expect((await scan(session.id, 'ABC-0999')).result).toBe('duplicate');
    expect((await scan(session.id, 'Ａｂｃ－０９９９')).result).toBe('duplicate');
    expect((await app.ok('media.inventory.get', { inventoryId: session.id })).counts).toMatchObject({ unknown: 1, duplicate: 2 });
  });

  it('finds a number registered in small letters when the reader sends capitals', async () => {
    const { a } = await cabinets();
    const id = (await app.ok('media.create', fields('usb-a1', a))).id;
    expect((await app.ok('media.get', { mediumId: id })).medium.mediaNo).toBe('usb-a1');
    const session = await app.ok('media.inventory.start', { locationId: a });
    expect(await scan(session.id, 'USB-A1')).toMatchObject({ result: 'seen', mediumId: id, code: 'usb-a1' });
    expect((await scan(session.id, 'Usb-A1')).result).toBe('duplicate');
  });

  it('finds a number registered in mixed case whatever case the reader sends, through the NOCASE index', async () => {
    const { a } = await cabinets();
    const id = (await app.ok('media.create', fields('Usb-A1', a))).id;
    const session = await app.ok('media.inventory.start', { locationId: a });
    // Caps Lock inverts every letter: neither as typed, in capitals nor in small letters is the stored number.
    expect(await scan(session.id, 'uSB-a1')).toMatchObject({ result: 'seen', mediumId: id });
    let plan = '';
    await editBehindTheApp(app, (db) => {
      plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM media WHERE media_no = 'x' COLLATE NOCASE").all() as { detail: string }[]).map((p) => p.detail).join(' ');
    });
    expect(plan).toContain('media_by_no_nocase');
  });

  it('serialises scans and starts sent together without awaiting', async () => {
    const { a } = await cabinets();
    const starts = await Promise.allSettled([app.ok('media.inventory.start', { locationId: a }), app.ok('media.inventory.start', { locationId: a })]);
    expect(starts.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const session = (starts.find((s) => s.status === 'fulfilled') as PromiseFulfilledResult<{ id: number }>).value;
    const results = await Promise.all(['SOM-USB-0001', 'som-usb-0001', 'ＳＯＭ－ＵＳＢ－０００１'].map((c) => scan(session.id, c)));
    expect(results.map((r) => r.result).sort()).toEqual(['duplicate', 'duplicate', 'seen']);
  });

  it('dates a medium by the day its label was read, not the day a session left open was closed', async () => {
    const { a, ids } = await cabinets();
    // 23:30 in Tokyo on 2026-11-22 (14:30Z).
    app.clock.advance(13.5 * 3_600_000);
    await loginAs(app, people.officer);
    const session = await app.ok('media.inventory.start', { locationId: a });
    await scan(session.id, 'SOM-USB-0001');
    // The rest of the cabinet is counted after midnight and on the next working days.
    app.clock.advance(3_600_000);
    await loginAs(app, people.officer);
    await scan(session.id, 'SOM-USB-0002');
    app.clock.advance(3 * 24 * 3_600_000);
    await loginAs(app, people.officer);
    await app.ok('media.inventory.close', { inventoryId: session.id, markMissing: [], note: '' });
    expect((await app.ok('media.get', { mediumId: ids['SOM-USB-0001']! })).medium.lastSeenAt).toBe('2026-11-22');
    expect((await app.ok('media.get', { mediumId: ids['SOM-USB-0002']! })).medium.lastSeenAt).toBe('2026-11-23');
  });
});

describe('点検 under attack: an insider with the key', () => {
  async function closedSession(): Promise<{ inventoryId: number; ids: Record<string, number> }> {
    const { a, ids } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    await scan(session.id, 'SOM-USB-0001');
    await app.ok('media.inventory.close', { inventoryId: session.id, markMissing: [ids['SOM-USB-0002']!], note: '捜索する' });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    return { inventoryId: session.id, ids };
  }

  const sessionFindings = async () =>
    ((await app.ok('audit.verify')).findings ?? []).filter((f) => f.params.ledger === 'tamperFindings.ledgers.mediaInventories').map((f) => [f.kind, f.params.id]);

  it('names a closed session whose outcome (the media it marked 所在不明) was rewritten', async () => {
    const { inventoryId } = await closedSession();
    await editBehindTheApp(app, (db) => {
      db.prepare("UPDATE media_inventories SET outcome = json_set(outcome, '$.markedMissing', json('[]'), '$.counts.markedMissing', 0) WHERE id = ?").run(inventoryId);
    });
    expect(await sessionFindings()).toEqual([['historyChanged', inventoryId]]);
    // The 課等's manager is told of their own session too (MIC §9 placement by the session's 課等).
    await loginAs(app, people.manager);
    expect(await sessionFindings()).toEqual([['historyChanged', inventoryId]]);
  });

  it('names a closed session turned cancelled, and one added behind the app', async () => {
    const { inventoryId } = await closedSession();
    await editBehindTheApp(app, (db) => {
      db.prepare("UPDATE media_inventories SET status = 'cancelled', note = '中止' WHERE id = ?").run(inventoryId);
    });
    expect(await sessionFindings()).toEqual([['historyChanged', inventoryId]]);
    await editBehindTheApp(app, (db) => {
      db.prepare("INSERT INTO media_inventories (storage_location_id, department_id, status, started_by, started_at, updated_at) SELECT storage_location_id, department_id, 'cancelled', started_by, started_at, updated_at FROM media_inventories WHERE id = ?").run(inventoryId);
    });
    expect(await sessionFindings()).toEqual([['historyChanged', inventoryId], ['historyUnrecorded', inventoryId + 1]]);
  });

  it('tells the session’s 課等 manager of an unknown-label scan forged into it, and no other 課等’s manager', async () => {
    const { inventoryId } = await closedSession();
    const taxManager = { loginId: 'mori', displayName: '森 課長', password: 'Sato-2026-pw-tax' };
    await createUser(app, { ...taxManager, role: 'manager', password: 'Initial-2026-t', departmentId: departments.tax });
    await app.ok('auth.logout');
    await firstLogin(app, taxManager.loginId, 'Initial-2026-t', taxManager.password);
    await editBehindTheApp(app, (db) => {
      db.prepare("INSERT INTO media_inventory_scans (inventory_id, code, medium_id, result, scanned_by, scanned_at) VALUES (?, 'FORGED-1', NULL, 'unknown', 1, 'x')").run(inventoryId);
    });
    const scanFindings = async () =>
      ((await app.ok('audit.verify')).findings ?? []).filter((f) => f.params.ledger === 'tamperFindings.ledgers.mediaInventoryScans').map((f) => [f.kind, f.params.recordId]);
    expect(await scanFindings()).toEqual([['historyUnrecorded', inventoryId]]);
    await loginAs(app, people.manager);
    expect(await scanFindings()).toEqual([['historyUnrecorded', inventoryId]]);
    // 税務課's manager: the session and its events are not theirs (MIC §9).
    await loginAs(app, taxManager);
    expect(await scanFindings()).toEqual([]);
    expect((await app.fail('media.inventory.get', { inventoryId })).code).toBe('NOT_FOUND');
    expect((await app.fail('media.inventory.print', { inventoryId, target: 'printer' })).code).toBe('NOT_FOUND');
    expect((await app.ok('audit.query', { targetType: 'media_inventory', pageSize: 50 })).total).toBe(0);
  });
});

describe('点検 under attack: closing and the report', () => {
  it('refuses a note of invisible characters when media are marked 所在不明, and a 個人番号 however spelled', async () => {
    const { a, ids } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    const before = JSON.stringify(await app.ok('media.inventory.get', { inventoryId: session.id }));
    const blank = await app.fail('media.inventory.close', { inventoryId: session.id, markMissing: [ids['SOM-USB-0001']!], note: '\u200b\u2060' });
    expect(blank.issues).toEqual([{ path: ['note'], messageKey: 'mediaInventory.errors.noteRequired' }]);
    for (const code of ['１２３４５６７８９０１８', '1234-5678-9018', '1234ー5678ー9018']) {
      expect((await app.fail('media.inventory.scan', { inventoryId: session.id, code })).issues).toEqual([{ path: ['code'], messageKey: 'validation.myNumber' }]);
    }
    const myNumberNote = await app.fail('media.inventory.close', { inventoryId: session.id, markMissing: [], note: '持出者 1234 5678 9018 に確認' });
    expect(myNumberNote.issues).toEqual([{ path: ['note'], messageKey: 'validation.myNumber' }]);
    expect(JSON.stringify(await app.ok('media.inventory.get', { inventoryId: session.id }))).toBe(before);
  });

  it('keeps a closed session’s lists as the closing found them, not as the media stand later', async () => {
    const { a, ids } = await cabinets();
    const session = await app.ok('media.inventory.start', { locationId: a });
    await app.ok('media.inventory.close', { inventoryId: session.id, markMissing: [ids['SOM-USB-0002']!], note: '捜索する' });
    // Afterwards SOM-USB-0002 turns up (a second session finds it) and SOM-USB-0001 goes to 税務課 with a new custodian.
    const second = await app.ok('media.inventory.start', { locationId: a });
    await scan(second.id, 'SOM-USB-0002');
    await app.ok('media.inventory.close', { inventoryId: second.id, markMissing: [], note: '' });
    await loginAs(app, chief);
    const taxSafe = (await app.ok('media.storageLocations.create', { name: '税務課書庫', departmentId: departments.tax })).id;
    await app.ok('media.update', { mediumId: ids['SOM-USB-0001']!, version: 1, fields: { ...fields('SOM-USB-0001', taxSafe), departmentId: departments.tax, custodian: '税務 太郎' } });

    await loginAs(app, people.clerk);
    const first = await app.ok('media.inventory.get', { inventoryId: session.id });
    expect(first.notSeen.map((m) => [m.mediaNo, m.status, m.custodian, m.markedMissing])).toEqual([
      ['SOM-USB-0001', 'in_storage', '', false],
      ['SOM-USB-0002', 'missing', '', true],
    ]);
    await app.ok('media.inventory.print', { inventoryId: session.id, target: 'printer' });
    expect(app.printed.at(-1)!.html).not.toContain('税務 太郎');
  });
});
