import type { ParsedInput } from '../../contract';
import type { DisposalFields, DisposalStatus } from '../../contract/disposal';
import type { AppCore, Tx } from '../../core/appCore';
import { actorOf, assertDepartmentAccess, assertAssignableDepartment } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { approveDisposal } from './approval';
import { listAttachments } from './attachments';
import { listDisposals } from './queries';
import { readDisposalHistory, readDisposalRow, rowToDisposal } from './records';
import { amendDisposal, createDisposal, requestDisposal, returnOrCancel, updateDisposal, type StepContext } from './steps';
import type { DisposalTargets } from './targets';

/**
 * The 廃棄・消去記録's reads and writes as the channels need them: each write in one transaction
 * with its access-log events (core.write), then the record as it now stands.
 */
export function readDisposal(core: AppCore, targets: DisposalTargets, disposalId: number) {
  const db = core.requireVault().db;
  const actor = actorOf(core);
  const row = readDisposalRow(db, disposalId);
  assertDepartmentAccess(actor, row.department_id);
  const prints = statement(db, 'SELECT count(*) FROM disposal_certificate_prints WHERE disposal_id = ?').pluck().get(disposalId) as number;
  return rowToDisposal(db, targets, actor, row, prints);
}

export function disposalWithDetails(core: AppCore, targets: DisposalTargets, disposalId: number) {
  const disposal = readDisposal(core, targets, disposalId);
  const db = core.requireVault().db;
  const amendments = statement(db, 'SELECT id, certificate_no AS certificateNo, status FROM disposals WHERE amends_id = ? ORDER BY id').all(disposalId) as {
    id: number;
    certificateNo: string | null;
    status: DisposalStatus;
  }[];
  return { disposal, history: readDisposalHistory(db, disposalId), attachments: listAttachments(db, disposalId), amendments };
}

export function listDisposalsFor(core: AppCore, targets: DisposalTargets, input: ParsedInput<'disposal.list'>) {
  return listDisposals(core.requireVault().db, targets, actorOf(core), input);
}

/** A write of the register: the step's context, then the record it leaves (a new one for create and amend). */
export function writeDisposal(core: AppCore, targets: DisposalTargets, write: (ctx: StepContext) => number) {
  const actor = actorOf(core);
  const today = core.today();
  const id = core.write((tx: Tx) => write({ tx, actor, targets, today }));
  return readDisposal(core, targets, id);
}

export const disposalWrites = {
  create: (ctx: StepContext, fields: DisposalFields) => createDisposal(ctx, fields),
  update: (ctx: StepContext, input: ParsedInput<'disposal.update'>) => (updateDisposal(ctx, input), input.disposalId),
  request: (ctx: StepContext, input: ParsedInput<'disposal.request'>) => (requestDisposal(ctx, input), input.disposalId),
  return: (ctx: StepContext, input: ParsedInput<'disposal.return'>) => (returnOrCancel(ctx, input, 'return'), input.disposalId),
  cancel: (ctx: StepContext, input: ParsedInput<'disposal.cancel'>) => (returnOrCancel(ctx, input, 'cancel'), input.disposalId),
  approve: (ctx: StepContext, input: ParsedInput<'disposal.approve'>) => (approveDisposal(ctx, input), input.disposalId),
  amend: (ctx: StepContext, input: ParsedInput<'disposal.amend'>) => amendDisposal(ctx, input),
};

/** What the form may pick as a target: the 課等's media or holdings matching the typed text (at most 50). */
export function targetCandidates(core: AppCore, targets: DisposalTargets, input: ParsedInput<'disposal.targetCandidates'>) {
  const db = core.requireVault().db;
  assertAssignableDepartment(db, actorOf(core), input.departmentId);
  return targets[input.kind].candidates(db, input.departmentId, input.text, 50).map((r) => ({
    kind: input.kind,
    id: r.id,
    label: r.label,
    detail: r.detail,
    quantity: null,
    unit: '',
    status: r.status,
    hidden: false,
  }));
}

/** 実施者・立会者 the form offers: the 課等's accounts in force (rules.ts accepts a witness of any 課等; the form adds only those the record already names). */
export function disposalPeople(core: AppCore, departmentId: number) {
  const db = core.requireVault().db;
  assertAssignableDepartment(db, actorOf(core), departmentId);
  return statement(
    db,
    'SELECT id AS userId, display_name AS name, role FROM users WHERE department_id = ? AND active = 1 AND (valid_until IS NULL OR valid_until >= ?) ORDER BY display_name, id',
  ).all(departmentId, core.today()) as { userId: number; name: string; role: string }[];
}
