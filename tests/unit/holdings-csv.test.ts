import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { holdingFieldsSchema, importableFields, type Holding, type HoldingFields } from '../../db/contract/holdings';
import { holdingColumns } from '../../db/features/holdings/columns';
import { holdingCsvColumns, holdingsCsv as writeHoldingsCsv } from '../../db/features/holdings/csv';
import { nameKey } from '../../db/ledger/csv/cells';
import { decodeCsvFile, parseCsv } from '../../db/ledger/csv/decode';
import { convertRows as convertTable, suggestMapping as suggestFrom } from '../../db/ledger/csv/table';

// The holdings ledger's CSV as the kit derives it from the column table.
const headerLabels = Object.fromEntries(holdingCsvColumns.map((c) => [c.key, c.header])) as Record<string, string>;
const suggestMapping = (headers: string[]) => suggestFrom(holdingCsvColumns, headers);
const holdingsCsv = (rows: Holding[]) => writeHoldingsCsv(rows, (iso) => iso.slice(0, 10));
function convertRows(input: { headers: string[]; rows: string[][]; mapping: Record<string, string>; departmentsByName: Map<string, number> }) {
  const byName = new Map([...input.departmentsByName].map(([name, id]) => [nameKey(name), id]));
  const ctx = { lookup: (_kind: string, name: string) => byName.get(nameKey(name)) };
  const { records, errors } = convertTable<HoldingFields>({ columns: holdingCsvColumns, schema: holdingFieldsSchema, headers: input.headers, rows: input.rows, mapping: input.mapping, ctx, uniqueField: 'ledgerNo' });
  return { fields: records, errors };
}
/** 媒体's cell: the value, undefined for an empty cell (required), null for an unknown word. */
function parseMediumCell(cell: string) {
  const result = holdingColumns.medium.csv!.read(cell, { lookup: () => undefined });
  return 'error' in result ? (result.error === 'validation.required' ? undefined : null) : result.value;
}

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, '..', 'fixtures', 'csv', name)));
const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));


const departmentsByName = new Map([
  ['市民課', 1],
  ['保険年金課', 2],
  ['総務課', 3],
]);

/** The header row of the import file, plus data rows, as convertRows takes them. */
function convert(headers: string[], rows: string[][], mapping = suggestMapping(headers)) {
  return convertRows({ headers, rows, mapping, departmentsByName });
}

const minimalHeaders = ['管理番号', '個人情報ファイルの名称', '担当課等', '利用目的', '媒体'];
const minimalRow = (ledgerNo: string) => [ledgerNo, '住民基本台帳', '市民課', '住民の居住関係の公証', '紙'];

describe('suggestMapping', () => {
  it('has one CSV column per importable field of the contract, in its order', () => {
    expect(holdingCsvColumns.map((c) => c.key)).toEqual([...importableFields]);
  });

  it('recognises the export headers', () => {
    const headers = importableFields.map((field) => headerLabels[field] as string);
    expect(suggestMapping([...headers, '状態', '管理区分', '最終見直し日'])).toEqual(
      Object.fromEntries(importableFields.map((field) => [headerLabels[field], field])),
    );
  });

  it('recognises common synonyms after NFKC and without spaces, and leaves unknown headers alone', () => {
    expect(
      suggestMapping(['番号', ' 名称 ', '課名', '保存期間', '個人番号', '要配慮', '特定個人情報（個人番号）を含む', 'ＮＯ', '備考', 'ファイル名']),
    ).toEqual({
      番号: 'ledgerNo',
      ' 名称 ': 'name',
      課名: 'department',
      保存期間: 'retention',
      個人番号: 'containsMyNumber',
      要配慮: 'containsSensitive',
      備考: 'remarks',
    });
    expect(suggestMapping(['台帳番号', 'ファイル名', '担当課', '利用　目的'])).toEqual({
      台帳番号: 'ledgerNo',
      ファイル名: 'name',
      担当課: 'department',
      '利用　目的': 'purpose',
    });
  });
});


describe('媒体 cell', () => {
  it('reads media', () => {
    expect(parseMediumCell('紙')).toBe('paper');
    for (const electronic of ['電子', '電子媒体', '電磁的記録']) expect(parseMediumCell(electronic)).toBe('electronic');
    for (const both of ['両方', '紙・電子', '紙及び電子', '紙･電子']) expect(parseMediumCell(both)).toBe('both');
    expect(parseMediumCell('')).toBeUndefined();
    expect(parseMediumCell('フロッピー')).toBeNull();
  });

});

describe('convertRows', () => {
  it('converts the Excel fixture (Shift_JIS, synonyms as headers) into holding fields', () => {
    const [headers, ...rows] = parseCsv(decodeCsvFile(fixture('excel-sjis.csv')).text) as [string[], ...string[][]];
    const mapping = suggestMapping(headers);
    expect(mapping).toHaveProperty('備考', 'remarks');
    const { fields, errors } = convertRows({ headers, rows, mapping, departmentsByName });
    expect(errors).toEqual([]);
    expect(fields).toHaveLength(3);
    expect(fields[0]).toMatchObject({
      ledgerNo: 'R8-0001',
      name: '住民基本台帳',
      departmentId: 1,
      owner: '髙橋 一郎',
      handlers: ['佐藤', '鈴木'],
      recordItems: ['氏名', '住所', '生年月日', '性別'],
      subjectCount: 3000,
      subjectCountApproximate: true,
      containsSensitive: false,
      containsMyNumber: true,
      medium: 'both',
      storageLocation: '耐火金庫①',
      retention: '2026-03-31',
      useUntil: null,
      recordScope: '',
      recipients: [],
    });
    expect(fields[1]).toMatchObject({
      purpose: '保険給付及び保険料賦課のため。\n窓口対応を含む',
      recordItems: ['氏名・住所'],
      subjectCount: 1200,
      subjectCountApproximate: false,
      containsSensitive: true,
      containsMyNumber: false,
      medium: 'both',
      storageLocation: '㈱データ保管センター',
      retention: '2019-04-30',
    });
    expect(fields[2]).toMatchObject({ name: '研修受講者名簿（"個人情報保護"研修）', departmentId: 3, handlers: [], recordItems: ['氏名', '所属'], medium: 'paper' });
  });

  it('reports each bad cell with its row, its column as written, and the form’s message key', () => {
    const headers = ['管理番号', '名称', '課名', '利用目的', '媒体', '本人の数', '要配慮', '保存期間', '利用期限', '記録項目'];
    const rows = [
      ['R8-0001', '住民基本台帳', '市民課', '公証', '紙', '約3000人', '〇', '令和8年3月31日', '', '氏名'],
      ['R8-0002', '名簿', '市民課', '公証', 'フロッピー', '多数', 'たぶん', '2026-02-30', '来年', '氏名'],
      ['R8-0003', '名簿', '存在しない課', '', '', '', '', '', '', ''],
    ];
    const { fields, errors } = convert(headers, rows);
    expect(fields).toHaveLength(1);
    expect(errors).toEqual([
      { row: 2, column: '媒体', field: 'medium', messageKey: 'validation.invalidOption' },
      { row: 2, column: '本人の数', field: 'subjectCount', messageKey: 'validation.invalidType' },
      { row: 2, column: '要配慮', field: 'containsSensitive', messageKey: 'validation.csvBoolean' },
      { row: 2, column: '保存期間', field: 'retention', messageKey: 'validation.invalidDate' },
      { row: 2, column: '利用期限', field: 'useUntil', messageKey: 'validation.invalidDate' },
      { row: 3, column: '課名', field: 'department', messageKey: 'validation.unknownDepartment' },
      { row: 3, column: '利用目的', field: 'purpose', messageKey: 'validation.required' },
      { row: 3, column: '媒体', field: 'medium', messageKey: 'validation.required' },
    ]);
  });

  it('matches department names after NFKC, and refuses an empty one as required', () => {
    const rows = [
      ['R8-0001', '住民基本台帳', ' 保険年金課 ', '公証', '紙'],
      ['R8-0002', '住民基本台帳', '', '公証', '紙'],
    ];
    const { fields, errors } = convert(minimalHeaders, rows);
    expect(fields.map((f) => f.departmentId)).toEqual([2]);
    expect(errors).toEqual([{ row: 2, column: '担当課等', field: 'department', messageKey: 'validation.required' }]);
    const narrow = convertRows({ headers: minimalHeaders, rows: [['R8-0003', '名簿', 'ｿｳﾑ課', '公証', '紙']], mapping: suggestMapping(minimalHeaders), departmentsByName: new Map([['ソウム課', 9]]) });
    expect(narrow.fields[0]?.departmentId).toBe(9);
  });

  it('refuses a 個人番号 in any text cell, naming its row and column', () => {
    const headers = [...minimalHeaders, '担当者', '備考欄', '保管場所'];
    const rows = [
      [...minimalRow('R8-0001'), '佐藤', '', ''],
      ['R8-0002', '住民基本台帳', '市民課', '本人 123456789018 の照会', '紙', '佐藤', '', ''],
      [...minimalRow('R8-0003'), '佐藤、1234 5678 9018', '', '書庫'],
      [...minimalRow('R8-0004'), '', '', '１２３４５６７８９０１８'],
    ];
    const { fields, errors } = convert(headers, rows);
    expect(fields).toHaveLength(1);
    expect(errors).toEqual([
      { row: 2, column: '利用目的', field: 'purpose', messageKey: 'validation.myNumber' },
      { row: 3, column: '担当者', field: 'handlers', messageKey: 'validation.myNumber' },
      { row: 4, column: '保管場所', field: 'storageLocation', messageKey: 'validation.myNumber' },
    ]);
    // A 12-digit number that fails the check digit is not a 個人番号.
    expect(convert(minimalHeaders, [['R8-0001', '名簿', '市民課', '照会番号 123456789012', '紙']]).errors).toEqual([]);
  });

  it('passes on the schema’s limits with their parameters', () => {
    const { errors } = convert(minimalHeaders, [['R8-0001', 'あ'.repeat(201), '市民課', '公証', '紙']]);
    expect(errors).toEqual([{ row: 1, column: '個人情報ファイルの名称', field: 'name', messageKey: 'validation.tooLong', params: { maximum: 200 } }]);
    const items = convert(['管理番号', '名称', '課名', '目的', '媒体', '記録項目'], [[...minimalRow('R8-0002'), `氏名、${'x'.repeat(101)}、${'y'.repeat(101)}`]]);
    expect(items.errors).toEqual([{ row: 1, column: '記録項目', field: 'recordItems', messageKey: 'validation.tooLong', params: { maximum: 100 } }]);
  });

  it('reports a required column that is not mapped once, at row 0', () => {
    const headers = ['管理番号', '名称', '課名', '備考'];
    const rows = [
      ['R8-0001', '住民基本台帳', '市民課', ''],
      ['R8-0002', '名簿', '市民課', ''],
      ['R8-0003', '', '市民課', ''],
    ];
    const { fields, errors } = convert(headers, rows);
    expect(fields).toEqual([]);
    expect(errors).toEqual([
      { row: 0, column: '利用目的', field: 'purpose', messageKey: 'validation.csvColumnMissing' },
      { row: 0, column: '媒体', field: 'medium', messageKey: 'validation.csvColumnMissing' },
      { row: 3, column: '名称', field: 'name', messageKey: 'validation.required' },
    ]);
  });

  it('uses the user’s mapping, not the headers, and ignores unmapped columns', () => {
    const headers = ['A', 'B', 'C', 'D', 'E', 'F'];
    const mapping = { A: 'ledgerNo', B: 'name', C: 'department', D: 'purpose', E: 'medium' } as const;
    const { fields, errors } = convertRows({ headers, rows: [[...minimalRow('X-1'), 'ignored']], mapping, departmentsByName });
    expect(errors).toEqual([]);
    expect(fields[0]).toMatchObject({ ledgerNo: 'X-1', name: '住民基本台帳', departmentId: 1, medium: 'paper' });
  });

  it('flags a 管理番号 repeated within the file on the later rows', () => {
    const rows = [minimalRow('R8-0001'), minimalRow('R8-0002'), minimalRow(' R8-0001 '), minimalRow('R8-0001')];
    const { fields, errors } = convert(minimalHeaders, rows);
    expect(fields.map((f) => f.ledgerNo)).toEqual(['R8-0001', 'R8-0002']);
    expect(errors).toEqual([
      { row: 3, column: '管理番号', field: 'ledgerNo', messageKey: 'validation.duplicateInFile', params: { firstRow: 1 } },
      { row: 4, column: '管理番号', field: 'ledgerNo', messageKey: 'validation.duplicateInFile', params: { firstRow: 1 } },
    ]);
  });

  it('treats a short row as having empty cells at its end', () => {
    const { errors } = convert(minimalHeaders, [['R8-0001', '住民基本台帳', '市民課']]);
    expect(errors).toEqual([
      { row: 1, column: '利用目的', field: 'purpose', messageKey: 'validation.required' },
      { row: 1, column: '媒体', field: 'medium', messageKey: 'validation.required' },
    ]);
  });
});

function holding(fields: Partial<HoldingFields> & Pick<HoldingFields, 'ledgerNo'>, extra: Partial<Holding> = {}): Holding {
  const base = holdingFieldsSchema.parse({ name: '名簿', departmentId: 1, purpose: '事務', medium: 'paper', ...fields });
  return {
    ...base,
    id: 1,
    departmentName: [...departmentsByName].find(([, id]) => id === base.departmentId)?.[0] ?? '',
    status: 'draft',
    category: null,
    categoryReason: '',
    categoryDecidedBy: null,
    categoryDecidedAt: null,
    suggestedCategory: 'C',
    suggestionReasons: [],
    version: 1,
    verifiedVersion: null,
    verifiedBy: null,
    verifiedAt: null,
    lastEditedBy: '佐藤',
    lastReviewedAt: null,
    reviewDue: false,
    createdAt: '2026-04-01T00:00:00.000Z',
    updatedAt: '2026-04-01T00:00:00.000Z',
    ...extra,
  };
}

describe('holdingsCsv (export)', () => {
  const ledger: Holding[] = [
    holding(
      {
        ledgerNo: 'R8-0001',
        name: '住民基本台帳',
        departmentId: 1,
        owner: '髙橋 一郎',
        handlers: ['佐藤', '鈴木'],
        purpose: '住民の居住関係の公証\n（住民基本台帳法第1条）',
        recordItems: ['氏名', '住所', '生年月日', '性別'],
        recordScope: '市内に住所を有する者',
        collectionMethod: '届出, 職権',
        subjectCount: 3000,
        subjectCountApproximate: true,
        containsSensitive: false,
        containsMyNumber: true,
        medium: 'both',
        storageLocation: '耐火金庫①',
        storageMethod: '施錠・暗号化',
        authorizedPersons: ['市民課職員'],
        recipients: ['県', '国'],
        contractors: ['㈱データ保管センター'],
        foreignHandling: '',
        useUntil: '2030-03-31',
        retention: '2035-03-31',
        disposalMethod: '=溶解 "業者"',
      },
      { status: 'verified', category: 'A', lastReviewedAt: '2026-04-10' },
    ),
    holding({ ledgerNo: '-0002', name: '+研修名簿', departmentId: 3, purpose: '@研修', medium: 'electronic', subjectCount: 45, containsSensitive: true }, { status: 'retired' }),
    holding({ ledgerNo: 'R8-0003', departmentId: 2, purpose: '事務', medium: 'paper' }, { status: 'disposed', category: 'C' }),
  ];

  it('writes Excel CSV with the Japanese headers and values', () => {
    const csv = holdingsCsv(ledger);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(`${importableFields.map((f) => headerLabels[f]).join(',')},状態,管理区分,最終見直し日`);
    expect(lines.at(-1)).toBe('');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(4);
    const col = (name: string) => (rows[0] as string[]).indexOf(name);
    const [first, second, third] = rows.slice(1) as [string[], string[], string[]];
    expect(first[col('担当者')]).toBe('佐藤、鈴木');
    expect(first[col('本人の数')]).toBe('約3000');
    expect(first[col('要配慮個人情報を含む')]).toBe('');
    expect(first[col('特定個人情報（個人番号）を含む')]).toBe('〇');
    expect(first[col('媒体')]).toBe('紙・電子');
    expect(first[col('担当課等')]).toBe('市民課');
    expect(first[col('廃棄方法')]).toBe(`'=溶解 "業者"`); // defused: never runs as a formula
    expect([first[col('状態')], first[col('管理区分')], first[col('最終見直し日')]]).toEqual(['照合済', 'A', '2026-04-10']);
    expect([second[col('媒体')], second[col('状態')], second[col('管理区分')], second[col('管理番号')]]).toEqual(['電子', '保有終了', '', "'-0002"]);
    expect([third[col('媒体')], third[col('状態')], third[col('本人の数')]]).toEqual(['紙', '廃棄済', '']);
    expect(holdingsCsv([{ ...ledger[0]!, departmentName: '市民生活課' }])).toContain(',市民生活課,');
  });

  it('round-trips through decode → parse → suggestMapping → convertRows', () => {
    const bytes = new TextEncoder().encode(holdingsCsv(ledger));
    const { text, encoding } = decodeCsvFile(bytes);
    expect(encoding).toBe('utf-8');
    const [headers, ...rows] = parseCsv(text) as [string[], ...string[][]];
    const mapping = suggestMapping(headers);
    expect(Object.values(mapping).sort()).toEqual([...importableFields].sort());
    const { fields, errors } = convertRows({ headers, rows, mapping, departmentsByName });
    expect(errors).toEqual([]);
    const importable = (h: Holding): HoldingFields => {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(holdingFieldsSchema.shape)) out[key] = h[key as keyof HoldingFields];
      return out as HoldingFields;
    };
    expect(fields).toEqual(ledger.map(importable));
  });

  it('round-trips through Shift_JIS too, as after Excel saves the file again', () => {
    const text = holdingsCsv(ledger).slice(1);
    const decoded = decodeCsvFile(sjis(text));
    expect(decoded.encoding).toBe('shift_jis');
    const [headers, ...rows] = parseCsv(decoded.text) as [string[], ...string[][]];
    const { fields, errors } = convertRows({ headers, rows, mapping: suggestMapping(headers), departmentsByName });
    expect(errors).toEqual([]);
    expect(fields.map((f) => [f.ledgerNo, f.owner, f.storageLocation, f.contractors])).toEqual([
      ['R8-0001', '髙橋 一郎', '耐火金庫①', ['㈱データ保管センター']],
      ['-0002', '', '', []],
      ['R8-0003', '', '', []],
    ]);
  });
});
