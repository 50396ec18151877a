import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../db/contract';
import { japaneseText } from '../../db/print/labels';
import { makeTestApp, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Issue #7: moving a clerk's own Excel ledger in. The usual headings map by themselves, a
 * row counter is not a 管理番号, the mapping chosen once is offered again, the preview shows
 * what will be recorded, rows are named as Excel numbers them, and every refusal says where
 * and why — with nothing written.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

type Opened = ChannelOutput<'holdings.import.open'>;

/** Writes `lines` as Excel on Japanese Windows saves a CSV (Shift_JIS, CRLF) and opens it. */
async function openFile(lines: string[], name = '台帳.csv', on: TestApp = app): Promise<Opened> {
  const file = path.join(app.dir, name);
  writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'Shift_JIS'));
  on.openAnswer.path = file;
  return on.ok('holdings.import.open');
}

const check = (opened: Opened, mapping: Record<string, string> = opened.suggestedMapping, on: TestApp = app) =>
  on.ok('holdings.import.check', { importId: opened.importId, mapping } as ChannelInput<'holdings.import.check'>);
const commit = (opened: Opened, mapping: Record<string, string> = opened.suggestedMapping) =>
  app.call('holdings.import.commit', { importId: opened.importId, mapping } as ChannelInput<'holdings.import.commit'>);
const errorsOf = (checked: { errors: { row: number; column: string; messageKey: string }[] }) => checked.errors.map((e) => [e.row, e.column, e.messageKey]);

// The clerk's Excel ledger: a row counter, the usual headings, 永年 and 「5年」, full-width numbers, 和暦.
const clerkLedger = [
  'No,名称,部署名,利用目的,件数,媒体,保管期限,備考',
  '1,住民基本台帳,市民課,住民の居住関係の公証,１，２００,紙,永年,旧台帳から移行',
  '2,印鑑登録原票,市民課,印鑑登録証明,"約3,000人",電子,R10.3.31,',
  '3,窓口相談記録,市民課,相談対応,45,紙,5年,',
];

describe('a clerk\'s Excel ledger', () => {
  it('maps 部署名, 件数, 保管期限 and 備考 by themselves, leaves the row counter out and numbers the rows', async () => {
    await loginAs(app, people.clerk);
    const opened = await openFile(clerkLedger);
    expect(opened.suggestedMapping).toEqual({ 名称: 'name', 部署名: 'department', 利用目的: 'purpose', 件数: 'subjectCount', 媒体: 'medium', 保管期限: 'retention', 備考: 'remarks' });
    expect(opened).toMatchObject({ encoding: 'shift_jis', rowCount: 3, headerRow: 1, sampleRows: [2, 3, 4], rowCounters: ['No'], mappingRemembered: false });

    const checked = await check(opened);
    expect(checked.errors).toEqual([]);
    // The preview: Excel's rows, each cell as the ledger will hold it.
    expect(checked.preview.columns.map((c) => [c.column, c.field])).toEqual(Object.entries(opened.suggestedMapping));
    const cells = (row: number) => checked.preview.rows.find((r) => r.row === row)!.cells.map((c) => c.text);
    expect(checked.preview.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(cells(2)).toEqual(['住民基本台帳', '市民課', '住民の居住関係の公証', '1200', '紙', '永年', '旧台帳から移行']);
    expect(cells(3)).toEqual(['印鑑登録原票', '市民課', '印鑑登録証明', '約3000', '電子', '2028-03-31', '']);
    expect(cells(4)[5]).toBe('5年');
    // No 管理番号 in the file: the check says which numbers the rows will get.
    expect(checked.numbering).toEqual({ field: 'ledgerNo', count: 3, first: 'R8-0001' });

    expect(await commit(opened)).toEqual({ ok: true, data: { created: 3 } });
    const list = await app.ok('holdings.list', { sort: 'ledgerNo' });
    expect(list.rows.map((r) => [r.ledgerNo, r.name])).toEqual([
      ['R8-0001', '住民基本台帳'],
      ['R8-0002', '印鑑登録原票'],
      ['R8-0003', '窓口相談記録'],
    ]);
    const first = await app.ok('holdings.get', { holdingId: list.rows[0]!.id });
    expect(first.holding).toMatchObject({ departmentId: d.citizens, subjectCount: 1200, subjectCountApproximate: false, retention: 'permanent', remarks: '旧台帳から移行' });
    const second = await app.ok('holdings.get', { holdingId: list.rows[1]!.id });
    expect(second.holding).toMatchObject({ subjectCount: 3000, subjectCountApproximate: true, retention: '2028-03-31' });
  });

  it('takes a 番号 column as 管理番号 when it holds numbers, and a 連番 of 1, 2, 3 … never', async () => {
    await loginAs(app, people.clerk);
    const numbered = await openFile(['番号,名称,課名,利用目的', 'R8-0101,名簿,市民課,研修', 'R8-0102,台帳,市民課,公証']);
    expect(numbered.suggestedMapping).toMatchObject({ 番号: 'ledgerNo' });
    expect((await check(numbered)).numbering).toBeNull();
    expect(numbered.rowCounters).toEqual([]);
    const counted = await openFile(['連番,管理番号,名称,課名,利用目的', '1,R8-0201,名簿,市民課,研修', '2,R8-0202,台帳,市民課,公証'], 'b.csv');
    expect(counted.suggestedMapping).toMatchObject({ 管理番号: 'ledgerNo' });
    expect(counted.suggestedMapping).not.toHaveProperty('連番');
    expect(counted.rowCounters).toEqual(['連番']);
  });
});

describe('the mapping a clerk chose', () => {
  const storeroomFile = ['管理番号,名称,課名,利用目的,媒体,保管庫', 'R8-0301,名簿,市民課,研修,紙,書庫A'];

  it('is offered again for the same headers: after another file, in another order, and after a restart', async () => {
    await loginAs(app, people.clerk);
    const first = await openFile(storeroomFile);
    expect(first.mappingRemembered).toBe(false);
    expect(first.suggestedMapping).not.toHaveProperty('保管庫');
    const chosen = { ...first.suggestedMapping, 保管庫: 'storageLocation' };
    await check(first, chosen);
    await check(first, chosen);

    // Another file in between does not lose it; the same headers in another order find it.
    expect((await openFile(['管理番号,名称,課名,利用目的,媒体', 'R8-0302,名簿,市民課,研修,紙'], 'other.csv')).mappingRemembered).toBe(false);
    const again = await openFile(['保管庫,媒体,利用目的,課名,名称,管理番号', '書庫B,紙,研修,市民課,名簿,R8-0303'], 'again.csv');
    expect(again).toMatchObject({ mappingRemembered: true, suggestedMapping: chosen });

    // After a restart, by another clerk of the organisation.
    app.close();
    const restarted = makeTestApp({ dir: app.dir });
    try {
      await loginAs(restarted, people.otherClerk);
      const reopened = await openFile(storeroomFile, '台帳.csv', restarted);
      expect(reopened).toMatchObject({ mappingRemembered: true, suggestedMapping: chosen });
      await loginAs(restarted, people.manager);
      // Saved once (the second check changed nothing), in the access log.
      const log = await restarted.ok('audit.query', { action: 'importMapping.save' });
      expect(log.rows).toHaveLength(1);
      expect(log.rows[0]).toMatchObject({ targetType: 'import_mapping', detail: { ledger: 'holdings', mapping: chosen } });
    } finally {
      restarted.close();
      app = makeTestApp({ dir: app.dir });
    }
  });

  it('is not stored when a header carries a 個人番号, nor when a field is chosen twice', async () => {
    await loginAs(app, people.clerk);
    const opened = await openFile(['管理番号,名称,課名,利用目的,媒体,123456789018', 'R8-0401,名簿,市民課,研修,紙,']);
    // The header is named masked, as a cell would be (never echoed).
    expect(errorsOf(await check(opened))).toEqual([[1, '＊＊＊＊＊＊＊＊＊＊＊＊', 'validation.myNumberInFile']]);
    const twice = await openFile(['管理番号,名称,課名,部署名,利用目的,媒体', 'R8-0402,名簿,市民課,市民課,研修,紙'], 'twice.csv');
    await check(twice, { ...twice.suggestedMapping, 部署名: 'department' });
    await loginAs(app, people.manager);
    expect((await app.ok('audit.query', { action: 'importMapping.save' })).total).toBe(0);
  });
});

describe('rows named as Excel numbers them', () => {
  it('counts the header as row 1 and blank lines too; a line break inside a cell stays in its row', async () => {
    await loginAs(app, people.clerk);
    const opened = await openFile(['管理番号,名称,課名,利用目的,媒体', '', 'R8-0501,名簿,市民課,"研修の\r\n実施",紙', ',,,,', 'R8-0502,台帳,市民課,公証,フロッピー', 'R8-0501,重複,市民課,公証,紙']);
    expect(opened).toMatchObject({ headerRow: 1, rowCount: 3, sampleRows: [3, 5, 6] });
    const checked = await check(opened);
    expect(errorsOf(checked)).toEqual([
      [5, '媒体', 'validation.invalidOption'],
      [6, '管理番号', 'validation.duplicateInFile'],
    ]);
    expect(checked.errors[1]!.params).toEqual({ firstRow: 3 });
    // The preview marks the cell it could not read, on the same rows.
    expect(checked.preview.rows.map((r) => [r.row, r.cells.filter((c) => !c.ok).map((c) => c.text)])).toEqual([
      [3, []],
      [5, ['フロッピー']],
      [6, ['R8-0501']],
    ]);
  });
});

describe('refusals that say where and why, writing nothing', () => {
  it('names the clerk\'s own 課等 and the row\'s for rows of another department', async () => {
    await loginAs(app, people.clerk);
    const opened = await openFile(['管理番号,名称,課名,利用目的,媒体', 'R8-0601,名簿,市民課,研修,紙', 'R8-0602,課税台帳,税務課,課税,紙']);
    const [error] = (await check(opened)).errors;
    expect(error).toEqual({ row: 3, column: '課名', field: 'department', messageKey: 'validation.otherDepartmentRow', params: { department: '税務課', own: '市民課' } });
    expect(japaneseText(error!.messageKey, error!.params ?? {})).toBe('担当課等「税務課」はあなたの課等（市民課）ではありません。取り込めるのは自分の課等の行だけです。');
    expect((await commit(opened)).ok).toBe(false);
    expect((await app.ok('holdings.list', {})).total).toBe(0);
  });

  it('says which rows already exist when the same file comes again: by 管理番号, or by name and 課等 when numbers are assigned', async () => {
    await loginAs(app, people.clerk);
    await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0701', name: '既存の台帳' }));
    expect(await commit(await openFile(clerkLedger))).toMatchObject({ ok: true });
    const again = await openFile(clerkLedger, 'again.csv');
    const checked = await check(again);
    expect(checked.errors.map((e) => [e.row, e.column, e.messageKey, e.params])).toEqual([
      [2, '名称', 'validation.alreadyRegisteredAs', { ledgerNo: 'R8-0001' }],
      [3, '名称', 'validation.alreadyRegisteredAs', { ledgerNo: 'R8-0002' }],
      [4, '名称', 'validation.alreadyRegisteredAs', { ledgerNo: 'R8-0003' }],
    ]);
    expect(japaneseText('validation.alreadyRegistered', { ledgerNo: 'R8-0701' })).toBe('既に登録されています（管理番号 R8-0701）。');
    const byNumber = await openFile(['管理番号,名称,課名,利用目的,媒体', 'R8-0701,既存の台帳,市民課,公証,紙', 'R8-0702,新しい台帳,市民課,公証,紙'], 'numbered.csv');
    expect((await check(byNumber)).errors.map((e) => [e.row, e.messageKey, e.params])).toEqual([[2, 'validation.alreadyRegistered', { ledgerNo: 'R8-0701' }]]);
    expect((await commit(again)).ok).toBe(false);
    expect((await app.ok('holdings.list', {})).total).toBe(4);
  });

  it('refuses a file with a 個人番号 anywhere — 備考, a column not imported, a header — naming row and column, never echoing it', async () => {
    await loginAs(app, people.clerk);
    const opened = await openFile([
      '管理番号,名称,課名,利用目的,媒体,備考,メモ',
      'R8-0801,名簿,市民課,研修,紙,本人 1234 5678 9018 の記録,',
      'R8-0802,台帳,市民課,公証,紙,,１２３４５６７８９０１８',
      'R8-0803,台帳2,市民課,公証,紙,,',
    ]);
    expect(opened.suggestedMapping).not.toHaveProperty('メモ');
    const checked = await check(opened);
    expect(checked.errors.map((e) => [e.row, e.column, e.field, e.messageKey])).toEqual([
      [2, '備考', 'remarks', 'validation.myNumber'],
      [3, 'メモ', '', 'validation.myNumberInFile'],
    ]);
    expect(JSON.stringify([opened, checked])).not.toMatch(/5678|５６７８/);
    expect((await commit(opened)).ok).toBe(false);
    expect((await app.ok('holdings.list', {})).total).toBe(0);
  });
});

describe('bad files', () => {
  it('refuses a file whose first row is data, and a file with a header row only', async () => {
    await loginAs(app, people.clerk);
    const write = (lines: string[]) => {
      const file = path.join(app.dir, 'bad.csv');
      writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'Shift_JIS'));
      app.openAnswer.path = file;
    };
    write(['R8-0901,住民基本台帳,市民課,公証,3000,紙,2031/3/31', 'R8-0902,名簿,市民課,研修,45,紙,2031/3/31']);
    expect((await app.fail('holdings.import.open')).issues).toEqual([{ path: ['file'], messageKey: 'validation.csvNoHeader' }]);
    write(['管理番号,名称,課名,利用目的', '', ',,,']);
    expect((await app.fail('holdings.import.open')).issues).toEqual([{ path: ['file'], messageKey: 'validation.csvNoRows' }]);
  });

  it('refuses a field chosen for two columns, naming both', async () => {
    await loginAs(app, people.clerk);
    const opened = await openFile(['管理番号,名称,課名,部署名,利用目的', 'R8-1001,名簿,市民課,税務課,研修']);
    expect(opened.suggestedMapping).toMatchObject({ 課名: 'department' });
    expect(opened.suggestedMapping).not.toHaveProperty('部署名');
    const mapping = { ...opened.suggestedMapping, 部署名: 'department' };
    const checked = await check(opened, mapping);
    expect(checked.errors).toEqual([{ row: 0, column: '課名、部署名', field: 'department', messageKey: 'validation.csvMappedTwice', params: { columns: '課名」「部署名' } }]);
    expect(japaneseText('validation.csvMappedTwice', { columns: '課名」「部署名' })).toContain('「課名」「部署名」が同じ項目に対応付けられています');
    expect((await commit(opened, mapping)).ok).toBe(false);
    expect((await app.ok('holdings.list', {})).total).toBe(0);
  });

  it('reports the one bad row of 10,000 by its Excel row, and writes nothing', async () => {
    await loginAs(app, people.clerk);
    const rows = Array.from({ length: 10_000 }, (_, i) => `R8-${String(i + 1).padStart(5, '0')},台帳${i + 1},市民課,事務の管理,${i === 6_999 ? '約八百' : '10'},紙,永年`);
    const opened = await openFile(['管理番号,名称,課名,利用目的,本人の数,媒体,保存期限', ...rows]);
    expect(opened.rowCount).toBe(10_000);
    const checked = await check(opened);
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([[7_001, '本人の数']]);
    expect(checked.preview.rows).toHaveLength(20);
    expect((await commit(opened)).ok).toBe(false);
    expect((await app.ok('holdings.list', {})).total).toBe(0);
  });
});
