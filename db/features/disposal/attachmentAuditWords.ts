import type { AuditField, AuditTargetType } from '../../core/auditTargets';
import { describeScopedRecords } from '../../ledger/auditWords';

/**
 * What the access log says of a disposal record's photos and scans (issue #11 item 2). The detail
 * keys of 'disposal.attach' / 'disposal.detach' (events of the record, target type 'disposal')
 * and of 'disposal.attachment.save' (an event of the attachment): the disposal ledger's words
 * take `attachmentAuditFields` in for its own two actions.
 */
export const attachmentAuditFields: Readonly<Record<string, AuditField>> = {
  kind: { label: 'disposalAttachments.kind', kind: { words: 'disposalAttachments.kinds' } },
  sha256: { label: 'disposalAttachments.sha256', kind: 'text' },
  size: { label: 'disposalAttachments.size', kind: 'count' },
  disposalId: { label: '', kind: 'hidden' },
};

/**
 * An attachment is named by its file name, and belongs to its record's 課等 (MIC §9): a
 * department-scoped reader of another 課等 is told nothing of it.
 */
export const attachmentAuditTarget: AuditTargetType = {
  targetType: 'disposal_attachment',
  actionPrefix: 'disposal.attachment.',
  fields: attachmentAuditFields,
  departmentScoped: true,
  idsInDepartmentSql: 'SELECT CAST(a.id AS TEXT) FROM disposal_attachments a JOIN disposals d ON d.id = a.disposal_id WHERE d.department_id = ?',
  describe: (db, ids, reader) =>
    describeScopedRecords(
      db,
      ids,
      reader,
      (p) => `SELECT a.id, NULL AS number, a.file_name AS name, d.department_id FROM disposal_attachments a JOIN disposals d ON d.id = a.disposal_id WHERE a.id IN (${p})`,
    ),
};
