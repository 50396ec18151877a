import type { ParsedInput, TakeoutStatus } from '../../contract';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { assertSeparateDuties } from '../../core/separationOfDuties';
import type { FieldChange } from '../../ledger/columns';
import { assertStep, type Lifecycle } from '../../ledger/lifecycle';
import { pinSideRow } from '../../ledger/integrity';
import { stepRecord, type LedgerActor } from '../../ledger/record';
import { assertDepartmentAccess } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { mediaLedger } from './columns';
import { readMediumRow } from './records';
import { readTakeoutRow, type TakeoutRow } from './takeoutRecords';

/**
 * 持出し (issue #10 item 3; MIC §10, §12, §26, §34): request → approval or refusal by a manager
 * who is not the requester (MIC §12-2) → out (保管中 → 持出中) → return (持出中 → 保管中, checked:
 * contents intact, temporary copies erased, MIC §26). Each step is one transaction (core.write)
 * with a step in the medium's history (its timeline, pinned for 改ざん検査 by the kit) and its
 * access-log event; a refused step changes nothing.
 */
type TakeoutAction = 'approve' | 'refuse' | 'cancel' | 'checkOut' | 'return';
const takeoutLifecycle: Lifecycle<TakeoutStatus, TakeoutAction> = {
  approve: { from: ['requested'], refusal: 'errors.takeoutNotRequested' },
  refuse: { from: ['requested'], refusal: 'errors.takeoutNotRequested' },
  cancel: { from: ['requested', 'approved'], refusal: 'errors.takeoutNotCancellable' },
  checkOut: { from: ['approved'], refusal: 'errors.takeoutNotApproved' },
  return: { from: ['out'], refusal: 'errors.takeoutNotOut' },
};

const historyAction: Record<TakeoutAction | 'request', string> = {
  request: 'takeoutRequest',
  approve: 'takeoutApprove',
  refuse: 'takeoutRefuse',
  cancel: 'takeoutCancel',
  checkOut: 'takeoutOut',
  return: 'takeoutReturn',
};

/**
 * One step of a take-out in the medium's timeline and the access log (same transaction):
 * the medium's version moves on, so its row and the history row are pinned by this event.
 */
function recordStep(tx: Tx, actor: LedgerActor, mediumId: number, takeoutId: number, action: TakeoutAction | 'request', step: { changes: FieldChange[]; note?: string; mediumStatus?: string; detail?: Record<string, unknown> }): void {
  const medium = readMediumRow(tx.db, mediumId);
  const set = () => (step.mediumStatus ? { status: step.mediumStatus } : {});
  stepRecord(tx, mediaLedger, actor, medium, { action: historyAction[action], changes: step.changes, note: step.note ?? '', set });
  // The take-out row as this step leaves it, pinned by the same event (改ざん検査, docs/SECURITY.md "Ledger rows").
  pinSideRow(tx.db, 'media_takeouts', takeoutId);
  tx.audit({ action: `media.takeout.${action}`, targetType: 'medium', targetId: medium.id, detail: { mediaNo: medium.media_no, takeoutId, changes: step.changes, ...step.detail } });
}

function setTakeout(tx: Tx, takeoutId: number, values: Record<string, unknown>): void {
  const columns = Object.keys(values);
  statement(tx.db, `UPDATE media_takeouts SET ${[...columns.map((c) => `${c} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...Object.values(values), tx.at, takeoutId);
}

/** A take-out not yet closed (承認待ち・承認済・持出中): at most one per medium (0011's partial unique index). */
export function hasOpenTakeout(db: Db, mediumId: number): boolean {
  return statement(db, "SELECT 1 FROM media_takeouts WHERE medium_id = ? AND status IN ('requested', 'approved', 'out')").get(mediumId) !== undefined;
}

const statusChange = (before: TakeoutStatus, after: TakeoutStatus): FieldChange => ({ field: 'takeoutStatus', before, after });

/**
 * 持出しの申請: by a holder of media.request in the medium's own 課等, for a medium 保管中 with no
 * open take-out, due back today or later (the organisation's calendar). Returns the take-out's id.
 */
export function requestTakeout(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.takeout.request'>, today: string): number {
  const medium = readMediumRow(tx.db, input.mediumId);
  assertDepartmentAccess(actor, medium.department_id);
  // An organisation-wide role (総括保護管理者, 監査責任者) may see every 課等, but a request comes from the 課等 that keeps the medium.
  if (actor.departmentId !== medium.department_id) throw new AppError('CONFLICT', undefined, undefined, 'errors.takeoutOtherDepartment');
  if (input.dueBack < today) throw fieldError(['dueBack'], 'validation.dueBackPast');
  if (hasOpenTakeout(tx.db, medium.id)) throw new AppError('CONFLICT', undefined, undefined, 'errors.takeoutAlreadyOpen');
  if (medium.status !== 'in_storage') throw new AppError('CONFLICT', undefined, undefined, 'errors.takeoutMediumNotInStorage');
  const s = input.safeguards;
  const id = Number(
    statement(
      tx.db,
      // The take-out keeps the 課等 that requested it (0016): a later move of the medium leaves it in that 課等's 持出管理簿 (MIC §9).
      `INSERT INTO media_takeouts (medium_id, department_id, requested_by, requested_at, purpose, destination, contents_summary, safeguard_encryption,
         safeguard_password, safeguard_locked_case, safeguard_sealed, due_back, status, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?)`,
    ).run(medium.id, medium.department_id, actor.userId, tx.at, input.purpose, input.destination, input.contentsSummary, +s.encryption, +s.password, +s.lockedCase, +s.sealed, input.dueBack, tx.at).lastInsertRowid,
  );
  const detail = { purpose: input.purpose, destination: input.destination, dueBack: input.dueBack, safeguards: Object.keys(s).filter((k) => s[k as keyof typeof s]) };
  recordStep(tx, actor, medium.id, id, 'request', { changes: [{ field: 'takeoutStatus', before: null, after: 'requested' }], detail });
  return id;
}

/** The take-out, checked for department (NOT_FOUND first) and whether `action` may start from its status. */
function loadFor(tx: Tx, actor: LedgerActor, takeoutId: number, action: TakeoutAction): TakeoutRow {
  const row = readTakeoutRow(tx.db, takeoutId);
  assertDepartmentAccess(actor, row.department_id);
  assertStep(takeoutLifecycle, action, row.status);
  return row;
}

/** MIC §12: a medium that leaves is protected by authentication (the medium's own, or promised for this take-out). */
function isProtected(row: TakeoutRow): boolean {
  return row.medium_encrypted !== 'none' || row.safeguard_encryption === 1 || row.safeguard_password === 1;
}

/** 承認: a manager who is not the requester; an unprotected medium only with the manager's recorded reason. */
export function approveTakeout(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.takeout.approve'>): void {
  const row = loadFor(tx, actor, input.takeoutId, 'approve');
  assertSeparateDuties('requester-approver', row.requested_by, actor.userId);
  // Approval lets the medium leave: not one an inventory has since marked 所在不明 or that was retired (issue #10 bad input).
  if (row.medium_status !== 'in_storage') throw new AppError('CONFLICT', undefined, undefined, 'errors.takeoutMediumNotInStorage');
  if (!isProtected(row) && input.note.trim() === '') throw fieldError(['note'], 'validation.takeoutUnprotectedNeedsReason');
  setTakeout(tx, row.id, { status: 'approved', decided_by: actor.userId, decided_at: tx.at, decision_note: input.note });
  recordStep(tx, actor, row.medium_id, row.id, 'approve', { changes: [statusChange('requested', 'approved')], note: input.note, detail: input.note ? { reason: input.note } : {} });
}

/** 不承認: a manager who is not the requester, with the reason. */
export function refuseTakeout(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.takeout.refuse'>): void {
  const row = loadFor(tx, actor, input.takeoutId, 'refuse');
  assertSeparateDuties('requester-approver', row.requested_by, actor.userId);
  setTakeout(tx, row.id, { status: 'refused', decided_by: actor.userId, decided_at: tx.at, decision_note: input.reason });
  recordStep(tx, actor, row.medium_id, row.id, 'refuse', { changes: [statusChange('requested', 'refused')], note: input.reason, detail: { reason: input.reason } });
}

/** 取下げ: the requester, or a manager, before the medium leaves. */
export function cancelTakeout(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.takeout.cancel'>, isManager: boolean): void {
  const row = loadFor(tx, actor, input.takeoutId, 'cancel');
  if (row.requested_by !== actor.userId && !isManager) throw new AppError('PERMISSION_DENIED', undefined, undefined, 'errors.takeoutCancelNotYours');
  setTakeout(tx, row.id, { status: 'cancelled' });
  recordStep(tx, actor, row.medium_id, row.id, 'cancel', { changes: [statusChange(row.status, 'cancelled')] });
}

/** 持出し: only after approval, within the approved period, and only of a medium still 保管中 (保管中 → 持出中). */
export function checkOutTakeout(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.takeout.checkOut'>, today: string): void {
  const row = loadFor(tx, actor, input.takeoutId, 'checkOut');
  if (row.medium_status !== 'in_storage') throw new AppError('CONFLICT', undefined, undefined, 'errors.takeoutMediumNotInStorage');
  // The approval was for a trip back by due_back (organisation's calendar): past it, the medium would leave already overdue.
  if (row.due_back < today) throw new AppError('CONFLICT', { dueBack: row.due_back }, undefined, 'mediaWatch.errors.approvalLapsed');
  // MIC §12: the medium's encryption may have been edited to なし since an approval that needed no reason.
  if (!isProtected(row) && row.decision_note.trim() === '') throw new AppError('CONFLICT', undefined, undefined, 'mediaWatch.errors.unprotectedSinceApproval');
  setTakeout(tx, row.id, { status: 'out', out_at: tx.at });
  const changes = [statusChange('approved', 'out'), { field: 'status', before: row.medium_status, after: 'checked_out' }];
  recordStep(tx, actor, row.medium_id, row.id, 'checkOut', { changes, mediumStatus: 'checked_out', detail: { dueBack: row.due_back } });
}

/** 返却: checked by the actor (contents intact, temporary copies erased: MIC §26); 持出中 → 保管中. */
export function returnTakeout(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.takeout.return'>): void {
  const row = loadFor(tx, actor, input.takeoutId, 'return');
  // Something amiss is followed up: the note says what (the 保護管理者 reads it in the timeline).
  if ((!input.contentsIntact || !input.tempCopiesErased) && input.note.trim() === '') throw fieldError(['note'], 'validation.takeoutReturnNeedsNote');
  setTakeout(tx, row.id, {
    status: 'returned',
    returned_at: tx.at,
    return_checked_by: actor.userId,
    contents_intact: +input.contentsIntact,
    temp_copies_erased: +input.tempCopiesErased,
    return_note: input.note,
  });
  const changes = [statusChange('out', 'returned'), { field: 'status', before: 'checked_out', after: 'in_storage' }];
  const detail = { contentsIntact: input.contentsIntact, tempCopiesErased: input.tempCopiesErased };
  recordStep(tx, actor, row.medium_id, row.id, 'return', { changes, note: input.note, mediumStatus: 'in_storage', detail });
}
