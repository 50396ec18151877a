import type { DeviceView, Visit } from '../../contract/areaVisits';
import type { VisitHistoryAction } from '../../contract/areaValues';
import { AppError } from '../../core/appError';
import { readHistory } from '../../ledger/record';
import { assertDepartmentAccess } from '../../ledger/scope';
import type { LedgerActor } from '../../ledger/record';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { visitLedger, type StoredDevice } from './visitColumns';

/**
 * A visit as the door, the "now inside" list and the book read it (issue #12 items 3–6): the row
 * as it was written at the door (names as they were), with the names of the area, 課等, permit and
 * the staff who recorded, approved, confirmed and closed it.
 */
export interface VisitRow {
  id: number;
  area_id: number;
  area_name: string;
  department_id: number;
  department_name: string;
  person_id: number;
  person_kind: Visit['personKind'];
  person_name: string;
  person_user_id: number | null;
  affiliation: string;
  authorization_id: number | null;
  permit_no: string | null;
  purpose: string;
  escort_user_id: number | null;
  escort_name: string;
  badge_no: string;
  badge_returned: number | null;
  entered_at: string;
  entered_on: string;
  exited_at: string | null;
  status: Visit['status'];
  close_kind: Visit['closeKind'];
  close_reason: string;
  devices_in: string;
  devices_out: string;
  exceptions: string;
  has_exceptions: number;
  exception_approved_by: number | null;
  approved_by_name: string | null;
  exception_note: string;
  exception_confirmed_by: number | null;
  confirmed_by_name: string | null;
  exception_confirmed_at: string | null;
  exception_confirm_note: string;
  remarks: string;
  recorded_by: number;
  recorded_by_name: string;
  closed_by: number | null;
  closed_by_name: string | null;
  version: number;
  updated_at: string;
}

export const visitSelect = `SELECT v.*, a.name AS area_name, d.name AS department_name, p.user_id AS person_user_id, z.permit_no,
    ua.display_name AS approved_by_name, uc.display_name AS confirmed_by_name, ur.display_name AS recorded_by_name, ux.display_name AS closed_by_name
  FROM area_visits v
  JOIN areas a ON a.id = v.area_id
  JOIN departments d ON d.id = v.department_id
  JOIN area_people p ON p.id = v.person_id
  JOIN users ur ON ur.id = v.recorded_by
  LEFT JOIN area_authorizations z ON z.id = v.authorization_id
  LEFT JOIN users ua ON ua.id = v.exception_approved_by
  LEFT JOIN users uc ON uc.id = v.exception_confirmed_by
  LEFT JOIN users ux ON ux.id = v.closed_by`;

function readVisitRow(db: Db, id: number): VisitRow | undefined {
  return statement(db, `${visitSelect} WHERE v.id = ?`).get(id) as VisitRow | undefined;
}

/**
 * The visit a step names, in the actor's scope (MIC §9): another 課等's visit answers as an id
 * that does not exist (db/ledger/scope.ts), before anything else about it is said.
 */
export function requireVisitRow(db: Db, actor: LedgerActor, id: number): VisitRow {
  const row = readVisitRow(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  assertDepartmentAccess(actor, row.department_id);
  return row;
}

function devicesOf(json: string): DeviceView[] {
  return (JSON.parse(json) as StoredDevice[]).map((d) => ({ mediumId: d.mediumId, label: d.label, inspection: d.inspection, takeoutId: d.takeoutId ?? null }));
}

export function toVisit(r: VisitRow): Visit {
  return {
    id: r.id,
    areaId: r.area_id,
    areaName: r.area_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    personId: r.person_id,
    personKind: r.person_kind,
    personName: r.person_name,
    affiliation: r.affiliation,
    authorizationId: r.authorization_id,
    permitNo: r.permit_no,
    purpose: r.purpose,
    escortUserId: r.escort_user_id,
    escortName: r.escort_name,
    badgeNo: r.badge_no,
    badgeReturned: r.badge_returned === null ? null : r.badge_returned === 1,
    enteredAt: r.entered_at,
    enteredOn: r.entered_on,
    exitedAt: r.exited_at,
    status: r.status,
    closeKind: r.close_kind,
    closeReason: r.close_reason,
    devicesIn: devicesOf(r.devices_in),
    devicesOut: devicesOf(r.devices_out),
    exceptions: JSON.parse(r.exceptions) as Visit['exceptions'],
    exceptionApprovedByName: r.approved_by_name,
    exceptionNote: r.exception_note,
    exceptionConfirmedByName: r.confirmed_by_name,
    exceptionConfirmedAt: r.exception_confirmed_at,
    exceptionConfirmNote: r.exception_confirm_note,
    remarks: r.remarks,
    recordedByName: r.recorded_by_name,
    closedByName: r.closed_by_name,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export function readVisit(db: Db, id: number): Visit {
  return toVisit(readVisitRow(db, id)!);
}

/** Visits by id, in the order of `ids` (a page of the book, the open visits). */
export function readVisits(db: Db, ids: readonly number[]): Visit[] {
  if (ids.length === 0) return [];
  const rows = statement(db, `${visitSelect} WHERE v.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as VisitRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toVisit(r)] : [];
  });
}

export function readVisitHistory(db: Db, visitId: number) {
  return readHistory(db, visitLedger, visitId).map((h) => ({ ...h, action: h.action as VisitHistoryAction }));
}
