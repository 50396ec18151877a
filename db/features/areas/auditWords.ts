import { describeByName, type AuditField, type AuditTargetType } from '../../core/auditTargets';
import { columnAuditFields, describeScopedRecords } from '../../ledger/auditWords';
import { areaColumns } from './areaColumns';
import { authorizationColumns } from './authorizationColumns';
import { bookFilterFields } from './visitAuditWords';

/**
 * How the access log speaks of 区域, 入退室者 and 入室許可 (issue #12): an area by its name, a permit
 * by its 許可番号 and its person, a person by name and 所属; fields under the form's labels, values
 * in the register's words. Areas and permits belong to a 課等 (MIC §9): a scoped reader of another
 * 課等 learns nothing of them. A person is organisation-wide (the same contractor visits the rooms
 * of several 課等): a manager reads the events of their own 課等's people about them.
 */
const areaFields: Record<string, AuditField> = {
  ...columnAuditFields(areaColumns, { kind: 'areaKind', devicesIn: 'areaDeviceRule', devicesOut: 'areaDeviceRule' }, 'areaKind'),
  active: { label: 'areaFields.active', kind: { words: 'areaActive' } },
  reason: { label: 'areaFields.reason', kind: 'text' },
  // 終業時の一括退室 (dayClose.ts) names its visits for 改ざん検査; the words say 件数 and 理由 only.
  visitIds: { label: '', kind: 'hidden' },
};

const areaAuditTarget: AuditTargetType = {
  targetType: 'area',
  actionPrefix: 'areas.area.',
  fields: areaFields,
  // The book of one area printed or exported names the area as its target (output.ts).
  actionFields: { 'areas.visit.printBook': bookFilterFields, 'areas.visit.export': bookFilterFields },
  sameAsTarget: ['name'],
  departmentScoped: true,
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM areas WHERE department_id = ?',
  describe(db, ids, reader) {
    return describeScopedRecords(db, ids, reader, (p) => `SELECT id, NULL AS number, name, department_id FROM areas WHERE id IN (${p})`);
  },
};

const areaPersonAuditTarget: AuditTargetType = {
  targetType: 'area_person',
  actionPrefix: 'areas.person.',
  fields: {
    name: { label: 'personFields.name', kind: 'text' },
    kana: { label: 'personFields.kana', kind: 'text' },
    affiliation: { label: 'personFields.affiliation', kind: 'text' },
    kind: { label: 'personFields.kind', kind: { words: 'personKind' } },
    userId: { label: '', kind: 'hidden' },
  },
  sameAsTarget: ['name'],
  describe: describeByName((p) => `SELECT id, name || '（' || affiliation || '）' AS name FROM area_people WHERE id IN (${p})`),
};

const authorizationFields: Record<string, AuditField> = {
  ...columnAuditFields(authorizationColumns, { kind: 'authorizationKind' }, 'authorizationKind'),
  // Said by name at the write (authorizationRules.ts auditChanges), not as ids.
  areaIds: { label: 'authorizationFields.areaIds', kind: 'list' },
  personId: { label: '', kind: 'hidden' },
  authorizationId: { label: '', kind: 'hidden' },
  person: { label: 'authorizationFields.person', kind: 'text' },
  reason: { label: 'authorizationFields.revokeReason', kind: 'text' },
  // The list's filters as a list read recorded them.
  areaId: { label: '', kind: 'hidden' },
  state: { label: 'authorizationFields.state', kind: { words: 'authorizationState' } },
  expiredSince: { label: 'authorizationFields.expiredSince', kind: 'date' },
};

const authorizationAuditTarget: AuditTargetType = {
  targetType: 'area_authorization',
  actionPrefix: 'areas.authorization.',
  fields: authorizationFields,
  sameAsTarget: ['permitNo'],
  departmentScoped: true,
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM area_authorizations WHERE department_id = ?',
  describe(db, ids, reader) {
    return describeScopedRecords(
      db,
      ids,
      reader,
      (p) => `SELECT a.id, a.permit_no AS number, p.name AS name, a.department_id FROM area_authorizations a JOIN area_people p ON p.id = a.person_id WHERE a.id IN (${p})`,
    );
  },
};

export const registerAuditTargets: readonly AuditTargetType[] = [areaAuditTarget, areaPersonAuditTarget, authorizationAuditTarget];
