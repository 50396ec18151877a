import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaImportFields } from '../../db/contract';
import { mediaCsvColumns } from '../../db/features/media/csv';
import { mediaStateColumns } from '../../db/features/media/csvImport';
import { chief, makeTestApp, reauth, removeTestDir, type TestApp } from './support/backend';
import { ledgerAppPerTest, ledgerOrganization, loginAs, people } from './support/holdings';
import { openMediaCsv, registerAsSeen, registerMedia, storagePlaces } from './support/mediaOutput';

/**
 * 媒体管理台帳 as CSV and its import from an existing Excel register (issue #10 item 7), on real
 * SQLCipher through the router: export → import into another organisation gives the same media;
 * Excel's Shift_JIS headings import; every bad row is named and nothing is written; the
 * bulk-export guard and the reader's 課等 decide what leaves.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const register = () => registerMedia(app, departments);
const places = (on: TestApp) => storagePlaces(on, departments);

async function exportCsv(to: string, filters: Record<string, unknown> = {}): Promise<string> {
  app.saveAnswer.path = path.join(app.outDir, to);
  await app.ok('media.exportCsv', { filters });
  return readFileSync(app.saveAnswer.path, 'utf8');
}

describe('media register CSV: export and import round trip', () => {
  it('writes the screen labels as headers, and a fresh organisation importing the file holds the same media', async () => {
    await register();
    await reauth(app, chief.password);
    const csv = await exportCsv('媒体.csv');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFF管理番号,種別,メーカー・型番,製造番号,容量,暗号化・認証機能,担当課等,管理者,保管場所,バックアップ媒体,登録日,備考,状態,最終確認日');
    expect(lines).toHaveLength(5);
    // Formulas are defused for Excel (csvDocument), values are the screen's words.
    expect(csv).toContain("HDD-001,外付けHDD,,,,パスワード,市民課,,耐火金庫,〇,2025-10-01,,保管中,");
    expect(csv).toContain("'=SUM(A1)");
    const original = await registerAsSeen(app);

    const other = makeTestApp();
    try {
      await ledgerOrganization(other);
      await places(other);
      await loginAs(other, chief);
      const opened = await openMediaCsv(other, 'roundtrip.csv', csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean));
      // 状態 and 最終確認日 come back too (media-import.test.ts).
      expect(opened.suggestedMapping).toEqual(Object.fromEntries([...mediaCsvColumns, ...mediaStateColumns].map((c) => [c.header, c.key])));
      const check = await other.ok('media.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
      expect(check.errors).toEqual([]);
      expect(await other.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 4 });
      // The formula's defusing quote is taken off again on import: the 備考 is what was typed.
      expect(await registerAsSeen(other)).toEqual(original);
      const first = (await other.ok('media.list', {})).rows[0]!;
      expect((await other.ok('media.get', { mediumId: first.id })).history.map((h) => h.action)).toEqual(['import']);
      const log = await other.ok('audit.query', { action: 'media.import' });
      expect(log.rows[0]!.detail).toMatchObject({ fileName: 'roundtrip.csv', encoding: 'utf-8', created: 4 });
      // 改ざん検査 accounts for every imported row by the import's event.
      expect((await other.ok('audit.verify')).findings).toEqual([]);
    } finally {
      other.close();
      removeTestDir(other.dir);
    }
  });

  it('maps each CSV column to the contract import field of the same key', () => {
    expect([...mediaCsvColumns, ...mediaStateColumns].map((c) => c.key)).toEqual([...mediaImportFields]);
  });

  it('imports an Excel register saved as Shift_JIS with its own headings, never taking the row counter for 管理番号', async () => {
    await places(app);
    const opened = await openMediaCsv(
      app,
      'excel.csv',
      [
        'No,媒体番号,種類,メーカー,暗号化,課名,保管場所,バックアップ,登録日,備考',
        '1,USB-101,USBメモリ,エレコム,有,市民課,施錠キャビネットA,×,令和8年4月1日,窓口用',
        '2,SD-101,SDカード,,無,市民課,施錠キャビネットA,,2026/4/2,',
        '3,HDD-101,外付けHDD,,〇,市民課,耐火金庫,〇,R8.4.3,サーバ室のバックアップ',
        '4,DVD-101,DVD,,×,市民課,施錠キャビネットA,,,',
        '5,紙-101,紙,,×,市民課,施錠キャビネットA,,,',
      ],
      'shift_jis',
    );
    expect(opened).toMatchObject({ encoding: 'shift_jis', rowCount: 5, rowCounters: ['No'] });
    expect(opened.suggestedMapping).toEqual({
      媒体番号: 'mediaNo', 種類: 'type', メーカー: 'makeModel', 暗号化: 'encrypted', 課名: 'department', 保管場所: 'storageLocation', バックアップ: 'isBackupMedium', 登録日: 'registeredAt', 備考: 'remarks',
    });
    const check = await app.ok('media.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
    expect(check.errors).toEqual([]);
    expect(await app.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 5 });
    const seen = await registerAsSeen(app);
    // 有 / 〇 say only that the medium asks for a password or key: read as パスワード, never as more (MIC §12).
    expect(seen.map((m) => [m.mediaNo, m.type, m.makeModel, m.encrypted, m.storageLocationName, m.isBackupMedium, m.registeredAt, m.status])).toEqual([
      ['DVD-101', 'optical', '', 'none', '施錠キャビネットA', false, '2026-11-22', 'in_storage'],
      ['HDD-101', 'hdd', '', 'password', '耐火金庫', true, '2026-04-03', 'in_storage'],
      ['SD-101', 'sd', '', 'none', '施錠キャビネットA', false, '2026-04-02', 'in_storage'],
      ['USB-101', 'usb', 'エレコム', 'password', '施錠キャビネットA', false, '2026-04-01', 'in_storage'],
      ['紙-101', 'paper', '', 'none', '施錠キャビネットA', false, '2026-11-22', 'in_storage'],
    ]);
  });

  it('wants 暗号化 of every row, and a 管理番号 from a column of its own or the rule when 「No」 only counts rows', async () => {
    await places(app);
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'counter.csv', ['No,種類,暗号化,課名', '1,USBメモリ,,市民課', '2,SDカード,有,市民課']);
    expect(opened.suggestedMapping).toEqual({ 種類: 'type', 暗号化: 'encrypted', 課名: 'department' });
    const check = await app.ok('media.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
    // No 管理番号 column: each row is numbered by its 課等's rule, and 市民課 has none for SDカード.
    expect(check.errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [2, '暗号化', 'validation.required'],
      [3, '管理番号', 'mediaImport.errors.noNumberingRule'],
    ]);
    expect((await app.ok('media.list', {})).total).toBe(0);
  });
});

describe('media register import: bad rows are named and nothing is written', () => {
  /** The register and the change events, as the chief sees them: what a refused import must leave alone. */
  async function unchanged(): Promise<string> {
    const { rows } = await app.ok('media.list', { pageSize: 200 });
    const events = (await app.ok('audit.query', { targetType: 'medium', pageSize: 200 })).rows.filter((e) => !['media.list', 'media.view'].includes(e.action));
    return JSON.stringify([rows.map((r) => [r.id, r.updatedAt]), events.map((e) => e.seq)]);
  }

  it('names an unknown 保管場所, a bad 種別, a 管理番号 already registered and one repeated in the file', async () => {
    await register();
    await loginAs(app, chief);
    const before = await unchanged();
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'bad.csv', [
      '管理番号,種別,暗号化・認証機能,担当課等,保管場所',
      'USB-201,USBメモリ,ハードウェア暗号化,市民課,地下倉庫',
      'USB-202,フロッピー,なし,市民課,施錠キャビネットA',
      'USB-001,USBメモリ,なし,市民課,施錠キャビネットA',
      'USB-203,USBメモリ,なし,市民課,',
      'USB-203,USBメモリ,なし,市民課,',
      'TAX-001,USBメモリ,なし,市民課,',
      'USB-204,USBメモリ,なし,税務課,',
    ]);
    const check = await app.ok('media.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
    expect(check.errors.map((e) => [e.row, e.column, e.messageKey, e.params ?? null])).toEqual([
      [2, '保管場所', 'mediaOutput.importErrors.unknownStorageLocation', { name: '地下倉庫' }],
      [3, '種別', 'validation.invalidOption', null],
      [4, '管理番号', 'validation.alreadyRegistered', { ledgerNo: 'USB-001' }],
      [6, '管理番号', 'validation.duplicateInFile', { firstRow: 5 }],
      // 税務課's medium is not named to 市民課's officer (MIC §9): only that the number is in use.
      [7, '管理番号', 'validation.mediaNoTaken', null],
      [8, '担当課等', 'validation.otherDepartmentRow', { department: '税務課', own: '市民課' }],
    ]);
    expect(await app.fail('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'errors.importHasErrors' });
    await loginAs(app, chief);
    expect(await unchanged()).toBe(before);
  });

  it("refuses a place of another 課等 by name, and the whole file for a 個人番号 in any cell", async () => {
    await register();
    await loginAs(app, chief);
    const before = await unchanged();
    const place = await openMediaCsv(app, 'place.csv', ['管理番号,種別,暗号化・認証機能,担当課等,保管場所', 'TAX-002,USBメモリ,なし,税務課,施錠キャビネットA', 'TAX-003,USBメモリ,なし,税務課,耐火金庫']);
    const placeCheck = await app.ok('media.import.check', { importId: place.importId, mapping: place.suggestedMapping });
    expect(placeCheck.errors.map((e) => [e.row, e.messageKey, e.params])).toEqual([[2, 'mediaOutput.importErrors.storageLocationOfOtherDepartment', { name: '施錠キャビネットA', department: '税務課' }]]);
    const withNumber = await openMediaCsv(app, 'mynumber.csv', ['管理番号,種別,暗号化・認証機能,担当課等,備考,メモ', 'USB-301,USBメモリ,なし,市民課,本人 1234 5678 9018 の書類,', 'USB-302,USBメモリ,なし,市民課,,123456789018']);
    const check = await app.ok('media.import.check', { importId: withNumber.importId, mapping: withNumber.suggestedMapping });
    expect(check.errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [2, '備考', 'validation.myNumber'],
      // Even in a column not taken in, the number refuses the file (番号法: never stored, never passed on).
      [3, 'メモ', 'validation.myNumberInFile'],
    ]);
    expect((await app.fail('media.import.commit', { importId: withNumber.importId, mapping: withNumber.suggestedMapping })).code).toBe('INVALID_INPUT');
    expect(await unchanged()).toBe(before);
  });

  it('is media.master work: a clerk cannot open an import', async () => {
    await loginAs(app, people.clerk);
    expect((await app.fail('media.import.open')).code).toBe('PERMISSION_DENIED');
  });
});

describe('media register CSV: who gets which rows', () => {
  it("gives a clerk only their 課等's media, and the other 課等's clerk only theirs", async () => {
    await register();
    await loginAs(app, people.clerk);
    await reauth(app, people.clerk.password);
    const citizens = await exportCsv('市民課.csv');
    expect(citizens).toContain('USB-001');
    expect(citizens).not.toContain('TAX-001');
    await loginAs(app, people.otherClerk);
    await reauth(app, people.otherClerk.password);
    const tax = await exportCsv('税務課.csv', { departmentId: departments.citizens });
    expect(tax.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('asks for the password again, then for a reason above the threshold, and refuses a clerk a bulk export', async () => {
    await register();
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('settings.update', { bulkExportThreshold: 2 });
    await loginAs(app, people.clerk);
    expect((await app.fail('media.exportCsv', { filters: {} })).code).toBe('REAUTH_REQUIRED');
    expect((await app.fail('media.takeout.exportCsv', { filters: {} })).code).toBe('REAUTH_REQUIRED');
    await reauth(app, people.clerk.password);
    expect(await app.fail('media.exportCsv', { filters: {}, reason: '点検' })).toMatchObject({ code: 'PERMISSION_DENIED', messageKey: 'errors.bulkExportNotAllowed', params: { threshold: 2, rowCount: 3 } });
    expect(await app.fail('media.printList', { filters: {}, target: 'printer' })).toMatchObject({ code: 'PERMISSION_DENIED' });
    // Below the threshold the clerk exports freely.
    expect((await app.ok('media.exportCsv', { filters: { type: 'usb' } })).rowCount).toBe(1);
    await loginAs(app, people.manager);
    await reauth(app, people.manager.password);
    expect((await app.fail('media.exportCsv', { filters: {} })).code).toBe('BULK_EXPORT_REASON_REQUIRED');
    app.saveAnswer.path = path.join(app.outDir, 'bulk.csv');
    expect((await app.ok('media.exportCsv', { filters: {}, reason: '年次点検の資料' })).rowCount).toBe(3);
    const log = await app.ok('audit.query', { action: 'media.export' });
    expect(log.rows[0]!.detail).toMatchObject({ bulk: true, reason: '年次点検の資料', rowCount: 3, file: 'bulk.csv' });
  });
});
