import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../db/contract';
import { chief, makeTestApp, reauth, removeTestDir, type TestApp } from './support/backend';
import { ledgerAppPerTest, ledgerOrganization, loginAs, people } from './support/holdings';
import { openMediaCsv } from './support/mediaOutput';

/**
 * The media register's CSV import, completed (issue #10 item 7), on real SQLCipher through the
 * router: a blank 管理番号 is numbered by the 課等's rule for the row's 種別 (shown in the check,
 * taken by the commit); 状態 and 最終確認日 are imported (持出中 refused); each imported medium's
 * history says what it was given, so 改ざん検査 stays clean; export → import round-trips.
 * Today is 2026-11-22 in the organisation's calendar (support/backend.ts).
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const header = '管理番号,種別,暗号化・認証機能,担当課等,登録日';

/** 市民課's rules for USB memory and SD cards, set by its manager. */
async function rules(): Promise<void> {
  await loginAs(app, people.manager);
  await app.ok('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: 'SOM-USB-', digits: 3 });
  await app.ok('media.numbering.set', { departmentId: departments.citizens, type: 'sd', prefix: 'SOM-SD-', digits: 2 });
}

/** The register and its events, as the chief sees them: what a refused import must leave alone. */
async function unchanged(on: TestApp = app): Promise<string> {
  await loginAs(on, chief);
  const { rows } = await on.ok('media.list', { pageSize: 200 });
  const events = (await on.ok('audit.query', { pageSize: 200 })).rows.filter((e) => e.action.startsWith('media.') && !['media.list', 'media.view'].includes(e.action));
  return JSON.stringify([rows.map((r) => [r.id, r.updatedAt, r.status]), events.map((e) => e.seq)]);
}

/** Each medium by number: its status and last-seen day. */
async function states(on: TestApp): Promise<Record<string, [string, string | null]>> {
  const { rows } = await on.ok('media.list', { pageSize: 200 });
  return Object.fromEntries(rows.map((r) => [r.mediaNo, [r.status, r.lastSeenAt]]));
}

async function check(opened: ChannelOutput<'media.import.open'>, on: TestApp = app) {
  return on.ok('media.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
}

describe('media import: a blank 管理番号 is numbered by the 課等 rule for the row 種別', () => {
  it('shows each blank row the number it will get, passes over numbers the file brings, and takes them on commit', async () => {
    await rules();
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'blank.csv', [header, ',USBメモリ,なし,市民課,', 'som-usb-001,USBメモリ,なし,市民課,', ',USBメモリ,なし,市民課,', ',SDカード,なし,市民課,']);
    const checked = await check(opened);
    expect(checked.errors).toEqual([]);
    // Upcoming, not taken: row 3 brings SOM-USB-001 (in any case), so row 2 is shown 002.
    expect(checked.preview.rows.map((r) => [r.row, r.cells[0]?.text])).toEqual([[2, 'SOM-USB-002'], [3, 'som-usb-001'], [4, 'SOM-USB-003'], [5, 'SOM-SD-01']]);
    expect(checked.numbering).toEqual({ field: 'mediaNo', count: 3, first: 'SOM-USB-002' });
    const rulesNow = await app.ok('media.numbering.list', {});
    expect(rulesNow.map((r) => r.upcoming).sort()).toEqual(['SOM-SD-01', 'SOM-USB-001']);
    expect(await app.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 4 });
    expect(Object.keys(await states(app)).sort()).toEqual(['SOM-SD-01', 'SOM-USB-002', 'SOM-USB-003', 'som-usb-001']);
    // The counters moved as the form's registrations move them: the next is after the taken ones.
    expect((await app.ok('media.numbering.list', {})).map((r) => r.upcoming).sort()).toEqual(['SOM-SD-02', 'SOM-USB-004']);
  });

  it('names the 課等 and 種別 of a blank row with no rule, even with no 管理番号 column, and writes nothing', async () => {
    await rules();
    const before = await unchanged();
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'norule.csv', ['種別,暗号化・認証機能,担当課等', 'USBメモリ,なし,市民課', '外付けHDD,なし,市民課', 'USBメモリ,なし,税務課']);
    const checked = await check(opened);
    expect(checked.errors.map((e) => [e.row, e.column, e.messageKey, e.params ?? null])).toEqual([
      [3, '管理番号', 'mediaImport.errors.noNumberingRule', { department: '市民課', type: '外付けHDD' }],
      // Another 課等's row is refused for that alone: its rules are not looked at (MIC §9).
      [4, '担当課等', 'validation.otherDepartmentRow', { department: '税務課', own: '市民課' }],
    ]);
    expect(checked.preview.rows[0]?.cells).toEqual([{ text: 'USBメモリ', ok: true }, { text: 'なし', ok: true }, { text: '市民課', ok: true }]);
    expect(checked.numbering).toEqual({ field: 'mediaNo', count: 1, first: 'SOM-USB-001' });
    expect(await app.fail('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'errors.importHasErrors' });
    expect(await unchanged()).toBe(before);
  });
});

describe('media import: 状態 and 最終確認日', () => {
  it('imports each status as an Excel register spells it, and the last-seen day; the history says what was given', async () => {
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'states.csv', [
      `${header},状況,最終点検日`,
      'A-1,USBメモリ,なし,市民課,2026-04-01,保管中,2026-10-01',
      'A-2,USBメモリ,なし,市民課,2026-04-01,紛失,',
      'A-3,USBメモリ,なし,市民課,2026-04-01,廃止,令和8年5月1日',
      'A-4,USBメモリ,なし,市民課,2026-04-01,廃棄済み,',
      'A-5,USBメモリ,なし,市民課,2026-04-01,廃棄,',
      'A-6,USBメモリ,なし,市民課,2026-04-01,使用中,',
      'A-7,USBメモリ,なし,市民課,2026-04-01,,2026/11/22',
      'A-8,USBメモリ,なし,市民課,2026-04-01,所在不明,2026-04-01',
    ]);
    expect(opened.suggestedMapping).toMatchObject({ 状況: 'status', 最終点検日: 'lastSeenAt' });
    const checked = await check(opened);
    expect(checked.errors).toEqual([]);
    expect(checked.preview.rows[2]?.cells.slice(5)).toEqual([{ text: '廃止', ok: true }, { text: '2026-05-01', ok: true }]);
    expect(await app.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 8 });
    expect(await states(app)).toEqual({
      'A-1': ['in_storage', '2026-10-01'],
      'A-2': ['missing', null],
      'A-3': ['retired', '2026-05-01'],
      'A-4': ['disposed', null],
      'A-5': ['disposed', null],
      'A-6': ['in_storage', null],
      'A-7': ['in_storage', '2026-11-22'],
      'A-8': ['missing', '2026-04-01'],
    });
    const { rows } = await app.ok('media.list', { pageSize: 200 });
    const a3 = await app.ok('media.get', { mediumId: rows.find((r) => r.mediaNo === 'A-3')!.id });
    expect(a3.history).toHaveLength(1);
    expect(a3.history[0]).toMatchObject({ action: 'import' });
    expect(a3.history[0]?.changes).toEqual(expect.arrayContaining([{ field: 'status', before: null, after: 'retired' }, { field: 'lastSeenAt', before: null, after: '2026-05-01' }]));
    // A closed medium stays closed: it cannot be edited back into use.
    expect(a3.medium.status).toBe('retired');
    // 改ざん検査: every imported row and its history row is accounted for by the import's event.
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('refuses 持出中 and bad days row by row, naming row and column, and writes nothing', async () => {
    const before = await unchanged();
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'badstates.csv', [
      `${header},状態,最終確認日`,
      'B-1,USBメモリ,なし,市民課,2026-04-01,持出中,',
      'B-2,USBメモリ,なし,市民課,2026-04-01,持ち出し中,',
      'B-3,USBメモリ,なし,市民課,2026-04-01,こわれた,',
      'B-4,USBメモリ,なし,市民課,2026-04-01,保管中,2026-11-23',
      'B-5,USBメモリ,なし,市民課,2026-04-01,保管中,2026-03-31',
      // A blank 登録日 (today on import) with an earlier 点検日: an Excel register without 登録日, accepted.
      'B-6,USBメモリ,なし,市民課,,保管中,2026-11-01',
      'B-7,USBメモリ,なし,市民課,2026-04-01,保管中,1899-12-31',
      'B-8,USBメモリ,なし,市民課,2026-04-01,保管中,きのう',
      'B-9,USBメモリ,なし,市民課,2026-04-01,保管中,2026-04-01',
    ]);
    const checked = await check(opened);
    expect(checked.errors.map((e) => [e.row, e.column, e.messageKey, e.params ?? null])).toEqual([
      [2, '状態', 'mediaImport.errors.checkedOut', null],
      [3, '状態', 'mediaImport.errors.checkedOut', null],
      [4, '状態', 'validation.invalidOption', null],
      [5, '最終確認日', 'validation.dateInFuture', null],
      [6, '最終確認日', 'mediaImport.errors.lastSeenBeforeRegistered', { registeredAt: '2026-04-01' }],
      [8, '最終確認日', 'validation.dateOutOfRange', null],
      [9, '最終確認日', 'validation.invalidDate', null],
    ]);
    expect(await app.fail('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'errors.importHasErrors' });
    expect(await unchanged()).toBe(before);
  });

  it('reads a Shift_JIS file whose 状態 says 廃棄済み', async () => {
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'sjis.csv', ['媒体番号,種類,暗号化,課名,登録日,ステータス,点検日', 'S-1,USBメモリ,×,市民課,R8.4.1,廃棄済み,', 'S-2,SDカード,〇,市民課,R8.4.1,保管中,R8.11.1'], 'shift_jis');
    expect(opened).toMatchObject({ encoding: 'shift_jis', rowCount: 2 });
    expect(opened.suggestedMapping).toMatchObject({ ステータス: 'status', 点検日: 'lastSeenAt' });
    expect((await check(opened)).errors).toEqual([]);
    await app.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping });
    expect(await states(app)).toEqual({ 'S-1': ['disposed', null], 'S-2': ['in_storage', '2026-11-01'] });
  });
});

describe('media import: the register export round-trips its state', () => {
  it('imports the export into a second organisation with identical status and last-seen days', async () => {
    await loginAs(app, people.officer);
    const seeded = await openMediaCsv(app, 'seed.csv', [
      `${header},状態,最終確認日`,
      'R-1,USBメモリ,なし,市民課,2026-04-01,保管中,2026-10-01',
      'R-2,USBメモリ,なし,市民課,2026-04-01,所在不明,2026-06-30',
      'R-3,USBメモリ,なし,市民課,2026-04-01,廃止,',
      'R-4,USBメモリ,なし,市民課,2026-04-01,廃棄済,2026-05-01',
      'R-5,USBメモリ,なし,市民課,2026-04-01,保管中,',
    ]);
    await app.ok('media.import.commit', { importId: seeded.importId, mapping: seeded.suggestedMapping });
    const original = await states(app);
    await loginAs(app, chief);
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(app.outDir, 'register.csv');
    await app.ok('media.exportCsv', { filters: {} });
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    expect(csv).toContain('R-4,USBメモリ,,,,なし,市民課,,,,2026-04-01,,廃棄済,2026-05-01');

    const other = makeTestApp();
    try {
      await ledgerOrganization(other);
      await loginAs(other, chief);
      const opened = await openMediaCsv(other, 'roundtrip.csv', csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean));
      expect(opened.suggestedMapping).toMatchObject({ 状態: 'status', 最終確認日: 'lastSeenAt' });
      expect((await check(opened, other)).errors).toEqual([]);
      expect(await other.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 5 });
      expect(await states(other)).toEqual(original);
      expect(await other.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    } finally {
      other.close();
      removeTestDir(other.dir);
    }
  });
});
