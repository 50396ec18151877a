import { retentionWords } from '../contract/retention';
import { splitListText } from '../contract/textLists';
import { japaneseText } from '../print/labels';
import { nameKey, parseBooleanCell, parseDateCell, parseIntegerCell, parseRetentionCell } from './csv/cells';

/**
 * The column table: one entry per field of a ledger — its SQL column, how its value is
 * stored (encode/decode), its label key and how it reads and writes in CSV. Insert and
 * update SQL, row mapping, the history diff, CSV export and import are all derived from
 * it, so adding a field means one entry here (plus migration, contract, form, locales).
 */
export interface ColumnSpec<V> {
  /** The SQL column. */
  column: string;
  encode(value: V): unknown;
  decode(raw: unknown): V;
  /** i18n key of the one label used on screen, paper and CSV (e.g. 'mediaFields.label'). */
  label: string;
  /** How the field reads and writes in CSV; null when another column's CSV covers it. */
  csv: CsvCell<V> | null;
  /** What kind of value it is, for printing (db/ledger/printFields.ts). */
  kind: ColumnKind;
  /** The Japanese words of a choice's values. */
  words?: Readonly<Record<string, string>>;
  /** For a reference: the record field that holds the other record's name (printed and in CSV). */
  nameField?: string;
}

export type ColumnKind = 'text' | 'list' | 'flag' | 'integer' | 'date' | 'retention' | 'choice' | 'reference';

/**
 * One CSV cell's conversion. `read` returns the value (and any other fields the same cell
 * decides, e.g. 約 in 「約3,000人」) or an i18n message key for the error; `write` sees the
 * whole record, so a reference can print a name.
 */
export interface CsvCell<V> {
  /** The name the import mapping uses for this column; the field name by default. */
  key?: string;
  write(value: V, record: Readonly<Record<string, unknown>>): string;
  read(cell: string, ctx: CsvReadContext): { value: V; also?: Record<string, unknown> } | { error: string; params?: Readonly<Record<string, string>> };
  /** Other headers (ministry templates, older exports) that mean this column on import. */
  synonyms?: readonly string[];
  /** Other fields this cell decides through `also` (their errors are reported on this column). */
  covers?: readonly string[];
  /** The record's own number (管理番号): a column of row counters 1, 2, 3 … is never guessed as it. */
  identifiesRecord?: boolean;
}

/** What a cell may look up while importing: names of other records (課等 …) → ids. */
export interface CsvReadContext {
  lookup(kind: string, name: string): number | undefined;
}

export type ColumnTable<F> = { readonly [K in keyof F]-?: ColumnSpec<F[K]> };

type Options<V> = { label: string; synonyms?: readonly string[]; csv?: CsvCell<V> | null };

function spec<V>(column: string, opts: Options<V>, codec: Pick<ColumnSpec<V>, 'encode' | 'decode' | 'kind'>, csv: CsvCell<V>): ColumnSpec<V> {
  const cell = opts.csv === undefined ? csv : opts.csv;
  return { column, label: opts.label, ...codec, csv: cell && opts.synonyms && !cell.synonyms ? { ...cell, synonyms: opts.synonyms } : cell };
}

/** Free text, stored as it was typed ('' when empty). */
export function text(column: string, opts: Options<string>): ColumnSpec<string> {
  return spec(column, opts, { kind: 'text', encode: (v) => v, decode: (raw) => String(raw ?? '') }, { write: (v) => v, read: (cell) => ({ value: cell }) });
}

/** A list of short texts, stored as a JSON array; one cell in CSV, joined with 「、」. */
export function textList(column: string, opts: Options<string[]>): ColumnSpec<string[]> {
  return spec(
    column,
    opts,
    { kind: 'list', encode: (v) => JSON.stringify(v), decode: (raw) => JSON.parse(String(raw ?? '[]')) as string[] },
    { write: (v) => v.join('、'), read: (cell) => ({ value: splitListText(cell) }) },
  );
}

/** Yes/no, stored as 0/1; 〇 or empty in CSV, and 有/無, はい/いいえ … on import. */
export function flag(column: string, opts: Options<boolean>): ColumnSpec<boolean> {
  return spec(
    column,
    opts,
    { kind: 'flag', encode: (v) => (v ? 1 : 0), decode: (raw) => raw === 1 },
    {
      write: (v) => (v ? '〇' : ''),
      read: (cell) => {
        const value = parseBooleanCell(cell);
        return value === null ? { error: 'validation.csvBoolean' } : { value };
      },
    },
  );
}

/** A whole number or nothing; 「3,000」「３０００」 read as 3000. */
export function integer(column: string, opts: Options<number | null>): ColumnSpec<number | null> {
  return spec(
    column,
    opts,
    { kind: 'integer', encode: (v) => v, decode: (raw) => (raw === null || raw === undefined ? null : Number(raw)) },
    {
      write: (v) => (v === null ? '' : String(v)),
      read: (cell) => {
        const value = parseIntegerCell(cell);
        return value === undefined ? { error: 'validation.invalidType' } : { value };
      },
    },
  );
}

/** A calendar date YYYY-MM-DD or nothing; 和暦 and slashes accepted on import. */
export function date(column: string, opts: Options<string | null>): ColumnSpec<string | null> {
  return spec(
    column,
    opts,
    { kind: 'date', encode: (v) => v, decode: (raw) => (raw === null || raw === undefined ? null : String(raw)) },
    {
      write: (v) => v ?? '',
      read: (cell) => {
        const value = parseDateCell(cell);
        return value === undefined ? { error: 'validation.invalidDate' } : { value };
      },
    },
  );
}

/** A retention's words in Japanese (「永年」「5年」), a date as `formatDate` gives it. */
export function japaneseRetention(value: string | null, formatDate: (date: string) => string = (d) => d): string {
  return retentionWords(value, { text: (key, params) => japaneseText(key, params ?? {}), formatDate });
}

/**
 * 保存期限 (any ledger's): a date, 永年 or a period of years, stored as one text
 * (db/contract/retention.ts). CSV writes 「永年」「5年」 or the date and reads the usual
 * spellings (永年・常用・無期限, 「５年間」, 和暦 dates).
 */
export function retention(column: string, opts: Options<string | null>): ColumnSpec<string | null> {
  return spec(
    column,
    opts,
    { kind: 'retention', encode: (v) => v, decode: (raw) => (raw === null || raw === undefined ? null : String(raw)) },
    {
      write: (v) => japaneseRetention(v),
      read: (cell) => {
        const value = parseRetentionCell(cell);
        return value !== null && typeof value === 'object' ? value : { value };
      },
    },
  );
}

/** One of a fixed set of values; CSV uses the Japanese words (and their usual spellings). */
export function choice<V extends string>(column: string, opts: Options<V> & { words: Record<V, string>; spellings?: Record<string, V> }): ColumnSpec<V> {
  const byWord = new Map<string, V>();
  for (const [value, word] of Object.entries(opts.words) as [V, string][]) {
    byWord.set(squeezeWord(word), value);
    byWord.set(squeezeWord(value), value);
  }
  for (const [word, value] of Object.entries(opts.spellings ?? {})) byWord.set(squeezeWord(word), value as V);
  const choiceSpec = spec(
    column,
    opts,
    { kind: 'choice', encode: (v) => v, decode: (raw) => raw as V },
    {
      write: (v) => opts.words[v],
      read: (cell) => {
        const s = squeezeWord(cell);
        // An empty cell: 'required' says more than the form select's invalidOption.
        if (s === '') return { error: 'validation.required' };
        const value = byWord.get(s);
        return value === undefined ? { error: 'validation.invalidOption' } : { value };
      },
    },
  );
  return { ...choiceSpec, words: opts.words };
}

function squeezeWord(cell: string): string {
  return cell.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * A reference to another record by id (e.g. the 課等). In CSV it is the other record's
 * name: written from `record[nameField]`, read through the import's `lookup(kind, name)`.
 * `namesUnknown`: an unknown name's error carries it as `{{name}}`, so the message can say which
 * one (a managed list the clerk may have spelt differently, e.g. 保管場所).
 */
export function reference(
  column: string,
  opts: Options<number> & { kind: string; nameField: string; key: string; unknownKey: string; namesUnknown?: boolean },
): ColumnSpec<number> {
  const referenceSpec = spec(
    column,
    opts,
    { kind: 'reference', encode: (v) => v, decode: (raw) => Number(raw) },
    {
      key: opts.key,
      write: (_v, record) => String(record[opts.nameField] ?? ''),
      read: (cell, ctx) => {
        const name = nameKey(cell);
        // Left empty: the schema then reports validation.required for the field.
        if (name === '') return { value: undefined as unknown as number };
        const id = ctx.lookup(opts.kind, name);
        if (id !== undefined) return { value: id };
        return opts.namesUnknown ? { error: opts.unknownKey, params: { name: cell.trim() } } : { error: opts.unknownKey };
      },
    },
  );
  return { ...referenceSpec, nameField: opts.nameField };
}

/**
 * The 課等 a record belongs to, kept the same way by every ledger: department_id, named in CSV
 * by the 課等's name (the record's `departmentName`); a name not on the list is unknownDepartment.
 */
export function departmentReference(opts: Options<number>): ColumnSpec<number> {
  return reference('department_id', { ...opts, key: 'department', kind: 'department', nameField: 'departmentName', unknownKey: 'validation.unknownDepartment' });
}

// ---------------------------------------------------------------------------------------
// What the table derives

export function fieldNames<F>(table: ColumnTable<F>): (keyof F & string)[] {
  return Object.keys(table) as (keyof F & string)[];
}

/** SQL column list of the writable fields, in the table's order. */
export function sqlColumns<F>(table: ColumnTable<F>): string[] {
  return fieldNames(table).map((f) => table[f].column);
}

/** Values for `sqlColumns`, in the same order: they can never drift apart. */
export function encodeFields<F>(table: ColumnTable<F>, fields: F): unknown[] {
  return fieldNames(table).map((f) => table[f].encode(fields[f]));
}

/** A database row (snake_case columns) → the fields. */
export function decodeFields<F>(table: ColumnTable<F>, row: Record<string, unknown>): F {
  const out = {} as F;
  for (const f of fieldNames(table)) out[f] = table[f].decode(row[table[f].column]);
  return out;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields that differ, before and after (before is null for a new record). */
export function diffFields<F>(table: ColumnTable<F>, before: F | null, after: F): FieldChange[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return fieldNames(table)
    .filter((f) => !same(before?.[f], after[f]))
    .map((f) => ({ field: f, before: before ? before[f] : null, after: after[f] }));
}
