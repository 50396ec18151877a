import type { ParsedInput } from '../../contract';
import type { DisposalFields, DisposalTarget } from '../../contract/disposal';
import { AppError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { assertStep } from '../../ledger/lifecycle';
import { assertVersion, insertRecord, stepRecord, updateRecord, type LedgerActor } from '../../ledger/record';
import { assertDepartmentAccess } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { disposalLedger } from './columns';
import { readDisposalRow, rowToFields, targetKindsOf, targetsLine, targetViews, type DisposalRow } from './records';
import { assertEvidence, assertFieldsAllowed, audit, disposalLifecycle, type DisposalAction } from './rules';
import { indexTargets, type DisposalTargets } from './targets';

/**
 * The steps of a 廃棄・消去記録 before approval (domain.md §3): 作成, 編集 (作成中 only), 承認依頼,
 * 差戻し, 取消し, and 訂正 of an approved record. Each in the caller's write, with its history
 * row and its access-log event; approval is approval.ts's.
 */
export interface StepContext {
  tx: Tx;
  actor: LedgerActor;
  targets: DisposalTargets;
  today: string;
}

/**
 * A step's changes as the access log keeps them: its targets as their numbers and paper as
 * written (「USB-001、申請書 3 箱」, targetsLine), not the stored { kind, id } pairs, which the log
 * would say as 「1、medium」. Said at the write, as its actor saw them: every target is of the
 * record's own 課等 (rules.ts), so whoever may read the event may read these numbers (MIC §9).
 */
function auditChanges(ctx: StepContext, changes: readonly { field: string; before: unknown; after: unknown }[]) {
  const said = (v: unknown) => (Array.isArray(v) ? targetsLine(targetViews(ctx.tx.db, ctx.targets, ctx.actor, [v as DisposalTarget[]])[0]!) : v);
  return changes.map((c) => (c.field === 'targets' ? { ...c, before: said(c.before), after: said(c.after) } : c));
}

/** The row, checked for 課等 (NOT_FOUND first, MIC §9), version and whether `action` may start from its status. */
export function loadFor(ctx: StepContext, disposalId: number, action: DisposalAction, expectedVersion: number): DisposalRow {
  const row = readDisposalRow(ctx.tx.db, disposalId);
  assertDepartmentAccess(ctx.actor, row.department_id);
  assertVersion(row.version, expectedVersion);
  assertStep(disposalLifecycle, action, row.status);
  return row;
}

export function createDisposal(ctx: StepContext, fields: DisposalFields): number {
  const { tx, actor } = ctx;
  assertFieldsAllowed(tx.db, ctx.targets, actor, fields, ctx.today, { disposalId: 0, amendsId: null });
  const { id, changes } = insertRecord(tx, disposalLedger, actor, fields, 'create', { created_by: actor.userId, target_kinds: targetKindsOf(fields.targets) });
  indexTargets(tx.db, id, fields.targets);
  audit(tx, 'create', id, { changes: auditChanges(ctx, changes) });
  return id;
}

export function updateDisposal(ctx: StepContext, input: ParsedInput<'disposal.update'>): void {
  const { tx, actor } = ctx;
  const row = loadFor(ctx, input.disposalId, 'update', input.version);
  const fields = input.fields as DisposalFields;
  assertFieldsAllowed(tx.db, ctx.targets, actor, fields, ctx.today, { disposalId: row.id, amendsId: row.amends_id });
  const result = updateRecord(tx, disposalLedger, actor, { id: row.id, version: row.version, fields: rowToFields(row) }, fields, 'update', {
    target_kinds: targetKindsOf(fields.targets),
  });
  if (!result) return;
  indexTargets(tx.db, row.id, fields.targets);
  audit(tx, 'update', row.id, { version: result.version, changes: auditChanges(ctx, result.changes) });
}

/** 承認依頼: the record as it stands must already be approvable (fields, people, targets, evidence). */
export function requestDisposal(ctx: StepContext, input: ParsedInput<'disposal.request'>): void {
  const { tx, actor } = ctx;
  const row = loadFor(ctx, input.disposalId, 'request', input.version);
  const fields = rowToFields(row);
  assertFieldsAllowed(tx.db, ctx.targets, actor, fields, ctx.today, { disposalId: row.id, amendsId: row.amends_id });
  assertEvidence(tx.db, fields, row.id);
  const changes = [{ field: 'status', before: row.status, after: 'requested' }];
  stepRecord(tx, disposalLedger, actor, row, { action: 'request', changes, set: () => ({ status: 'requested', requested_by: actor.userId, requested_at: tx.at }) });
  audit(tx, 'request', row.id, { changes });
}

/** 差戻し (disposal.approve holders) and 取消し: a reason, kept in the history and the event. */
export function returnOrCancel(ctx: StepContext, input: ParsedInput<'disposal.return'>, action: 'return' | 'cancel'): void {
  const { tx, actor } = ctx;
  const row = loadFor(ctx, input.disposalId, action, input.version);
  const after = action === 'return' ? 'draft' : 'cancelled';
  const changes = [{ field: 'status', before: row.status, after }];
  stepRecord(tx, disposalLedger, actor, row, { action, changes, note: input.reason, set: () => ({ status: after }) });
  audit(tx, action, row.id, { reason: input.reason, changes });
}

/**
 * 訂正: a new 作成中 record with every field and target of the approved one, linked to it
 * (domain.md §3: corrections are amendments, never edits). One open correction at a time.
 */
export function amendDisposal(ctx: StepContext, input: ParsedInput<'disposal.amend'>): number {
  const { tx, actor } = ctx;
  const row = loadFor(ctx, input.disposalId, 'amend', input.version);
  const open = statement(tx.db, "SELECT id FROM disposals WHERE amends_id = ? AND status IN ('draft', 'requested')").pluck().get(row.id) as number | undefined;
  if (open !== undefined) throw new AppError('CONFLICT', { id: open }, undefined, 'disposal.errors.amendmentOpen');
  const fields = rowToFields(row);
  const { id, changes } = insertRecord(
    tx,
    disposalLedger,
    actor,
    fields,
    'amend',
    { created_by: actor.userId, target_kinds: targetKindsOf(fields.targets), amends_id: row.id, amendment_reason: input.reason },
    [{ field: 'amendsId', before: null, after: row.certificate_no }],
  );
  indexTargets(tx.db, id, fields.targets);
  audit(tx, 'amend', id, { amends: row.certificate_no, reason: input.reason, changes: auditChanges(ctx, changes) });
  return id;
}
