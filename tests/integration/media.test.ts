import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { japaneseLabel } from '../../db/print/labels';
import type { Db } from '../../db/store/database';
import { chief, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput as plainMedium } from './support/media';

/**
 * 媒体管理台帳, the register (issue #10 item 1; domain.md §2): on real SQLCipher, through the
 * router, as each role would use it. Take-out, inventory and labels are later items.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const mediumInput = (departmentId: number, overrides: Partial<ChannelInput<'media.create'>> = {}) =>
  plainMedium(departmentId, { makeModel: 'バッファロー RUF3-HSL', serialNo: 'SN-12345', capacity: '32GB', custodian: '市民課長', ...overrides });

/** The register as the chief sees it and the access log's change events about media: what a refused write must leave alone. */
async function snapshot(): Promise<string> {
  const rows = (await app.ok('media.list', { pageSize: 200 })).rows.map((r) => [r.id, r.mediaNo, r.updatedAt]);
  const events = (await app.ok('audit.query', { targetType: 'medium', pageSize: 200 })).rows.filter((e) => e.action !== 'media.list' && e.action !== 'media.view');
  return JSON.stringify({ rows, events: events.map((e) => e.seq) });
}

async function locationIn(departmentId: number | null, name: string): Promise<number> {
  return (await app.ok('media.storageLocations.create', { name, departmentId })).id;
}

describe('媒体管理台帳: the register', () => {
  it('registers, lists, shows and edits a medium, with its history and a stale save refused', async () => {
    await loginAs(app, people.officer);
    const cabinet = await locationIn(departments.citizens, '施錠キャビネットA');
    const created = await app.ok('media.create', mediumInput(departments.citizens, { storageLocationId: cabinet, registeredAt: null }));
    // A blank 登録日 is today in the organisation's calendar (the clock stands at 2026-11-22 in Tokyo).
    expect(created).toMatchObject({ mediaNo: 'USB-001', status: 'in_storage', registeredAt: '2026-11-22', storageLocationName: '施錠キャビネットA', version: 1, lastSeenAt: null });
    await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'HDD-001', type: 'hdd', isBackupMedium: true, custodian: '情報係' }));

    await loginAs(app, people.clerk);
    const all = await app.ok('media.list', {});
    expect(all.rows.map((r) => r.mediaNo)).toEqual(['HDD-001', 'USB-001']);
    expect((await app.ok('media.list', { isBackupMedium: true })).rows.map((r) => r.mediaNo)).toEqual(['HDD-001']);
    expect((await app.ok('media.list', { type: 'usb', storageLocationId: cabinet, status: 'in_storage' })).rows.map((r) => r.mediaNo)).toEqual(['USB-001']);
    expect((await app.ok('media.list', { text: '情報' })).rows.map((r) => r.mediaNo)).toEqual(['HDD-001']);
    expect((await app.ok('media.list', { sort: 'type', direction: 'desc', pageSize: 1 })).rows.map((r) => r.mediaNo)).toEqual(['USB-001']);
    // A clerk reads the register but does not maintain it (domain.md Roles: the officer does).
    expect((await app.fail('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-009' }))).code).toBe('PERMISSION_DENIED');

    await loginAs(app, people.officer);
    const edited = await app.ok('media.update', { mediumId: created.id, version: 1, fields: mediumInput(departments.citizens, { storageLocationId: cabinet, custodian: '市民課 庶務係長', registeredAt: null }) });
    expect(edited).toMatchObject({ version: 2, custodian: '市民課 庶務係長', registeredAt: '2026-11-22' });
    const stale = await app.fail('media.update', { mediumId: created.id, version: 1, fields: mediumInput(departments.citizens, { custodian: '別の人' }) });
    expect(stale).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.staleVersion' });
    const { history, medium } = await app.ok('media.get', { mediumId: created.id });
    expect(medium.custodian).toBe('市民課 庶務係長');
    expect(history.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({ userName: people.officer.displayName, changes: [{ field: 'custodian', before: '市民課長', after: '市民課 庶務係長' }] });
  });

  it('keeps each 課等 to its own media: another 課等\'s medium is NOT_FOUND and never listed', async () => {
    await loginAs(app, people.officer);
    const ours = await app.ok('media.create', mediumInput(departments.citizens));
    // An officer registers only in their own 課等.
    const elsewhere = await app.fail('media.create', mediumInput(departments.tax, { mediaNo: 'USB-002' }));
    expect(elsewhere.issues).toEqual([{ path: ['departmentId'], messageKey: 'validation.otherDepartment' }]);
    await loginAs(app, people.otherClerk);
    expect((await app.ok('media.list', {})).total).toBe(0);
    expect(await app.fail('media.get', { mediumId: ours.id })).toMatchObject({ code: 'NOT_FOUND' });
    // The same answer as an id that does not exist (issue #9 item 13).
    expect(await app.fail('media.get', { mediumId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    await loginAs(app, chief);
    expect((await app.ok('media.list', {})).rows.map((r) => r.departmentName)).toEqual(['市民課']);
  });

  it('refuses a duplicate 管理番号 and bad input in Japanese, changing nothing', async () => {
    await loginAs(app, people.officer);
    await app.ok('media.create', mediumInput(departments.citizens));
    await loginAs(app, chief);
    const before = await snapshot();
    await loginAs(app, people.officer);
    // Full-width 「ＵＳＢ－００１」 is the same number (NFKC), not a look-alike beside it.
    for (const mediaNo of ['USB-001', 'ＵＳＢ－００１']) {
      const taken = await app.fail('media.create', mediumInput(departments.citizens, { mediaNo }));
      expect(taken.issues).toEqual([{ path: ['mediaNo'], messageKey: 'validation.mediaNoTaken' }]);
    }
    const bad = await app.fail('media.create', {
      ...mediumInput(departments.citizens, { mediaNo: '', remarks: '個人番号 1234 5678 9018 の写し' }),
      type: 'floppy' as never,
      encrypted: 'maybe' as never,
      registeredAt: '2026-02-30',
    });
    expect(bad.code).toBe('INVALID_INPUT');
    const keys: Record<string, string> = Object.fromEntries((bad.issues ?? []).map((i) => [String(i.path[0]), i.messageKey]));
    // An empty 管理番号 is numbered by the rule when the type is known (media-labels.test.ts), so it is not an issue here.
    expect(keys).toEqual({ type: 'validation.invalidOption', encrypted: 'validation.invalidOption', registeredAt: 'validation.invalidDate', remarks: 'validation.myNumber' });
    // Every message the user sees is Japanese text in the locale data (not a bare key).
    for (const key of [...Object.values(keys), 'validation.mediaNoTaken', 'errors.mediumClosed', 'errors.mediumNotRetirable', 'errors.storageLocationInUse', 'validation.unknownStorageLocation']) {
      expect(japaneseLabel(key)).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
    await loginAs(app, chief);
    expect(await snapshot()).toBe(before);
  });

  it('retires a medium on a manager\'s decision with a reason; a retired medium cannot be edited', async () => {
    await loginAs(app, people.officer);
    const m = await app.ok('media.create', mediumInput(departments.citizens));
    expect((await app.fail('media.retire', { mediumId: m.id, version: 1, reason: '故障' })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.manager);
    const blank = await app.fail('media.retire', { mediumId: m.id, version: 1, reason: '　' });
    expect(blank.issues).toEqual([{ path: ['reason'], messageKey: 'validation.required' }]);
    const retired = await app.ok('media.retire', { mediumId: m.id, version: 1, reason: '故障のため使用停止' });
    expect(retired).toMatchObject({ status: 'retired', version: 2 });
    const again = await app.fail('media.retire', { mediumId: m.id, version: 2, reason: '再度' });
    expect(again).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.mediumNotRetirable' });
    const edit = await app.fail('media.update', { mediumId: m.id, version: 2, fields: mediumInput(departments.citizens, { custodian: '誰か' }) });
    expect(edit).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.mediumClosed' });
    const { history, medium } = await app.ok('media.get', { mediumId: m.id });
    expect(medium.custodian).toBe('市民課長');
    expect(history[0]).toMatchObject({ action: 'retire', note: '故障のため使用停止', changes: [{ field: 'status', before: 'in_storage', after: 'retired' }] });
    // The manager's access log holds the media events of their 課等 (target type 'medium').
    const log = await app.ok('audit.query', { targetType: 'medium', pageSize: 50 });
    expect(log.rows.map((e) => e.action).sort()).toEqual(['media.create', 'media.retire', 'media.view']);
    expect(log.rows.every((e) => e.target?.number === 'USB-001')).toBe(true);
  });
});

describe('媒体管理台帳: 保管場所', () => {
  it('keeps a managed list per 課等 and shared ones, unique names, and refuses a place the medium may not use', async () => {
    await loginAs(app, people.officer);
    const cabinet = await locationIn(departments.citizens, '施錠キャビネットA');
    const dup = await app.fail('media.storageLocations.create', { name: '施錠キャビネットA', departmentId: departments.citizens });
    expect(dup.issues).toEqual([{ path: ['name'], messageKey: 'validation.storageLocationTaken' }]);
    // A shared place is the organisation's: only an organisation-wide role keeps it.
    const shared = await app.fail('media.storageLocations.create', { name: '耐火金庫', departmentId: null });
    expect(shared.issues).toEqual([{ path: ['departmentId'], messageKey: 'validation.otherDepartment' }]);
    await loginAs(app, chief);
    const safe = await locationIn(null, '耐火金庫');
    const taxShelf = await locationIn(departments.tax, '税務課書庫');
    // The same name in another 課等 is another place.
    await locationIn(departments.tax, '施錠キャビネットA');

    await loginAs(app, people.officer);
    expect((await app.ok('media.storageLocations.list', {})).map((l) => l.name)).toEqual(['耐火金庫', '施錠キャビネットA']);
    const wrongPlace = await app.fail('media.create', mediumInput(departments.citizens, { storageLocationId: taxShelf }));
    expect(wrongPlace.issues).toEqual([{ path: ['storageLocationId'], messageKey: 'validation.unknownStorageLocation' }]);
    expect(await app.fail('media.storageLocations.rename', { locationId: taxShelf, name: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
    const m = await app.ok('media.create', mediumInput(departments.citizens, { storageLocationId: safe, isBackupMedium: true }));
    expect(m.storageLocationName).toBe('耐火金庫');

    const renamed = await app.ok('media.storageLocations.rename', { locationId: cabinet, name: '施錠キャビネットB' });
    expect(renamed).toMatchObject({ name: '施錠キャビネットB', active: true });
    const moved = await app.ok('media.update', { mediumId: m.id, version: m.version, fields: mediumInput(departments.citizens, { storageLocationId: cabinet, isBackupMedium: true }) });
    expect(moved.storageLocationName).toBe('施錠キャビネットB');
    // A place with a medium in use stays until the medium is moved.
    const inUse = await app.fail('media.storageLocations.deactivate', { locationId: cabinet });
    expect(inUse).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.storageLocationInUse', params: { count: 1 } });
    await app.ok('media.update', { mediumId: m.id, version: moved.version, fields: mediumInput(departments.citizens, { isBackupMedium: true }) });
    expect(await app.ok('media.storageLocations.deactivate', { locationId: cabinet })).toMatchObject({ active: false });
    expect((await app.ok('media.storageLocations.list', {})).map((l) => l.name)).toEqual(['耐火金庫']);
    expect((await app.ok('media.storageLocations.list', { includeInactive: true })).map((l) => l.name)).toEqual(['耐火金庫', '施錠キャビネットB']);
    const inactive = await app.fail('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-002', storageLocationId: cabinet }));
    expect(inactive.issues).toEqual([{ path: ['storageLocationId'], messageKey: 'validation.unknownStorageLocation' }]);
    await loginAs(app, people.otherClerk);
    expect((await app.ok('media.storageLocations.list', {})).map((l) => l.name).sort()).toEqual(['施錠キャビネットA', '税務課書庫', '耐火金庫'].sort());
  });
});

describe('媒体管理台帳: 格納内容 (links to the holdings ledger, both ways)', () => {
  it('links and unlinks holdings in the medium\'s history, shows them from either side, and hides another 課等\'s', async () => {
    await loginAs(app, people.clerk);
    const holding = await app.ok('holdings.create', holdingInput(departments.citizens));
    await loginAs(app, people.otherClerk);
    const taxHolding = await app.ok('holdings.create', holdingInput(departments.tax, { ledgerNo: 'R8-0100', name: '固定資産課税台帳' }));
    await loginAs(app, people.officer);
    const m = await app.ok('media.create', mediumInput(departments.citizens));
    const linked = await app.ok('media.linkHolding', { mediumId: m.id, holdingId: holding.id, version: m.version });
    expect(linked.version).toBe(2);
    const twice = await app.fail('media.linkHolding', { mediumId: m.id, holdingId: holding.id, version: 2 });
    expect(twice).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.holdingAlreadyOnMedium' });
    // Another 課等's holding is unknown to the officer: the same answer as an id that does not exist.
    for (const holdingId of [taxHolding.id, 999]) {
      expect((await app.fail('media.linkHolding', { mediumId: m.id, holdingId, version: 2 })).issues).toEqual([{ path: ['holdingId'], messageKey: 'validation.unknownHolding' }]);
    }
    expect((await app.ok('media.get', { mediumId: m.id })).contents).toMatchObject([{ holdingId: holding.id, ledgerNo: 'R8-0001', name: '住民基本台帳ファイル', departmentName: '市民課' }]);
    expect(await app.ok('media.ofHolding', { holdingId: holding.id })).toEqual([
      { mediumId: m.id, mediaNo: 'USB-001', type: 'usb', status: 'in_storage', departmentName: '市民課', storageLocationName: null, isBackupMedium: false },
    ]);
    expect(await app.fail('media.ofHolding', { holdingId: taxHolding.id })).toMatchObject({ code: 'NOT_FOUND' });

    // The chief puts 税務課's holding on the same medium: 市民課 learns only that there is one more.
    await loginAs(app, chief);
    await app.ok('media.linkHolding', { mediumId: m.id, holdingId: taxHolding.id, version: 2 });
    expect((await app.ok('media.get', { mediumId: m.id })).contents.map((c) => c.ledgerNo)).toEqual(['R8-0001', 'R8-0100']);
    await loginAs(app, people.manager);
    const seen = await app.ok('media.get', { mediumId: m.id });
    expect(seen.contents.map((c) => c.ledgerNo)).toEqual(['R8-0001']);
    expect(seen.hiddenContents).toBe(1);
    await loginAs(app, people.otherClerk);
    // The tax clerk sees their holding's link only to media they may see: none here.
    expect(await app.ok('media.ofHolding', { holdingId: taxHolding.id })).toEqual([]);

    await loginAs(app, people.officer);
    await app.ok('media.unlinkHolding', { mediumId: m.id, holdingId: holding.id, version: 3 });
    const absent = await app.fail('media.unlinkHolding', { mediumId: m.id, holdingId: holding.id, version: 4 });
    expect(absent).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.holdingNotOnMedium' });
    expect(await app.ok('media.ofHolding', { holdingId: holding.id })).toEqual([]);
    const { history } = await app.ok('media.get', { mediumId: m.id });
    expect(history.map((h) => h.action)).toEqual(['unlink', 'link', 'link', 'create']);
    expect(history[0]!.changes).toEqual([{ field: 'contents', before: 'R8-0001', after: null }]);
  });
});

/** With the app closed, as an insider holding the key would: straight through SQLite. */
const tamper = (change: (db: Db) => void) => editBehindTheApp(app, change);

describe('媒体管理台帳: 改ざん検査', () => {
  it('names a medium whose row was edited directly in SQL, and the field that differs', async () => {
    await loginAs(app, people.officer);
    const m = await app.ok('media.create', mediumInput(departments.citizens));
    await app.ok('media.update', { mediumId: m.id, version: 1, fields: mediumInput(departments.citizens, { capacity: '64GB' }) });
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    await tamper((db) => db.prepare("UPDATE media SET custodian = '第三者' WHERE id = ?").run(m.id));
    const v = await app.ok('audit.verify');
    expect(v.ok).toBe(false);
    expect(v.findings).toEqual([{ kind: 'rowChanged', params: { ledger: 'tamperFindings.ledgers.media', id: m.id, number: 'USB-001' }, fieldKeys: ['mediaFields.custodian'] }]);
  });

  it('shows no 格納内容 link planted in SQL on either side, and names a link set edited in the row', async () => {
    await loginAs(app, people.clerk);
    const holding = await app.ok('holdings.create', holdingInput(departments.citizens));
    await loginAs(app, people.officer);
    const m = await app.ok('media.create', mediumInput(departments.citizens));
    await tamper((db) => db.prepare('INSERT INTO media_contents (medium_id, holding_id, linked_at, linked_by) VALUES (?, ?, ?, 1)').run(m.id, holding.id, '2026-11-22T00:00:00.000Z'));
    expect((await app.ok('media.get', { mediumId: m.id })).contents).toEqual([]);
    expect(await app.ok('media.ofHolding', { holdingId: holding.id })).toEqual([]);
    // The set itself is in the medium's row: changing it there is a changed row.
    await tamper((db) => db.prepare('UPDATE media SET contents = ? WHERE id = ?').run(JSON.stringify([holding.id]), m.id));
    const v = await app.ok('audit.verify');
    expect(v.findings).toEqual([{ kind: 'rowChanged', params: { ledger: 'tamperFindings.ledgers.media', id: m.id, number: 'USB-001' }, fieldKeys: [] }]);
  });
});
