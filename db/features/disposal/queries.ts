import type { ParsedInput } from '../../contract';
import type { DisposalFilters } from '../../contract/disposal';
import { allIds, Conditions, countRows, pageOfIds, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { scopeToDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { readDisposalRows, rowsToSummaries, type DisposalRow } from './records';
import { disposalAuthorActions } from './rules';
import type { DisposalTargets } from './targets';

/**
 * Finding disposal records (the 廃棄記録簿, issue #11 item 7): filters, sort and keyset paging in
 * SQL (db/ledger/listQuery.ts). Department-scoped roles see only their own 課等's records (MIC §9).
 */
const disposalSource: ListSource = {
  from: 'disposals x',
  id: 'x.id',
  // Never NULL (keyset paging); each has its own index (0018).
  sorts: {
    performedOn: 'x.performed_on',
    certificateNo: "coalesce(x.certificate_no, '')",
    status: 'x.status',
    department: 'x.department_id',
    updatedAt: 'x.updated_at',
  },
  narrowIndex: 'disposals_list_keys',
  searchTable: 'disposal_search',
  maxIdSql: 'SELECT max(id) FROM disposals',
};

const targetKindCode = { medium: 'm', holding: 'h', paper: 'p' } as const;

/**
 * 承認待ち that this reader may approve: requested, and none of theirs as creator, editor,
 * requester, operator or witness (MIC §12-2; rules.ts assertApproverSeparate). One parameter
 * per use of the user id (five).
 */
export const awaitingApprovalOfSql = `x.status = 'requested' AND x.created_by <> ? AND coalesce(x.requested_by, 0) <> ? AND x.operator_id <> ?
  AND NOT EXISTS (SELECT 1 FROM json_each(x.witness_ids) w WHERE w.value = ?)
  AND NOT EXISTS (SELECT 1 FROM disposal_history h WHERE h.disposal_id = x.id AND h.user_id = ? AND h.action IN (${disposalAuthorActions.map((a) => `'${a}'`).join(', ')}))`;

/** The list's filters as SQL; the home card's link uses the same ones (home.ts). */
export function whereFor(actor: LedgerActor, f: DisposalFilters): Conditions {
  const where = scopeToDepartment(new Conditions(), actor, 'x.department_id');
  where.addIf(f.departmentId, 'x.department_id = ?', f.departmentId);
  where.addIf(f.status, 'x.status = ?', f.status);
  where.addIf(f.method, 'x.method = ?', f.method);
  where.addIf(f.targetKind, "instr(x.target_kinds, ?) > 0", f.targetKind && targetKindCode[f.targetKind]);
  where.addIf(f.performedFrom, 'x.performed_on >= ?', f.performedFrom);
  where.addIf(f.performedTo, 'x.performed_on <= ?', f.performedTo);
  if (f.awaitingMyApproval === true) where.add(awaitingApprovalOfSql, actor.userId, actor.userId, actor.userId, actor.userId, actor.userId);
  where.addIf(f.mediumId, "x.id IN (SELECT disposal_id FROM disposal_targets WHERE kind = 'medium' AND target_id = ?)", f.mediumId);
  where.addIf(f.holdingId, "x.id IN (SELECT disposal_id FROM disposal_targets WHERE kind = 'holding' AND target_id = ?)", f.holdingId);
  return where;
}

export function listDisposals(db: Db, targets: DisposalTargets, actor: LedgerActor, input: ParsedInput<'disposal.list'>) {
  const { ids, ...info } = pageOfIds(db, disposalSource, whereFor(actor, input), input);
  // A page names up to 5 targets a row (「ほか12件」 for the rest); the record and the 廃棄記録簿 name them all.
  return { rows: rowsToSummaries(db, targets, actor, readDisposalRows(db, ids), 5), ...info };
}

/** Every matching row (the 廃棄記録簿's print and CSV), in the list's order. */
export function allDisposalRows(db: Db, actor: LedgerActor, filters: DisposalFilters, order: { sort: string; direction: 'asc' | 'desc' } = { sort: 'performedOn', direction: 'asc' }): DisposalRow[] {
  return readDisposalRows(db, allIds(db, disposalSource, whereFor(actor, filters), { ...order, text: filters.text }));
}

export function countDisposals(db: Db, actor: LedgerActor, filters: DisposalFilters): number {
  return countRows(db, disposalSource, whereFor(actor, filters), filters.text);
}
