import { z } from 'zod';
import { filterText, foldNumberText, id, instant, keysetPage, localDate, loginId, optionalText, pageInfoShape, password, reason, requiredText } from './fields';
import type { ChannelSpec } from './channels';
import { historyEntryShape, personRefSchema, versionSent } from './areas';
import { inspectionResults, personKinds, visitCloseKinds, visitExceptions, visitHistoryActions, visitSortKeys, visitStatuses } from './areaValues';

/**
 * 入退室記録 (issue #12 items 3–5; MIC §35): one row per visit, checked in and out at the door.
 * The rules at the door are main's (db/features/areas/): a person without a valid authorization
 * for the area, or a device into an area that prohibits it, is refused — or let in as an exception
 * when a manager of the area's 課等 types their login and password there (MIC §12-2: not the clerk
 * at the door, not the visitor); an outsider without an escort where the area requires one is
 * refused outright. Exceptions stand out in the book and on the dashboard until a manager confirms them.
 */

/**
 * A device as typed or scanned at the door: a registered medium's 管理番号 (a barcode reader types
 * it; main looks it up in any width or case) or a description (「私物ノートPC」), with the inspection.
 */
export const deviceEntrySchema = z.strictObject({
  label: requiredText(100),
  inspection: z.enum(inspectionResults, 'validation.invalidOption'),
});

export const deviceViewSchema = z.strictObject({
  // The registered medium the label named, if any (媒体管理台帳).
  mediumId: z.int().nullable(),
  label: z.string(),
  inspection: z.enum(inspectionResults),
  // At check-out: the approved 持出し that covers a registered medium leaving (null: none — an exception).
  takeoutId: z.int().nullable(),
});

/** A manager's approval typed at the door for an exception (MIC §12-2 二人以上での確認). */
export const exceptionApprovalSchema = z.strictObject({
  loginId,
  password,
  note: requiredText(500),
});

export const checkInSchema = z.strictObject({
  areaId: id,
  person: personRefSchema,
  purpose: requiredText(500),
  // 立会者: a staff account in force, not the visitor. Required for an outsider where the area says so.
  escortUserId: id.nullable().default(null),
  // 入館証番号 as typed or scanned (width and dashes folded as a 管理番号 is).
  badgeNo: optionalText(30).transform((s) => foldNumberText(s)),
  devicesIn: z.array(deviceEntrySchema, 'validation.invalidType').max(20, 'validation.tooLarge').default([]),
  // A visit written down late: not in the future, not before the day before (checked in main). Default now.
  enteredAt: instant.optional(),
  exceptionApproval: exceptionApprovalSchema.optional(),
  remarks: optionalText(1000),
});

export const checkOutSchema = z.strictObject({
  visitId: id,
  version: versionSent,
  devicesOut: z.array(deviceEntrySchema, 'validation.invalidType').max(20, 'validation.tooLarge').default([]),
  // Required when a badge was lent (checked in main); false is recorded as an exception.
  badgeReturned: z.boolean('validation.invalidType').nullable().default(null),
  // Not before entry, not in the future (checked in main). Default now.
  exitedAt: instant.optional(),
  remarks: optionalText(1000),
});

export const visitSchema = z.strictObject({
  id: z.int(),
  areaId: z.int(),
  areaName: z.string(),
  departmentId: z.int(),
  departmentName: z.string(),
  personId: z.int(),
  personKind: z.enum(personKinds),
  personName: z.string(),
  affiliation: z.string(),
  authorizationId: z.int().nullable(),
  permitNo: z.string().nullable(),
  purpose: z.string(),
  escortUserId: z.int().nullable(),
  escortName: z.string(),
  badgeNo: z.string(),
  badgeReturned: z.boolean().nullable(),
  enteredAt: z.string(),
  enteredOn: z.string(),
  exitedAt: z.string().nullable(),
  status: z.enum(visitStatuses),
  closeKind: z.enum(visitCloseKinds).nullable(),
  closeReason: z.string(),
  devicesIn: z.array(deviceViewSchema),
  devicesOut: z.array(deviceViewSchema),
  exceptions: z.array(z.enum(visitExceptions)),
  exceptionApprovedByName: z.string().nullable(),
  exceptionNote: z.string(),
  exceptionConfirmedByName: z.string().nullable(),
  exceptionConfirmedAt: z.string().nullable(),
  exceptionConfirmNote: z.string(),
  remarks: z.string(),
  recordedByName: z.string(),
  closedByName: z.string().nullable(),
  version: z.int(),
  updatedAt: z.string(),
});

export const visitFiltersSchema = z.strictObject({
  areaId: id.optional(),
  departmentId: id.optional(),
  personId: id.optional(),
  status: z.enum(visitStatuses, 'validation.invalidOption').optional(),
  // 入室日 from … to … (the organisation's calendar), inclusive.
  from: localDate.optional(),
  to: localDate.optional(),
  outsidersOnly: z.boolean().optional(),
  exceptionsOnly: z.boolean().optional(),
  // Exceptions no manager has confirmed yet (the home card's link).
  unconfirmedOnly: z.boolean().optional(),
  // Open visits entered before today in the organisation's calendar (the home card's link).
  openBeforeToday: z.boolean().optional(),
});

const visitStep = z.strictObject({ visitId: id, version: versionSent });

export const areaVisitChannels = {
  'areas.visits.checkIn': { input: checkInSchema, output: visitSchema, access: 'areas.log' },
  'areas.visits.checkOut': { input: checkOutSchema, output: visitSchema, access: 'areas.log' },
  // 在室者: the open visits of an area (or of every area in the reader's scope), oldest entry first.
  'areas.visits.inside': {
    input: z.strictObject({ areaId: id.optional() }),
    output: z.strictObject({ rows: z.array(visitSchema), total: z.int() }),
    access: 'areas.read',
    readAudit: 'areas.visit.inside',
  },
  // 終業時の一括退室: the chosen open visits of an area closed now, with a reason (an exception each).
  'areas.visits.closeDay': {
    input: z.strictObject({ areaId: id, visitIds: z.array(id, 'validation.invalidType').min(1, 'areas.errors.noVisits').max(1000, 'validation.tooLarge'), reason }),
    output: z.strictObject({ closed: z.int() }),
    access: 'areas.log',
  },
  // A manager's 確認 of a visit's exceptions (not the clerk who recorded it, not the visitor).
  'areas.visits.confirmException': {
    input: visitStep.extend({ note: optionalText(500) }),
    output: visitSchema,
    access: 'areas.grant',
  },
  'areas.visits.list': {
    input: visitFiltersSchema.extend({
      sort: z.enum(visitSortKeys, 'validation.invalidOption').default('enteredAt'),
      direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('desc'),
      ...keysetPage(200),
    }),
    output: z.strictObject({ rows: z.array(visitSchema), ...pageInfoShape }),
    access: 'areas.read',
    readAudit: 'areas.visit.list',
  },
  'areas.visits.get': {
    input: z.strictObject({ visitId: id }),
    output: z.strictObject({ visit: visitSchema, history: z.array(z.strictObject({ ...historyEntryShape, action: z.enum(visitHistoryActions) })) }),
    access: 'areas.read',
    readAudit: 'areas.visit.view',
    readAuditTarget: { type: 'area_visit', idField: 'visitId' },
  },
  /**
   * What a label typed at the door is: a registered medium (its 管理番号, 種別 and status, and whether
   * an approved 持出し lets it leave) or nothing (a description). The form says it before 退室.
   */
  'areas.visits.lookupDevice': {
    input: z.strictObject({ label: filterText(100) }),
    output: z
      .strictObject({ mediumId: z.int(), mediaNo: z.string(), mediumType: z.string(), status: z.string(), takeoutApproved: z.boolean(), hidden: z.boolean() })
      .nullable(),
    access: 'areas.log',
  },
} as const satisfies Record<string, ChannelSpec>;

export type DeviceEntry = z.output<typeof deviceEntrySchema>;
export type DeviceView = z.output<typeof deviceViewSchema>;
export type ExceptionApproval = z.output<typeof exceptionApprovalSchema>;
export type CheckIn = z.output<typeof checkInSchema>;
export type CheckInInput = z.input<typeof checkInSchema>;
export type CheckOut = z.output<typeof checkOutSchema>;
export type Visit = z.output<typeof visitSchema>;
export type VisitFilters = z.output<typeof visitFiltersSchema>;
