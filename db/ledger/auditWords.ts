import { roleScope } from '../contract';
import { integerIds, rowsByIds, type AuditField, type AuditReader, type AuditValueKind, type DescribedTarget } from '../core/auditTargets';
import type { Db } from '../store/database';
import type { ColumnKind, ColumnTable } from './columns';

/**
 * What the access log shows of a ledger's records, said once for every ledger: its column
 * fields in the words of its form (db/core/auditTargets.ts), and its records named only for
 * readers of their 課等.
 */
const byColumnKind: Readonly<Record<ColumnKind, AuditValueKind | undefined>> = {
  text: 'text',
  list: 'list',
  flag: 'flag',
  integer: 'count',
  date: 'date',
  reference: 'department',
  retention: 'retention',
  choice: undefined,
};

/**
 * Each column of `table` under its form label; a choice column's values in the words named by
 * `choiceWords` (the column table holds only their Japanese), `otherChoiceWords` for the rest.
 */
export function columnAuditFields<F>(table: ColumnTable<F>, choiceWords: Readonly<Record<string, string>>, otherChoiceWords: string): Record<string, AuditField> {
  return Object.fromEntries(
    Object.entries(table as Record<string, { label: string; kind: ColumnKind }>).map(([field, spec]) => {
      const kind: AuditValueKind = spec.kind === 'choice' ? { words: choiceWords[field] ?? otherChoiceWords } : (byColumnKind[spec.kind] ?? 'text');
      return [field, { label: spec.label, kind }];
    }),
  );
}

/**
 * Names records by number and name. MIC §9: a department-scoped reader (a manager, say) learns
 * them only for records of their own 課等 — the rule every ledger screen applies; others are
 * 'hidden'. `sql` selects `id, number, name, department_id` for the ids in its placeholders
 * (number NULL for a record that has none, such as an attachment named by its file name).
 */
export function describeScopedRecords(db: Db, ids: readonly string[], reader: AuditReader, sql: (placeholders: string) => string): Map<string, DescribedTarget> {
  const rows = rowsByIds<{ id: number; number: string | null; name: string; department_id: number }>(db, sql, integerIds(ids));
  const organizationWide = roleScope(reader.role) === 'organization';
  return new Map(rows.map((r) => [String(r.id), organizationWide || r.department_id === reader.departmentId ? { number: r.number, name: r.name } : 'hidden'] as const));
}
