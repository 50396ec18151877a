import type { InspectionResult, PersonKind, VisitException } from '../../contract/areaValues';
import { text, type ColumnSpec, type ColumnTable } from '../../ledger/columns';
import { reconcileWithAccessLog } from '../../ledger/integrity';
import type { LedgerTable } from '../../ledger/record';

/**
 * The 入退室記録's column table (issue #12 item 3; MIC §35): what a check-in writes, each field
 * under the door form's label. The steps after it (退室, 一括退室, 確認) set their own columns
 * through the kit's stepRecord. Devices and exceptions are JSON in the row, so 改ざん検査's row
 * hash covers them; no CSV here (the book's CSV writes its own columns: bookRows).
 */
const label = (field: string) => `visitFields.${field}`;

/** A device as stored: the registered medium the label named (or null), and at check-out the 持出し that covered it. */
export interface StoredDevice {
  mediumId: number | null;
  label: string;
  inspection: InspectionResult;
  takeoutId?: number | null;
}

export interface VisitFields {
  areaId: number;
  departmentId: number;
  personId: number;
  personKind: PersonKind;
  personName: string;
  affiliation: string;
  authorizationId: number | null;
  purpose: string;
  escortUserId: number | null;
  escortName: string;
  badgeNo: string;
  enteredAt: string;
  enteredOn: string;
  devicesIn: StoredDevice[];
  exceptions: VisitException[];
  exceptionApprovedBy: number | null;
  exceptionNote: string;
  remarks: string;
  recordedBy: number;
}

/** An id column (a required or optional reference), stored as it is. */
function idColumn<V extends number | null>(column: string, field: string): ColumnSpec<V> {
  return { column, label: label(field), kind: 'integer', csv: null, encode: (v) => v, decode: (raw) => (raw === null || raw === undefined ? null : Number(raw)) as V };
}

function json<V>(column: string, field: string): ColumnSpec<V> {
  return { column, label: label(field), kind: 'list', csv: null, encode: (v) => JSON.stringify(v), decode: (raw) => JSON.parse(String(raw ?? '[]')) as V };
}

const plain = (column: string, field: string): ColumnSpec<string> => ({ ...text(column, { label: label(field) }), csv: null });

export const visitColumns: ColumnTable<VisitFields> = {
  areaId: idColumn<number>('area_id', 'areaId'),
  departmentId: { ...idColumn<number>('department_id', 'areaId'), label: 'areaFields.departmentId' },
  personId: idColumn<number>('person_id', 'person'),
  personKind: plain('person_kind', 'personKind') as ColumnSpec<PersonKind>,
  personName: plain('person_name', 'person'),
  affiliation: plain('affiliation', 'affiliation'),
  authorizationId: idColumn<number | null>('authorization_id', 'permitNo'),
  purpose: plain('purpose', 'purpose'),
  escortUserId: idColumn<number | null>('escort_user_id', 'escort'),
  escortName: plain('escort_name', 'escort'),
  badgeNo: plain('badge_no', 'badgeNo'),
  enteredAt: plain('entered_at', 'enteredAt'),
  enteredOn: plain('entered_on', 'enteredOn'),
  devicesIn: json<StoredDevice[]>('devices_in', 'devicesIn'),
  // Sorted, as the migration's comment asks: the same exceptions hash the same.
  exceptions: { ...json<VisitException[]>('exceptions', 'exceptions'), encode: (v) => JSON.stringify([...v].sort()) },
  exceptionApprovedBy: idColumn<number | null>('exception_approved_by', 'exceptionApprovedBy'),
  exceptionNote: plain('exception_note', 'exceptionNote'),
  remarks: plain('remarks', 'remarks'),
  recordedBy: idColumn<number>('recorded_by', 'recordedBy'),
};

export const visitLedger: LedgerTable<VisitFields> = {
  table: 'area_visits',
  columns: visitColumns,
  history: { table: 'area_visit_history', recordColumn: 'visit_id' },
};

// 改ざん検査 compares each visit and history row with the access log (db/ledger/integrity.ts);
// a manager is told only of their 課等's visits (the area's 課等 at check-in).
reconcileWithAccessLog({
  ledger: visitLedger,
  numberColumn: "person_name || ' ' || entered_at",
  nameKey: 'tamperFindings.ledgers.areaVisits',
  departmentColumn: 'department_id',
});
