import type { ImportRowError } from '../../contract';
import { containsMyNumber } from '../../contract/myNumber';
import { parseCountCell, parseDateCell } from './cells';
import { headerKey, type CsvColumn } from './table';

/**
 * What an import checks about the file as a whole, before and beside each row's conversion:
 * is the first row a header at all, which columns only count rows, a 個人番号 in any cell,
 * a field chosen for two columns.
 */

/** 1, 2, 3 … (or 101, 102 …): a column Excel users add to count rows, not a record's own number. */
export function isRowCounter(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  let previous: number | null = null;
  for (const value of values) {
    const s = value.normalize('NFKC').trim();
    if (!/^\d{1,7}$/.test(s)) return false;
    const n = Number(s);
    if (previous !== null && n !== previous + 1) return false;
    previous = n;
  }
  return true;
}

/** Headers of the columns whose values are row counters (each header once, as written). */
export function rowCounterHeaders(headers: readonly string[], rows: readonly string[][]): string[] {
  return headers.filter((header, index) => headers.indexOf(header) === index && isRowCounter(rows.map((r) => r[index] ?? '')));
}

/**
 * A first row that names no known column and holds a number, a count or a date is a data
 * row: the file has no header row, and every row would be read one column off or not at all.
 */
export function looksLikeDataRow(columns: readonly CsvColumn[], firstRow: readonly string[]): boolean {
  const known = new Set(columns.flatMap((c) => [c.header, ...c.synonyms].map(headerKey)));
  if (firstRow.some((cell) => known.has(headerKey(cell)))) return false;
  return firstRow.some((cell) => {
    if (cell.trim() === '') return false;
    const count = parseCountCell(cell);
    return (count !== null && count.count !== null) || typeof parseDateCell(cell) === 'string';
  });
}

/**
 * Every cell (and header) holding a 個人番号, mapped or not: its row as Excel shows it and its
 * column's index. 番号法 §19-20: a file carrying 個人番号 must not be imported, not even with
 * that column dropped — the clerk is told where it is and removes it.
 */
export function myNumberCells(headers: readonly string[], headerRow: number, rows: readonly string[][], rowNumbers: readonly number[]): { row: number; index: number }[] {
  const found: { row: number; index: number }[] = [];
  const scan = (cells: readonly string[], row: number) => {
    cells.forEach((cell, index) => {
      if (mayHoldMyNumber(cell) && containsMyNumber(cell)) found.push({ row, index });
    });
  };
  scan(headers, headerRow);
  rows.forEach((cells, i) => scan(cells, rowNumbers[i] ?? i + 1));
  return found;
}

/**
 * Whether the full check is needed: twelve characters at least — or fewer that NFKC widens
 * (⑩ is 「10」, ㉑ 「21」: seven circled numbers hold twelve digits), so any non-ASCII text.
 */
function mayHoldMyNumber(cell: string): boolean {
  return cell.length >= 12 || /[^\x00-\x7f]/.test(cell);
}

/** A cell as shown back to the screen (sample, preview, headers): a 個人番号 is never echoed, its digits masked where they stood. */
export function withoutMyNumber(cell: string): string {
  return mayHoldMyNumber(cell) && containsMyNumber(cell) ? cell.normalize('NFKC').replace(/\d/g, '＊') : cell;
}

/**
 * Two columns mapped to one field: refused (row 0 = the mapping, not a row), naming every
 * such column — silently taking the leftmost would drop the other column's values.
 */
export function fieldsMappedTwice(columns: readonly CsvColumn[], headers: readonly string[], mapping: Readonly<Record<string, string>>): ImportRowError[] {
  const headersOf = new Map<string, string[]>();
  for (const header of new Set(headers)) {
    const key = Object.hasOwn(mapping, header) ? mapping[header] : undefined;
    if (!key || !columns.some((c) => c.key === key)) continue;
    headersOf.set(key, [...(headersOf.get(key) ?? []), header]);
  }
  return [...headersOf]
    .filter(([, mapped]) => mapped.length > 1)
    .map(([field, mapped]) => ({ row: 0, column: mapped.join('、'), field, messageKey: 'validation.csvMappedTwice', params: { columns: mapped.join('」「') } }));
}
