import { describeByName, type AuditTargetType } from '../../core/auditTargets';

/**
 * How the access log speaks of 管理番号 numbering rules (issue #10 item 2): a rule is named by
 * its prefix, its change in the rules screen's words. A rule is of its 課等 (a manager reads the
 * events of their own 課等's rules).
 */
export const numberingRuleAuditTarget: AuditTargetType = {
  targetType: 'media_numbering_rule',
  actionPrefix: 'media.numberingRule.',
  fields: {
    prefix: { label: 'mediaLabels.rules.prefix', kind: 'text' },
    digits: { label: 'mediaLabels.rules.digits', kind: 'count' },
    type: { label: 'mediaLabels.rules.type', kind: { words: 'mediaTypes' } },
    department: { label: 'mediaLabels.rules.department', kind: 'department' },
  },
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM media_numbering_rules WHERE department_id = ?',
  describe: describeByName((p) => `SELECT id, prefix AS name FROM media_numbering_rules WHERE id IN (${p})`),
};
