import { z } from 'zod';
import { filterText, id, keysetPage, localDate, optionalText, pageInfoShape, reason, recordNumber, requiredText } from './fields';
import type { ChannelSpec } from './channels';
import { containsMyNumber } from './myNumber';
import {
  areaHistoryActions, areaKinds, authorizationHistoryActions, authorizationKinds, authorizationSortKeys,
  authorizationStates, authorizationStatuses, deviceRules, personKinds,
} from './areaValues';

/**
 * 取扱区域・管理区域 (issue #12; MIC §19, §35; domain.md §4): the areas, the people met at the
 * door, and who may enter (入室許可). Who does what (domain.md Roles): areas.read reads the 課等's
 * areas, authorizations and books; areas.log (clerks and above) records visits at the door and
 * remembers outsiders; areas.grant (the 課等's 保護管理者, the chief) defines areas (MIC §19) and
 * grants authorizations — never to themselves (MIC §12-2). The visits: areaVisits.ts; books: areaOutput.ts.
 */
export * from './areaValues';

// The version a form loaded, sent back: a number the renderer writes, guarded like any other.
export const versionSent = z.int().refine((n) => !containsMyNumber(String(n)), 'validation.myNumber');

// ── 区域 ──────────────────────────────────────────────────────────────────────────────
export const areaFieldsSchema = z.strictObject({
  departmentId: id,
  // Unique in the organisation once width, spaces and invisible characters are folded (checked in main).
  name: requiredText(100),
  kind: z.enum(areaKinds, 'validation.invalidOption'),
  location: optionalText(200),
  escortRequired: z.boolean('validation.invalidType'),
  devicesIn: z.enum(deviceRules, 'validation.invalidOption'),
  devicesOut: z.enum(deviceRules, 'validation.invalidOption'),
  remarks: optionalText(2000),
});

export const areaSchema = z.strictObject({
  id: z.int(),
  departmentId: z.int(),
  departmentName: z.string(),
  name: z.string(),
  kind: z.enum(areaKinds),
  location: z.string(),
  escortRequired: z.boolean(),
  devicesIn: z.enum(deviceRules),
  devicesOut: z.enum(deviceRules),
  remarks: z.string(),
  active: z.boolean(),
  // Open visits now (在室者数).
  insideCount: z.int(),
  version: z.int(),
  lastEditedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const historyEntryShape = {
  id: z.int(),
  version: z.int(),
  at: z.string(),
  userName: z.string(),
  changes: z.array(z.strictObject({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  note: z.string(),
};

// ── 入退室者 ──────────────────────────────────────────────────────────────────────────
/** よみ: カタカナ or ひらがな (folded to カタカナ in main), spaces and 長音 allowed. */
const kana = optionalText(100).refine((s) => /^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s　]*$/u.test(s.normalize('NFKC')), 'areas.errors.kanaOnly');

/** An outsider typed at the door or by a manager: 所属 is required (MIC §35 identification of outsiders). */
export const outsiderFieldsSchema = z.strictObject({
  name: requiredText(100),
  kana,
  affiliation: requiredText(200),
});

/**
 * Who a check-in or an authorization is for: a person already known, a staff member from the
 * user list (their person row is made on first use), or a new outsider (remembered for next time).
 */
export const personRefSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('known'), personId: id }),
    z.strictObject({ kind: z.literal('staff'), userId: id }),
    z.strictObject({ kind: z.literal('new'), outsider: outsiderFieldsSchema }),
  ],
  'validation.invalidOption',
);

export const personSchema = z.strictObject({
  id: z.int(),
  kind: z.enum(personKinds),
  userId: z.int().nullable(),
  name: z.string(),
  kana: z.string(),
  affiliation: z.string(),
  active: z.boolean(),
  lastVisitAt: z.string().nullable(),
  version: z.int(),
});

/**
 * A hit of the search as you type. Staff members without a person row yet come with personId null
 * and their userId. For the area asked about: the authorization that lets them in today (or why
 * not) and whether they are inside now, so the door form says it before the clerk presses 入室.
 */
export const personHitSchema = z.strictObject({
  personId: z.int().nullable(),
  userId: z.int().nullable(),
  kind: z.enum(personKinds),
  name: z.string(),
  kana: z.string(),
  affiliation: z.string(),
  authorization: z
    .strictObject({
      id: z.int(),
      permitNo: z.string(),
      kind: z.enum(authorizationKinds),
      // A permit not yet in force on the day (from validFrom) has its state of that period but does not open the door yet.
      validFrom: z.string(),
      validUntil: z.string(),
      state: z.enum(authorizationStates),
    })
    .nullable(),
  inside: z.boolean(),
});

// ── 入室許可 ──────────────────────────────────────────────────────────────────────────
export const authorizationFieldsSchema = z.strictObject({
  departmentId: id,
  person: personRefSchema,
  kind: z.enum(authorizationKinds, 'validation.invalidOption'),
  // Required for an outsider (checked in main: a staff member's 課等 is their affiliation).
  affiliation: optionalText(200),
  // Areas of the authorization's 課等, active (checked in main).
  areaIds: z.array(id, 'validation.invalidType').min(1, 'areas.errors.noAreas').max(100, 'validation.tooLarge'),
  purpose: optionalText(500),
  validFrom: localDate,
  // Default in the form: 31 March of the fiscal year in the organisation's zone; not before validFrom.
  validUntil: localDate,
  // Blank: 年度-連番 from the kit (R8-0001).
  permitNo: recordNumber(30, false),
  remarks: optionalText(2000),
});

export const authorizationSchema = z.strictObject({
  id: z.int(),
  permitNo: z.string(),
  departmentId: z.int(),
  departmentName: z.string(),
  personId: z.int(),
  personKind: z.enum(personKinds),
  personName: z.string(),
  personKana: z.string(),
  kind: z.enum(authorizationKinds),
  affiliation: z.string(),
  areas: z.array(z.strictObject({ id: z.int(), name: z.string() })),
  purpose: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(authorizationStatuses),
  // Today in the organisation's zone: valid / expiring (within authorizationExpiringDays) / expired / revoked.
  state: z.enum(authorizationStates),
  grantedByName: z.string(),
  grantedAt: z.string(),
  revokedByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string(),
  remarks: z.string(),
  version: z.int(),
  lastEditedBy: z.string(),
  updatedAt: z.string(),
});

export const authorizationFiltersSchema = z.strictObject({
  departmentId: id.optional(),
  areaId: id.optional(),
  personId: id.optional(),
  kind: z.enum(authorizationKinds, 'validation.invalidOption').optional(),
  // 有効 / まもなく期限 / 期限切れ / 取消し, today in the organisation's zone (the home cards link here).
  state: z.enum(authorizationStates, 'validation.invalidOption').optional(),
  // 期限切れ on or after this day (the home card 期限が切れた入室許可: the last 30 days, still not revoked).
  expiredSince: localDate.optional(),
  // 氏名・よみ・所属・許可番号 as typed.
  text: filterText(100),
});

const areaStep = z.strictObject({ areaId: id, version: versionSent });
const authorizationStep = z.strictObject({ authorizationId: id, version: versionSent });

export const areaChannels = {
  // Every area of the reader's scope (a few dozen): no paging.
  'areas.list': {
    input: z.strictObject({ departmentId: id.optional(), includeRetired: z.boolean().default(false) }),
    output: z.array(areaSchema),
    access: 'areas.read',
  },
  'areas.get': {
    input: z.strictObject({ areaId: id }),
    output: z.strictObject({ area: areaSchema, history: z.array(z.strictObject({ ...historyEntryShape, action: z.enum(areaHistoryActions) })) }),
    access: 'areas.read',
  },
  'areas.create': { input: areaFieldsSchema, output: areaSchema, access: 'areas.grant' },
  'areas.update': { input: areaStep.extend({ fields: areaFieldsSchema }), output: areaSchema, access: 'areas.grant' },
  // 廃止: no new authorization or visit names it; refused while someone is inside.
  'areas.retire': { input: areaStep.extend({ reason }), output: areaSchema, access: 'areas.grant' },
  'areas.reactivate': { input: areaStep, output: areaSchema, access: 'areas.grant' },

  /**
   * Search as you type (the door form, the authorization form): name, よみ (ひらがな or カタカナ,
   * any width) or 所属, in part. Staff from the user list in force and remembered outsiders; recent
   * visitors first. With areaId, each hit says its authorization for that area today and whether
   * they are inside. Not an audited read: names and affiliations only (each visit logs its person).
   */
  'areas.people.search': {
    input: z.strictObject({
      text: filterText(50),
      kind: z.enum(personKinds, 'validation.invalidOption').optional(),
      areaId: id.optional(),
      limit: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(50, 'validation.tooLarge').default(20),
    }),
    output: z.array(personHitSchema),
    access: 'areas.read',
  },
  // Remember an outsider before a visit (a manager preparing a permit), or a staff member's よみ.
  'areas.people.create': { input: outsiderFieldsSchema, output: personSchema, access: 'areas.log' },
  'areas.people.update': {
    input: z.strictObject({ personId: id, version: versionSent, fields: outsiderFieldsSchema }),
    output: personSchema,
    access: 'areas.log',
  },

  'areas.authorizations.list': {
    input: authorizationFiltersSchema.extend({
      sort: z.enum(authorizationSortKeys, 'validation.invalidOption').default('validUntil'),
      direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'),
      ...keysetPage(200),
    }),
    output: z.strictObject({ rows: z.array(authorizationSchema), ...pageInfoShape }),
    access: 'areas.read',
    readAudit: 'areas.authorization.list',
  },
  'areas.authorizations.get': {
    input: z.strictObject({ authorizationId: id }),
    output: z.strictObject({
      authorization: authorizationSchema,
      history: z.array(z.strictObject({ ...historyEntryShape, action: z.enum(authorizationHistoryActions) })),
    }),
    access: 'areas.read',
    readAudit: 'areas.authorization.view',
    readAuditTarget: { type: 'area_authorization', idField: 'authorizationId' },
  },
  // Granted by a manager of the 課等 (or the chief) who is not the person authorized (MIC §12-2).
  'areas.authorizations.create': { input: authorizationFieldsSchema, output: authorizationSchema, access: 'areas.grant' },
  'areas.authorizations.update': {
    input: authorizationStep.extend({ fields: authorizationFieldsSchema.omit({ person: true, departmentId: true }) }),
    output: authorizationSchema,
    access: 'areas.grant',
  },
  // 取消し (a person moved or a contract ended: seed 004 case 4): from now on refused at the door.
  'areas.authorizations.revoke': { input: authorizationStep.extend({ reason }), output: authorizationSchema, access: 'areas.grant' },
} as const satisfies Record<string, ChannelSpec>;

export type AreaFields = z.output<typeof areaFieldsSchema>;
export type Area = z.output<typeof areaSchema>;
export type OutsiderFields = z.output<typeof outsiderFieldsSchema>;
export type PersonRef = z.output<typeof personRefSchema>;
export type Person = z.output<typeof personSchema>;
export type PersonHit = z.output<typeof personHitSchema>;
export type AuthorizationFields = z.output<typeof authorizationFieldsSchema>;
export type AuthorizationFieldsInput = z.input<typeof authorizationFieldsSchema>;
export type Authorization = z.output<typeof authorizationSchema>;
export type AuthorizationFilters = z.output<typeof authorizationFiltersSchema>;
