import { areaKinds, deviceRules, type AreaFields } from '../../contract/areas';
import { choice, departmentReference, flag, text, type ColumnTable } from '../../ledger/columns';
import { reconcileWithAccessLog } from '../../ledger/integrity';
import type { LedgerTable } from '../../ledger/record';
import { japaneseLabels } from '../../print/labels';

/**
 * 区域's column table (issue #12 item 1; MIC §19: the 保護管理者 defines where 個人番号 work is
 * done; MIC §35: escort of outsiders, devices in and out limited or inspected). Insert/update
 * SQL, row mapping and history diffs derive from it; name_key is set beside the fields.
 */
const label = (field: string) => `areaFields.${field}`;

export const areaColumns: ColumnTable<AreaFields> = {
  departmentId: departmentReference({ label: label('departmentId') }),
  name: text('name', { label: label('name') }),
  kind: choice('kind', { label: label('kind'), words: japaneseLabels('areaKind', areaKinds) }),
  location: text('location', { label: label('location') }),
  escortRequired: flag('escort_required', { label: label('escortRequired') }),
  devicesIn: choice('devices_in', { label: label('devicesIn'), words: japaneseLabels('areaDeviceRule', deviceRules) }),
  devicesOut: choice('devices_out', { label: label('devicesOut'), words: japaneseLabels('areaDeviceRule', deviceRules) }),
  remarks: text('remarks', { label: label('remarks') }),
};

export const areaLedger: LedgerTable<AreaFields> = {
  table: 'areas',
  columns: areaColumns,
  history: { table: 'area_history', recordColumn: 'area_id' },
};

/** The people met at the door: organisation-wide, pinned by their own events (people.ts). */
export const areaPeopleTable = 'area_people';

// 改ざん検査 compares each area, its history and each person row with the access log
// (db/ledger/integrity.ts). A person belongs to no 課等 (the same contractor visits the rooms of
// several): a finding about one is placed nowhere, so only the chief and the auditor read it (MIC §9).
reconcileWithAccessLog({
  ledger: areaLedger,
  numberColumn: 'name',
  nameKey: 'tamperFindings.ledgers.areas',
  departmentColumn: 'department_id',
  sideTables: [{ table: areaPeopleTable, recordColumn: 'id', nameKey: 'tamperFindings.ledgers.areaPeople', departmentSql: 'SELECT NULL WHERE ? IS NOT NULL' }],
});
