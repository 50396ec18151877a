import type { AuditField, AuditTargetType } from '../../core/auditTargets';
import { columnAuditFields, describeScopedRecords } from '../../ledger/auditWords';
import { japaneseLabel } from '../../print/labels';
import { attachmentAuditFields } from './attachmentAuditWords';
import { disposalColumns } from './columns';

/**
 * How the access log speaks of the 廃棄・消去記録 (issue #11): a record is named by its 証明書番号
 * (a draft, which has none yet, as 「下書き」 and its id), its fields by the form's labels, its
 * values in the record's own words. A department-scoped reader learns of their 課等's only (MIC §9).
 */
const choiceWords: Readonly<Record<string, string>> = {
  nistClass: 'disposalNistClass',
  method: 'disposalMethod',
  verificationOutcome: 'disposalVerificationOutcome',
  placeKind: 'disposalPlace',
  result: 'disposalResult',
};

const disposalFields: Record<string, AuditField> = {
  ...columnAuditFields(disposalColumns, choiceWords, 'disposalMethod'),
  operatorId: { label: 'disposalFields.operatorId', kind: 'user' },
  witnessIds: { label: 'disposalFields.witnessIds', kind: 'user' },
  targets: { label: 'disposalFields.targets', kind: 'text' },
  status: { label: 'disposalFields.status', kind: { words: 'disposalStatus' } },
  certificateNo: { label: 'disposalFields.certificateNo', kind: 'text' },
  verificationCode: { label: 'disposalFields.verificationCode', kind: 'text' },
  amendsId: { label: 'disposalFields.amends', kind: 'text' },
  amends: { label: 'disposalFields.amends', kind: 'text' },
  amendedBy: { label: 'disposalFields.amendedBy', kind: 'text' },
  reason: { label: 'disposalFields.reason', kind: 'text' },
  department: { label: 'disposalFields.departmentId', kind: 'department' },
  // The list's filters as a list read recorded them.
  targetKind: { label: 'disposalFields.targetKind', kind: { words: 'disposalTargetKind' } },
  performedFrom: { label: 'disposalFields.performedFrom', kind: 'date' },
  performedTo: { label: 'disposalFields.performedTo', kind: 'date' },
  awaitingMyApproval: { label: 'disposalFields.awaitingMyApproval', kind: 'flag' },
  mediumId: { label: '', kind: 'hidden' },
  holdingId: { label: '', kind: 'hidden' },
  ...attachmentAuditFields,
};

export const disposalAuditTarget: AuditTargetType = {
  targetType: 'disposal',
  actionPrefix: 'disposal.',
  fields: disposalFields,
  sameAsTarget: ['certificateNo'],
  departmentScoped: true,
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM disposals WHERE department_id = ?',
  describe(db, ids, reader) {
    const draft = japaneseLabel('disposal.draftName').replace(/'/g, "''");
    return describeScopedRecords(
      db,
      ids,
      reader,
      (p) => `SELECT id, coalesce(certificate_no, '${draft} #' || id) AS number, '' AS name, department_id FROM disposals WHERE id IN (${p})`,
    );
  },
};
