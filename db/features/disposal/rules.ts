import { methodClasses, type DisposalFields, type DisposalStatus } from '../../contract/disposal';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { assertSeparateDuties } from '../../core/separationOfDuties';
import type { Lifecycle } from '../../ledger/lifecycle';
import type { LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { assertTargetsAllowed, type DisposalTargets } from './targets';

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

/** 実施者 and 立会者: accounts in force; the operator of the record's 課等; witnesses once each and never the operator (MIC §12-2). */
function assertPeople(db: Db, f: DisposalFields, today: string): void {
  const operator = accountInForce(db, f.operatorId, today);
  if (!operator || operator.department_id !== f.departmentId) throw fieldError(['operatorId'], 'disposal.errors.operatorNotInDepartment');
  f.witnessIds.forEach((id, i) => {
    if (!accountInForce(db, id, today)) throw fieldError(['witnessIds', i], 'disposal.errors.unknownPerson');
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
  assertConsistent(f, today);
  if (record.people !== false) assertPeople(db, f, today);
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

/** MIC §12-2: the approver is none of the people whose work the approval checks; each case says which. */
export function assertApproverSeparate(actor: LedgerActor, f: DisposalFields, row: { created_by: number; requested_by: number | null }): void {
  const refuse = (key: string) => {
    throw new AppError('SEPARATION_OF_DUTIES', undefined, undefined, key);
  };
  if (actor.userId === f.operatorId) refuse('disposal.errors.approverIsOperator');
  if (f.witnessIds.includes(actor.userId)) refuse('disposal.errors.approverIsWitness');
  if (actor.userId === row.requested_by) refuse('disposal.errors.approverIsRequester');
  if (actor.userId === row.created_by) refuse('disposal.errors.approverIsCreator');
}

export function audit(tx: Tx, action: string, disposalId: number, detail: Record<string, unknown> = {}): void {
  tx.audit({ action: `disposal.${action}`, targetType: 'disposal', targetId: disposalId, detail });
}
