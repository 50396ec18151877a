import { authorizationKinds, type AuthorizationKind } from '../../contract/areas';
import { choice, date, departmentReference, text, type ColumnSpec, type ColumnTable } from '../../ledger/columns';
import { reconcileWithAccessLog } from '../../ledger/integrity';
import type { LedgerTable } from '../../ledger/record';
import { japaneseLabels } from '../../print/labels';

/**
 * 入室許可 as stored (issue #12 item 2; MIC §35 「入室を認める者の範囲」): the person resolved to
 * their row, the areas as a sorted JSON list in the row (hash-covered; area_authorization_areas
 * only indexes it, kept in the same step), the 許可番号 given or typed.
 */
export interface StoredAuthorizationFields {
  permitNo: string;
  departmentId: number;
  personId: number;
  kind: AuthorizationKind;
  affiliation: string;
  areaIds: number[];
  purpose: string;
  validFrom: string;
  validUntil: string;
  remarks: string;
}

const label = (field: string) => `authorizationFields.${field}`;

/** A day that is always there (valid_from, valid_until are NOT NULL). */
function day(column: string, field: string): ColumnSpec<string> {
  return { ...(date(column, { label: label(field) }) as unknown as ColumnSpec<string>), decode: (raw) => String(raw ?? '') };
}

/** The areas, kept sorted and without repeats: the same set in another order is no change (and hashes the same). */
const areaIds: ColumnSpec<number[]> = {
  column: 'area_ids',
  label: label('areaIds'),
  kind: 'list',
  csv: null,
  encode: (v) => JSON.stringify([...new Set(v)].sort((a, b) => a - b)),
  decode: (raw) => JSON.parse(String(raw ?? '[]')) as number[],
};

const personId: ColumnSpec<number> = { column: 'person_id', label: label('person'), kind: 'integer', csv: null, encode: (v) => v, decode: (raw) => Number(raw) };

export const authorizationColumns: ColumnTable<StoredAuthorizationFields> = {
  permitNo: text('permit_no', { label: label('permitNo') }),
  departmentId: departmentReference({ label: label('departmentId') }),
  personId,
  kind: choice('kind', { label: label('kind'), words: japaneseLabels('authorizationKind', authorizationKinds) }),
  affiliation: text('affiliation', { label: label('affiliation') }),
  areaIds,
  purpose: text('purpose', { label: label('purpose') }),
  validFrom: day('valid_from', 'validFrom'),
  validUntil: day('valid_until', 'validUntil'),
  remarks: text('remarks', { label: label('remarks') }),
};

export const authorizationLedger: LedgerTable<StoredAuthorizationFields> = {
  table: 'area_authorizations',
  columns: authorizationColumns,
  history: { table: 'area_authorization_history', recordColumn: 'authorization_id' },
};

/**
 * area_authorization_areas indexes each row's area_ids (the door reads it: authorizationCheck.ts).
 * Not pinned itself, so 改ざん検査 names an authorization whose index rows differ from its pinned
 * list — an index row added behind the app would open a room the permit does not name.
 */
const areasIndexMismatch = `SELECT a.id FROM area_authorizations a WHERE EXISTS (
    SELECT j.value FROM json_each(a.area_ids) j EXCEPT SELECT area_id FROM area_authorization_areas WHERE authorization_id = a.id)
  OR EXISTS (
    SELECT area_id FROM area_authorization_areas WHERE authorization_id = a.id EXCEPT SELECT j.value FROM json_each(a.area_ids) j)
  ORDER BY a.id`;

reconcileWithAccessLog({
  derivedIndexes: [{ mismatchSql: areasIndexMismatch, fieldKey: label('areaIds') }],
  ledger: authorizationLedger,
  numberColumn: 'permit_no',
  nameKey: 'tamperFindings.ledgers.areaAuthorizations',
  departmentColumn: 'department_id',
});
