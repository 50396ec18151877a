import type { ImportRowError } from '../../contract';
import type { CsvReadContext } from '../columns';
import { importedCellText } from './cells';
import { withoutMyNumber } from './fileChecks';
import type { CsvColumn } from './table';

/**
 * The first rows as the ledger will hold them, before anything is written: how 「１，２００」,
 * 「約3,000人」, 「R10.3.31」 or 「永年」 were read, each cell written back as the ledger's
 * CSV writes it (so the clerk sees the app's words, not the file's). A cell that could not be
 * read shows the file's text, marked, beside the message in the error list.
 */
export interface PreviewCell {
  text: string;
  ok: boolean;
}

export interface ImportPreview {
  columns: { column: string; field: string }[];
  rows: { row: number; cells: PreviewCell[] }[];
}

export interface PreviewInput {
  columns: readonly CsvColumn[];
  headers: readonly string[];
  mapping: Readonly<Record<string, string>>;
  rows: readonly string[][];
  /** Excel's row of each of `rows`. */
  rowNumbers: readonly number[];
  ctx: CsvReadContext;
  /** The converted records and the row each came from. */
  records: readonly unknown[];
  recordRows: readonly number[];
  errors: readonly ImportRowError[];
  limit: number;
}

/** The mapped columns in the file's order, each with the file column it reads. */
function mappedColumns(input: PreviewInput): { column: CsvColumn; header: string; index: number }[] {
  return input.headers.flatMap((header, index) => {
    const key = Object.hasOwn(input.mapping, header) ? input.mapping[header] : undefined;
    const column = input.columns.find((c) => c.key === key);
    return column && input.headers.indexOf(header) === index ? [{ column, header, index }] : [];
  });
}

function written(column: CsvColumn, value: unknown, record: Readonly<Record<string, unknown>>, raw: string): string {
  // A reference's record holds the id; the preview names it as the file did.
  const withName = column.nameField ? { ...record, [column.nameField]: raw.trim() } : record;
  return String(column.cell.write(value, withName) ?? '');
}

export function importPreview(input: PreviewInput): ImportPreview {
  const mapped = mappedColumns(input);
  const recordOf = new Map(input.recordRows.map((row, i) => [row, input.records[i] as Record<string, unknown>]));
  const badCells = new Set(input.errors.map((e) => `${e.row}\u0000${e.column}`));
  const rows = input.rows.slice(0, input.limit).map((cells, i) => {
    const row = input.rowNumbers[i] ?? i + 1;
    const record = recordOf.get(row);
    return {
      row,
      cells: mapped.map(({ column, header, index }): PreviewCell => {
        const raw = withoutMyNumber(cells[index] ?? '');
        if (record) return { text: written(column, record[column.field], record, raw), ok: true };
        if (badCells.has(`${row}\u0000${header}`)) return { text: raw, ok: false };
        // The row failed elsewhere: this cell on its own, as it was read.
        const read = column.cell.read(importedCellText(raw), input.ctx);
        if ('error' in read || read.value === undefined) return { text: raw, ok: !('error' in read) };
        return { text: written(column, read.value, { [column.field]: read.value, ...read.also }, raw), ok: true };
      }),
    };
  });
  return { columns: mapped.map(({ column, header }) => ({ column: header, field: column.key })), rows };
}
