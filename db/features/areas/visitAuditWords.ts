import { roleScope } from '../../contract';
import { integerIds, rowsByIds, type AuditField, type AuditTargetType, type DescribedTarget } from '../../core/auditTargets';
import { readSettings } from '../../core/settings';
import { wallClockText } from './doorRules';

/**
 * The 入退室管理簿's filters as a list read, a CSV or a print recorded them (MIC §22: the log says
 * what left the app): each under the list's own label, never 「その他」. The area is the event's
 * target (output.ts); the person filtered by is said by the name the output used.
 */
export const bookFilterFields: Record<string, AuditField> = {
  areaId: { label: '', kind: 'hidden' },
  personId: { label: '', kind: 'hidden' },
  person: { label: 'visitFields.person', kind: 'text' },
  from: { label: 'visitFields.from', kind: 'date' },
  to: { label: 'visitFields.to', kind: 'date' },
  status: { label: 'visitFields.status', kind: { words: 'visitStatus' } },
  outsidersOnly: { label: 'visitFields.outsidersOnly', kind: 'flag' },
  exceptionsOnly: { label: 'visitFields.exceptionsOnly', kind: 'flag' },
  unconfirmedOnly: { label: 'visitFields.unconfirmedOnly', kind: 'flag' },
  openBeforeToday: { label: 'visitFields.openBeforeToday', kind: 'flag' },
  // A print's area and period repeat its target and its 入室日 from … to ….
  areaName: { label: '', kind: 'hidden' },
  period: { label: '', kind: 'hidden' },
  when: { label: '', kind: 'hidden' },
};

const visitFields: Record<string, AuditField> = {
  ...bookFilterFields,
  // A book of an area now of another 課等 is the reader's 課等's visits, not the area's: its name is said here (output.ts).
  areaName: { label: 'visitFields.areaId', kind: 'text' },
  authorizationId: { label: '', kind: 'hidden' },
  // A visit opened (areas.visits.get) is the event's target: its id is not said again as 「その他」.
  visitId: { label: '', kind: 'hidden' },
  visitIds: { label: '', kind: 'hidden' },
  enteredAt: { label: 'visitFields.enteredAt', kind: 'instant' },
  exitedAt: { label: 'visitFields.exitedAt', kind: 'instant' },
  devicesIn: { label: 'visitFields.devicesIn', kind: 'count' },
  devicesOut: { label: 'visitFields.devicesOut', kind: 'count' },
  badgeReturned: { label: 'visitFields.badgeReturned', kind: 'flag' },
  exceptions: { label: 'visitFields.exceptions', kind: { words: 'visitException' } },
  exceptionApprovedBy: { label: 'visitFields.exceptionApprovedBy', kind: 'user' },
  exceptionNote: { label: 'visitFields.exceptionNote', kind: 'text' },
  exceptionConfirmedBy: { label: 'visitFields.exceptionConfirmedBy', kind: 'text' },
  note: { label: 'visitFields.exceptionConfirmNote', kind: 'text' },
  reason: { label: 'visitFields.closeReason', kind: 'text' },
  remarks: { label: 'visitFields.remarks', kind: 'text' },
};

interface Row {
  id: number;
  person_name: string;
  area_name: string;
  entered_at: string;
  department_id: number;
}

/**
 * How the access log speaks of a visit (issue #12; MIC §35): 「氏名（区域名）入室日時」 in the
 * organisation's time zone, its details under the door form's labels. A visit belongs to the 課等
 * its area had at check-in; a department-scoped reader of another 課等 learns nothing of it (MIC §9).
 */
export const visitAuditTarget: AuditTargetType = {
  targetType: 'area_visit',
  actionPrefix: 'areas.visit.',
  fields: visitFields,
  departmentScoped: true,
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM area_visits WHERE department_id = ?',
  describe(db, ids, reader) {
    const zone = readSettings(db).timeZone;
    const rows = rowsByIds<Row>(
      db,
      (p) => `SELECT v.id, v.person_name, a.name AS area_name, v.entered_at, v.department_id FROM area_visits v JOIN areas a ON a.id = v.area_id WHERE v.id IN (${p})`,
      integerIds(ids),
    );
    const organizationWide = roleScope(reader.role) === 'organization';
    return new Map<string, DescribedTarget>(
      rows.map((r) => [String(r.id), organizationWide || r.department_id === reader.departmentId ? { number: `${r.person_name}（${r.area_name}）${wallClockText(r.entered_at, zone)}`, name: '' } : 'hidden']),
    );
  },
};
