import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import type { ImportRowError } from '../../contract';
import { AppError } from '../../core/appError';
import type { AppCore, Tx } from '../../core/appCore';
import { loggedFileName } from '../../core/output/fileName';
import type { Db } from '../../store/database';
import type { CsvReadContext } from '../columns';
import { csvMaxMegabytes, decodeCsvFile, parseCsv } from './decode';
import { convertRows, suggestMapping, type CsvColumn } from './table';

/**
 * Import of an existing Excel ledger (CSV), for any ledger: the user picks the file (main
 * reads it; the renderer never sees a path or the bytes), maps columns, sees every row
 * error before anything is written, and commits all rows in one transaction — or none.
 */
export interface ImportDefinition<F> {
  /** Which ledger the session belongs to: an import opened for one is never committed to another. */
  ledger: string;
  columns: readonly CsvColumn[];
  schema: z.ZodObject;
  uniqueField?: keyof F & string;
  /** Lookups for reference cells (課等 by name …), and a key that changes when they do. */
  context(db: Db): CsvReadContext & { cacheKey: string };
  /**
   * Checks against what the database holds now (numbers taken, department scope): they always
   * run. An error's `row` is the record's 1-based position in `records`; the kit reports it as
   * the file's row (rows that failed conversion are not in `records`).
   */
  checkAgainstDatabase(db: Db, records: readonly F[], columnOf: (key: string) => string): ImportRowError[];
  /** Writes the records (and their access-log events) in the caller's transaction. */
  insert(tx: Tx, records: readonly F[], file: { fileName: string; encoding: string }): void;
}

interface PendingImport {
  ledger: string;
  userId: number;
  fileName: string;
  encoding: 'utf-8' | 'shift_jis';
  headers: string[];
  rows: string[][];
  openedAt: number;
  /** The last conversion, reused by commit when mapping and lookups are unchanged. */
  converted?: { key: string; records: unknown[]; rowNumbers: number[]; errors: ImportRowError[] };
}

const keepMs = 30 * 60 * 1000;
const maxErrorsShown = 500;
const pending = new WeakMap<AppCore, Map<string, PendingImport>>();

function importsOf(core: AppCore): Map<string, PendingImport> {
  let map = pending.get(core);
  if (!map) pending.set(core, (map = new Map()));
  // Parsed files hold personal data in memory: drop what is old or not this user's.
  for (const [id, p] of map) if (core.nowMs() - p.openedAt > keepMs || p.userId !== core.session?.userId) map.delete(id);
  return map;
}

function fileError(messageKey: string, params?: Record<string, number>): AppError {
  return new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey, ...(params ? { params } : {}) }]);
}

export async function openImport<F>(core: AppCore, def: ImportDefinition<F>) {
  const file = await core.ports.dialogs.chooseOpenPath({ filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
  if (!file) throw new AppError('CANCELLED');
  const fileName = loggedFileName(file);
  if (statSync(file).size > csvMaxMegabytes * 1024 * 1024) throw fileError('validation.csvTooLarge', { maximum: csvMaxMegabytes });
  const { text, encoding } = decodeCsvFile(readFileSync(file));
  const [headers = [], ...rows] = parseCsv(text);
  if (headers.length === 0) throw fileError('validation.csvEmpty');
  const importId = randomUUID();
  importsOf(core).set(importId, { ledger: def.ledger, userId: core.requireSession().userId, fileName, encoding, headers, rows, openedAt: core.nowMs() });
  return { importId, fileName, encoding, headers, rowCount: rows.length, sample: rows.slice(0, 5), suggestedMapping: suggestMapping(def.columns, headers) };
}

function pendingImport(core: AppCore, ledger: string, importId: string): PendingImport {
  const p = importsOf(core).get(importId);
  if (!p || p.ledger !== ledger) throw new AppError('NOT_FOUND', undefined, undefined, 'errors.importExpired');
  return p;
}

function checkRows<F>(core: AppCore, def: ImportDefinition<F>, p: PendingImport, mapping: Record<string, string>) {
  const db = core.requireVault().db;
  const ctx = def.context(db);
  const key = JSON.stringify([mapping, ctx.cacheKey]);
  if (p.converted?.key !== key) {
    const { records, rowNumbers, errors } = convertRows<F>({ columns: def.columns, schema: def.schema, headers: p.headers, rows: p.rows, mapping, ctx, ...(def.uniqueField ? { uniqueField: def.uniqueField } : {}) });
    p.converted = { key, records, rowNumbers, errors };
  }
  const { rowNumbers } = p.converted;
  const records = p.converted.records as F[];
  const columnOf = (field: string) => Object.entries(mapping).find(([, k]) => k === field)?.[0] ?? '';
  const found = def.checkAgainstDatabase(db, records, columnOf).map((e) => ({ ...e, row: rowNumbers[e.row - 1] ?? e.row }));
  const errors = [...p.converted.errors, ...found].sort((a, b) => a.row - b.row);
  return { records, errors };
}

export function checkImport<F>(core: AppCore, def: ImportDefinition<F>, importId: string, mapping: Record<string, string>) {
  const p = pendingImport(core, def.ledger, importId);
  const { errors } = checkRows(core, def, p, mapping);
  return { rowCount: p.rows.length, errors: errors.slice(0, maxErrorsShown), errorsTruncated: errors.length > maxErrorsShown };
}

export function commitImport<F>(core: AppCore, def: ImportDefinition<F>, importId: string, mapping: Record<string, string>): { created: number } {
  const p = pendingImport(core, def.ledger, importId);
  const { records, errors } = checkRows(core, def, p, mapping);
  if (errors.length > 0) throw new AppError('INVALID_INPUT', { errors: errors.length }, undefined, 'errors.importHasErrors');
  core.write((tx) => def.insert(tx, records, { fileName: p.fileName, encoding: p.encoding }));
  importsOf(core).delete(importId);
  return { created: records.length };
}
