import type { z } from 'zod';
import {
  holdingFieldsSchema,
  type Holding,
  type HoldingFields,
  type ImportableField,
  type ImportRowError,
  importableFields,
} from '../../contract/holdings';
import { toFieldIssue } from '../../core/fieldIssues';
import { AppError } from '../../core/appError';
import { csvDocument } from '../../core/output/csv';

/**
 * CSV import and export of the holdings ledger (保有個人情報等台帳, domain.md §1).
 * Pure functions: the caller reads the file, looks up departments and writes the rows.
 *
 * Files come from Excel on Japanese Windows, which saves CSV as Shift_JIS (CP932) or as
 * UTF-8 with a BOM. Every cell passes the same zod schema as the form, so a 個人番号 in any
 * text cell is refused with the same message (番号法 guideline: never store the number).
 */

export const csvMaxMegabytes = 20;
const csvMaxBytes = csvMaxMegabytes * 1024 * 1024;

function fileError(messageKey: string, params?: Record<string, string | number>): AppError {
  return new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey, ...(params ? { params } : {}) }]);
}

// ---------------------------------------------------------------------------------------
// Decoding

/**
 * Bytes → text. A UTF-8 BOM means UTF-8; otherwise valid UTF-8 is UTF-8; otherwise
 * Shift_JIS as WHATWG defines it (= CP932, with the NEC/IBM extensions ①, ㈱, 髙 …).
 * Anything else (UTF-16, a spreadsheet binary, a damaged file) is refused.
 */
export function decodeCsvFile(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  if (bytes.length === 0) throw fileError('validation.csvEmpty');
  if (bytes.length > csvMaxBytes) throw fileError('validation.csvTooLarge', { maximum: csvMaxMegabytes });
  let text: string;
  let encoding: 'utf-8' | 'shift_jis';
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = tryDecode('utf-8', hasBom ? bytes.subarray(3) : bytes);
  if (utf8 !== null) {
    text = utf8;
    encoding = 'utf-8';
  } else if (hasBom) {
    throw fileError('validation.csvEncoding');
  } else {
    const sjis = tryDecode('shift_jis', bytes);
    if (sjis === null) throw fileError('validation.csvEncoding');
    text = sjis;
    encoding = 'shift_jis';
  }
  // NUL never occurs in a text CSV; it does in UTF-16 and in binary files that happen to decode.
  if (text.includes('\u0000')) throw fileError('validation.csvEncoding');
  if (text.trim().length === 0) throw fileError('validation.csvEmpty');
  return { text, encoding };
}

function tryDecode(label: 'utf-8' | 'shift_jis', bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: a BOM was already removed above; a second one would be data.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Parsing

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

function malformed(line: number): AppError {
  return fileError('validation.csvMalformed', { row: line });
}

/**
 * RFC 4180 in one pass: commas, "quoted" fields with "" for a quote, commas and line breaks
 * inside quotes, CRLF / LF / CR line ends. Lines whose cells are all empty (blank lines, or
 * the ",,,," Excel leaves behind) are skipped. A quote that is never closed, a quote inside
 * an unquoted field or text after a closing quote → validation.csvMalformed with `row`, the
 * 1-based physical line of the file where the problem is (for an unclosed quote: where it opened).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const len = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row: string[] = [];
  const endRow = () => {
    if (row.some((cell) => cell !== '')) rows.push(row);
    row = [];
  };
  while (i < len) {
    // At the start of a field.
    let value: string;
    let c: number;
    if (text.charCodeAt(i) === QUOTE) {
      const openedOn = line;
      let j = i + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw malformed(openedOn);
        for (let k = j; k < q; k++) {
          const ch = text.charCodeAt(k);
          if (ch === LF || (ch === CR && text.charCodeAt(k + 1) !== LF)) line++;
        }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      c = i < len ? text.charCodeAt(i) : -1;
      if (c !== COMMA && c !== CR && c !== LF && c !== -1) throw malformed(line);
    } else {
      let j = i;
      c = -1;
      while (j < len) {
        const ch = text.charCodeAt(j);
        if (ch === COMMA || ch === CR || ch === LF) {
          c = ch;
          break;
        }
        if (ch === QUOTE) throw malformed(line);
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (c === COMMA) {
      i++;
      if (i === len) {
        row.push('');
        endRow();
      }
      continue;
    }
    endRow();
    if (c === CR) {
      i++;
      if (text.charCodeAt(i) === LF) i++;
      line++;
    } else if (c === LF) {
      i++;
      line++;
    }
  }
  if (row.length) endRow();
  return rows;
}

// ---------------------------------------------------------------------------------------
// Columns

/**
 * The Japanese column headers written by export and recognised by import. They are a file
 * format, kept apart from the printed labels (db/print/holdingLabels.ts) on purpose: a
 * change of printed wording must not stop last year's exports from importing.
 */
export const headerLabels: Record<ImportableField, string> = {
  ledgerNo: '管理番号',
  name: '個人情報ファイルの名称',
  department: '担当課等',
  owner: '管理責任者',
  handlers: '担当者',
  purpose: '利用目的',
  recordItems: '記録項目',
  recordScope: '記録範囲',
  collectionMethod: '収集方法',
  subjectCount: '本人の数',
  containsSensitive: '要配慮個人情報を含む',
  containsMyNumber: '特定個人情報を含む',
  medium: '媒体',
  storageLocation: '保管場所',
  storageMethod: '保管方法',
  authorizedPersons: 'アクセス権を有する者',
  recipients: '経常的提供先',
  contractors: '委託先',
  foreignHandling: '外国での取扱い',
  useUntil: '利用期限',
  retentionUntil: '保存期限',
  disposalMethod: '廃棄方法',
};

/** Headers other ledgers (ministry templates, older Excel books) use for the same columns. */
const headerSynonyms: Record<ImportableField, readonly string[]> = {
  ledgerNo: ['番号', '台帳番号', '整理番号', 'No', 'No.', '管理No'],
  name: ['名称', 'ファイル名', '個人情報ファイル名', '個人情報ファイルの名前', 'ファイルの名称', '台帳名'],
  department: ['課名', '担当課', '所管課', '担当部署', '部署', '課等', '担当課名'],
  owner: ['責任者', '管理責任者名'],
  handlers: ['担当者名', '取扱者', '事務取扱担当者'],
  purpose: ['目的', '利用の目的'],
  recordItems: ['項目', '記録項目名'],
  recordScope: ['記録の範囲', '本人の範囲'],
  collectionMethod: ['収集の方法', '取得方法'],
  subjectCount: ['本人数', '人数', '対象者数', '本人の人数'],
  containsSensitive: ['要配慮', '要配慮個人情報', '要配慮個人情報の有無', '要配慮個人情報を含むか'],
  containsMyNumber: ['個人番号', '特定個人情報', '特定個人情報(個人番号)を含む', '個人番号を含む', '特定個人情報の有無', 'マイナンバー'],
  medium: ['媒体の種類', '記録媒体', '媒体区分'],
  storageLocation: ['保管の場所'],
  storageMethod: ['保管の方法'],
  authorizedPersons: ['アクセス権者', 'アクセス権限を有する者', 'アクセス権限者'],
  recipients: ['提供先', '経常的な提供先'],
  contractors: ['委託先名', '業務委託先'],
  foreignHandling: ['外国での取扱', '外国における取扱い', '外国における取扱', '外国での取り扱い'],
  useUntil: ['利用期間'],
  retentionUntil: ['保存期間', '保存期間・保存期限', '保存年限'],
  disposalMethod: ['廃棄の方法', '廃棄・消去方法'],
};

function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const fieldByHeaderKey = new Map<string, ImportableField>();
for (const field of importableFields) fieldByHeaderKey.set(headerKey(headerLabels[field]), field);
for (const field of importableFields) {
  for (const synonym of headerSynonyms[field]) {
    const key = headerKey(synonym);
    if (!fieldByHeaderKey.has(key)) fieldByHeaderKey.set(key, field);
  }
}

/**
 * A first guess at which column is which field: exact label or a common synonym, after
 * NFKC, trimming and removing spaces. Each field is taken by the first column that names
 * it; unknown headers (and later duplicates) are left unmapped for the user to choose.
 */
export function suggestMapping(headers: string[]): Record<string, ImportableField> {
  const mapping: Record<string, ImportableField> = {};
  const taken = new Set<ImportableField>();
  for (const header of headers) {
    const field = fieldByHeaderKey.get(headerKey(header));
    if (!field || taken.has(field) || Object.hasOwn(mapping, header)) continue;
    mapping[header] = field;
    taken.add(field);
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------
// Cell converters

const listFields = new Set<ImportableField>(['handlers', 'recordItems', 'authorizedPersons', 'recipients', 'contractors']);
const booleanFields = new Set<ImportableField>(['containsSensitive', 'containsMyNumber']);
const dateFields = new Set<ImportableField>(['useUntil', 'retentionUntil']);

function squeeze(cell: string): string {
  return cell.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const trueWords = new Set(['〇', '○', '◯', '●', '有', '有り', 'あり', 'はい', 'yes', 'y', 'true', '1', '✓', '✔', '含む']);
const falseWords = new Set(['', '×', '✕', '無', '無し', 'なし', 'いいえ', 'no', 'n', 'false', '0', '-', '含まない']);

export function parseBooleanCell(cell: string): boolean | null {
  const s = squeeze(cell);
  if (trueWords.has(s)) return true;
  if (falseWords.has(s)) return false;
  return null;
}

/** 「3,000」「約3000人」「3000名」「３０００」 → count; 約・およそ・概ね・程度 mark it approximate. */
export function parseCountCell(cell: string): { count: number | null; approximate: boolean } | null {
  let s = squeeze(cell);
  if (s === '') return { count: null, approximate: false };
  let approximate = false;
  const stripped = s.replace(/^(約|およそ|概ね|おおむね)/, '').replace(/(程度|前後)$/, '');
  if (stripped !== s) approximate = true;
  s = stripped.replace(/[人名]$/, '').replace(/,/g, '');
  if (!/^\d+$/.test(s)) return null;
  return { count: Number(s), approximate };
}

const mediumWords = new Map<string, 'paper' | 'electronic' | 'both'>([
  ['紙', 'paper'],
  ['紙媒体', 'paper'],
  ['paper', 'paper'],
  ['電子', 'electronic'],
  ['電子媒体', 'electronic'],
  ['電磁的記録', 'electronic'],
  ['電子データ', 'electronic'],
  ['電子ファイル', 'electronic'],
  ['electronic', 'electronic'],
  ['両方', 'both'],
  ['紙・電子', 'both'],
  ['紙及び電子', 'both'],
  ['紙および電子', 'both'],
  ['紙と電子', 'both'],
  ['紙/電子', 'both'],
  ['紙,電子', 'both'],
  ['紙、電子', 'both'],
  ['電子・紙', 'both'],
  ['紙・電子媒体', 'both'],
  ['紙媒体・電子媒体', 'both'],
  ['紙及び電磁的記録', 'both'],
  ['both', 'both'],
]);

/** 紙 / 電子 / 両方 and their usual spellings; '' → undefined (required); unknown → null. */
export function parseMediumCell(cell: string): 'paper' | 'electronic' | 'both' | undefined | null {
  const s = squeeze(cell);
  if (s === '') return undefined;
  return mediumWords.get(s) ?? null;
}

// 和暦: first day of each era and its Western year for 元年 (= year 1).
const eras: Record<string, { start: string; base: number }> = {
  令和: { start: '2019-05-01', base: 2018 },
  r: { start: '2019-05-01', base: 2018 },
  平成: { start: '1989-01-08', base: 1988 },
  h: { start: '1989-01-08', base: 1988 },
  昭和: { start: '1926-12-25', base: 1925 },
  s: { start: '1926-12-25', base: 1925 },
};

const westernDate = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;
const japaneseDate = /^(令和|平成|昭和|r|h|s)(\d{1,2}|元)[年./-](\d{1,2})[月./-](\d{1,2})日?$/;

const pad2 = (n: string | number) => String(n).padStart(2, '0');

/**
 * 2026-03-31, 2026/3/31, 2026.3.31, 2026年3月31日, 令和8年3月31日, R8.3.31, 平成31年4月30日,
 * 令和元年5月1日 → 'YYYY-MM-DD' (whether the day exists is checked by the schema).
 * A 和暦 date before its era began is refused. Years past an era's end (平成32年 …) are
 * accepted: ledgers written before 2019 state deadlines that way. '' → null; unknown → undefined.
 */
export function parseDateCell(cell: string): string | null | undefined {
  const s = squeeze(cell);
  if (s === '') return null;
  const w = westernDate.exec(s);
  if (w) return `${w[1]}-${pad2(w[2] ?? w[4] ?? '')}-${pad2(w[3] ?? w[5] ?? '')}`;
  const j = japaneseDate.exec(s);
  if (j) {
    const era = eras[j[1] as string] as { start: string; base: number };
    const year = j[2] === '元' ? 1 : Number(j[2]);
    if (year < 1) return undefined;
    const iso = `${era.base + year}-${pad2(j[3] as string)}-${pad2(j[4] as string)}`;
    return iso < era.start ? undefined : iso;
  }
  return undefined;
}

/** One cell holding several entries: 「氏名、住所、生年月日」 or one per line. */
export function splitListCell(cell: string): string[] {
  return cell
    .split(/[、,，;；\r\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// The writer (csv.ts) puts an apostrophe before a cell a spreadsheet would run as a formula;
// reading it back removes that apostrophe so an exported record round-trips.
const defusedFormula = /^'(?=[=+\-@\t\r])/;

function cellText(raw: string): string {
  return raw.replace(defusedFormula, '').replace(/\r\n?/g, '\n');
}

function departmentKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------
// Rows → fields

type SchemaKey = keyof typeof holdingFieldsSchema.shape;
const schemaKeyOf = (field: ImportableField): SchemaKey => (field === 'department' ? 'departmentId' : field);
const fieldOfSchemaKey = (key: string): string =>
  key === 'departmentId' ? 'department' : key === 'subjectCountApproximate' ? 'subjectCount' : key;

/** Fields the schema cannot default: a file without their column cannot be imported. */
const requiredFields: readonly ImportableField[] = importableFields.filter(
  (field) => !holdingFieldsSchema.shape[schemaKeyOf(field)].safeParse(undefined).success,
);

export interface ConvertInput {
  headers: string[];
  rows: string[][];
  /** CSV header → field, as chosen by the user (suggestMapping is the first guess). */
  mapping: Record<string, ImportableField>;
  /** Active departments by name; names are compared after NFKC and without spaces. */
  departmentsByName: Map<string, number>;
}

/**
 * Every data row checked against the same schema as the form. Row numbers are 1-based over
 * `rows` (the header is row 0). A required field with no column is reported once, at row 0.
 * If two columns are mapped to one field, the leftmost is used. `fields` holds the rows that
 * passed, in order: when `errors` is empty there is one per data row.
 */
export function convertRows(input: ConvertInput): { fields: HoldingFields[]; errors: ImportRowError[] } {
  const { headers, rows, mapping } = input;
  const errors: ImportRowError[] = [];
  const fields: HoldingFields[] = [];

  const columnOf = new Map<ImportableField, number>();
  headers.forEach((header, index) => {
    if (!Object.hasOwn(mapping, header)) return;
    const field = mapping[header] as ImportableField;
    if (!columnOf.has(field) && headers.indexOf(header) === index) columnOf.set(field, index);
  });
  const columnName = (field: string): string => {
    const index = columnOf.get(field as ImportableField);
    return index === undefined ? (headerLabels[field as ImportableField] ?? field) : (headers[index] as string);
  };
  const columnIndex = (field: string): number => columnOf.get(field as ImportableField) ?? -1;

  const missing = new Set<string>();
  for (const field of requiredFields) {
    if (columnOf.has(field)) continue;
    missing.add(field);
    errors.push({ row: 0, column: headerLabels[field], field, messageKey: 'validation.csvColumnMissing' });
  }

  const departments = new Map<string, number>();
  for (const [name, id] of input.departmentsByName) departments.set(departmentKey(name), id);

  const firstRowOfLedgerNo = new Map<string, number>();

  rows.forEach((cells, index) => {
    const rowNo = index + 1;
    const rowErrors: ImportRowError[] = [];
    const reported = new Set<string>(missing);
    const fail = (field: ImportableField, messageKey: string, params?: Record<string, string | number>) => {
      reported.add(field);
      rowErrors.push({ row: rowNo, column: columnName(field), field, messageKey, ...(params ? { params } : {}) });
    };

    const obj: Record<string, unknown> = {};
    for (const [field, column] of columnOf) {
      const raw = cellText(cells[column] ?? '');
      if (listFields.has(field)) obj[field] = splitListCell(raw);
      else if (booleanFields.has(field)) {
        const value = parseBooleanCell(raw);
        if (value === null) fail(field, 'validation.csvBoolean');
        else obj[field] = value;
      } else if (field === 'subjectCount') {
        const value = parseCountCell(raw);
        if (value === null) fail(field, 'validation.invalidType');
        else {
          obj.subjectCount = value.count;
          obj.subjectCountApproximate = value.approximate;
        }
      } else if (field === 'medium') {
        const value = parseMediumCell(raw);
        // An empty cell: the schema would say invalidOption (the form's select); 'required' is clearer here.
        if (value === undefined) fail(field, 'validation.required');
        else if (value === null) fail(field, 'validation.invalidOption');
        else obj.medium = value;
      } else if (dateFields.has(field)) {
        const value = parseDateCell(raw);
        if (value === undefined) fail(field, 'validation.invalidDate');
        else obj[field] = value;
      } else if (field === 'department') {
        const name = departmentKey(raw);
        if (name === '') continue; // left out: the schema reports validation.required
        const id = departments.get(name);
        if (id === undefined) fail(field, 'validation.unknownDepartment');
        else obj.departmentId = id;
      } else obj[field] = raw;
    }

    const parsed = holdingFieldsSchema.safeParse(obj, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues as z.core.$ZodIssue[]) {
        const fieldIssue = toFieldIssue(issue);
        const field = fieldOfSchemaKey(String(fieldIssue.path[0] ?? ''));
        if (reported.has(field)) continue;
        // One message per cell: a list with two bad entries is one cell to fix.
        if (rowErrors.some((e) => e.field === field && e.messageKey === fieldIssue.messageKey)) continue;
        rowErrors.push({
          row: rowNo,
          column: columnName(field),
          field,
          messageKey: fieldIssue.messageKey,
          ...(fieldIssue.params ? { params: fieldIssue.params } : {}),
        });
      }
    }

    const ledgerColumn = columnOf.get('ledgerNo');
    if (ledgerColumn !== undefined) {
      const ledgerNo = cellText(cells[ledgerColumn] ?? '').trim();
      if (ledgerNo !== '') {
        const first = firstRowOfLedgerNo.get(ledgerNo);
        if (first === undefined) firstRowOfLedgerNo.set(ledgerNo, rowNo);
        else if (!rowErrors.some((e) => e.field === 'ledgerNo')) {
          rowErrors.push({ row: rowNo, column: columnName('ledgerNo'), field: 'ledgerNo', messageKey: 'validation.duplicateInFile', params: { firstRow: first } });
        }
      }
    }

    if (rowErrors.length === 0 && parsed.success) fields.push(parsed.data);
    rowErrors.sort((a, b) => columnIndex(a.field) - columnIndex(b.field));
    errors.push(...rowErrors);
  });

  return { fields, errors };
}

// ---------------------------------------------------------------------------------------
// Export

export const statusLabels: Record<Holding['status'], string> = {
  draft: '下書き',
  verified: '照合済',
  retired: '保有終了',
  disposed: '廃棄済',
};
const mediumLabels: Record<Holding['medium'], string> = { paper: '紙', electronic: '電子', both: '両方' };
const extraHeaders = ['状態', '管理区分', '最終見直し日'] as const;

function dateOnly(value: string | null): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const d = new Date(ms); // the terminal's local date, as elsewhere (services/time.ts)
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function exportCell(holding: Holding, field: ImportableField, departmentNames?: ReadonlyMap<number, string>): string {
  switch (field) {
    case 'department':
      return departmentNames?.get(holding.departmentId) ?? holding.departmentName;
    case 'subjectCount':
      return holding.subjectCount === null ? '' : `${holding.subjectCountApproximate ? '約' : ''}${holding.subjectCount}`;
    case 'containsSensitive':
    case 'containsMyNumber':
      return holding[field] ? '〇' : '';
    case 'medium':
      return mediumLabels[holding.medium];
    case 'useUntil':
    case 'retentionUntil':
      return holding[field] ?? '';
    case 'handlers':
    case 'recordItems':
    case 'authorizedPersons':
    case 'recipients':
    case 'contractors':
      return holding[field].join('、');
    default:
      return holding[field];
  }
}

/**
 * The ledger as CSV for Excel (BOM, CRLF, formulas defused by csvDocument): the importable
 * columns under the same headers import recognises, then 状態, 管理区分, 最終見直し日.
 * Lists are joined with 「、」, booleans are 〇 or empty, 媒体 is 紙 / 電子 / 両方.
 * `departmentNames` (id → name) overrides each row's departmentName when given.
 */
export function holdingsCsv(rows: Holding[], departmentNames?: ReadonlyMap<number, string>): string {
  const header = [...importableFields.map((field) => headerLabels[field]), ...extraHeaders];
  return csvDocument(
    header,
    rows.map((holding) => [
      ...importableFields.map((field) => exportCell(holding, field, departmentNames)),
      statusLabels[holding.status],
      holding.category ?? '',
      dateOnly(holding.lastReviewedAt),
    ]),
  );
}
