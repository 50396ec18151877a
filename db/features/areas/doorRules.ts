import { can, roleScope, type Role } from '../../contract';
import type { DeviceEntry } from '../../contract/areaVisits';
import type { DeviceRule, VisitException } from '../../contract/areaValues';
import { foldNumberText } from '../../contract/textLists';
import { dayStartMs, localDateIn, zonedParts } from '../../contract/timeZone';
import { addCalendarDays } from '../../core/time';
import { AppError, fieldError } from '../../core/appError';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import type { DoorMedia } from './doorMedia';
import { foldSearchKey } from './people';
import type { StoredDevice } from './visitColumns';

/**
 * The rules at the door that need no write (issue #12 "Rules at the door"; MIC §35): times,
 * devices in and out, the approving manager. Each refusal is a clear error and changes nothing.
 */

/** An instant's day (YYYY-MM-DD) and HH:MM in the organisation's zone: one Intl call (a month's book prints thousands). */
export function wallClock(instant: string, zone: string): { day: string; time: string } {
  const p = zonedParts(Date.parse(instant), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** An instant as the office reads it in an error or the access log: 2026-12-05 09:30 in the organisation's zone. */
export function wallClockText(instant: string, zone: string): string {
  const w = wallClock(instant, zone);
  return `${w.day} ${w.time}`;
}

/** Where the organisation's calendar and clock stand when the door asks. */
export interface DoorClock {
  nowMs: number;
  zone: string;
  today: string;
}

/**
 * An instant as sent: the contract's pattern lets 25:00 or 11月31日 through, which Date.parse reads
 * as NaN (an internal error at toISOString) or rolls into another day (a time nobody typed).
 */
function instantMs(sent: string | undefined, nowMs: number, field: 'enteredAt' | 'exitedAt'): number {
  if (sent === undefined) return nowMs;
  const ms = Date.parse(sent);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== sent.slice(0, 19)) throw fieldError([field], 'validation.invalidDate');
  return ms;
}

/**
 * The entry time: now by default; a visit written down late may not be in the future nor before
 * the start of yesterday in the organisation's zone (a book of days already printed stays as printed).
 */
export function entryTime(clock: DoorClock, enteredAt: string | undefined): { at: string; on: string } {
  const ms = instantMs(enteredAt, clock.nowMs, 'enteredAt');
  if (ms > clock.nowMs) throw fieldError(['enteredAt'], 'areas.errors.timeInFuture');
  if (ms < dayStartMs(addCalendarDays(clock.today, -1), clock.zone)) throw fieldError(['enteredAt'], 'areas.errors.entryTooOld');
  return { at: new Date(ms).toISOString(), on: localDateIn(ms, clock.zone) };
}

/** The exit time: now by default; never before the entry, never in the future. */
export function exitTime(clock: DoorClock, exitedAt: string | undefined, enteredAt: string): string {
  const ms = instantMs(exitedAt, clock.nowMs, 'exitedAt');
  if (ms > clock.nowMs) throw fieldError(['exitedAt'], 'areas.errors.timeInFuture');
  if (ms < Date.parse(enteredAt)) throw fieldError(['exitedAt'], 'areas.errors.exitBeforeEntry', { enteredAt: wallClockText(enteredAt, clock.zone) });
  return new Date(ms).toISOString();
}

/** Each label looked up in the media register (a 管理番号 in any width or case names the medium). */
function storedDevices(db: Db, media: DoorMedia, devices: readonly DeviceEntry[]): { device: StoredDevice; clearedBy: number | null; registered: boolean }[] {
  return devices.map((d) => {
    const medium = media.byLabel(db, d.label);
    return { device: { mediumId: medium?.id ?? null, label: medium?.label ?? d.label, inspection: d.inspection }, clearedBy: medium?.clearedBy ?? null, registered: medium !== null };
  });
}

/** 'inspect': every device inspected (MIC §35 検査). A device that failed inspection never passes. */
function assertInspections(devices: readonly DeviceEntry[], rule: DeviceRule, field: 'devicesIn' | 'devicesOut', refuseFailed: boolean): void {
  devices.forEach((d, i) => {
    if (rule === 'inspect' && d.inspection === 'notInspected') throw fieldError([field, i, 'inspection'], 'areas.errors.inspectionRequired', { label: d.label });
    if (refuseFailed && d.inspection === 'failed') throw fieldError([field, i, 'inspection'], 'areas.errors.inspectionFailed', { label: d.label });
  });
}

/**
 * Devices brought in: a prohibited area refuses any (or lets them in as an exception on a
 * manager's approval at the door); an 'inspect' area needs each inspected; a failed inspection is refused.
 */
export function devicesIn(db: Db, media: DoorMedia, rule: DeviceRule, devices: readonly DeviceEntry[], approved: boolean): { stored: StoredDevice[]; exception: boolean } {
  if (rule === 'prohibited' && devices.length > 0 && !approved) throw fieldError(['devicesIn', 0, 'label'], 'areas.errors.deviceProhibited', { label: devices[0]!.label });
  assertInspections(devices, rule, 'devicesIn', true);
  return { stored: storedDevices(db, media, devices).map((s) => s.device), exception: rule === 'prohibited' && devices.length > 0 };
}

/**
 * Devices taken out (MIC §34, §35): the person is leaving, so nothing is refused but an inspection
 * the area requires; what is wrong is recorded as an exception — a registered medium without an
 * approved 持出し, a device neither brought in nor registered, one that failed the inspection, any
 * device out of a prohibited area.
 */
export function devicesOut(db: Db, media: DoorMedia, rule: DeviceRule, devices: readonly DeviceEntry[], broughtIn: readonly StoredDevice[]): { stored: StoredDevice[]; exceptions: VisitException[] } {
  assertInspections(devices, rule, 'devicesOut', false);
  // Counted, not a set: one 「私物USBメモリ」 brought in lets one out, not two (MIC §35).
  const fold = (label: string) => foldNumberText(label).toLowerCase();
  const inCounts = new Map<string, number>();
  for (const d of broughtIn) inCounts.set(fold(d.label), (inCounts.get(fold(d.label)) ?? 0) + 1);
  const exceptions = new Set<VisitException>();
  const stored = storedDevices(db, media, devices).map(({ device, clearedBy, registered }) => {
    if (registered && clearedBy === null) exceptions.add('takeoutWithoutApproval');
    // Not refused (the person is leaving) but never silent: what the inspection found stands out.
    if (device.inspection === 'failed') exceptions.add('failedInspectionOut');
    const left = inCounts.get(fold(device.label)) ?? 0;
    if (!registered && left === 0) exceptions.add('unregisteredDeviceOut');
    if (!registered) inCounts.set(fold(device.label), left - 1);
    return { ...device, takeoutId: clearedBy };
  });
  if (rule === 'prohibited' && devices.length > 0) exceptions.add('prohibitedDeviceOut');
  return { stored, exceptions: [...exceptions] };
}

interface ApproverRow {
  id: number;
  role: Role;
  department_id: number;
  must_change_password: number;
  display_name: string;
}

/**
 * The manager who approved an exception at the door (MIC §12-2): in force, with areas.grant, of
 * the area's 課等 (or the chief), by a password of their own; never the clerk recording it nor the
 * person let in (by account, or by name through an outsider row).
 */
export function assertApprover(db: Db, approverId: number, ctx: { areaDepartmentId: number; clerkUserId: number; visitorUserId: number | null; visitorName: string; today: string }): void {
  const row = statement(db, 'SELECT id, role, department_id, must_change_password, display_name FROM users WHERE id = ? AND active = 1 AND (valid_until IS NULL OR valid_until >= ?)').get(approverId, ctx.today) as
    | ApproverRow
    | undefined;
  if (!row || !can(row.role, 'areas.grant') || (roleScope(row.role) !== 'organization' && row.department_id !== ctx.areaDepartmentId)) {
    throw fieldError(['exceptionApproval', 'loginId'], 'areas.errors.approverNotManager');
  }
  // A password the chief set (a new account, a reset) is known to someone else: an approval typed
  // with it would stand in a name that never gave it (MIC §12-2). Their own password first.
  if (row.must_change_password === 1) throw fieldError(['exceptionApproval', 'password'], 'areas.errors.approverMustChangePassword');
  if (row.id === ctx.clerkUserId) throw new AppError('SEPARATION_OF_DUTIES', undefined, undefined, 'areas.errors.approverIsClerk');
  // The visitor through a second row (an outsider row with the approver's own name) is the visitor.
  if (row.id === ctx.visitorUserId || foldSearchKey(row.display_name) === foldSearchKey(ctx.visitorName)) throw new AppError('SEPARATION_OF_DUTIES', undefined, undefined, 'areas.errors.approverIsVisitor');
}

/**
 * An exception added (at 退室 or the day's close) to a visit whose exceptions a manager already
 * confirmed: the confirmation covered what was there then, not this one (MIC §12-2). It is undone,
 * so the visit is on the unconfirmed list and card again, and the history says so.
 */
export function reopenConfirmation(row: { exception_confirmed_at: string | null; confirmed_by_name: string | null }, added: number) {
  if (added === 0 || row.exception_confirmed_at === null) return { changes: [], set: {} };
  return {
    changes: [{ field: 'exceptionConfirmedBy', before: row.confirmed_by_name, after: null }],
    set: { exception_confirmed_by: null, exception_confirmed_at: null, exception_confirm_note: '' },
  };
}
