import { methodClasses, type DisposalFields, type DisposalStatus } from '../../contract/disposal';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { assertSeparateDuties } from '../../core/separationOfDuties';
import type { Lifecycle } from '../../ledger/lifecycle';
import { authorsSince, type LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { disposalLedger } from './columns';
import { assertTargetsAllowed, disposedByOriginal, type DisposalTargets } from './targets';

/**
 * The rules of the 廃棄・消去記録 (domain.md §3; MIC §12-2, §13): what a record may say, the
 * statuses each step starts from, and what an approval needs. Checked in main whatever the
 * form shows; a refusal is a Japanese message key and nothing is written.
 */
export type DisposalAction = 'update' | 'request' | 'return' | 'approve' | 'cancel' | 'amend';
export const disposalLifecycle: Lifecycle<DisposalStatus, DisposalAction> = {
  // Approved and amended records are frozen: a correction is an amendment (domain.md §3).
  update: { from: ['draft'], refusal: 'disposal.errors.notEditable' },
  request: { from: ['draft'], refusal: 'disposal.errors.notDraft' },
  return: { from: ['requested'], refusal: 'disposal.errors.notRequested' },
  approve: { from: ['requested'], refusal: 'disposal.errors.notRequested' },
  cancel: { from: ['draft', 'requested'], refusal: 'disposal.errors.notCancellable' },
  amend: { from: ['approved'], refusal: 'disposal.errors.notAmendable' },
};

/** An account that may act today: active and within its 有効期限. */
function accountInForce(db: Db, userId: number, today: string): { department_id: number } | undefined {
  return statement(db, 'SELECT department_id FROM users WHERE id = ? AND active = 1 AND (valid_until IS NULL OR valid_until >= ?)').get(userId, today) as
    | { department_id: number }
    | undefined;
}

/**
 * 実施者 and 立会者: accounts in force; the operator of the record's 課等; witnesses once each and
 * never the operator (MIC §12-2). A correction may keep the people of the record it corrects
 * (`kept`) though they have since moved or left: they did the work (人事異動 must not make a
 * correction name someone who did not).
 */
function assertPeople(db: Db, f: DisposalFields, today: string, kept: ReadonlySet<number>): void {
  const operator = accountInForce(db, f.operatorId, today);
  if (!kept.has(f.operatorId) && (!operator || operator.department_id !== f.departmentId)) throw fieldError(['operatorId'], 'disposal.errors.operatorNotInDepartment');
  f.witnessIds.forEach((id, i) => {
    if (!kept.has(id) && !accountInForce(db, id, today)) throw fieldError(['witnessIds', i], 'disposal.errors.unknownPerson');
    if (f.witnessIds.indexOf(id) !== i) throw fieldError(['witnessIds', i], 'disposal.errors.duplicateWitness');
  });
  assertSeparateDuties('operator-witness', f.operatorId, f.witnessIds);
}

/** The fields agree with each other and with today (the organisation's calendar). */
function assertConsistent(f: DisposalFields, today: string): void {
  if (f.performedOn > today) throw fieldError(['performedOn'], 'validation.dateInFuture');
  // NIST SP 800-88 Rev.1 Table A: a method is recorded under the classes it achieves.
  if (!methodClasses[f.method].includes(f.nistClass)) throw fieldError(['nistClass'], 'disposal.errors.methodClassMismatch');
  if (f.result !== 'completed' && f.resultNote === '') throw fieldError(['resultNote'], 'disposal.errors.resultNoteRequired');
  // A failed verification is not a completed sanitisation (NIST SP 800-88 §4.7).
  if (f.verificationOutcome === 'failed' && f.result === 'completed') throw fieldError(['result'], 'disposal.errors.completedButVerificationFailed');
  if (f.placeKind === 'contractor' && f.contractorName === '') throw fieldError(['contractorName'], 'disposal.errors.contractorNameRequired');
  // 庁舎内: no contractor did the work; a name or number sent anyway would be certified as if one had (the form clears them).
  if (f.placeKind === 'onSite') {
    for (const field of ['contractorName', 'contractorCertificateNo', 'contractorStaff'] as const) {
      if (f[field] !== '') throw fieldError([field], 'disposal.errors.contractorOnSite');
    }
  }
}

/**
 * A correction (domain.md §3) stays in its original's 課等: only that 課等's managers mark the
 * original 訂正済 (MIC §9, §12-2). What the original disposed stays 廃棄済, so a correction may not
 * say 失敗. Returns the original's operator and witnesses, whom the correction may keep.
 */
function assertCorrection(db: Db, f: DisposalFields, amendsId: number): Set<number> {
  const original = statement(db, 'SELECT department_id, operator_id, witness_ids FROM disposals WHERE id = ?').get(amendsId) as {
    department_id: number;
    operator_id: number;
    witness_ids: string;
  };
  if (original.department_id !== f.departmentId) throw fieldError(['departmentId'], 'disposal.errors.amendmentDepartment');
  if (f.result === 'failed' && disposedByOriginal(db, amendsId).size > 0) throw fieldError(['result'], 'disposal.errors.amendmentCannotFail');
  return new Set([original.operator_id, ...(JSON.parse(original.witness_ids) as number[])]);
}

/**
 * Everything a record's fields must satisfy, at save and request. At approval the people are
 * not checked again (`people: false`): an operator who has since left still did the work; the
 * targets are, since a medium may have been taken out after the request.
 */
export function assertFieldsAllowed(
  db: Db,
  adapters: DisposalTargets,
  actor: LedgerActor,
  f: DisposalFields,
  today: string,
  record: { disposalId: number; amendsId: number | null; people?: boolean },
): void {
  assertAssignableDepartment(db, actor, f.departmentId);
  const kept = record.amendsId === null ? new Set<number>() : assertCorrection(db, f, record.amendsId);
  assertConsistent(f, today);
  if (record.people !== false) assertPeople(db, f, today, kept);
  assertTargetsAllowed(db, adapters, f.targets, { departmentId: f.departmentId, disposalId: record.disposalId, amendsId: record.amendsId });
}

/**
 * What a request and an approval need beyond the fields (MIC §13): on site, someone witnessed
 * it; outsourced, photos and the contractor's certificate (its number or its scan) prove it.
 */
export function assertEvidence(db: Db, f: DisposalFields, disposalId: number): void {
  if (f.placeKind === 'onSite' && f.witnessIds.length === 0) throw new AppError('CONFLICT', undefined, undefined, 'disposal.errors.witnessRequired');
  if (f.placeKind !== 'contractor') return;
  const count = (kind: string) =>
    statement(db, 'SELECT count(*) FROM disposal_attachments WHERE disposal_id = ? AND kind = ? AND removed_at IS NULL').pluck().get(disposalId, kind) as number;
  if (count('photo') === 0) throw new AppError('CONFLICT', undefined, undefined, 'disposal.errors.photoRequired');
  if (f.contractorCertificateNo === '' && count('certificate') === 0) throw new AppError('CONFLICT', undefined, undefined, 'disposal.errors.certificateRequired');
}

/**
 * The history steps whose authors wrote what an approval checks: whoever created, edited,
 * corrected or asked for approval of the record (also an earlier request, since returned), and
 * whoever attached or removed its evidence (the photos and the contractor's certificate are what
 * an outsourced approval rests on: MIC §13).
 */
export const disposalAuthorActions = ['create', 'update', 'amend', 'request', 'attach', 'detach'] as const;

/** MIC §12-2: the approver is none of the people whose work the approval checks; each case says which. */
export function assertApproverSeparate(db: Db, actor: LedgerActor, f: DisposalFields, row: { id: number; created_by: number; requested_by: number | null }): void {
  const refuse = (key: string) => {
    throw new AppError('SEPARATION_OF_DUTIES', undefined, undefined, key);
  };
  if (actor.userId === f.operatorId) refuse('disposal.errors.approverIsOperator');
  if (f.witnessIds.includes(actor.userId)) refuse('disposal.errors.approverIsWitness');
  if (actor.userId === row.requested_by) refuse('disposal.errors.approverIsRequester');
  if (actor.userId === row.created_by) refuse('disposal.errors.approverIsCreator');
  // Who edited the draft wrote it as much as who created it (the one who enters never approves).
  if (authorsSince(db, disposalLedger, row.id, 0, disposalAuthorActions).includes(actor.userId)) refuse('disposal.errors.approverIsEditor');
}

export function audit(tx: Tx, action: string, disposalId: number, detail: Record<string, unknown> = {}): void {
  tx.audit({ action: `disposal.${action}`, targetType: 'disposal', targetId: disposalId, detail });
}
