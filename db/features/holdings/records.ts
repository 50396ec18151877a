import { suggestCategory, type Holding, type HoldingFields, type HoldingHistoryEntry, type HoldingSummary } from '../../contract';
import { AppError } from '../../core/appError';
import { decodeFields } from '../../ledger/columns';
import { rowsInOrder } from '../../ledger/listQuery';
import { readHistory } from '../../ledger/record';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { holdingColumns, holdingsLedger } from './columns';

/**
 * Rows of the holdings table and their contract shapes: the fields come from the column
 * table; the rest is what actions set (status, 照合, 管理区分, review).
 */
export interface HoldingRow extends Record<string, unknown> {
  id: number;
  ledger_no: string;
  department_id: number;
  department_name: string;
  category: Holding['category'];
  category_reason: string;
  category_decided_by_name: string | null;
  category_decided_at: string | null;
  status: Holding['status'];
  version: number;
  verified_version: number | null;
  verified_by_name: string | null;
  verified_at: string | null;
  last_edited_by_name: string;
  last_reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}

export const holdingSelect = `
  SELECT h.*, d.name AS department_name, cu.display_name AS category_decided_by_name,
         vu.display_name AS verified_by_name, eu.display_name AS last_edited_by_name
  FROM holdings h
  JOIN departments d ON d.id = h.department_id
  JOIN users eu ON eu.id = h.last_edited_by
  LEFT JOIN users cu ON cu.id = h.category_decided_by
  LEFT JOIN users vu ON vu.id = h.verified_by`;

/** The yearly review (JIS Q 15001) is due when the last one, or the creation, is before the cutoff. */
export function isReviewDue(row: Pick<HoldingRow, 'last_reviewed_at' | 'created_at'>, reviewCutoffIso: string): boolean {
  return (row.last_reviewed_at ?? row.created_at) < reviewCutoffIso;
}

export function rowToFields(r: HoldingRow): HoldingFields {
  return decodeFields(holdingColumns, r);
}

export function rowToHolding(r: HoldingRow, reviewCutoffIso: string): Holding {
  const fields = rowToFields(r);
  const suggestion = suggestCategory(fields);
  return {
    ...fields,
    id: r.id,
    departmentName: r.department_name,
    status: r.status,
    category: r.category,
    categoryReason: r.category_reason,
    categoryDecidedBy: r.category_decided_by_name,
    categoryDecidedAt: r.category_decided_at,
    suggestedCategory: suggestion.category,
    suggestionReasons: suggestion.reasons,
    version: r.version,
    verifiedVersion: r.verified_version,
    verifiedBy: r.verified_by_name,
    verifiedAt: r.verified_at,
    lastEditedBy: r.last_edited_by_name,
    lastReviewedAt: r.last_reviewed_at,
    reviewDue: isReviewDue(r, reviewCutoffIso),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function rowToSummary(r: HoldingRow, reviewCutoffIso: string): HoldingSummary {
  const h = rowToHolding(r, reviewCutoffIso);
  return {
    id: h.id,
    ledgerNo: h.ledgerNo,
    name: h.name,
    departmentId: h.departmentId,
    departmentName: h.departmentName,
    category: h.category,
    suggestedCategory: h.suggestedCategory,
    status: h.status,
    containsSensitive: h.containsSensitive,
    containsMyNumber: h.containsMyNumber,
    subjectCount: h.subjectCount,
    subjectCountApproximate: h.subjectCountApproximate,
    medium: h.medium,
    lastReviewedAt: h.lastReviewedAt,
    reviewDue: h.reviewDue,
    updatedAt: h.updatedAt,
  };
}

export function readHoldingRow(db: Db, holdingId: number): HoldingRow {
  const row = statement(db, `${holdingSelect} WHERE h.id = ?`).get(holdingId) as HoldingRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The rows with these ids, in the order given. */
export function readHoldingRows(db: Db, ids: readonly number[]): HoldingRow[] {
  return rowsInOrder<HoldingRow>(db, holdingSelect, 'h.id', ids);
}

export function readHoldingHistory(db: Db, holdingId: number): HoldingHistoryEntry[] {
  return readHistory(db, holdingsLedger, holdingId) as HoldingHistoryEntry[];
}
