import type { Holding, HoldingFields, HoldingHistoryEntry, HoldingSummary, UsageEntry } from '../../contract';
import type { Db } from '../../store/database';
import { AppError } from '../../core/appError';

/**
 * Rows of the holdings tables and their contract shapes. Kept apart from the rules
 * (holdings.ts) so the list, the sheet, the CSV and the print all read holdings one way.
 */
export interface HoldingRow {
  id: number;
  ledger_no: string;
  name: string;
  department_id: number;
  department_name: string;
  owner: string;
  handlers: string;
  purpose: string;
  record_items: string;
  record_scope: string;
  collection_method: string;
  subject_count: number | null;
  subject_count_approximate: number;
  contains_sensitive: number;
  contains_my_number: number;
  medium: Holding['medium'];
  storage_location: string;
  storage_method: string;
  authorized_persons: string;
  recipients: string;
  contractors: string;
  foreign_handling: string;
  use_until: string | null;
  retention_until: string | null;
  disposal_method: string;
  category: Holding['category'];
  category_reason: string;
  category_decided_by_name: string | null;
  category_decided_at: string | null;
  status: Holding['status'];
  version: number;
  verified_version: number | null;
  verified_by_name: string | null;
  verified_at: string | null;
  last_edited_by: number;
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

/** 管理区分 as METI §16 suggests it: A for 個人番号 or 要配慮, at least B from 1,000 people. */
export function suggestCategory(f: Pick<HoldingFields, 'containsMyNumber' | 'containsSensitive' | 'subjectCount'>) {
  const reasons: ('myNumber' | 'sensitive' | 'subjects1000')[] = [];
  if (f.containsMyNumber) reasons.push('myNumber');
  if (f.containsSensitive) reasons.push('sensitive');
  if ((f.subjectCount ?? 0) >= 1000) reasons.push('subjects1000');
  const category: 'A' | 'B' | 'C' = f.containsMyNumber || f.containsSensitive ? 'A' : reasons.length ? 'B' : 'C';
  return { category, reasons };
}

/** The yearly review (JIS Q 15001) is due when the last one, or the creation, is over a year old. */
export function isReviewDue(row: Pick<HoldingRow, 'last_reviewed_at' | 'created_at'>, reviewCutoffIso: string): boolean {
  return (row.last_reviewed_at ?? row.created_at) < reviewCutoffIso;
}

const list = (json: string) => JSON.parse(json) as string[];

export function rowToFields(r: HoldingRow): HoldingFields {
  return {
    ledgerNo: r.ledger_no,
    name: r.name,
    departmentId: r.department_id,
    owner: r.owner,
    handlers: list(r.handlers),
    purpose: r.purpose,
    recordItems: list(r.record_items),
    recordScope: r.record_scope,
    collectionMethod: r.collection_method,
    subjectCount: r.subject_count,
    subjectCountApproximate: r.subject_count_approximate === 1,
    containsSensitive: r.contains_sensitive === 1,
    containsMyNumber: r.contains_my_number === 1,
    medium: r.medium,
    storageLocation: r.storage_location,
    storageMethod: r.storage_method,
    authorizedPersons: list(r.authorized_persons),
    recipients: list(r.recipients),
    contractors: list(r.contractors),
    foreignHandling: r.foreign_handling,
    useUntil: r.use_until,
    retentionUntil: r.retention_until,
    disposalMethod: r.disposal_method,
  };
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
  return {
    id: r.id,
    ledgerNo: r.ledger_no,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    category: r.category,
    suggestedCategory: suggestCategory({
      containsMyNumber: r.contains_my_number === 1,
      containsSensitive: r.contains_sensitive === 1,
      subjectCount: r.subject_count,
    }).category,
    status: r.status,
    containsSensitive: r.contains_sensitive === 1,
    containsMyNumber: r.contains_my_number === 1,
    subjectCount: r.subject_count,
    medium: r.medium,
    lastReviewedAt: r.last_reviewed_at,
    reviewDue: isReviewDue(r, reviewCutoffIso),
    updatedAt: r.updated_at,
  };
}

export function readHoldingRow(db: Db, holdingId: number): HoldingRow {
  const row = db.prepare(`${holdingSelect} WHERE h.id = ?`).get(holdingId) as HoldingRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export function readHistory(db: Db, holdingId: number): HoldingHistoryEntry[] {
  const rows = db
    .prepare('SELECT id, version, at, user_name, action, changes, note FROM holding_history WHERE holding_id = ? ORDER BY id DESC')
    .all(holdingId) as { id: number; version: number; at: string; user_name: string; action: HoldingHistoryEntry['action']; changes: string; note: string }[];
  return rows.map((r) => ({ id: r.id, version: r.version, at: r.at, userName: r.user_name, action: r.action, changes: JSON.parse(r.changes), note: r.note }));
}

interface UsageRow {
  id: number;
  holding_id: number;
  kind: UsageEntry['kind'];
  used_on: string;
  person_name: string;
  purpose: string;
  count: number | null;
  note: string;
  recorded_by_name: string;
  recorded_at: string;
}

const usageSelect = `SELECT u.*, r.display_name AS recorded_by_name FROM holding_usage u JOIN users r ON r.id = u.recorded_by`;

function toUsageEntry(r: UsageRow): UsageEntry {
  return {
    id: r.id,
    holdingId: r.holding_id,
    kind: r.kind,
    usedOn: r.used_on,
    personName: r.person_name,
    purpose: r.purpose,
    count: r.count,
    note: r.note,
    recordedBy: r.recorded_by_name,
    recordedAt: r.recorded_at,
  };
}

/** A holding's usage log, newest first, paged in SQL. */
export function readUsage(db: Db, holdingId: number, pageNumber: number, pageSize: number): { rows: UsageEntry[]; total: number } {
  const total = db.prepare('SELECT count(*) FROM holding_usage WHERE holding_id = ?').pluck().get(holdingId) as number;
  const rows = db
    .prepare(`${usageSelect} WHERE u.holding_id = ? ORDER BY u.used_on DESC, u.id DESC LIMIT ? OFFSET ?`)
    .all(holdingId, pageSize, (pageNumber - 1) * pageSize) as UsageRow[];
  return { total, rows: rows.map(toUsageEntry) };
}

export function readUsageEntry(db: Db, usageId: number): UsageEntry {
  return toUsageEntry(db.prepare(`${usageSelect} WHERE u.id = ?`).get(usageId) as UsageRow);
}
