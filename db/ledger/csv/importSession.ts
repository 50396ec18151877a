import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { opaqueId } from '../../core/opaqueId';
import type { ImportRowError } from '../../contract';
import { AppError } from '../../core/appError';
import type { AppCore, Tx } from '../../core/appCore';
import { loggedFileName } from '../../core/output/fileName';
import { assertSameTurn, sessionTurn } from '../../core/sessions';
import type { Db } from '../../store/database';
import type { CsvReadContext } from '../columns';
import { csvMaxMegabytes, decodeCsvFile, parseCsvRecords } from './decode';
import { csvMaxColumns, fieldsMappedTwice, firstColumnOf, hasUnsafeHeader, looksLikeDataRow, myNumberCells, repeatedHeadersWithValues, rowCounterHeaders, withoutMyNumber } from './fileChecks';
import { keepMapping, rememberedMapping, rememberMapping } from './importMappings';
import { importPreview, type ImportPreview } from './preview';
import { convertRows, suggestMapping, type CsvColumn } from './table';

/**
 * Import of an existing Excel ledger (CSV), for any ledger: the user picks the file (main
 * reads it; the renderer never sees a path or the bytes), maps columns (the mapping chosen
 * for the same headers before is offered again), sees a preview of the converted rows and
 * every row error before anything is written, and commits all rows in one transaction — or
 * none. Rows are named as Excel shows them (header = 1, blank lines counted).
 */
export interface ImportDefinition<F> {
  /** Which ledger the session belongs to: an import opened for one is never committed to another. */
  ledger: string;
  columns: readonly CsvColumn[];
  schema: z.ZodObject;
  uniqueField?: keyof F & string;
  /** When two values of `uniqueField` are one number (as the ledger's uniqueness check compares them). */
  uniqueKey?: (value: string) => string;
  /**
   * A field the ledger numbers itself when a row leaves it blank (管理番号 by 年度-連番): the
   * check says how many rows get a number and the first one, so the clerk knows before 取り込む.
   * `upcomingEach`, where the number depends on the row (a rule per 課等 and 種別): the number
   * each record would get now, in order (null: it brings its own, or gets none), shown in the
   * preview's cell — upcoming, not taken; the commit takes them in its transaction.
   */
  numbering?: { field: keyof F & string; upcoming(db: Db): string } | { field: keyof F & string; upcomingEach(db: Db, records: readonly F[]): readonly (string | null)[] };
  /** Lookups for reference cells (課等 by name …), and a key that changes when they do. */
  context(db: Db): CsvReadContext & { cacheKey: string };
  /**
   * Checks against what the database holds now (numbers taken, entries already there,
   * department scope): they always run. An error's `row` is the record's 1-based position in
   * `records`; the kit reports it as the file's row (rows that failed conversion are not in
   * `records`).
   */
  checkAgainstDatabase(db: Db, records: readonly F[], columnOf: (key: string) => string): ImportRowError[];
  /** Writes the records (and their access-log events) in the caller's transaction. */
  insert(tx: Tx, records: readonly F[], file: { fileName: string; encoding: string }): void;
}

interface PendingImport {
  ledger: string;
  userId: number;
  /** The session it was opened in: a logout ends it, even if the same user logs in again. */
  sessionStartedAt: number;
  fileName: string;
  encoding: 'utf-8' | 'shift_jis';
  headers: string[];
  /** Excel's row of the header. */
  headerRow: number;
  rows: string[][];
  /** Excel's row of each of `rows`. */
  rowNumbers: number[];
  /** Every cell holding a 個人番号, mapped or not (found once, when the file is read; `headers` hold them masked). */
  myNumberCells: { row: number; index: number }[];
  openedAt: number;
  /** The last conversion, reused by commit when mapping and lookups are unchanged. */
  converted?: { key: string; records: unknown[]; rowNumbers: number[]; errors: ImportRowError[] };
}

const keepMs = 30 * 60 * 1000;
const maxErrorsShown = 500;
const previewRowCount = 20;
const pending = new WeakMap<AppCore, Map<string, PendingImport>>();

function importsOf(core: AppCore): Map<string, PendingImport> {
  let map = pending.get(core);
  if (!map) pending.set(core, (map = new Map()));
  // Parsed files hold personal data in memory: drop what is old or not this session's.
  const s = core.session;
  for (const [id, p] of map) if (core.nowMs() - p.openedAt > keepMs || p.userId !== s?.userId || p.sessionStartedAt !== s?.startedAt) map.delete(id);
  return map;
}

function fileError(messageKey: string, params?: Record<string, number>): AppError {
  // 'file': the error is about the file as a whole, shown above the wizard.
  return new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey, ...(params ? { params } : {}) }]);
}

export async function openImport<F>(core: AppCore, def: ImportDefinition<F>) {
  const turn = sessionTurn(core);
  const file = await core.ports.dialogs.chooseOpenPath({ filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
  if (!file) throw new AppError('CANCELLED');
  // Opened by one session, answered in another: its file is read for no one (issue #9, 12).
  assertSameTurn(core, turn);
  const fileName = loggedFileName(file);
  if (statSync(file).size > csvMaxMegabytes * 1024 * 1024) throw fileError('validation.csvTooLarge', { maximum: csvMaxMegabytes });
  const { text, encoding } = decodeCsvFile(readFileSync(file));
  const parsed = parseCsvRecords(text);
  const [fileHeaders = [], ...rows] = parsed.rows;
  const [headerRow = 1, ...rowNumbers] = parsed.rowNumbers;
  if (fileHeaders.length === 0) throw fileError('validation.csvEmpty');
  if (fileHeaders.length > csvMaxColumns) throw fileError('validation.csvTooManyColumns', { maximum: csvMaxColumns });
  if (looksLikeDataRow(def.columns, fileHeaders)) throw fileError('validation.csvNoHeader');
  if (hasUnsafeHeader(fileHeaders)) throw fileError('validation.csvHeaderChars', { row: headerRow });
  if (rows.length === 0) throw fileError('validation.csvNoRows');
  const importId = opaqueId();
  const found = myNumberCells(fileHeaders, headerRow, rows, rowNumbers);
  // A header is shown, mapped and named in messages like a cell: a 個人番号 in it masked (番号法).
  const headers = fileHeaders.map(withoutMyNumber);
  const session = core.requireSession();
  importsOf(core).set(importId, { ledger: def.ledger, userId: session.userId, sessionStartedAt: session.startedAt, fileName, encoding, headers, headerRow, rows, rowNumbers, myNumberCells: found, openedAt: core.nowMs() });
  const rowCounters = rowCounterHeaders(headers, rows);
  const remembered = rememberedMapping(core.requireVault().db, def.ledger, headers, def.columns.map((c) => c.key));
  return {
    importId,
    fileName,
    encoding,
    headers,
    headerRow,
    rowCount: rows.length,
    sample: rows.slice(0, 5).map((cells) => cells.map(withoutMyNumber)),
    sampleRows: rowNumbers.slice(0, 5),
    suggestedMapping: remembered ?? suggestMapping(def.columns, headers, rowCounters),
    mappingRemembered: remembered !== null,
    rowCounters,
  };
}

function pendingImport(core: AppCore, ledger: string, importId: string): PendingImport {
  const p = importsOf(core).get(importId);
  if (!p || p.ledger !== ledger) throw new AppError('NOT_FOUND', undefined, undefined, 'errors.importExpired');
  return p;
}

const cellOf = (e: ImportRowError) => `${e.row}\u0000${e.column}`;

/**
 * Every error of the file under `mapping`: a field chosen for two columns (then nothing else
 * is converted), each 個人番号 cell (in place of whatever else that cell's conversion said),
 * each row's conversion, then the checks against the database.
 */
function checkRows<F>(core: AppCore, def: ImportDefinition<F>, p: PendingImport, mapping: Record<string, string>) {
  const db = core.requireVault().db;
  const ctx = def.context(db);
  // In a mapped cell, the form's own message; in a dropped column or a header, that it still refuses the file.
  const firstColumn = firstColumnOf(p.headers);
  const myNumbers = p.myNumberCells.map(({ row, index }): ImportRowError => {
    const column = p.headers[index] ?? '';
    const mapped = row !== p.headerRow && firstColumn.get(column) === index && Object.hasOwn(mapping, column) ? mapping[column] : undefined;
    return mapped ? { row, column, field: mapped, messageKey: 'validation.myNumber' } : { row, column, field: '', messageKey: 'validation.myNumberInFile' };
  });
  const twice = [...fieldsMappedTwice(def.columns, p.headers, mapping), ...repeatedHeadersWithValues(def.columns, p, mapping)];
  if (twice.length > 0) return { records: [] as F[], recordRows: [] as number[], errors: [...twice, ...myNumbers], ctx };
  const key = JSON.stringify([mapping, ctx.cacheKey]);
  if (p.converted?.key !== key) {
    const unique = def.uniqueField ? { uniqueField: def.uniqueField, ...(def.uniqueKey ? { uniqueKey: def.uniqueKey } : {}) } : {};
    const { records, rowNumbers, errors } = convertRows<F>({ columns: def.columns, schema: def.schema, headers: p.headers, rows: p.rows, rowNumbers: p.rowNumbers, mapping, ctx, ...unique });
    p.converted = { key, records, rowNumbers, errors };
  }
  const recordRows = p.converted.rowNumbers;
  const records = p.converted.records as F[];
  const columnOf = (field: string) => Object.entries(mapping).find(([, k]) => k === field)?.[0] ?? '';
  const found = def.checkAgainstDatabase(db, records, columnOf).map((e) => ({ ...e, row: recordRows[e.row - 1] ?? e.row }));
  const hits = new Set(myNumbers.map(cellOf));
  const converted = p.converted.errors.filter((e) => !hits.has(cellOf(e)));
  const errors = [...myNumbers, ...converted, ...found].sort((a, b) => a.row - b.row);
  return { records, recordRows, errors, ctx };
}

export function checkImport<F>(core: AppCore, def: ImportDefinition<F>, importId: string, mapping: Record<string, string>) {
  const p = pendingImport(core, def.ledger, importId);
  const { records, recordRows, errors, ctx } = checkRows(core, def, p, mapping);
  const mappedTwice = errors.some((e) => e.messageKey === 'validation.csvMappedTwice');
  // The clerk's choice, kept for the next file with these headers (not a refused one, nor headers holding a 個人番号).
  if (!mappedTwice && !p.myNumberCells.some((c) => c.row === p.headerRow)) rememberMapping(core, def.ledger, p.headers, mapping);
  const each = mappedTwice ? [] : upcomingOfEach(core, def, records);
  const shown = each.length === 0 ? records : records.map((r, i) => (each[i] ? { ...r, [def.numbering!.field]: each[i] } : r));
  const preview: ImportPreview = mappedTwice
    ? { columns: [], rows: [] }
    : importPreview({ columns: def.columns, headers: p.headers, mapping, rows: p.rows, rowNumbers: p.rowNumbers, ctx, records: shown, recordRows, errors, limit: previewRowCount });
  return { rowCount: p.rows.length, errors: errors.slice(0, maxErrorsShown), errorsTruncated: errors.length > maxErrorsShown, preview, numbering: numberingOf(core, def, records, each) };
}

/** Each record's upcoming number when the ledger numbers row by row; [] otherwise. */
function upcomingOfEach<F>(core: AppCore, def: ImportDefinition<F>, records: readonly F[]): readonly (string | null)[] {
  return def.numbering && 'upcomingEach' in def.numbering ? def.numbering.upcomingEach(core.requireVault().db, records) : [];
}

/** How many of the rows read get a number from the ledger's rule, and the first they would get now. */
function numberingOf<F>(core: AppCore, def: ImportDefinition<F>, records: readonly F[], each: readonly (string | null)[]): { field: string; count: number; first: string } | null {
  if (!def.numbering) return null;
  const { field } = def.numbering;
  if ('upcomingEach' in def.numbering) {
    const numbered = each.filter((no): no is string => no !== null);
    return numbered.length === 0 ? null : { field, count: numbered.length, first: numbered[0] as string };
  }
  const count = records.filter((r) => String(r[field] ?? '') === '').length;
  return count === 0 ? null : { field, count, first: def.numbering.upcoming(core.requireVault().db) };
}

export function commitImport<F>(core: AppCore, def: ImportDefinition<F>, importId: string, mapping: Record<string, string>): { created: number } {
  const p = pendingImport(core, def.ledger, importId);
  const { records, errors } = checkRows(core, def, p, mapping);
  if (errors.length > 0) throw new AppError('INVALID_INPUT', { errors: errors.length }, undefined, 'errors.importHasErrors');
  const userId = core.requireSession().userId;
  core.write((tx) => {
    keepMapping(tx, userId, def.ledger, p.headers, mapping);
    def.insert(tx, records, { fileName: p.fileName, encoding: p.encoding });
  });
  importsOf(core).delete(importId);
  return { created: records.length };
}
