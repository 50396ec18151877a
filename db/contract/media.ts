import { z } from 'zod';
import { filterText, id, keysetPage, localDate, optionalText, pageInfoShape, reason, recordNumber, requiredText } from './fields';
import type { ChannelSpec } from './channels';
import { containsMyNumber } from './myNumber';
import { holdingStatuses } from './holdingValues';
import { takeoutSchema } from './mediaTakeouts';
import { mediaEncryptions, mediaHistoryActions, mediaSortKeys, mediaStatuses, mediaTypes } from './mediaValues';

/**
 * 媒体管理台帳 (MIC §10, §12, §34, §42; METI §19–§20): fields as in domain.md §2. The register
 * itself (issue #10 item 1); take-out, inventory, labels and output have their own contract files
 * (mediaTakeouts.ts, mediaInventory.ts, mediaLabels.ts, mediaOutput.ts).
 * Who may do what (domain.md "Roles"): everyone with media.read sees their 課等's register;
 * the 保護担当者 and above maintain it (media.master); retiring a medium is the manager's
 * (media.approve, as every other end-of-life decision on media: MIC §10).
 */
export * from './mediaValues';

export const mediumFieldsSchema = z.strictObject({
  // 管理番号 on the medium's sticker. Required on edit; left empty on registering, main assigns it by
  // the 課等's numbering rule for the 種別 (mediumCreateSchema, db/features/media/numbering.ts).
  mediaNo: recordNumber(30, true),
  type: z.enum(mediaTypes, 'validation.invalidOption'),
  makeModel: optionalText(200),
  serialNo: optionalText(100),
  capacity: optionalText(50),
  encrypted: z.enum(mediaEncryptions, 'validation.invalidOption'),
  departmentId: id,
  custodian: optionalText(100),
  storageLocationId: id.nullable().default(null),
  isBackupMedium: z.boolean().default(false),
  // Left empty, main records today (the organisation's calendar).
  registeredAt: localDate.nullable().default(null),
  remarks: optionalText(1000),
});

/** Registering: an empty 管理番号 is numbered by the rule of the 課等 and 種別 (issue #10 item 2). */
export const mediumCreateSchema = mediumFieldsSchema.extend({ mediaNo: recordNumber(30, false) });

/** The fields as stored (outputs): each one's type, not the rules an input must pass (as holdings). */
const mediumStoredFields = {
  mediaNo: z.string(),
  type: z.enum(mediaTypes),
  makeModel: z.string(),
  serialNo: z.string(),
  capacity: z.string(),
  encrypted: z.enum(mediaEncryptions),
  departmentId: z.int(),
  custodian: z.string(),
  storageLocationId: z.int().nullable(),
  isBackupMedium: z.boolean(),
  registeredAt: z.string(),
  remarks: z.string(),
} satisfies { [K in keyof MediumFields]-?: z.ZodType };

export const mediumSummarySchema = z.strictObject({
  id: z.int(),
  mediaNo: z.string(),
  type: z.enum(mediaTypes),
  makeModel: z.string(),
  encrypted: z.enum(mediaEncryptions),
  departmentId: z.int(),
  departmentName: z.string(),
  custodian: z.string(),
  storageLocationId: z.int().nullable(),
  storageLocationName: z.string().nullable(),
  isBackupMedium: z.boolean(),
  // A backup medium kept in the same room as this terminal (MIC §29 分散保管; seed 004 case 7-1): a mark in the list.
  backupBesideTerminal: z.boolean(),
  status: z.enum(mediaStatuses),
  registeredAt: z.string(),
  lastSeenAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const mediumSchema = z.strictObject({
  ...mediumStoredFields,
  id: z.int(),
  departmentName: z.string(),
  storageLocationName: z.string().nullable(),
  // MIC §29: a backup medium kept in the same room as this terminal (its detail warns).
  backupBesideTerminal: z.boolean(),
  status: z.enum(mediaStatuses),
  lastSeenAt: z.string().nullable(),
  version: z.int(),
  lastEditedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const mediumHistoryEntrySchema = z.strictObject({
  id: z.int(),
  version: z.int(),
  at: z.string(),
  userName: z.string(),
  action: z.enum(mediaHistoryActions),
  changes: z.array(z.strictObject({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  note: z.string(),
});

/** A holding the medium carries (格納内容), as the reader may see it. */
export const mediumContentSchema = z.strictObject({
  holdingId: z.int(),
  ledgerNo: z.string(),
  name: z.string(),
  departmentName: z.string(),
  status: z.enum(holdingStatuses),
  linkedAt: z.string(),
});

/** A medium carrying a holding, seen from the holding (links both ways). Names no person. */
export const holdingMediumSchema = z.strictObject({
  mediumId: z.int(),
  mediaNo: z.string(),
  type: z.enum(mediaTypes),
  status: z.enum(mediaStatuses),
  departmentName: z.string(),
  storageLocationName: z.string().nullable(),
  isBackupMedium: z.boolean(),
});

export const storageLocationSchema = z.strictObject({
  id: z.int(),
  name: z.string(),
  // null: shared by the whole organisation (a 耐火金庫 for backup media kept apart, MIC §29).
  departmentId: z.int().nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
  // In the same room as this terminal (the server room): backup media kept here are flagged (MIC §29, migration 0015).
  besideTerminal: z.boolean(),
});

export const mediaFiltersSchema = z.strictObject({
  departmentId: id.optional(),
  status: z.enum(mediaStatuses, 'validation.invalidOption').optional(),
  type: z.enum(mediaTypes, 'validation.invalidOption').optional(),
  storageLocationId: id.optional(),
  isBackupMedium: z.boolean().optional(),
  // Not seen by an inventory since this day (its registration day when never seen): the home card's 点検されていない媒体 (MIC §42).
  unseenSince: localDate.optional(),
  // Backup media kept in the same room as this terminal, not retired or disposed (MIC §29; seed 004 case 7-1).
  backupBesideTerminal: z.boolean().optional(),
  // Japanese substring search over 管理番号, 型番, 製造番号, 管理者 and 備考.
  text: filterText(100),
});

const listInput = mediaFiltersSchema.extend({
  sort: z.enum(mediaSortKeys, 'validation.invalidOption').default('mediaNo'),
  direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'),
  ...keysetPage(200),
});

// The version a form loaded, sent back: a number the renderer writes, guarded like any other.
const versionSent = z.int().refine((n) => !containsMyNumber(String(n)), 'validation.myNumber');
const linkInput = z.strictObject({ mediumId: id, holdingId: id, version: versionSent });

export const mediaChannels = {
  'media.list': {
    input: listInput,
    output: z.strictObject({ rows: z.array(mediumSummarySchema), ...pageInfoShape }),
    access: 'media.read',
    readAudit: 'media.list',
  },
  'media.get': {
    input: z.strictObject({ mediumId: id }),
    output: z.strictObject({
      medium: mediumSchema,
      history: z.array(mediumHistoryEntrySchema),
      contents: z.array(mediumContentSchema),
      // Holdings on it of a 課等 the reader may not see (MIC §9): counted, never named.
      hiddenContents: z.int(),
      // 持出し of this medium, newest first (issue #10 item 3), of the reader's 課等 when scoped.
      takeouts: z.array(takeoutSchema),
      // Take-outs another 課等 made before the medium moved (MIC §9): counted, never named.
      hiddenTakeouts: z.int(),
    }),
    access: 'media.read',
    readAudit: 'media.view',
    readAuditTarget: { type: 'medium', idField: 'mediumId' },
  },
  /**
   * The media carrying a holding (its detail shows them: links both ways). Not an audited read:
   * 管理番号, type, status and place of media, no person and none of the holding's content.
   */
  'media.ofHolding': { input: z.strictObject({ holdingId: id }), output: z.array(holdingMediumSchema), access: 'media.read' },
  'media.create': { input: mediumCreateSchema, output: mediumSchema, access: 'media.master' },
  'media.update': {
    input: z.strictObject({ mediumId: id, version: versionSent, fields: mediumFieldsSchema }),
    output: mediumSchema,
    access: 'media.master',
  },
  'media.retire': { input: z.strictObject({ mediumId: id, version: versionSent, reason }), output: mediumSchema, access: 'media.approve' },
  'media.linkHolding': { input: linkInput, output: mediumSchema, access: 'media.master' },
  'media.unlinkHolding': { input: linkInput, output: mediumSchema, access: 'media.master' },
  'media.storageLocations.list': {
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(storageLocationSchema),
    access: 'media.read',
  },
  'media.storageLocations.create': {
    input: z.strictObject({ name: requiredText(100), departmentId: id.nullable(), besideTerminal: z.boolean().default(false) }),
    output: storageLocationSchema,
    access: 'media.master',
  },
  'media.storageLocations.rename': { input: z.strictObject({ locationId: id, name: requiredText(100) }), output: storageLocationSchema, access: 'media.master' },
  'media.storageLocations.deactivate': { input: z.strictObject({ locationId: id }), output: storageLocationSchema, access: 'media.master' },
  // Whether the place is in the same room as this terminal (MIC §29): a fact about the place, set by who keeps the list.
  'media.storageLocations.setBesideTerminal': { input: z.strictObject({ locationId: id, besideTerminal: z.boolean() }), output: storageLocationSchema, access: 'media.master' },
} as const satisfies Record<string, ChannelSpec>;

export type MediumFields = z.output<typeof mediumFieldsSchema>;
export type MediumSummary = z.output<typeof mediumSummarySchema>;
export type Medium = z.output<typeof mediumSchema>;
export type MediumHistoryEntry = z.output<typeof mediumHistoryEntrySchema>;
export type MediumContent = z.output<typeof mediumContentSchema>;
export type MediumOfHolding = z.output<typeof holdingMediumSchema>;
export type StorageLocation = z.output<typeof storageLocationSchema>;
export type MediaFilters = z.output<typeof mediaFiltersSchema>;
