import { describeByName, type AuditField, type AuditTargetType } from '../../core/auditTargets';
import { columnAuditFields, describeScopedRecords } from '../../ledger/auditWords';
import { mediaColumns } from './columns';

/**
 * How the access log speaks of the 媒体管理台帳: a medium is named by its 管理番号 (and its
 * type and model), its fields by the one label the form uses (mediaFields), its values in the
 * register's own words (mediaTypes, mediaStatus …). 保管場所 are named by their name.
 */
const choiceWords: Readonly<Record<string, string>> = { type: 'mediaTypes', encrypted: 'mediaEncryption' };

const mediumFields: Record<string, AuditField> = {
  ...columnAuditFields(mediaColumns, choiceWords, 'mediaTypes'),
  // A storage location's id in a change: said as a number would say nothing; its name is in the location's own events.
  storageLocationId: { label: 'mediaFields.storageLocationId', kind: 'count' },
  mediumId: { label: '', kind: 'hidden' },
  holdingId: { label: '', kind: 'hidden' },
  status: { label: 'mediaFields.status', kind: { words: 'mediaStatus' } },
  ledgerNo: { label: 'mediaFields.contents', kind: 'text' },
  contents: { label: 'mediaFields.contents', kind: 'text' },
  isBackupMedium: { label: 'mediaFields.isBackupMedium', kind: 'flag' },
  department: { label: 'mediaFields.departmentId', kind: 'department' },
  // 持出し (issue #10 item 3): in the take-out screens' words (mediaTakeout, mediaTakeoutStatus, mediaSafeguards).
  takeoutId: { label: '', kind: 'hidden' },
  takeoutStatus: { label: 'mediaTakeout.status', kind: { words: 'mediaTakeoutStatus' } },
  purpose: { label: 'mediaTakeout.purpose', kind: 'text' },
  destination: { label: 'mediaTakeout.destination', kind: 'text' },
  dueBack: { label: 'mediaTakeout.dueBack', kind: 'date' },
  safeguards: { label: 'mediaTakeout.safeguards', kind: { words: 'mediaSafeguards' } },
  contentsIntact: { label: 'mediaTakeout.contentsIntact', kind: 'flag' },
  tempCopiesErased: { label: 'mediaTakeout.tempCopiesErased', kind: 'flag' },
  // The lists' filters as a list read, an export or a print recorded them (issue #10 items 4 and 7), in the filter bars' words.
  overdue: { label: 'mediaTakeout.filterOverdue', kind: 'flag' },
  unseenSince: { label: 'mediaWatch.filterUnseenSince', kind: 'date' },
  backupBesideTerminal: { label: 'mediaWatch.filterBesideTerminal', kind: 'flag' },
  awaitingMyDecision: { label: 'mediaWatch.filterAwaitingMyDecision', kind: 'flag' },
  // Label sheets (issue #10 item 2): the numbers printed, the sheet and where on it printing began.
  mediaNos: { label: 'mediaFields.mediaNo', kind: 'list' },
  layout: { label: 'mediaLabels.layout', kind: 'text' },
  startPosition: { label: 'mediaLabels.startPosition', kind: 'count' },
  // media.dispose (issue #11): the 廃棄・消去証明書 whose approval disposed of the medium.
  certificateNo: { label: 'disposalFields.certificateNo', kind: 'text' },
};

export const mediumAuditTarget: AuditTargetType = {
  targetType: 'medium',
  actionPrefix: 'media.',
  fields: mediumFields,
  sameAsTarget: ['mediaNo'],
  departmentScoped: true,
  // A medium's events (its changes, views, links) belong to the 課等 it is in now.
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM media WHERE department_id = ?',
  // …except what stays with the 課等 it was done in when the medium moves (MIC §9): a take-out's
  // steps (purpose, destination, notes) with the take-out's own 課等, as the 持出管理簿 keeps them
  // (migration 0016); a label sheet naming media now of two 課等 with neither (0: the actor's
  // 課等 and the organisation-wide readers still read it).
  eventDepartmentSql: `CASE WHEN action LIKE 'media.takeout.%' THEN (SELECT t.department_id FROM media_takeouts t WHERE t.id = json_extract(detail, '$.takeoutId'))
    WHEN action = 'media.printLabels' AND EXISTS (SELECT 1 FROM json_each(detail, '$.mediaNos') j JOIN media m ON m.media_no = j.value
      WHERE m.department_id <> (SELECT department_id FROM media WHERE id = CAST(target_id AS INTEGER))) THEN 0 END`,
  // MIC §9: a department-scoped reader learns a medium's number only when it is of their 課等.
  describe(db, ids, reader) {
    return describeScopedRecords(db, ids, reader, (p) => `SELECT id, media_no AS number, make_model AS name, department_id FROM media WHERE id IN (${p})`);
  },
};

export const storageLocationAuditTarget: AuditTargetType = {
  targetType: 'storage_location',
  actionPrefix: 'media.storageLocation.',
  fields: {
    name: { label: 'storageLocations.name', kind: 'text' },
    departmentId: { label: 'storageLocations.department', kind: 'department' },
    besideTerminal: { label: 'mediaWatch.besideTerminal', kind: 'flag' },
  },
  // A 課等's locations are of its 課等; shared ones (no 課等) are the organisation's.
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM storage_locations WHERE department_id = ?',
  describe: describeByName((p) => `SELECT id, name FROM storage_locations WHERE id IN (${p})`),
};
