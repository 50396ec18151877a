import { roleScope } from '../../contract';
import type { CheckIn, Visit } from '../../contract/areaVisits';
import type { VisitException } from '../../contract/areaValues';
import { AppError, fieldError } from '../../core/appError';
import type { AppCore, Tx } from '../../core/appCore';
import { pinSideRow } from '../../ledger/integrity';
import { insertRecord, type LedgerActor } from '../../ledger/record';
import { actorOf } from '../../ledger/scope';
import { statement } from '../../store/statements';
import type { Db } from '../../store/database';
import { areaPeopleTable } from './areaColumns';
import { readArea, type AreaRow } from './areaRecords';
import { authorizationAt, type AuthorizationVerdict } from './authorizationCheck';
import type { DoorMedia } from './doorMedia';
import { assertApprover, devicesIn, entryTime, wallClockText, type DoorClock } from './doorRules';
import { approverOf } from './exceptionApproval';
import { foldSearchKey, resolvePerson, staffUserInForce, type PersonRow } from './people';
import { visitLedger, type VisitFields } from './visitColumns';
import { readVisit } from './visitRecords';

/**
 * 入室 at the door (issue #12 items 3–4; MIC §35): one write with its access-log event. Refused,
 * with nothing changed: an unknown or retired area, someone already inside, an outsider without
 * the escort the area requires, a device that failed inspection or was not inspected where the
 * area says so; without a valid authorization or with a device into an area that prohibits it —
 * unless a manager of the area's 課等 approved it at the door, when it is recorded as an exception.
 */
export function doorClock(core: AppCore): DoorClock {
  return { nowMs: core.nowMs(), zone: core.timeZone(), today: core.today() };
}

export async function checkIn(core: AppCore, media: DoorMedia, input: CheckIn): Promise<Visit> {
  const actor = actorOf(core);
  const clock = doorClock(core);
  const time = entryTime(clock, input.enteredAt);
  // scrypt before the write: a transaction never waits on it (exceptionApproval.ts).
  if (input.exceptionApproval) preCheckApprover(core.requireVault().db, actor, input.areaId, input.exceptionApproval.loginId, clock.today);
  const approverId = input.exceptionApproval ? await approverOf(core, input.exceptionApproval) : null;
  try {
    return core.write((tx) => recordCheckIn(tx, { actor, media, clock, input, time, approverId }));
  } catch (error) {
    // Two check-ins of the same person raced past the pre-check: the partial unique index decides.
    if (isOneInsideViolation(error)) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.alreadyInside');
    throw error;
  }
}

function isOneInsideViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && (e.message ?? '').includes('area_visits.person_id');
}

interface CheckInContext {
  actor: LedgerActor;
  media: DoorMedia;
  clock: DoorClock;
  input: CheckIn;
  time: { at: string; on: string };
  approverId: number | null;
}

/**
 * Before an approver's password is checked: the area must be the clerk's to record, and a login that
 * could not approve here is told so at once. A right password of an account that may not approve is
 * then never checked, so the approval is no unlogged way to try other accounts' passwords (MIC §20:
 * a login's success is logged; this check's was not). An unknown login goes on to the password
 * check, which answers as for any wrong password (throttled and logged).
 */
function preCheckApprover(db: Db, actor: LedgerActor, areaId: number, loginId: string, today: string): void {
  const area = doorArea(db, actor, areaId);
  const id = statement(db, 'SELECT id FROM users WHERE login_id = ?').pluck().get(loginId) as number | undefined;
  if (id !== undefined) assertApprover(db, id, { areaDepartmentId: area.department_id, clerkUserId: actor.userId, visitorUserId: null, visitorName: '', today });
}

/** The area named, in the clerk's scope (another 課等's answers as unknown, MIC §9), in use. */
function doorArea(db: Db, actor: LedgerActor, areaId: number): AreaRow {
  const area = readArea(db, areaId);
  if (!area || (roleScope(actor.role) === 'department' && area.department_id !== actor.departmentId)) throw fieldError(['areaId'], 'areas.errors.unknownArea');
  if (area.active !== 1) throw fieldError(['areaId'], 'areas.errors.areaRetired');
  return area;
}

function assertNotInside(tx: Tx, person: PersonRow, areaId: number, zone: string): void {
  const enteredAt = statement(tx.db, "SELECT entered_at FROM area_visits WHERE person_id = ? AND area_id = ? AND status = 'inside'").pluck().get(person.id, areaId) as string | undefined;
  if (enteredAt !== undefined) throw new AppError('CONFLICT', { name: person.name, enteredAt: wallClockText(enteredAt, zone) }, undefined, 'areas.errors.alreadyInside');
}

/**
 * 入館証: one badge is with one person. A number still lent on an open visit of the 課等's areas (in
 * any width or case) is refused, or its return would be recorded for a badge someone else holds.
 * Read through the partial index of open visits: a few dozen rows, never the whole book.
 */
function assertBadgeFree(tx: Tx, area: AreaRow, badgeNo: string): void {
  if (badgeNo === '') return;
  const lent = statement(tx.db, "SELECT badge_no FROM area_visits INDEXED BY area_visits_inside WHERE status = 'inside' AND department_id = ? AND badge_no = ? COLLATE NOCASE LIMIT 1")
    .pluck()
    .get(area.department_id, badgeNo) as string | undefined;
  if (lent !== undefined) throw fieldError(['badgeNo'], 'areas.errors.badgeInUse', { badgeNo: lent });
}

/** 立会者 (MIC §35): required for an outsider where the area says so — never overridable; a staff account in force, not the visitor. */
function escortOf(tx: Tx, area: AreaRow, person: PersonRow, escortUserId: number | null, today: string): string {
  if (escortUserId === null) {
    if (person.kind === 'outsider' && area.escort_required === 1) throw fieldError(['escortUserId'], 'areas.errors.escortRequired');
    return '';
  }
  if (escortUserId === person.user_id) throw fieldError(['escortUserId'], 'areas.errors.escortIsVisitor');
  const escort = staffUserInForce(tx.db, escortUserId, today);
  if (!escort) throw fieldError(['escortUserId'], 'areas.errors.escortInactive');
  // The same person through a second row (an outsider row typed with their own name): the record
  // could not tell them apart, as a permit to one's own name cannot be (people.ts assertMayRename).
  if (foldSearchKey(escort.display_name) === foldSearchKey(person.name)) throw fieldError(['escortUserId'], 'areas.errors.escortIsVisitor');
  return escort.display_name;
}

function refusal(person: PersonRow, verdict: AuthorizationVerdict): AppError {
  if (verdict.verdict === 'expired') {
    const a = verdict.authorization;
    return new AppError('CONFLICT', { name: person.name, permitNo: a.permitNo, validUntil: a.validUntil }, undefined, 'areas.errors.authorizationExpired');
  }
  if (verdict.verdict === 'notYetValid') {
    const a = verdict.authorization;
    return new AppError('CONFLICT', { name: person.name, permitNo: a.permitNo, validFrom: a.validFrom }, undefined, 'areas.errors.authorizationNotYetValid');
  }
  return new AppError('CONFLICT', { name: person.name }, undefined, 'areas.errors.notAuthorized');
}

function recordCheckIn(tx: Tx, c: CheckInContext): Visit {
  const { actor, input, clock } = c;
  const area = doorArea(tx.db, actor, input.areaId);
  const person = resolvePerson(tx, actor, input.person, clock.today);
  assertNotInside(tx, person, area.id, clock.zone);
  assertBadgeFree(tx, area, input.badgeNo);
  const escortName = escortOf(tx, area, person, input.escortUserId, clock.today);
  // Valid on the organisation's day of entry: a permit until 3/31 opens the door until 23:59 JST that day.
  const verdict = authorizationAt(tx.db, person.id, area.id, c.time.on);
  const approved = c.approverId !== null;
  if (verdict.verdict !== 'valid' && !approved) throw refusal(person, verdict);
  const devices = devicesIn(tx.db, c.media, area.devices_in, input.devicesIn, approved);
  const exceptions: VisitException[] = [];
  if (verdict.verdict !== 'valid') exceptions.push('unauthorized');
  if (devices.exception) exceptions.push('prohibitedDeviceIn');
  if (approved) {
    if (exceptions.length === 0) throw fieldError(['exceptionApproval'], 'areas.errors.approvalNotNeeded');
    assertApprover(tx.db, c.approverId!, { areaDepartmentId: area.department_id, clerkUserId: actor.userId, visitorUserId: person.user_id, visitorName: person.name, today: clock.today });
  }
  const fields: VisitFields = {
    areaId: area.id,
    departmentId: area.department_id,
    personId: person.id,
    personKind: person.kind,
    personName: person.name,
    affiliation: person.affiliation,
    authorizationId: verdict.verdict === 'valid' ? verdict.authorization.id : null,
    purpose: input.purpose,
    escortUserId: input.escortUserId,
    escortName,
    badgeNo: input.badgeNo,
    enteredAt: c.time.at,
    enteredOn: c.time.on,
    devicesIn: devices.stored,
    exceptions: [...exceptions].sort(),
    exceptionApprovedBy: c.approverId,
    exceptionNote: input.exceptionApproval?.note ?? '',
    remarks: input.remarks,
    recordedBy: actor.userId,
  };
  const { id } = insertRecord(tx, visitLedger, actor, fields, 'checkIn', { has_exceptions: exceptions.length > 0 ? 1 : 0 });
  // The search as you type lists recent visitors first; a visit written down late never moves the
  // person back behind those who came since. The row is pinned with this write's event.
  statement(tx.db, "UPDATE area_people SET last_visit_at = max(coalesce(last_visit_at, ''), ?) WHERE id = ?").run(c.time.at, person.id);
  pinSideRow(tx.db, areaPeopleTable, person.id);
  tx.audit({
    action: 'areas.visit.checkIn',
    targetType: 'area_visit',
    targetId: id,
    detail: {
      areaId: area.id,
      personId: person.id,
      enteredAt: c.time.at,
      ...(fields.authorizationId !== null ? { authorizationId: fields.authorizationId } : {}),
      ...(fields.devicesIn.length > 0 ? { devicesIn: fields.devicesIn.length } : {}),
      ...(exceptions.length > 0 ? { exceptions: fields.exceptions, exceptionApprovedBy: c.approverId, exceptionNote: fields.exceptionNote } : {}),
    },
  });
  return readVisit(tx.db, id);
}
