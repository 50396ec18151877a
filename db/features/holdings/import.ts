import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { roleScope, type ChannelOutput, type HoldingFields, type ImportableField, type ImportRowError } from '../../contract';
import { AppError } from '../../core/appError';
import type { AppCore } from '../../core/appCore';
import { insertHolding, type LedgerActor } from './rules';
import { convertRows, decodeCsvFile, parseCsv, suggestMapping } from './csv';
import { listDepartments } from '../../core/users';

/**
 * Import of an existing Excel ledger (CSV): the user picks the file (main reads it; the
 * renderer never sees a path or the bytes), maps columns, sees every row error before
 * anything is written, and commits all rows as drafts in one transaction — or none.
 */
interface PendingImport {
  userId: number;
  fileName: string;
  encoding: 'utf-8' | 'shift_jis';
  headers: string[];
  rows: string[][];
  openedAt: number;
  /** The last conversion, reused by commit when mapping and departments are unchanged. */
  converted?: { key: string; fields: HoldingFields[]; errors: ImportRowError[] };
}

const maxFileBytes = 20 * 1024 * 1024;
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

export async function openImport(core: AppCore): Promise<ChannelOutput<'holdings.import.open'>> {
  const file = await core.ports.dialogs.chooseOpenPath({ filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
  if (!file) throw new AppError('CANCELLED');
  if (statSync(file).size > maxFileBytes) throw new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey: 'validation.csvTooLarge', params: { maximum: 20 } }]);
  const { text, encoding } = decodeCsvFile(readFileSync(file));
  const [headers = [], ...rows] = parseCsv(text);
  if (headers.length === 0) throw new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey: 'validation.csvEmpty' }]);
  const importId = randomUUID();
  const session = core.requireSession();
  importsOf(core).set(importId, { userId: session.userId, fileName: path.basename(file), encoding, headers, rows, openedAt: core.nowMs() });
  return {
    importId,
    fileName: path.basename(file),
    encoding,
    headers,
    rowCount: rows.length,
    sample: rows.slice(0, 5),
    suggestedMapping: suggestMapping(headers),
  };
}

function pendingImport(core: AppCore, importId: string): PendingImport {
  const p = importsOf(core).get(importId);
  if (!p) throw new AppError('NOT_FOUND', undefined, undefined, 'errors.importExpired');
  return p;
}

/** Converts and checks every row, including against what the database already holds. */
function checkRows(core: AppCore, actor: LedgerActor, p: PendingImport, mapping: Record<string, ImportableField>): { fields: HoldingFields[]; errors: ImportRowError[] } {
  const db = core.requireVault().db;
  const departmentsByName = new Map(listDepartments(db, false).map((d) => [d.name.normalize('NFKC').trim(), d.id]));
  const key = JSON.stringify([mapping, [...departmentsByName]]);
  if (p.converted?.key !== key) p.converted = { key, ...convertRows({ headers: p.headers, rows: p.rows, mapping, departmentsByName }) };
  // What the database holds can change between check and commit: those checks always run.
  const result = { fields: p.converted.fields, errors: [...p.converted.errors] };
  const ledgerColumn = Object.entries(mapping).find(([, field]) => field === 'ledgerNo')?.[0] ?? '';
  const taken = db.prepare('SELECT 1 FROM holdings WHERE ledger_no = ?').pluck();
  result.fields.forEach((f, i) => {
    if (taken.get(f.ledgerNo)) result.errors.push({ row: i + 1, column: ledgerColumn, field: 'ledgerNo', messageKey: 'validation.ledgerNoTaken' });
    if (roleScope(actor.role) === 'department' && actor.departmentId !== f.departmentId) {
      const column = Object.entries(mapping).find(([, field]) => field === 'department')?.[0] ?? '';
      result.errors.push({ row: i + 1, column, field: 'department', messageKey: 'validation.otherDepartment' });
    }
  });
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}

export function checkImport(core: AppCore, actor: LedgerActor, importId: string, mapping: Record<string, ImportableField>): ChannelOutput<'holdings.import.check'> {
  const p = pendingImport(core, importId);
  const { errors } = checkRows(core, actor, p, mapping);
  return { rowCount: p.rows.length, errors: errors.slice(0, maxErrorsShown), errorsTruncated: errors.length > maxErrorsShown };
}

export function commitImport(core: AppCore, actor: LedgerActor, importId: string, mapping: Record<string, ImportableField>): { created: number } {
  const p = pendingImport(core, importId);
  const { fields, errors } = checkRows(core, actor, p, mapping);
  if (errors.length > 0) throw new AppError('INVALID_INPUT', { errors: errors.length }, undefined, 'errors.importHasErrors');
  core.write((tx) => {
    const ids = fields.map((f) => insertHolding(tx, actor, f, 'import'));
    // One event for the file; each row's own history says it came from this import.
    tx.audit({
      action: 'holdings.import',
      targetType: 'holding',
      detail: { fileName: p.fileName, encoding: p.encoding, created: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
    });
  });
  importsOf(core).delete(importId);
  return { created: fields.length };
}
