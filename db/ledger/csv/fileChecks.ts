import type { ImportRowError } from '../../contract';
import { containsBidiControl } from '../../contract/bidi';
import { controlChars } from '../../contract/fields';
import { containsMyNumber, maskDigits } from '../../contract/myNumber';
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
  // A set, not indexOf per header: the file decides how many headers there are.
  const seen = new Set<string>();
  return headers.filter((header, index) => {
    if (seen.has(header)) return false;
    seen.add(header);
    return isRowCounter(rows.map((r) => r[index] ?? ''));
  });
}

/**
 * Excel's last column is XFD, the 16,384th: a file with more headers was not written by a
 * spreadsheet, and the wizard would offer a choice for each of them (a 20 MB file of commas
 * holds 20 million).
 */
export const csvMaxColumns = 16_384;

/** Each header's first column: looked up per cell, so a file of many columns costs no scan per cell. */
export function firstColumnOf(headers: readonly string[]): Map<string, number> {
  const first = new Map<string, number>();
  headers.forEach((header, index) => {
    if (!first.has(header)) first.set(header, index);
  });
  return first;
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
 * A header that cannot be kept as written: the headers are stored with the mapping chosen for
 * them and written into the append-only access log (importMapping.save), so they pass the
 * guards of stored text (fields.ts) — no bidi control (it shows the column as another,
 * contract/bidi.ts) and no control character. Tab and line breaks stay: Excel writes a
 * heading of two lines.
 */
export function hasUnsafeHeader(headers: readonly string[]): boolean {
  return headers.some((h) => containsBidiControl(h) || controlChars.test(h));
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

/**
 * A cell as shown back to the screen (sample, preview, headers): a 個人番号 is never echoed,
 * its digits masked where they stood — in any script and as kanji numerals (maskDigits).
 */
export function withoutMyNumber(cell: string): string {
  return mayHoldMyNumber(cell) && containsMyNumber(cell) ? maskDigits(cell) : cell;
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

/**
 * Two columns under one heading, that heading taken in: a mapping names a heading, so only the
 * first such column is read and the other's values would be dropped unseen (a second 「備考」).
 * Refused (row 0) when a later one holds any value, naming the heading; an empty one loses
 * nothing, and a 個人番号 there is refused for itself (myNumberCells).
 */
export function repeatedHeadersWithValues(
  columns: readonly CsvColumn[],
  file: { headers: readonly string[]; rows: readonly string[][]; rowNumbers: readonly number[]; myNumberCells: readonly { row: number; index: number }[] },
  mapping: Readonly<Record<string, string>>,
): ImportRowError[] {
  const first = firstColumnOf(file.headers);
  const refused = new Set(file.myNumberCells.map((c) => `${c.row}:${c.index}`));
  const found = new Map<string, string>();
  file.headers.forEach((header, index) => {
    const key = Object.hasOwn(mapping, header) ? mapping[header] : undefined;
    if (first.get(header) === index || found.has(header) || !key || !columns.some((c) => c.key === key)) return;
    const held = (cells: readonly string[], i: number) => (cells[index] ?? '').trim() !== '' && !refused.has(`${file.rowNumbers[i] ?? i + 1}:${index}`);
    if (file.rows.some(held)) found.set(header, key);
  });
  return [...found].map(([header, field]) => ({ row: 0, column: header, field, messageKey: 'validation.csvHeaderRepeated', params: { column: header } }));
}
