import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, removeTestDir, setUpOrganization, type TestApp } from './support/backend';

const fixtures = path.join(import.meta.dirname, '../fixtures/csv');
let app: TestApp;
beforeEach(async () => {
  app = makeTestApp();
  await setUpOrganization(app);
  await app.ok('departments.create', { name: '市民課' });
  await app.ok('departments.create', { name: '総務課' });
});
afterEach(() => {
  app.close();
  removeTestDir(app.dir);
});

describe('CSV import of an existing Excel ledger', () => {
  it('reads Shift_JIS, reports every row error before writing, and commits all rows or none', async () => {
    app.openAnswer.path = path.join(fixtures, 'excel-sjis.csv');
    const opened = await app.ok('holdings.import.open');
    expect(opened).toMatchObject({ fileName: 'excel-sjis.csv', encoding: 'shift_jis', rowCount: 3 });
    expect(opened.headers.slice(0, 3)).toEqual(['番号', '名称', '課名']);
    expect(opened.suggestedMapping).toMatchObject({ 番号: 'ledgerNo', 名称: 'name', 課名: 'department' });
    // 保険年金課 does not exist yet: its row (Excel's row 3, the header being row 1) is reported, and commit writes nothing.
    const check = await app.ok('holdings.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
    expect(check.errors).toEqual([expect.objectContaining({ row: 3, column: '課名', field: 'department', messageKey: 'validation.unknownDepartment' })]);
    const refused = await app.fail('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping });
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'errors.importHasErrors' });
    expect((await app.ok('holdings.list', {})).total).toBe(0);

    await app.ok('departments.create', { name: '保険年金課' });
    expect((await app.ok('holdings.import.check', { importId: opened.importId, mapping: opened.suggestedMapping })).errors).toEqual([]);
    expect(await app.ok('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 3 });
    const list = await app.ok('holdings.list', {});
    expect(list.rows.map((r) => [r.ledgerNo, r.status])).toEqual([
      ['R8-0001', 'draft'],
      ['R8-0002', 'draft'],
      ['R8-0003', 'draft'],
    ]);
    const first = await app.ok('holdings.get', { holdingId: list.rows[0]!.id });
    expect(first.holding).toMatchObject({ name: '住民基本台帳', subjectCount: 3000, subjectCountApproximate: true, containsMyNumber: true, medium: 'both', retention: '2026-03-31' });
    expect(first.holding.owner).toBe('髙橋 一郎');
    expect(first.history.map((h) => h.action)).toEqual(['import']);
    // The same file cannot be imported twice: every 管理番号 is now taken.
    expect((await app.fail('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).messageKey).toBe('errors.importExpired');
    const again = await app.ok('holdings.import.open');
    const dupes = await app.ok('holdings.import.check', { importId: again.importId, mapping: again.suggestedMapping });
    expect(dupes.errors.map((e) => [e.row, e.messageKey, e.params])).toEqual([
      [2, 'validation.alreadyRegistered', { ledgerNo: 'R8-0001' }],
      [3, 'validation.alreadyRegistered', { ledgerNo: 'R8-0002' }],
      [4, 'validation.alreadyRegistered', { ledgerNo: 'R8-0003' }],
    ]);
    const log = await app.ok('audit.query', { action: 'holdings.import' });
    expect(log.rows[0]!.detail).toMatchObject({ fileName: 'excel-sjis.csv', encoding: 'shift_jis', created: 3 });
  });

  it('refuses a 個人番号 in any cell, naming the row and column', async () => {
    const file = path.join(app.dir, 'mynumber.csv');
    writeFileSync(file, '\uFEFF管理番号,個人情報ファイルの名称,担当課等,利用目的,媒体\r\nR8-0101,相談記録,市民課,相談 123456789018 の記録,紙\r\nR8-0102,名簿,市民課,研修,紙\r\n');
    app.openAnswer.path = file;
    const opened = await app.ok('holdings.import.open');
    const check = await app.ok('holdings.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
    expect(check.errors).toEqual([expect.objectContaining({ row: 2, column: '利用目的', field: 'purpose', messageKey: 'validation.myNumber' })]);
    expect((await app.fail('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).code).toBe('INVALID_INPUT');
    expect((await app.ok('holdings.list', {})).total).toBe(0);
  });

  it('says clearly when a file is not CSV text in a known encoding, and when the user cancels', async () => {
    const file = path.join(app.dir, 'broken.csv');
    writeFileSync(file, Buffer.from([0x82, 0xa0, 0xff, 0xfe, 0x00, 0x81, 0x39, 0xfd]));
    app.openAnswer.path = file;
    expect((await app.fail('holdings.import.open')).issues?.[0]?.messageKey).toBe('validation.csvEncoding');
    writeFileSync(file, '管理番号,名称\r\n"R8-1,未閉じ\r\n');
    expect((await app.fail('holdings.import.open')).issues?.[0]).toMatchObject({ messageKey: 'validation.csvMalformed' });
    app.openAnswer.path = null;
    expect((await app.fail('holdings.import.open')).code).toBe('CANCELLED');
  });
});
