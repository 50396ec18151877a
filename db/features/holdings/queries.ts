import type { ParsedInput, HoldingFilters, HoldingSummary } from '../../contract';
import { allIds, Conditions, countRows, pageOfIds, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { authoredSinceVerifiedSql } from '../../ledger/lifecycle';
import { scopeToDepartment } from '../../ledger/scope';
import { requestedOfSql } from '../../ledger/verificationRequests';
import type { Db } from '../../store/database';
import { readHoldingRows, rowToSummary, type HoldingRow } from './records';
import { holdingVerification } from './rules';

/**
 * Finding holdings: filters, sort and keyset paging in SQL (db/ledger/listQuery.ts).
 * Department-scoped roles only ever see their own 課等.
 */
export const holdingSource: ListSource = {
  from: 'holdings h',
  id: 'h.id',
  // Never NULL (keyset paging); each has its own index (0002, 0003).
  sorts: {
    ledgerNo: 'h.ledger_no',
    name: 'h.name',
    department: 'h.department_id',
    category: "coalesce(h.category, '')",
    status: 'h.status',
    updatedAt: 'h.updated_at',
    lastReviewedAt: 'coalesce(h.last_reviewed_at, h.created_at)',
  },
  narrowIndex: 'holdings_list_keys',
  searchTable: 'holding_search',
  maxIdSql: 'SELECT max(id) FROM holdings',
};

function whereFor(actor: LedgerActor, f: HoldingFilters, reviewCutoffIso: string): Conditions {
  const where = scopeToDepartment(new Conditions(), actor, 'h.department_id');
  where.addIf(f.departmentId, 'h.department_id = ?', f.departmentId);
  if (f.category === 'undecided') where.add('h.category IS NULL');
  else where.addIf(f.category, 'h.category = ?', f.category);
  where.addIf(f.status, 'h.status = ?', f.status);
  where.addIf(f.containsMyNumber, 'h.contains_my_number = ?', f.containsMyNumber ? 1 : 0);
  where.addIf(f.containsSensitive, 'h.contains_sensitive = ?', f.containsSensitive ? 1 : 0);
  where.addIf(f.reviewDue, '(coalesce(h.last_reviewed_at, h.created_at) < ?) = ?', reviewCutoffIso, f.reviewDue ? 1 : 0);
  if (f.held !== undefined) where.add(`h.status ${f.held ? '' : 'NOT '}IN ('draft', 'verified')`);
  addVerificationFilters(where, actor, f);
  return where;
}

/** The home cards' lists (db/features/holdings/home.ts): what awaits 照合, seen from the caller. */
function addVerificationFilters(where: Conditions, actor: LedgerActor, f: HoldingFilters): void {
  const authored = authoredSinceVerifiedSql(holdingVerification, 'h', holdingVerification.authorActions);
  if (f.verifiableByMe || f.requestedOfMe || f.authoredByMe) where.add("h.status = 'draft'");
  if (f.verifiableByMe !== undefined) where.add(`${f.verifiableByMe ? 'NOT ' : ''}${authored}`, actor.userId);
  if (f.authoredByMe !== undefined) where.add(`${f.authoredByMe ? '' : 'NOT '}${authored}`, actor.userId);
  if (f.requestedOfMe !== undefined) where.add(`${f.requestedOfMe ? '' : 'NOT '}${requestedOfSql(holdingVerification, 'h')}`, actor.userId);
}

export function listHoldings(db: Db, actor: LedgerActor, input: ParsedInput<'holdings.list'>, reviewCutoffIso: string) {
  const { ids, ...info } = pageOfIds(db, holdingSource, whereFor(actor, input, reviewCutoffIso), input);
  const rows: HoldingSummary[] = readHoldingRows(db, ids).map((r) => rowToSummary(r, reviewCutoffIso));
  return { rows, ...info };
}

/** Every matching row (for print and CSV), in the list's order. */
export function allHoldingRows(
  db: Db,
  actor: LedgerActor,
  filters: HoldingFilters,
  reviewCutoffIso: string,
  order: { sort: string; direction: 'asc' | 'desc' } = { sort: 'ledgerNo', direction: 'asc' },
): HoldingRow[] {
  return readHoldingRows(db, allIds(db, holdingSource, whereFor(actor, filters, reviewCutoffIso), { ...order, text: filters.text }));
}

export function countHoldings(db: Db, actor: LedgerActor, filters: HoldingFilters, reviewCutoffIso: string): number {
  return countRows(db, holdingSource, whereFor(actor, filters, reviewCutoffIso), filters.text);
}
