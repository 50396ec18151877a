import type { z } from 'zod';
import type { ImportRowError } from '../../contract';
import { csvDocument } from '../../core/output/csv';
import { toFieldIssue } from '../../core/fieldIssues';
import { fieldNames, type ColumnTable, type CsvCell, type CsvReadContext } from '../columns';
import { importedCellText } from './cells';

/**
 * A ledger's CSV, derived from its column table: the headers export writes and import
 * recognises (the field's one label, plus synonyms), each cell's conversion, and the check
 * of every row against the same zod schema as the form — so a 個人番号 in any text cell is
 * refused with the same message (番号法 guideline: never store the number).
 */
export interface CsvColumn {
  /** The name the import mapping uses. */
  key: string;
  /** The field the cell fills. */
  field: string;
  header: string;
  synonyms: readonly string[];
  cell: CsvCell<unknown>;
  /** For a reference: the record field that holds the other record's name (shown in the preview). */
  nameField?: string;
}

export function csvColumnsOf<F>(table: ColumnTable<F>, labelOf: (key: string) => string): CsvColumn[] {
  return fieldNames(table).flatMap((field) => {
    const spec = table[field];
    if (!spec.csv) return [];
    const cell = spec.csv as CsvCell<unknown>;
    return [{ key: cell.key ?? field, field, header: labelOf(spec.label), synonyms: cell.synonyms ?? [], cell, ...(spec.nameField ? { nameField: spec.nameField } : {}) }];
  });
}

export function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * A first guess at which column is which: the label or a synonym, after NFKC and without
 * spaces. Each key goes to the first column that names it; the rest are left for the user.
 * A column of row counters (`rowCounters`: 「No」 holding 1, 2, 3 …) is not guessed as a
 * record's own number (a cell marked `identifiesRecord`): the number is then assigned.
 */
export function suggestMapping(columns: readonly CsvColumn[], headers: readonly string[], rowCounters: readonly string[] = []): Record<string, string> {
  const byHeader = new Map<string, string>();
  for (const c of columns) byHeader.set(headerKey(c.header), c.key);
  for (const c of columns) for (const s of c.synonyms) if (!byHeader.has(headerKey(s))) byHeader.set(headerKey(s), c.key);
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  for (const header of headers) {
    const key = byHeader.get(headerKey(header));
    if (!key || taken.has(key) || Object.hasOwn(mapping, header)) continue;
    if (rowCounters.includes(header) && columns.some((c) => c.key === key && c.cell.identifiesRecord)) continue;
    mapping[header] = key;
    taken.add(key);
  }
  return mapping;
}

export interface ConvertInput<F> {
  columns: readonly CsvColumn[];
  schema: z.ZodObject;
  headers: readonly string[];
  rows: readonly string[][];
  /** CSV header → column key, as the user chose it. */
  mapping: Readonly<Record<string, string>>;
  ctx: CsvReadContext;
  /** A field that must be unique within the file (管理番号). */
  uniqueField?: keyof F & string;
  /** When two values of `uniqueField` are the same one (the ledger's own rule: 管理番号 in any case); as written when absent. */
  uniqueKey?: (value: string) => string;
  /** The row Excel shows each of `rows` on (header = 1); 1-based over `rows` when absent. */
  rowNumbers?: readonly number[];
}

interface Layout {
  columnOf: Map<CsvColumn, number>;
  headerOf(field: string): string;
  indexOf(field: string): number;
  keyOfField: Map<string, string>;
}

function layoutOf<F>(input: ConvertInput<F>): Layout {
  const columnOf = new Map<CsvColumn, number>();
  const byKey = new Map(input.columns.map((c) => [c.key, c]));
  input.headers.forEach((header, index) => {
    if (!Object.hasOwn(input.mapping, header) || input.headers.indexOf(header) !== index) return;
    const column = byKey.get(input.mapping[header] as string);
    // If two columns are mapped to one field, the leftmost is used.
    if (column && !columnOf.has(column)) columnOf.set(column, index);
  });
  const keyOfField = new Map<string, string>();
  for (const c of input.columns) {
    keyOfField.set(c.field, c.key);
    for (const f of c.cell.covers ?? []) keyOfField.set(f, c.key);
  }
  const columnByKey = (key: string) => input.columns.find((c) => c.key === key);
  return {
    columnOf,
    keyOfField,
    headerOf: (key) => {
      const c = columnByKey(key);
      const index = c ? columnOf.get(c) : undefined;
      return index === undefined ? (c?.header ?? key) : (input.headers[index] as string);
    },
    indexOf: (key) => {
      const c = columnByKey(key);
      return (c && columnOf.get(c)) ?? -1;
    },
  };
}

/**
 * Every data row checked against the form's schema. Rows are named by `rowNumbers` (Excel's
 * rows); a required field with no column is reported once, at row 0 (the mapping).
 * `records` holds the rows that passed, in order: when `errors` is empty, one per row;
 * `rowNumbers` the row each came from.
 */
export function convertRows<F>(input: ConvertInput<F>): { records: F[]; rowNumbers: number[]; errors: ImportRowError[] } {
  const layout = layoutOf(input);
  const errors: ImportRowError[] = [];
  const missing = new Set<string>();
  for (const c of input.columns) {
    const required = !(input.schema.shape[c.field] as z.ZodType).safeParse(undefined).success;
    if (!required || layout.columnOf.has(c)) continue;
    missing.add(c.key);
    errors.push({ row: 0, column: c.header, field: c.key, messageKey: 'validation.csvColumnMissing' });
  }
  const records: F[] = [];
  const rowNumbers: number[] = [];
  const firstRowOf = new Map<string, number>();
  input.rows.forEach((cells, index) => {
    const rowNo = input.rowNumbers?.[index] ?? index + 1;
    const { record, rowErrors } = convertRow(input, layout, cells, rowNo, missing);
    const value = input.uniqueField && record ? String(record[input.uniqueField] ?? '') : '';
    const unique = value !== '' && input.uniqueKey ? input.uniqueKey(value) : value;
    if (unique !== '') {
      const first = firstRowOf.get(unique);
      if (first === undefined) firstRowOf.set(unique, rowNo);
      else if (!rowErrors.some((e) => e.field === layout.keyOfField.get(input.uniqueField as string))) {
        const key = layout.keyOfField.get(input.uniqueField as string) as string;
        rowErrors.push({ row: rowNo, column: layout.headerOf(key), field: key, messageKey: 'validation.duplicateInFile', params: { firstRow: first } });
      }
    }
    if (rowErrors.length === 0 && record) {
      records.push(record);
      rowNumbers.push(rowNo);
    }
    rowErrors.sort((a, b) => layout.indexOf(a.field) - layout.indexOf(b.field));
    errors.push(...rowErrors);
  });
  return { records, rowNumbers, errors };
}

function convertRow<F>(input: ConvertInput<F>, layout: Layout, cells: readonly string[], rowNo: number, missing: ReadonlySet<string>) {
  const rowErrors: ImportRowError[] = [];
  const reported = new Set<string>(missing);
  const values: Record<string, unknown> = {};
  for (const [column, index] of layout.columnOf) {
    const result = column.cell.read(importedCellText(cells[index] ?? ''), input.ctx);
    if ('error' in result) {
      reported.add(column.key);
      rowErrors.push({ row: rowNo, column: layout.headerOf(column.key), field: column.key, messageKey: result.error, ...(result.params ? { params: result.params } : {}) });
    } else {
      if (result.value !== undefined) values[column.field] = result.value;
      Object.assign(values, result.also);
    }
  }
  const parsed = input.schema.safeParse(values, { reportInput: true });
  if (parsed.success) return { record: rowErrors.length ? null : (parsed.data as F), rowErrors };
  for (const issue of parsed.error.issues as z.core.$ZodIssue[]) {
    const fieldIssue = toFieldIssue(issue);
    const field = String(fieldIssue.path[0] ?? '');
    const key = layout.keyOfField.get(field) ?? field;
    // One message per cell: a list with two bad entries is one cell to fix.
    if (reported.has(key) || rowErrors.some((e) => e.field === key && e.messageKey === fieldIssue.messageKey)) continue;
    rowErrors.push({ row: rowNo, column: layout.headerOf(key), field: key, messageKey: fieldIssue.messageKey, ...(fieldIssue.params ? { params: fieldIssue.params } : {}) });
  }
  return { record: null, rowErrors };
}

/** Export-only columns after the fields (状態, 管理区分 …): a header and a cell. */
export interface ExtraCsvColumn<R> {
  header: string;
  write(record: R): string;
}

/**
 * The ledger as CSV for Excel (BOM, CRLF, formulas defused by csvDocument): the field
 * columns under the headers import recognises, then the extra columns.
 */
export function writeLedgerCsv<R extends object>(columns: readonly CsvColumn[], records: readonly R[], extra: readonly ExtraCsvColumn<R>[] = []): string {
  return csvDocument(
    [...columns.map((c) => c.header), ...extra.map((e) => e.header)],
    records.map((r) => {
      const fields = r as Readonly<Record<string, unknown>>;
      return [...columns.map((c) => c.cell.write(fields[c.field], fields)), ...extra.map((e) => e.write(r))];
    }),
  );
}
