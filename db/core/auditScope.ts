import { roleScope } from '../contract';
import type { AuditReader } from './auditTargets';
import type { AuditVocabulary } from './auditWords';

/**
 * Which events of the access log a reader is given (MIC §9, issue #9 item 3). The chief and
 * the auditor read the whole organisation's log. A manager reads their own 課等's: events
 * about its records and people (each target type's `idsInDepartmentSql`: its holdings, its
 * accounts, the 課等 itself) and events by its people (an actor's 課等 as it is now), plus
 * the settings, which bind every 課等 and hold no personal data. Everything else — another
 * 課等's records and people, logins of others, backups, keys, reviews and searches by others —
 * is left out of the rows, the total and the CSV alike, so a count says nothing of another
 * 課等 either. A table of this is in docs/SECURITY.md ("The access log: who reads what").
 *
 * The condition is SQL over the event row: each `IN (SELECT …)` is evaluated once per query
 * into a temporary index, so a page costs one pass over the seq range, with no index added
 * to the log (docs/ARCHITECTURE.md "The access log").
 */
export interface EventScope {
  sql: string;
  params: unknown[];
}

/** Target types every reader of the log sees: the organisation's rules, binding on every 課等. */
const everyDepartmentTargets = ['settings'] as const;

/** The condition for a department-scoped reader; undefined for one who reads the whole organisation. */
export function eventScope(reader: AuditReader, vocabulary: AuditVocabulary): EventScope | undefined {
  if (roleScope(reader.role) === 'organization') return undefined;
  const parts = ['actor_user_id IN (SELECT id FROM users WHERE department_id = ?)'];
  const params: unknown[] = [reader.departmentId];
  for (const type of vocabulary.targetTypes()) {
    if (!type.idsInDepartmentSql) continue;
    const own = type.eventDepartmentSql;
    const ofTarget = `target_id IN (${type.idsInDepartmentSql})`;
    parts.push(`(target_type = ? AND ${own ? `CASE WHEN (${own}) IS NULL THEN ${ofTarget} ELSE (${own}) = ? END` : ofTarget})`);
    params.push(type.targetType, reader.departmentId, ...(own ? [reader.departmentId] : []));
  }
  parts.push(`target_type IN (${everyDepartmentTargets.map(() => '?').join(', ')})`);
  params.push(...everyDepartmentTargets);
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** The 課等 a department-scoped reader is limited to (users.list, reviews); null for an organisation-wide one. */
export function scopedDepartment(reader: AuditReader): number | null {
  return roleScope(reader.role) === 'department' ? reader.departmentId : null;
}
