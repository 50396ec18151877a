import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief, reauth, type TestApp } from './support/backend';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';
import { openMediaCsv, storagePlaces } from './support/mediaOutput';

/**
 * The media register's print, CSV and import attacked (issue #10 item 7), on real SQLCipher
 * through the router: formulas an auditor's Excel would run, numbers and names that differ
 * only in case, width or spacing, and what a refused step leaves behind.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const header = '管理番号,種別,暗号化・認証機能,担当課等,保管場所,備考';
// Japanese Excel runs a cell typed with the IME's full-width signs as a formula too.
const formulas = ['＝HYPERLINK("http://x","開く")', '＋81-3', '－1+2', '＠SUM(A1)'];

async function exported(channel: 'media.exportCsv' | 'media.takeout.exportCsv', name: string): Promise<string> {
  app.saveAnswer.path = path.join(app.outDir, name);
  await app.ok(channel, { filters: {} });
  return readFileSync(app.saveAnswer.path, 'utf8');
}

describe('CSV: full-width formula signs', () => {
  it('defuses ＝ ＋ － ＠ in the register and the 持出管理簿, and the register imports back as typed', async () => {
    const { cabinet } = await storagePlaces(app, departments);
    await loginAs(app, chief);
    const [a, b, c, d] = formulas as [string, string, string, string];
    const medium = await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'F-1', makeModel: a, serialNo: b, custodian: c, remarks: d, storageLocationId: cabinet }));
    await loginAs(app, people.clerk);
    const safeguards = { encryption: true, password: true, lockedCase: false, sealed: false };
    await app.ok('media.takeout.request', { mediumId: medium.id, purpose: a, destination: b, contentsSummary: c, safeguards, dueBack: '2026-12-01' });
    await reauth(app, people.clerk.password);
    const register = await exported('media.exportCsv', 'register.csv');
    const takeouts = await exported('media.takeout.exportCsv', 'takeouts.csv');
    for (const f of formulas) {
      const cell = f.includes('"') ? `"'${f.replace(/"/g, '""')}"` : `'${f}`;
      expect(register).toContain(`,${cell},`);
      if (f !== d) expect(takeouts).toContain(`,${cell},`);
    }

    // The apostrophe is taken off again on import: a new number, the same texts.
    await loginAs(app, chief);
    const lines = register.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const opened = await openMediaCsv(app, 'back.csv', [lines[0]!, lines[1]!.replace(/^F-1,/, 'F-2,')]);
    expect(await app.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 1 });
    const back = (await app.ok('media.list', { text: 'F-2' })).rows[0]!;
    const { medium: m } = await app.ok('media.get', { mediumId: back.id });
    expect([m.makeModel, m.serialNo, m.custodian, m.remarks]).toEqual(formulas);
  });
});

describe('持出管理簿 on paper', () => {
  it('prints why an unencrypted medium was let out and why a return was not intact, as the CSV holds them', async () => {
    const { cabinet } = await storagePlaces(app, departments);
    await loginAs(app, chief);
    const paper = await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: '簿冊-001', type: 'paper', encrypted: 'none', storageLocationId: cabinet }));
    await loginAs(app, people.clerk);
    const safeguards = { encryption: false, password: false, lockedCase: false, sealed: true };
    const t = await app.ok('media.takeout.request', { mediumId: paper.id, purpose: '監査対応', destination: '本庁舎 会議室', contentsSummary: '申請書綴り', safeguards, dueBack: '2026-11-30' });
    await loginAs(app, people.manager);
    await app.ok('media.takeout.approve', { takeoutId: t.id, note: '庁舎内で閲覧のみのため封緘で可' });
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: t.id });
    await app.ok('media.takeout.return', { takeoutId: t.id, contentsIntact: false, tempCopiesErased: true, note: '1枚欠落、課長へ報告済' });
    await loginAs(app, people.manager);
    await reauth(app, people.manager.password);
    await app.ok('media.takeout.printList', { filters: {}, target: 'printer' });
    const html = app.printed.at(-1)!.html;
    expect(html).toContain('庁舎内で閲覧のみのため封緘で可');
    expect(html).toContain('1枚欠落、課長へ報告済');
  });
});

describe('import: 管理番号 in another case', () => {
  it('names rows whose 管理番号 differ only in case or width at the check, instead of failing the commit without a row', async () => {
    await storagePlaces(app, departments);
    await loginAs(app, chief);
    await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-001' }));
    const before = (await app.ok('media.list', {})).total;
    const opened = await openMediaCsv(app, 'case.csv', [header, 'abc-1,USBメモリ,なし,市民課,,', 'ABC-1 ,USBメモリ,なし,市民課,,', 'ＡＢＣ－１,USBメモリ,なし,市民課,,', 'usb-001,USBメモリ,なし,市民課,,']);
    const input = { importId: opened.importId, mapping: opened.suggestedMapping };
    const check = await app.ok('media.import.check', input);
    // A barcode reader with Caps Lock types either: one label, so one medium (numbering.ts takes numbers in any case).
    expect(check.errors.map((e) => [e.row, e.column, e.messageKey, e.params ?? null])).toEqual([
      [3, '管理番号', 'validation.duplicateInFile', { firstRow: 2 }],
      [4, '管理番号', 'validation.duplicateInFile', { firstRow: 2 }],
      [5, '管理番号', 'validation.alreadyRegistered', { ledgerNo: 'usb-001' }],
    ]);
    expect(await app.fail('media.import.commit', input)).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'errors.importHasErrors', params: { errors: 3 } });
    expect((await app.ok('media.list', {})).total).toBe(before);
  });
});

describe('import: two columns under one heading', () => {
  it('refuses a taken-in heading whose second column holds values, instead of dropping them unseen', async () => {
    await loginAs(app, chief);
    const opened = await openMediaCsv(app, 'twice.csv', ['管理番号,種別,暗号化・認証機能,担当課等,備考,備考,メモ,メモ', 'P-1,USBメモリ,なし,市民課,,施錠して保管すること,,']);
    const input = { importId: opened.importId, mapping: opened.suggestedMapping };
    expect((await app.ok('media.import.check', input)).errors).toEqual([{ row: 0, column: '備考', field: 'remarks', messageKey: 'validation.csvHeaderRepeated', params: { column: '備考' } }]);
    expect(await app.fail('media.import.commit', input)).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'errors.importHasErrors' });
    expect((await app.ok('media.list', {})).total).toBe(0);
    // Not taken in, or the other column empty: nothing is lost, the file imports.
    const { 備考: _dropped, ...without } = opened.suggestedMapping;
    expect(await app.ok('media.import.commit', { importId: opened.importId, mapping: without })).toEqual({ created: 1 });
  });
});

describe('import: 登録日 after today', () => {
  it("names a row registered after today in the organisation's calendar at the check, instead of failing the commit without a row", async () => {
    // 2026-11-22 15:30 UTC is 2026-11-23 00:30 in Japan: 23 November is today, the 24th is not yet.
    app.clock.advance(14.5 * 3_600_000);
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'future.csv', ['管理番号,種別,暗号化・認証機能,担当課等,登録日', 'D-1,USBメモリ,なし,市民課,2026-11-23', 'D-2,USBメモリ,なし,市民課,令和8年11月24日', 'D-3,USBメモリ,なし,市民課,2062/11/1']);
    const input = { importId: opened.importId, mapping: opened.suggestedMapping };
    expect((await app.ok('media.import.check', input)).errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [3, '登録日', 'validation.dateInFuture'],
      [4, '登録日', 'validation.dateInFuture'],
    ]);
    expect(await app.fail('media.import.commit', input)).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'errors.importHasErrors', params: { errors: 2 } });
    expect((await app.ok('media.list', {})).total).toBe(0);
  });

  it('commits a file once when 取り込む is sent twice at once', async () => {
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'twice.csv', ['管理番号,種別,暗号化・認証機能,担当課等', 'T-1,USBメモリ,なし,市民課', 'T-2,USBメモリ,なし,市民課']);
    const input = { importId: opened.importId, mapping: opened.suggestedMapping };
    const [first, second] = await Promise.all([app.call('media.import.commit', input), app.call('media.import.commit', input)]);
    expect(first).toEqual({ ok: true, data: { created: 2 } });
    expect(second).toMatchObject({ ok: false, code: 'NOT_FOUND', messageKey: 'errors.importExpired' });
    expect((await app.ok('media.list', {})).total).toBe(2);
    await loginAs(app, chief);
    expect((await app.ok('audit.query', { action: 'media.import' })).rows).toHaveLength(1);
    expect((await app.ok('audit.verify')).findings).toEqual([]);
  });
});

describe('names that differ only in width or spacing', () => {
  it('refuses a 保管場所 named like another of its 課等, so an import cannot pick the wrong one', async () => {
    await storagePlaces(app, departments);
    await loginAs(app, people.officer);
    const before = await app.ok('media.storageLocations.list', { includeInactive: true });
    for (const name of ['施錠キャビネットＡ', '施錠キャビネット A', '施錠 キャビネットA']) {
      const refused = await app.fail('media.storageLocations.create', { name, departmentId: departments.citizens });
      expect(refused.issues).toEqual([{ path: ['name'], messageKey: 'validation.storageLocationTaken' }]);
    }
    const other = await app.ok('media.storageLocations.create', { name: '書庫', departmentId: departments.citizens });
    expect((await app.fail('media.storageLocations.rename', { locationId: other.id, name: '施錠キャビネットＡ' })).issues).toEqual([{ path: ['name'], messageKey: 'validation.storageLocationTaken' }]);
    // Its own name in another width is still its own.
    expect((await app.ok('media.storageLocations.rename', { locationId: other.id, name: '書 庫' })).name).toBe('書 庫');
    const after = (await app.ok('media.storageLocations.list', { includeInactive: true })).map((l) => l.name);
    expect(after.sort()).toEqual([...before.map((l) => l.name), '書 庫'].sort());
  });

  it('reads a 課等 and a 保管場所 written with invisible characters or other width as the ones they show', async () => {
    await storagePlaces(app, departments);
    await loginAs(app, people.officer);
    const opened = await openMediaCsv(app, 'zw.csv', [header, 'Z-1,USBメモリ,なし,市民\u200b課,施錠キャビネット\u00adＡ,', 'Z-2,USBメモリ,なし,\u2060市民課 ,耐火\u200d金庫,']);
    const input = { importId: opened.importId, mapping: opened.suggestedMapping };
    expect((await app.ok('media.import.check', input)).errors).toEqual([]);
    expect(await app.ok('media.import.commit', input)).toEqual({ created: 2 });
    const rows = (await app.ok('media.list', {})).rows.map((r) => [r.mediaNo, r.departmentName, r.storageLocationName]);
    expect(rows).toEqual([
      ['Z-1', '市民課', '施錠キャビネットA'],
      ['Z-2', '市民課', '耐火金庫'],
    ]);
    // And no place or 課等 can be named so beside the one it shows.
    expect((await app.fail('media.storageLocations.create', { name: '施錠\u200bキャビネットA', departmentId: departments.citizens })).issues).toEqual([{ path: ['name'], messageKey: 'validation.storageLocationTaken' }]);
  });

  it('refuses a 課等 named like another, so an import naming it cannot give the row to the wrong 課等', async () => {
    await loginAs(app, chief);
    const before = (await app.ok('departments.list', {})).map((d) => d.name);
    const it1 = await app.ok('departments.create', { name: 'ＩＴ推進課' });
    for (const name of ['IT推進課', 'IT 推進課', '市民 課']) {
      expect((await app.fail('departments.create', { name })).issues).toEqual([{ path: ['name'], messageKey: 'validation.departmentTaken' }]);
    }
    expect((await app.fail('departments.update', { departmentId: departments.tax, name: '市 民課' })).issues).toEqual([{ path: ['name'], messageKey: 'validation.departmentTaken' }]);
    expect((await app.ok('departments.update', { departmentId: it1.id, name: 'IT推進課' })).name).toBe('IT推進課');
    expect((await app.ok('departments.list', {})).map((d) => d.name).sort()).toEqual([...before, 'IT推進課'].sort());
  });
});
