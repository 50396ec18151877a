import { authorizationExpiringDays, type Authorization, type AuthorizationHistoryAction, type AuthorizationState } from '../../contract/areas';
import { AppError } from '../../core/appError';
import { addCalendarDays } from '../../core/time';
import { decodeFields } from '../../ledger/columns';
import { rowsInOrder } from '../../ledger/listQuery';
import { readHistory } from '../../ledger/record';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { authorizationColumns, authorizationLedger, type StoredAuthorizationFields } from './authorizationColumns';

/** An authorization's row with the names a list shows (person, 課等, granter, revoker, last editor). */
export interface AuthorizationRow {
  id: number;
  permit_no: string;
  department_id: number;
  department_name: string;
  person_id: number;
  person_kind: 'staff' | 'outsider';
  person_user_id: number | null;
  person_name: string;
  person_kana: string;
  kind: Authorization['kind'];
  affiliation: string;
  area_ids: string;
  purpose: string;
  valid_from: string;
  valid_until: string;
  status: Authorization['status'];
  granted_by: number;
  granted_by_name: string;
  granted_at: string;
  revoked_by_name: string | null;
  revoked_at: string | null;
  revoke_reason: string;
  remarks: string;
  version: number;
  last_edited_by_name: string;
  updated_at: string;
}

const authorizationSelect = `SELECT a.*, d.name AS department_name, p.kind AS person_kind, p.user_id AS person_user_id, p.name AS person_name, p.kana AS person_kana,
    g.display_name AS granted_by_name, r.display_name AS revoked_by_name, e.display_name AS last_edited_by_name
  FROM area_authorizations a JOIN departments d ON d.id = a.department_id JOIN area_people p ON p.id = a.person_id
  JOIN users g ON g.id = a.granted_by LEFT JOIN users r ON r.id = a.revoked_by JOIN users e ON e.id = a.last_edited_by`;

export function readAuthorizationRow(db: Db, id: number): AuthorizationRow {
  const row = statement(db, `${authorizationSelect} WHERE a.id = ?`).get(id) as AuthorizationRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export function readAuthorizationRows(db: Db, ids: readonly number[]): AuthorizationRow[] {
  return rowsInOrder<AuthorizationRow>(db, authorizationSelect, 'a.id', ids);
}

export function storedFieldsOf(row: AuthorizationRow): StoredAuthorizationFields {
  return decodeFields(authorizationColumns, row as unknown as Record<string, unknown>);
}

/**
 * 有効 / まもなく期限 / 期限切れ / 取消し on `today` in the organisation's calendar, never stored:
 * valid_until is inclusive, so a permit until 31 March is 期限切れ from 1 April.
 */
export function authorizationState(status: string, validUntil: string, today: string): AuthorizationState {
  if (status === 'revoked') return 'revoked';
  if (validUntil < today) return 'expired';
  if (validUntil <= addCalendarDays(today, authorizationExpiringDays)) return 'expiring';
  return 'valid';
}

/** The state's condition in SQL (alias a), with its parameters: the list's filter and the home cards count alike. */
export function stateSql(state: AuthorizationState, today: string): { sql: string; params: string[] } {
  const horizon = addCalendarDays(today, authorizationExpiringDays);
  switch (state) {
    case 'revoked':
      return { sql: "a.status = 'revoked'", params: [] };
    case 'expired':
      return { sql: "a.status = 'active' AND a.valid_until < ?", params: [today] };
    case 'expiring':
      return { sql: "a.status = 'active' AND a.valid_until BETWEEN ? AND ?", params: [today, horizon] };
    case 'valid':
      return { sql: "a.status = 'active' AND a.valid_until > ?", params: [horizon] };
  }
}

/** The names of the areas, one statement for a page of rows. */
function areaNames(db: Db, rows: readonly AuthorizationRow[]): Map<number, string> {
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.area_ids) as number[]))];
  if (ids.length === 0) return new Map();
  const found = statement(db, `SELECT id, name FROM areas WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as { id: number; name: string }[];
  return new Map(found.map((a) => [a.id, a.name]));
}

export function toAuthorizations(db: Db, rows: readonly AuthorizationRow[], today: string): Authorization[] {
  const names = areaNames(db, rows);
  return rows.map((r) => ({
    id: r.id,
    permitNo: r.permit_no,
    departmentId: r.department_id,
    departmentName: r.department_name,
    personId: r.person_id,
    personKind: r.person_kind,
    personName: r.person_name,
    personKana: r.person_kana,
    kind: r.kind,
    affiliation: r.affiliation,
    areas: (JSON.parse(r.area_ids) as number[]).map((id) => ({ id, name: names.get(id) ?? '' })),
    purpose: r.purpose,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    status: r.status,
    state: authorizationState(r.status, r.valid_until, today),
    grantedByName: r.granted_by_name,
    grantedAt: r.granted_at,
    revokedByName: r.revoked_by_name,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    remarks: r.remarks,
    version: r.version,
    lastEditedBy: r.last_edited_by_name,
    updatedAt: r.updated_at,
  }));
}

export function readAuthorizationHistory(db: Db, id: number) {
  return readHistory(db, authorizationLedger, id).map((h) => ({
    id: h.id,
    version: h.version,
    at: h.at,
    userName: h.userName,
    changes: h.changes,
    note: h.note,
    action: h.action as AuthorizationHistoryAction,
  }));
}
