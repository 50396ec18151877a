import type { KeyboardEvent } from 'react';
import type { ChannelOutput, Failure, FieldIssue } from '../../../db/contract';
import type { Area, InspectionResult, PersonRef } from '../../../db/contract/areas';
import type { DeviceEntry, ExceptionApproval } from '../../../db/contract/areaVisits';
import { dayStartMs, zonedParts } from '../../../db/contract/timeZone';
import type { PersonShown } from './PersonPicker';

/** What areas.visits.lookupDevice says of a label typed or scanned at the door: a registered medium, or null. */
export type DeviceHit = ChannelOutput<'areas.visits.lookupDevice'>;

/** A device on the form: the label as sent, the inspection chosen, and what main said of it. */
export interface DeviceRow {
  key: number;
  label: string;
  inspection: InspectionResult;
  hit: DeviceHit;
}

/** The door form's state: the area stays, the rest is cleared after each visit recorded. */
export interface DoorFormState {
  person: { ref: PersonRef; shown: PersonShown } | null;
  purpose: string;
  escort: { userId: number; name: string } | null;
  badgeNo: string;
  devices: DeviceRow[];
}

export const emptyDoorForm: DoorFormState = { person: null, purpose: '', escort: null, badgeNo: '', devices: [] };

/** The checkIn input for the form (main checks every rule again: MIC §35). */
export function checkInInput(areaId: number, person: PersonRef, form: DoorFormState, approval?: ExceptionApproval) {
  const devicesIn: DeviceEntry[] = form.devices.map((d) => ({ label: d.label, inspection: d.inspection }));
  return {
    areaId,
    person,
    purpose: form.purpose,
    escortUserId: form.escort?.userId ?? null,
    badgeNo: form.badgeNo,
    devicesIn,
    ...(approval ? { exceptionApproval: approval } : {}),
  };
}

/** The refusals a manager of the area's 課等 may turn into an exception at the door (MIC §12-2); never a missing escort. */
const approvable = new Set(['areas.errors.notAuthorized', 'areas.errors.authorizationExpired', 'areas.errors.authorizationNotYetValid', 'areas.errors.deviceProhibited']);

/** The refusal a manager may override: main's message itself, or a field's (a prohibited device is the device's). */
export function approvableRefusal(failure: Failure | null): Omit<FieldIssue, 'path'> | null {
  if (failure === null) return null;
  if (failure.messageKey !== undefined && approvable.has(failure.messageKey)) return { messageKey: failure.messageKey, ...(failure.params ? { params: failure.params } : {}) };
  return failure.issues?.find((i) => approvable.has(i.messageKey)) ?? null;
}

/** The inspection a device starts with: 異常なし where the area inspects (the clerk changes it), else 未検査. */
export function defaultInspection(rule: Area['devicesIn']): InspectionResult {
  return rule === 'inspect' ? 'passed' : 'notInspected';
}

/** HH:MM of an instant in the organisation's zone (never the terminal's). */
export function clockTime(instant: string, timeZone: string): string {
  const p = zonedParts(Date.parse(instant), timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Today's HH:MM typed in the exit field → the instant, today in the organisation's zone. */
export function instantAt(today: string, hhmm: string, timeZone: string): string | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) return null;
  return new Date(dayStartMs(today, timeZone) + (Number(m[1]) * 60 + Number(m[2])) * 60_000).toISOString();
}

// The area chosen at this door, by id only: no personal data is kept outside the encrypted database.
const areaKey = 'daicho.areas.doorAreaId';

export function rememberedAreaId(): number | null {
  try {
    const n = Number(window.localStorage.getItem(areaKey));
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function rememberAreaId(areaId: number): void {
  try {
    window.localStorage.setItem(areaKey, String(areaId));
  } catch {
    // A storage that refuses only means the door starts at the first area next time.
  }
}

/*
 * The last purposes recorded at this door, kept in memory for as long as the app runs: a purpose
 * is free text that may name people, so it never goes to the terminal's unencrypted storage. They
 * are the logged-in user's own: the next user of a shared terminal — another 課等's clerk after a
 * logout or a 「ユーザー切替」 at the lock — is offered none of them (MIC §9).
 */
const purposes: string[] = [];
let purposesOf: number | null = null;

export function recentPurposes(userId: number): readonly string[] {
  return userId === purposesOf ? purposes : [];
}

export function rememberPurpose(userId: number, purpose: string): void {
  if (userId !== purposesOf) {
    purposes.length = 0;
    purposesOf = userId;
  }
  const text = purpose.trim();
  if (text === '') return;
  const at = purposes.indexOf(text);
  if (at >= 0) purposes.splice(at, 1);
  purposes.unshift(text);
  purposes.length = Math.min(purposes.length, 10);
}

/** Enter that confirms an IME conversion belongs to the IME, never to the form. */
export function isPlainEnter(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && !e.nativeEvent.isComposing && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
}

export function isSubmitChord(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && !e.nativeEvent.isComposing && (e.ctrlKey || e.metaKey);
}

/** Enter in a field goes on to the next field of the form (the escort, when not needed, is passed over: data-enter-skip). */
export function focusNextField(form: HTMLElement, from: HTMLElement): void {
  const fields = Array.from(form.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select')).filter(
    (el) => !el.closest('[data-enter-skip]') && !el.matches(':disabled'),
  );
  fields[fields.indexOf(from) + 1]?.focus();
}
