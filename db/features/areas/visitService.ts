import { can, roleScope } from '../../contract';
import type { Visit } from '../../contract/areaVisits';
import { AppError } from '../../core/appError';
import type { AppCore } from '../../core/appCore';
import { assertVersion, stepRecord } from '../../ledger/record';
import { actorOf, isDepartmentScoped } from '../../ledger/scope';
import { statement } from '../../store/statements';
import type { DoorMedia } from './doorMedia';
import { visitLedger } from './visitColumns';
import { readVisit, readVisitHistory, requireVisitRow, toVisit, visitSelect, type VisitRow } from './visitRecords';

const insideSelect = visitSelect.replace('FROM area_visits v', 'FROM area_visits v INDEXED BY area_visits_inside');

/**
 * The door's reads and the manager's 確認 (issue #12 items 3–5): the open visits, one visit with
 * its history, what a label typed at the door is, and the confirmation of a visit's exceptions.
 */

/** 在室者: open visits in the reader's scope (one area, or all), oldest entry first, from the partial index. */
export function insideNow(core: AppCore, input: { areaId?: number | undefined }): { rows: Visit[]; total: number } {
  const actor = actorOf(core);
  const db = core.requireVault().db;
  const where: string[] = ["v.status = 'inside'"];
  const params: unknown[] = [];
  if (input.areaId !== undefined) {
    where.push('v.area_id = ?');
    params.push(input.areaId);
  }
  if (isDepartmentScoped(actor)) {
    where.push('v.department_id = ?');
    params.push(actor.departmentId);
  }
  // One statement through the partial index of open visits (a few dozen rows, not the 1,000,000 of the book).
  const rows = statement(db, `${insideSelect} WHERE ${where.join(' AND ')} ORDER BY v.entered_at, v.id`).all(...params) as VisitRow[];
  return { rows: rows.map(toVisit), total: rows.length };
}

export function getVisit(core: AppCore, visitId: number) {
  const db = core.requireVault().db;
  const row = requireVisitRow(db, actorOf(core), visitId);
  return { visit: readVisit(db, row.id), history: readVisitHistory(db, row.id) };
}

/**
 * What a label typed at the door is (the form says it before 入室 and 退室). A medium of another
 * 課等 than the reader's scope is said to exist (it is a registered medium, not a description)
 * but nothing more of it (MIC §9).
 */
export function lookupDevice(core: AppCore, media: DoorMedia, label: string) {
  const actor = actorOf(core);
  const medium = media.byLabel(core.requireVault().db, label);
  if (!medium) return null;
  const hidden = isDepartmentScoped(actor) && medium.departmentId !== actor.departmentId;
  if (hidden) return { mediumId: medium.id, mediaNo: medium.label, mediumType: '', status: '', takeoutApproved: false, hidden: true };
  return { mediumId: medium.id, mediaNo: medium.label, mediumType: medium.detail, status: medium.status, takeoutApproved: medium.clearedBy !== null, hidden: false };
}

/**
 * A manager's 確認 of a visit's exceptions (MIC §12-2): areas.grant of the visit's 課等 (or the
 * chief), never the clerk who recorded or closed it, the visitor themselves, nor the manager who
 * approved the exception at the door.
 */
export function confirmException(core: AppCore, input: { visitId: number; version: number; note: string }): Visit {
  const actor = actorOf(core);
  return core.write((tx) => {
    const row = requireVisitRow(tx.db, actor, input.visitId);
    if (!can(actor.role, 'areas.grant') || (roleScope(actor.role) !== 'organization' && row.department_id !== actor.departmentId)) throw new AppError('PERMISSION_DENIED');
    if (row.has_exceptions !== 1) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.noExceptions');
    if (row.exception_confirmed_at !== null) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.exceptionConfirmed');
    if ([row.recorded_by, row.person_user_id, row.closed_by].includes(actor.userId)) throw new AppError('SEPARATION_OF_DUTIES', undefined, undefined, 'areas.errors.confirmerIsClerk');
    // The manager who let the exception happen at the door does not review it afterwards (MIC §12-2).
    if (row.exception_approved_by === actor.userId) throw new AppError('SEPARATION_OF_DUTIES', undefined, undefined, 'areas.errors.confirmerIsApprover');
    assertVersion(row.version, input.version);
    stepRecord(tx, visitLedger, actor, row, {
      action: 'confirmException',
      note: input.note,
      changes: [{ field: 'exceptionConfirmedBy', before: null, after: actor.name }],
      set: () => ({ exception_confirmed_by: actor.userId, exception_confirmed_at: tx.at, exception_confirm_note: input.note, last_edited_by: actor.userId }),
    });
    tx.audit({ action: 'areas.visit.confirmException', targetType: 'area_visit', targetId: row.id, detail: { exceptions: JSON.parse(row.exceptions) as string[], ...(input.note ? { note: input.note } : {}) } });
    return readVisit(tx.db, row.id);
  });
}
