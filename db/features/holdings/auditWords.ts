import { renamedHoldingFields } from '../../contract/holdingValues';
import type { AuditField, AuditTargetType } from '../../core/auditTargets';
import { columnAuditFields, describeScopedRecords } from '../../ledger/auditWords';
import { holdingColumns } from './columns';

/**
 * How the access log speaks of 保有個人情報等台帳: a holding is named by 管理番号 and name
 * (「R8-0001 国民健康保険被保険者台帳」), its fields by the one label the form and the paper
 * use (holdingFields), its values in the ledger's own words (holdingStatus, holdingMedia …).
 */
/** The words of a choice column's values (the column table holds only their Japanese). */
const choiceWords: Readonly<Record<string, string>> = { medium: 'holdingMedia' };

const columns = columnAuditFields(holdingColumns, choiceWords, 'holdingMedia');
const holdingFields: Record<string, AuditField> = {
  ...columns,
  // Old events keep a field's old name (保存期限 was retentionUntil before 0004): said as it is now.
  ...Object.fromEntries(Object.entries(renamedHoldingFields).map(([old, field]) => [old, columns[field]!])),
  holdingId: { label: '', kind: 'hidden' },
  status: { label: 'holdingFields.status', kind: { words: 'holdingStatus' } },
  // A, B, C as decided; 'undecided' is the filter 「未決定」.
  category: { label: 'holdingFields.category', kind: { words: 'holdings' } },
  containsMyNumber: { label: 'holdingFields.containsMyNumber', kind: 'flag' },
  containsSensitive: { label: 'holdingFields.containsSensitive', kind: 'flag' },
  reviewDue: { label: 'holdings.filterReviewDue', kind: 'flag' },
  department: { label: 'holdingFields.department', kind: 'department' },
  // holdings.dispose (issue #11): the 廃棄・消去証明書 whose approval disposed of the holding.
  certificateNo: { label: 'disposalFields.certificateNo', kind: 'text' },
};

// 取扱状況の記録 (MIC §21): its own 区分, 日付, 取扱者, 目的 and 件数.
const usageFields: Record<string, AuditField> = {
  kind: { label: 'usage.kind', kind: { words: 'usageKinds' } },
  usedOn: { label: 'usage.usedOn', kind: 'date' },
  personName: { label: 'usage.person', kind: 'text' },
  purpose: { label: 'usage.purpose', kind: 'text' },
  count: { label: 'usage.count', kind: 'count' },
  note: { label: 'usage.note', kind: 'text' },
};

export const holdingAuditTarget: AuditTargetType = {
  targetType: 'holding',
  actionPrefix: 'holdings.',
  fields: holdingFields,
  actionFields: { 'holdings.usage.add': usageFields },
  sameAsTarget: ['ledgerNo'],
  departmentScoped: true,
  // A holding's events (its changes, views, 取扱状況) belong to the 課等 it is in now.
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM holdings WHERE department_id = ?',
  // MIC §9: a department-scoped reader (a manager, say) learns a holding's number and name
  // only when it is of their own 課等 — the rule every holdings screen applies.
  describe(db, ids, reader) {
    return describeScopedRecords(db, ids, reader, (p) => `SELECT id, ledger_no AS number, name, department_id FROM holdings WHERE id IN (${p})`);
  },
};
