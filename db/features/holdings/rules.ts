import type { ParsedInput, HoldingFields, HoldingStatus } from '../../contract';
import { retentionDate } from '../../contract/retention';
import { fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import type { FieldChange } from '../../ledger/columns';
import { assertStep, authoredSinceVerified, keepVerified, verifyRecord, type Lifecycle } from '../../ledger/lifecycle';
import { freeFiscalSerial, upcomingFiscalSerial } from '../../ledger/numbering';
import { assertVersion, insertRecord, stepRecord, updateRecord, type LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment, assertDepartmentAccess } from '../../ledger/scope';
import { clearVerificationRequest, clearVerificationRequestOutside, requestVerification, type VerificationLedger } from '../../ledger/verificationRequests';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { holdingsLedger } from './columns';
import { readHoldingRow, rowToFields, type HoldingRow } from './records';

/**
 * The rules of the 保有個人情報等台帳 (MIC §14, §28; METI §16, §38): who may change which
 * rows, the lifecycle draft → verified (照合 by someone else) → retired, and the history
 * of every change. Every write records its history and its access-log event in the
 * caller's transaction.
 */
type HoldingAction = 'update' | 'verify' | 'requestVerification' | 'categorize' | 'review' | 'retire';
const open: readonly HoldingStatus[] = ['draft', 'verified'];
const holdingLifecycle: Lifecycle<HoldingStatus, HoldingAction> = {
  update: { from: open, refusal: 'errors.holdingClosed' },
  verify: { from: ['draft'], refusal: 'errors.alreadyVerified' },
  requestVerification: { from: ['draft'], refusal: 'errors.alreadyVerified' },
  categorize: { from: open, refusal: 'errors.holdingClosed' },
  // The yearly review confirms verified content still holds; a draft is verified first.
  review: { from: ['verified'], refusal: 'errors.reviewNeedsVerification' },
  retire: { from: open, refusal: 'errors.holdingClosed' },
};
/** History actions by which someone authors the content a verifier checks. */
const authorActions = ['create', 'update', 'import'] as const;
/** What 照合依頼 and the 照合 cards need to know of this ledger (db/ledger/verificationRequests.ts). */
export const holdingVerification: VerificationLedger = { ...holdingsLedger, key: 'holdings', verifyPermission: 'holdings.verify', authorActions };

/** Whether this user wrote what now awaits 照合 (and so may not verify it). */
export function authoredByUser(db: Db, userId: number, row: { id: number; verified_version: number | null }): boolean {
  return authoredSinceVerified(db, holdingsLedger, userId, { id: row.id, verifiedVersion: row.verified_version }, authorActions);
}

function assertFieldsAllowed(db: Db, actor: LedgerActor, fields: HoldingFields): void {
  assertAssignableDepartment(db, actor, fields.departmentId);
  // 保存期限 on or after 利用期限: only a date can be compared (永年 and 「5年」 have no end day).
  const retainedUntil = retentionDate(fields.retention);
  if (fields.useUntil && retainedUntil && retainedUntil < fields.useUntil) {
    throw fieldError(['retention'], 'validation.dateRangeOrder');
  }
}

function isLedgerNoTaken(db: Db, ledgerNo: string, exceptId = 0): boolean {
  return statement(db, 'SELECT 1 FROM holdings WHERE ledger_no = ? AND id <> ?').get(ledgerNo, exceptId) !== undefined;
}

function assertLedgerNoFree(db: Db, ledgerNo: string, exceptId = 0): void {
  if (isLedgerNoTaken(db, ledgerNo, exceptId)) throw fieldError(['ledgerNo'], 'validation.ledgerNoTaken');
}

/** 管理番号 are 年度-連番 of this series (R8-0001), shared by the form and the import. */
const ledgerNoSeries = 'holdings';

/** The 管理番号 a holding saved now with a blank one would get; nothing is taken. */
export function upcomingLedgerNo(db: Db, today: string): string {
  return upcomingFiscalSerial(db, ledgerNoSeries, today, (no) => isLedgerNoTaken(db, no));
}

/**
 * Inserts one holding as a draft. `action` is 'create' from the form, 'import' from CSV (the
 * file's event is logged once). A blank 管理番号 is assigned here, in the write's transaction,
 * from the 年度-連番 of `today` (the organisation's calendar), passing over numbers typed by hand.
 */
export function insertHolding(tx: Tx, actor: LedgerActor, input: HoldingFields, action: 'create' | 'import', today: string): number {
  assertFieldsAllowed(tx.db, actor, input);
  if (input.ledgerNo !== '') assertLedgerNoFree(tx.db, input.ledgerNo);
  const ledgerNo = input.ledgerNo || freeFiscalSerial(tx, ledgerNoSeries, today, (no) => isLedgerNoTaken(tx.db, no));
  const fields = { ...input, ledgerNo };
  const { id, changes } = insertRecord(tx, holdingsLedger, actor, fields, action, { status: 'draft' });
  if (action === 'create') tx.audit({ action: 'holdings.create', targetType: 'holding', targetId: id, detail: { ledgerNo, changes } });
  return id;
}

/** The row, checked for department, version and whether `action` may start from its status. */
function loadFor(tx: Tx, actor: LedgerActor, holdingId: number, action: HoldingAction, expectedVersion?: number): HoldingRow {
  const row = readHoldingRow(tx.db, holdingId);
  assertDepartmentAccess(actor, row.department_id);
  assertVersion(row.version, expectedVersion);
  assertStep(holdingLifecycle, action, row.status);
  return row;
}

function audit(tx: Tx, action: string, row: HoldingRow, detail: Record<string, unknown> = {}): void {
  tx.audit({ action: `holdings.${action}`, targetType: 'holding', targetId: row.id, detail: { ledgerNo: row.ledger_no, ...detail } });
}

export function updateHolding(tx: Tx, actor: LedgerActor, input: ParsedInput<'holdings.update'>): void {
  const row = loadFor(tx, actor, input.holdingId, 'update', input.version);
  const fields = input.fields as HoldingFields;
  assertFieldsAllowed(tx.db, actor, fields);
  if (fields.ledgerNo !== row.ledger_no) assertLedgerNoFree(tx.db, fields.ledgerNo, row.id);
  // An edit after 照合 sends the row back for verification (MIC §28); the history shows what changed.
  const result = updateRecord(tx, holdingsLedger, actor, { id: row.id, version: row.version, fields: rowToFields(row) }, fields, 'update', { status: 'draft' });
  if (!result) return;
  // The person asked to verify has now written part of it, so can no longer verify it (MIC §28).
  clearVerificationRequest(tx, holdingVerification, row.id, actor.userId);
  if (fields.departmentId !== row.department_id) clearVerificationRequestOutside(tx, holdingVerification, row.id, fields.departmentId);
  tx.audit({
    action: 'holdings.update',
    targetType: 'holding',
    targetId: row.id,
    detail: { ledgerNo: fields.ledgerNo, version: result.version, wasVerified: row.status === 'verified', changes: result.changes },
  });
}

/** 照合 (MIC §28): a second person confirms the row against its source document. */
export function verifyHolding(tx: Tx, actor: LedgerActor, holdingId: number, expectedVersion: number): void {
  const row = loadFor(tx, actor, holdingId, 'verify', expectedVersion);
  const version = verifyRecord(tx, holdingsLedger, actor, { id: row.id, version: row.version, verifiedVersion: row.verified_version }, authorActions);
  clearVerificationRequest(tx, holdingVerification, row.id);
  audit(tx, 'verify', row, { version });
}

/** 照合依頼: names who should verify the draft; it appears on their home (MIC §28). */
export function requestHoldingVerification(tx: Tx, actor: LedgerActor, input: ParsedInput<'holdings.requestVerification'>, today: string): void {
  const row = loadFor(tx, actor, input.holdingId, 'requestVerification');
  const record = { id: row.id, version: row.version, verifiedVersion: row.verified_version, departmentId: row.department_id };
  const verifier = requestVerification(tx, holdingVerification, actor, record, input.verifierUserId, today);
  audit(tx, 'requestVerification', row, { requestedOfUserId: verifier.userId, requestedOf: verifier.name });
}

/**
 * A step that keeps the 照合 valid: the checked content (what a verifier compared with its
 * source) is unchanged, so no second look is needed. On a verified row the history and the
 * access log say so — that the 照合 stands, and why — instead of keeping it silently.
 */
function stepKeepingVerification(tx: Tx, actor: LedgerActor, row: HoldingRow, action: string, set: Record<string, unknown>, changes: FieldChange[], note = ''): Record<string, unknown> {
  const kept = row.status === 'verified';
  const recorded = kept ? [...changes, { field: 'verification', before: 'verified', after: 'keptContentUnchanged' }] : changes;
  stepRecord(tx, holdingsLedger, actor, row, { action, changes: recorded, note, set: (version) => ({ ...set, verified_version: keepVerified(version) }) });
  return kept ? { verification: 'kept', verificationBasis: 'contentUnchanged' } : { verification: 'none' };
}

/** 管理区分 (METI §16) is the manager's decision; the reason is kept with it. */
export function decideCategory(tx: Tx, actor: LedgerActor, input: ParsedInput<'holdings.decideCategory'>): void {
  const row = loadFor(tx, actor, input.holdingId, 'categorize');
  const changes = [{ field: 'category', before: row.category, after: input.category }];
  const set = { category: input.category, category_reason: input.reason, category_decided_by: actor.userId, category_decided_at: tx.at };
  const verification = stepKeepingVerification(tx, actor, row, 'categorize', set, changes, input.reason);
  audit(tx, 'categorize', row, { changes, reason: input.reason, ...verification });
}

/** The yearly review: "reviewed, no change" in one click, logged (JIS Q 15001). */
export function markReviewed(tx: Tx, actor: LedgerActor, holdingId: number): void {
  const row = loadFor(tx, actor, holdingId, 'review');
  const verification = stepKeepingVerification(tx, actor, row, 'review', { last_reviewed_at: tx.at }, [{ field: 'lastReviewedAt', before: row.last_reviewed_at, after: tx.at }]);
  audit(tx, 'review', row, verification);
}

/** 保有をやめた: the office no longer holds the file. Disposal is recorded separately, later. */
export function retireHolding(tx: Tx, actor: LedgerActor, holdingId: number, reason: string): void {
  const row = loadFor(tx, actor, holdingId, 'retire');
  stepRecord(tx, holdingsLedger, actor, row, {
    action: 'retire',
    note: reason,
    changes: [{ field: 'status', before: row.status, after: 'retired' }],
    set: () => ({ status: 'retired', verified_version: null }),
  });
  clearVerificationRequest(tx, holdingVerification, row.id);
  audit(tx, 'retire', row, { reason });
}
