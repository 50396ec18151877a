import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../db/core/appError';
import { splitListText } from '../../db/contract/textLists';
import { parseBooleanCell, parseCountCell, parseDateCell, parseIntegerCell } from '../../db/ledger/csv/cells';
import { decodeCsvFile, parseCsv, parseCsvRecords } from '../../db/ledger/csv/decode';
import { isRowCounter, looksLikeDataRow, myNumberCells, withoutMyNumber } from '../../db/ledger/csv/fileChecks';

/** The ledger kit's CSV reading: Excel's files and the cells people type (db/ledger/csv). */
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, '..', 'fixtures', 'csv', name)));
const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The AppError `fn` throws, for comparing its code and field issues. */
function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('decodeCsvFile', () => {
  it('reads UTF-8 with a BOM and strips the BOM', () => {
    const { text, encoding } = decodeCsvFile(fixture('excel-utf8-bom.csv'));
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('番号,名称,課名')).toBe(true);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsvFile(utf8('管理番号,名称\r\nR8-0001,住民基本台帳\r\n'))).toEqual({
      text: '管理番号,名称\r\nR8-0001,住民基本台帳\r\n',
      encoding: 'utf-8',
    });
    // Plain ASCII is valid UTF-8.
    expect(decodeCsvFile(utf8('a,b\n')).encoding).toBe('utf-8');
  });

  it('reads Shift_JIS (CP932) as Excel saves it, with the NEC and IBM extensions', () => {
    // 「住民基本台帳」 in CP932, byte by byte.
    const handMade = new Uint8Array([0x8f, 0x5a, 0x96, 0xaf, 0x8a, 0xee, 0x96, 0x7b, 0x91, 0xe4, 0x92, 0xa0]);
    expect(decodeCsvFile(handMade)).toEqual({ text: '住民基本台帳', encoding: 'shift_jis' });

    expect(decodeCsvFile(sjis('名称,保管場所\r\n髙橋家文書,耐火金庫①\r\n㈱委託先,〇\r\n'))).toEqual({
      text: '名称,保管場所\r\n髙橋家文書,耐火金庫①\r\n㈱委託先,〇\r\n',
      encoding: 'shift_jis',
    });

    const file = decodeCsvFile(fixture('excel-sjis.csv'));
    expect(file.encoding).toBe('shift_jis');
    expect(file.text).toBe(decodeCsvFile(fixture('excel-utf8-bom.csv')).text);
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS', () => {
    for (const bytes of [
      new Uint8Array([0x41, 0x2c, 0xff, 0xfe, 0xfd, 0x0d, 0x0a]), // 0xFF is no lead byte in either
      new Uint8Array([0x8f, 0x5a, 0x96]), // Shift_JIS cut in the middle of a character
      new Uint8Array([0xef, 0xbb, 0xbf, 0x8f, 0x5a]), // a UTF-8 BOM, then Shift_JIS
      new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x2c, 0x00]), // UTF-16 LE ("Unicode text")
      new Uint8Array([0x41, 0x00, 0x2c, 0x00, 0x42, 0x00]), // UTF-16 LE without its BOM
    ]) {
      const error = appErrorOf(() => decodeCsvFile(bytes));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues).toEqual([{ path: ['file'], messageKey: 'validation.csvEncoding' }]);
    }
  });

  it('refuses an empty file and one over 20 MB', () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf]), utf8('\r\n\r\n')]) {
      expect(appErrorOf(() => decodeCsvFile(bytes)).issues).toEqual([{ path: ['file'], messageKey: 'validation.csvEmpty' }]);
    }
    const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41);
    expect(appErrorOf(() => decodeCsvFile(big)).issues).toEqual([
      { path: ['file'], messageKey: 'validation.csvTooLarge', params: { maximum: 20 } },
    ]);
    expect(decodeCsvFile(big.subarray(1)).encoding).toBe('utf-8');
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, quotes and line breaks, and either line end', () => {
    const text = 'a,b,c\r\n"1,5","say ""hi""","two\r\nlines"\n"x\ny",,\rlast,"",z';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1,5', 'say "hi"', 'two\r\nlines'],
      ['x\ny', '', ''],
      ['last', '', 'z'],
    ]);
  });

  it('ignores the trailing newline, blank lines, the rows Excel leaves as ",,," and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n\r\n1,2\r\n,,\r\n\n3,4\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseCsv('a,b,\n1,2,')).toEqual([
      ['a', 'b', ''],
      ['1', '2', ''],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('reports an unterminated quote at the row (as Excel numbers rows) where it opened', () => {
    const error = appErrorOf(() => parseCsv('a,b\r\n1,"two\r\nlines",3\r\n4,"never closed\r\n5,6\r\n'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toEqual([{ path: ['file'], messageKey: 'validation.csvMalformed', params: { row: 3 } }]);
  });

  it('reports a quote inside an unquoted field, or text after a closing quote, at its row', () => {
    expect(appErrorOf(() => parseCsv('a,b\n1,2\n3,4"5"\n')).issues).toEqual([
      { path: ['file'], messageKey: 'validation.csvMalformed', params: { row: 3 } },
    ]);
    expect(appErrorOf(() => parseCsv('a,b\n"1\n1"x,2\n')).issues).toEqual([
      { path: ['file'], messageKey: 'validation.csvMalformed', params: { row: 2 } },
    ]);
  });

  it('numbers each row as Excel shows it: blank records counted, a line break inside quotes in its row', () => {
    expect(parseCsvRecords('\r\na,b\r\n"1\r\n2",x\r\n,,\r\n\r\n3,4')).toEqual({
      rows: [['a', 'b'], ['1\r\n2', 'x'], ['3', '4']],
      rowNumbers: [2, 3, 6],
    });
  });
});

describe('file checks', () => {
  const columns = [{ key: 'no', field: 'no', header: '管理番号', synonyms: ['番号'], cell: { write: String, read: (c: string) => ({ value: c }) } }];

  it('knows a row counter: 1, 2, 3 … or 101, 102 …, full width too; not numbers with gaps or text', () => {
    expect(isRowCounter(['1', '2', '3'])).toBe(true);
    expect(isRowCounter(['１０１', '１０２'])).toBe(true);
    expect(isRowCounter(['1', '3'])).toBe(false);
    expect(isRowCounter(['R8-1', 'R8-2'])).toBe(false);
    expect(isRowCounter(['1', ''])).toBe(false);
    expect(isRowCounter([])).toBe(false);
  });

  it('takes a first row with no known heading and a number, count or date for data', () => {
    expect(looksLikeDataRow(columns, ['R8-0001', '住民基本台帳', '3000'])).toBe(true);
    expect(looksLikeDataRow(columns, ['R8-0001', '令和8年3月31日'])).toBe(true);
    expect(looksLikeDataRow(columns, ['番号', '3000'])).toBe(false);
    expect(looksLikeDataRow(columns, ['分類', '備考'])).toBe(false);
  });

  it('finds every 個人番号 cell, headers included, and never shows one back', () => {
    expect(myNumberCells(['a', '123456789018'], 1, [['1234 5678 9018', 'x'], ['ok', '']], [2, 4])).toEqual([
      { row: 1, index: 1 },
      { row: 2, index: 0 },
    ]);
    expect(withoutMyNumber('本人 1234-5678-9018')).toBe('本人 ＊＊＊＊-＊＊＊＊-＊＊＊＊');
    expect(withoutMyNumber('電話 0123-45-6789')).toBe('電話 0123-45-6789');
  });
});

describe('cell converters', () => {
  it('reads whole numbers, with separators and full-width digits', () => {
    expect(parseIntegerCell('１，２００')).toBe(1200);
    expect(parseIntegerCell('')).toBeNull();
    for (const bad of ['約3000', '3.5', '-1', '多数']) expect(parseIntegerCell(bad)).toBeUndefined();
  });

  it('reads booleans', () => {
    for (const yes of ['〇', '○', '◯', '有', 'あり', 'はい', 'yes', 'YES', 'true', 'TRUE', '1', '１', '✓', ' 〇 ']) expect(parseBooleanCell(yes)).toBe(true);
    for (const no of ['', ' ', '×', '無', 'なし', 'いいえ', 'no', 'false', 'FALSE', '0']) expect(parseBooleanCell(no)).toBe(false);
    for (const unknown of ['たぶん', '2', '△']) expect(parseBooleanCell(unknown)).toBeNull();
  });

  it('reads counts, with 約 marking them approximate', () => {
    expect(parseCountCell('3,000')).toEqual({ count: 3000, approximate: false });
    expect(parseCountCell('約3000人')).toEqual({ count: 3000, approximate: true });
    expect(parseCountCell('3000人')).toEqual({ count: 3000, approximate: false });
    expect(parseCountCell('３０００')).toEqual({ count: 3000, approximate: false });
    expect(parseCountCell('約　１，２００名')).toEqual({ count: 1200, approximate: true });
    expect(parseCountCell('')).toEqual({ count: null, approximate: false });
    for (const bad of ['多数', '3000件', '3.5', '約', '-5']) expect(parseCountCell(bad)).toBeNull();
  });

  it('reads Western and Japanese-era dates', () => {
    expect(parseDateCell('2026-03-31')).toBe('2026-03-31');
    expect(parseDateCell('2026/3/31')).toBe('2026-03-31');
    expect(parseDateCell('2026年3月31日')).toBe('2026-03-31');
    expect(parseDateCell('２０２６／３／３１')).toBe('2026-03-31');
    expect(parseDateCell('令和8年3月31日')).toBe('2026-03-31');
    expect(parseDateCell('R8.3.31')).toBe('2026-03-31');
    expect(parseDateCell('r08.03.31')).toBe('2026-03-31');
    expect(parseDateCell('平成31年4月30日')).toBe('2019-04-30');
    expect(parseDateCell('H31.4.30')).toBe('2019-04-30');
    expect(parseDateCell('令和元年5月1日')).toBe('2019-05-01');
    expect(parseDateCell('平成元年1月8日')).toBe('1989-01-08');
    expect(parseDateCell('')).toBeNull();
    // Before the era began: 令和 starts 2019-05-01, 平成 1989-01-08.
    expect(parseDateCell('令和元年4月30日')).toBeUndefined();
    expect(parseDateCell('平成元年1月7日')).toBeUndefined();
    expect(parseDateCell('令和0年5月1日')).toBeUndefined();
    for (const bad of ['来年3月', '31/3/2026', '2026-3', 'R8']) expect(parseDateCell(bad)).toBeUndefined();
  });

  it('splits list cells', () => {
    expect(splitListText('氏名、住所, 生年月日，性別;電話番号；メール\n職業\r\n勤務先、、')).toEqual([
      '氏名', '住所', '生年月日', '性別', '電話番号', 'メール', '職業', '勤務先',
    ]);
    expect(splitListText('  ')).toEqual([]);
  });
});
