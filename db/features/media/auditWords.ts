import { roleScope } from '../../contract';
import { integerIds, rowsByIds, type AuditField, type AuditTargetType, type AuditValueKind } from '../../core/auditTargets';
import { mediaColumns } from './columns';

/**
 * How the access log speaks of the 媒体管理台帳: a medium is named by its 管理番号 (and its
 * type and model), its fields by the one label the form uses (mediaFields), its values in the
 * register's own words (mediaTypes, mediaStatus …). 保管場所 are named by their name.
 */
const byColumnKind: Readonly<Record<string, AuditValueKind>> = { text: 'text', flag: 'flag', date: 'date', reference: 'department' };
const choiceWords: Readonly<Record<string, string>> = { type: 'mediaTypes', encrypted: 'mediaEncryption' };

function columnFields(): Record<string, AuditField> {
  return Object.fromEntries(
    Object.entries(mediaColumns).map(([field, spec]) => {
      const kind: AuditValueKind = spec.kind === 'choice' ? { words: choiceWords[field] ?? 'mediaTypes' } : (byColumnKind[spec.kind] ?? 'text');
      return [field, { label: spec.label, kind }];
    }),
  );
}

const mediumFields: Record<string, AuditField> = {
  ...columnFields(),
  // A storage location's id in a change: said as a number would say nothing; its name is in the location's own events.
  storageLocationId: { label: 'mediaFields.storageLocationId', kind: 'count' },
  mediumId: { label: '', kind: 'hidden' },
  holdingId: { label: '', kind: 'hidden' },
  status: { label: 'mediaFields.status', kind: { words: 'mediaStatus' } },
  ledgerNo: { label: 'mediaFields.contents', kind: 'text' },
  contents: { label: 'mediaFields.contents', kind: 'text' },
  isBackupMedium: { label: 'mediaFields.isBackupMedium', kind: 'flag' },
  department: { label: 'mediaFields.departmentId', kind: 'department' },
};

export const mediumAuditTarget: AuditTargetType = {
  targetType: 'medium',
  actionPrefix: 'media.',
  fields: mediumFields,
  sameAsTarget: ['mediaNo'],
  departmentScoped: true,
  // A medium's events (its changes, views, links) belong to the 課等 it is in now.
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM media WHERE department_id = ?',
  // MIC §9: a department-scoped reader learns a medium's number only when it is of their 課等.
  describe(db, ids, reader) {
    const rows = rowsByIds<{ id: number; media_no: string; make_model: string; department_id: number }>(
      db,
      (p) => `SELECT id, media_no, make_model, department_id FROM media WHERE id IN (${p})`,
      integerIds(ids),
    );
    const organizationWide = roleScope(reader.role) === 'organization';
    return new Map(
      rows.map((r) => [String(r.id), organizationWide || r.department_id === reader.departmentId ? { number: r.media_no, name: r.make_model } : 'hidden'] as const),
    );
  },
};

export const storageLocationAuditTarget: AuditTargetType = {
  targetType: 'storage_location',
  actionPrefix: 'media.storageLocation.',
  fields: {
    name: { label: 'storageLocations.name', kind: 'text' },
    departmentId: { label: 'storageLocations.department', kind: 'department' },
  },
  // A 課等's locations are of its 課等; shared ones (no 課等) are the organisation's.
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM storage_locations WHERE department_id = ?',
  describe(db, ids) {
    const rows = rowsByIds<{ id: number; name: string }>(db, (p) => `SELECT id, name FROM storage_locations WHERE id IN (${p})`, integerIds(ids));
    return new Map(rows.map((r) => [String(r.id), { number: null, name: r.name }]));
  },
};
