import { roleScope, type ChannelInput, type Holding, type HoldingFields, type Role, type UsageEntry } from '../../contract';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { readHoldingRow, readUsageEntry, rowToFields, rowToHolding, type HoldingRow } from './records';
import { searchGrams } from '../../ledger/search';
import { assertSeparateDuties } from '../../core/separationOfDuties';

/**
 * The rules of the 保有個人情報等台帳 (MIC §14, §28; METI §16, §38): who may see and change
 * which rows, the lifecycle draft → verified (照合 by someone else) → retired, the history
 * of every change, and the usage log. Every write records its history and its access-log
 * event in the caller's transaction.
 */
export interface LedgerActor {
  userId: number;
  name: string;
  role: Role;
  departmentId: number;
}

/** Clerks, officers and managers work within their 課等; chief and auditor see all (MIC §9). */
export function assertDepartmentAccess(actor: LedgerActor, departmentId: number): void {
  if (roleScope(actor.role) === 'department' && actor.departmentId !== departmentId) {
    throw new AppError('PERMISSION_DENIED', undefined, undefined, 'errors.otherDepartment');
  }
}

function assertFieldsAllowed(db: Db, actor: LedgerActor, fields: HoldingFields): void {
  const dept = statement(db, 'SELECT active FROM departments WHERE id = ?').get(fields.departmentId) as { active: number } | undefined;
  if (!dept || dept.active !== 1) throw fieldError(['departmentId'], 'validation.unknownDepartment');
  if (roleScope(actor.role) === 'department' && actor.departmentId !== fields.departmentId) {
    throw fieldError(['departmentId'], 'validation.otherDepartment');
  }
  if (fields.useUntil && fields.retentionUntil && fields.retentionUntil < fields.useUntil) {
    throw fieldError(['retentionUntil'], 'validation.dateRangeOrder');
  }
}

const json = (v: unknown) => JSON.stringify(v);

/** Column values for the writable fields, in the order of `fieldColumns`. */
function columnValues(f: HoldingFields): unknown[] {
  return [
    f.ledgerNo, f.name, f.departmentId, f.owner, json(f.handlers), f.purpose, json(f.recordItems), f.recordScope,
    f.collectionMethod, f.subjectCount, f.subjectCountApproximate ? 1 : 0, f.containsSensitive ? 1 : 0,
    f.containsMyNumber ? 1 : 0, f.medium, f.storageLocation, f.storageMethod, json(f.authorizedPersons),
    json(f.recipients), json(f.contractors), f.foreignHandling, f.useUntil, f.retentionUntil, f.disposalMethod,
  ];
}
const fieldColumns = [
  'ledger_no', 'name', 'department_id', 'owner', 'handlers', 'purpose', 'record_items', 'record_scope',
  'collection_method', 'subject_count', 'subject_count_approximate', 'contains_sensitive', 'contains_my_number',
  'medium', 'storage_location', 'storage_method', 'authorized_persons', 'recipients', 'contractors',
  'foreign_handling', 'use_until', 'retention_until', 'disposal_method',
];

function changesBetween(before: HoldingFields | null, after: HoldingFields): { field: string; before: unknown; after: unknown }[] {
  return (Object.keys(after) as (keyof HoldingFields)[])
    .filter((k) => json(before?.[k] ?? null) !== json(after[k] ?? null))
    .map((k) => ({ field: k, before: before ? before[k] : null, after: after[k] }));
}

function recordHistory(tx: Tx, actor: LedgerActor, holdingId: number, version: number, action: string, changes: unknown[], note = ''): void {
  statement(
    tx.db,
    'INSERT INTO holding_history (holding_id, version, at, user_id, user_name, action, changes, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(holdingId, version, tx.at, actor.userId, actor.name, action, json(changes), note);
}

function indexForSearch(db: Db, holdingId: number, f: HoldingFields): void {
  statement(db, 'DELETE FROM holding_search WHERE rowid = ?').run(holdingId);
  statement(db, 'INSERT INTO holding_search (rowid, grams) VALUES (?, ?)').run(holdingId, searchGrams([f.ledgerNo, f.name, f.purpose, ...f.recordItems]));
}

function assertLedgerNoFree(db: Db, ledgerNo: string, exceptId = 0): void {
  if (statement(db, 'SELECT 1 FROM holdings WHERE ledger_no = ? AND id <> ?').get(ledgerNo, exceptId)) {
    throw fieldError(['ledgerNo'], 'validation.ledgerNoTaken');
  }
}

/** Inserts one holding as a draft. `action` is 'create' from the form, 'import' from CSV. */
export function insertHolding(tx: Tx, actor: LedgerActor, fields: HoldingFields, action: 'create' | 'import', auditDetail?: Record<string, unknown>): number {
  assertFieldsAllowed(tx.db, actor, fields);
  assertLedgerNoFree(tx.db, fields.ledgerNo);
  const { lastInsertRowid } = statement(
      tx.db,
      `INSERT INTO holdings (${fieldColumns.join(', ')}, status, version, last_edited_by, created_at, updated_at)
       VALUES (${fieldColumns.map(() => '?').join(', ')}, 'draft', 1, ?, ?, ?)`,
    )
    .run(...columnValues(fields), actor.userId, tx.at, tx.at);
  const id = Number(lastInsertRowid);
  const changes = changesBetween(null, fields);
  recordHistory(tx, actor, id, 1, action, changes);
  indexForSearch(tx.db, id, fields);
  if (auditDetail !== undefined || action === 'create') {
    tx.audit({ action: `holdings.${action}`, targetType: 'holding', targetId: id, detail: auditDetail ?? { ledgerNo: fields.ledgerNo, changes } });
  }
  return id;
}

function loadForChange(tx: Tx, actor: LedgerActor, holdingId: number, expectedVersion?: number): HoldingRow {
  const row = readHoldingRow(tx.db, holdingId);
  assertDepartmentAccess(actor, row.department_id);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    // Someone saved in between: the form must reload rather than overwrite their change.
    throw new AppError('CONFLICT', { current: row.version }, undefined, 'errors.staleVersion');
  }
  if (row.status === 'retired' || row.status === 'disposed') throw new AppError('CONFLICT', undefined, undefined, 'errors.holdingClosed');
  return row;
}

export function updateHolding(tx: Tx, actor: LedgerActor, input: ChannelInput<'holdings.update'>): void {
  const row = loadForChange(tx, actor, input.holdingId, input.version);
  const fields = input.fields as HoldingFields;
  assertFieldsAllowed(tx.db, actor, fields);
  if (fields.ledgerNo !== row.ledger_no) assertLedgerNoFree(tx.db, fields.ledgerNo, row.id);
  const changes = changesBetween(rowToFields(row), fields);
  if (changes.length === 0) return;
  const version = row.version + 1;
  // An edit after 照合 sends the row back for verification (MIC §28); the history shows what changed.
  statement(
      tx.db,
      `UPDATE holdings SET ${fieldColumns.map((c) => `${c} = ?`).join(', ')}, status = 'draft', version = ?, last_edited_by = ?, updated_at = ?
       WHERE id = ?`,
    )
    .run(...columnValues(fields), version, actor.userId, tx.at, row.id);
  recordHistory(tx, actor, row.id, version, 'update', changes);
  indexForSearch(tx.db, row.id, fields);
  tx.audit({ action: 'holdings.update', targetType: 'holding', targetId: row.id, detail: { ledgerNo: fields.ledgerNo, version, wasVerified: row.status === 'verified', changes } });
}

/** 照合 (MIC §28): a second person confirms the row against its source document. */
export function verifyHolding(tx: Tx, actor: LedgerActor, holdingId: number, expectedVersion: number): void {
  const row = loadForChange(tx, actor, holdingId, expectedVersion);
  if (row.status !== 'draft') throw new AppError('CONFLICT', undefined, undefined, 'errors.alreadyVerified');
  // Everyone who entered or changed the row since it was last verified is an author.
  const authors = statement(
    tx.db,
    `SELECT DISTINCT user_id FROM holding_history WHERE holding_id = ? AND version > ? AND action IN ('create', 'update', 'import')`)
    .pluck()
    .all(holdingId, row.verified_version ?? 0) as number[];
  assertSeparateDuties('author-verifier', actor.userId, authors);
  const version = row.version + 1;
  statement(
    tx.db,
    `UPDATE holdings SET status = 'verified', version = ?, verified_version = ?, verified_by = ?, verified_at = ?, updated_at = ? WHERE id = ?`)
    .run(version, version, actor.userId, tx.at, tx.at, holdingId);
  recordHistory(tx, actor, holdingId, version, 'verify', []);
  tx.audit({ action: 'holdings.verify', targetType: 'holding', targetId: holdingId, detail: { ledgerNo: row.ledger_no, version } });
}

/** 管理区分 (METI §16) is the manager's decision; the reason is kept with it. */
export function decideCategory(tx: Tx, actor: LedgerActor, input: ChannelInput<'holdings.decideCategory'>): void {
  const row = loadForChange(tx, actor, input.holdingId);
  const version = row.version + 1;
  statement(
      tx.db,
      `UPDATE holdings SET category = ?, category_reason = ?, category_decided_by = ?, category_decided_at = ?, version = ?,
         verified_version = CASE WHEN status = 'verified' THEN ? ELSE verified_version END, updated_at = ?
       WHERE id = ?`,
    )
    .run(input.category, input.reason, actor.userId, tx.at, version, version, tx.at, row.id);
  const changes = [{ field: 'category', before: row.category, after: input.category }];
  recordHistory(tx, actor, row.id, version, 'categorize', changes, input.reason);
  tx.audit({ action: 'holdings.categorize', targetType: 'holding', targetId: row.id, detail: { ledgerNo: row.ledger_no, changes, reason: input.reason } });
}

/** The yearly review: "reviewed, no change" in one click, logged (JIS Q 15001). */
export function markReviewed(tx: Tx, actor: LedgerActor, holdingId: number): void {
  const row = loadForChange(tx, actor, holdingId);
  const version = row.version + 1;
  statement(
      tx.db,
      `UPDATE holdings SET last_reviewed_at = ?, version = ?, verified_version = CASE WHEN status = 'verified' THEN ? ELSE verified_version END,
         updated_at = ? WHERE id = ?`,
    )
    .run(tx.at, version, version, tx.at, holdingId);
  recordHistory(tx, actor, holdingId, version, 'review', [{ field: 'lastReviewedAt', before: row.last_reviewed_at, after: tx.at }]);
  tx.audit({ action: 'holdings.review', targetType: 'holding', targetId: holdingId, detail: { ledgerNo: row.ledger_no } });
}

/** 保有をやめた: the office no longer holds the file. Disposal is recorded separately, later. */
export function retireHolding(tx: Tx, actor: LedgerActor, holdingId: number, reason: string): void {
  const row = loadForChange(tx, actor, holdingId);
  const version = row.version + 1;
  statement(tx.db, `UPDATE holdings SET status = 'retired', version = ?, verified_version = NULL, updated_at = ? WHERE id = ?`).run(version, tx.at, holdingId);
  recordHistory(tx, actor, holdingId, version, 'retire', [{ field: 'status', before: row.status, after: 'retired' }], reason);
  tx.audit({ action: 'holdings.retire', targetType: 'holding', targetId: holdingId, detail: { ledgerNo: row.ledger_no, reason } });
}

export function addUsage(tx: Tx, actor: LedgerActor, input: ChannelInput<'holdings.usage.add'>): UsageEntry {
  const row = readHoldingRow(tx.db, input.holdingId);
  assertDepartmentAccess(actor, row.department_id);
  if (row.status === 'disposed') throw new AppError('CONFLICT', undefined, undefined, 'errors.holdingClosed');
  const { lastInsertRowid } = statement(
      tx.db,
      `INSERT INTO holding_usage (holding_id, kind, used_on, person_name, purpose, count, note, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(row.id, input.kind, input.usedOn, input.personName, input.purpose, input.count ?? null, input.note ?? '', actor.userId, tx.at);
  tx.audit({
    action: 'holdings.usage.add',
    targetType: 'holding',
    targetId: row.id,
    detail: { ledgerNo: row.ledger_no, kind: input.kind, usedOn: input.usedOn, personName: input.personName, purpose: input.purpose, count: input.count ?? null },
  });
  return readUsageEntry(tx.db, Number(lastInsertRowid));
}

export function readHolding(db: Db, actor: LedgerActor, holdingId: number, reviewCutoffIso: string): Holding {
  const row = readHoldingRow(db, holdingId);
  assertDepartmentAccess(actor, row.department_id);
  return rowToHolding(row, reviewCutoffIso);
}
