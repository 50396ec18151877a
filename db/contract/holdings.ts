import { z } from 'zod';
import { filterText, id, keysetPage, localDate, optionalText, pageCursorSchema, pageInfoShape, reason, recordNumber, requiredText, retention } from './fields';
import type { ChannelSpec } from './channels';
import { exportResult, importChannelSpecs, importPreviewSchema, importRowErrorSchema, printResult, printTarget } from './ledgerChannels';
import { containsMyNumber } from './myNumber';
import {
  holdingCategories,
  holdingHistoryActions,
  holdingMedia,
  holdingSortKeys,
  holdingStatuses,
  importableFields,
  suggestionReasons,
  usageKinds,
} from './holdingValues';

/**
 * 保有個人情報等台帳 (MIC §14, METI §16, §38): fields as in domain.md §1. Lists (記録項目,
 * アクセス権を有する者 …) are arrays of short texts; every text passes the 個人番号 guard.
 */
export * from './holdingValues';

const textList = (maxItems: number, maxLength = 100) =>
  z.array(requiredText(maxLength), 'validation.invalidType').max(maxItems, 'validation.tooMany').default([]);

/** The fields a clerk fills in. Department, status, category and review are set by actions. */
export const holdingFieldsSchema = z.strictObject({
  // Left blank on create or import, main assigns the next 年度-連番 (R8-0012) in the same transaction.
  ledgerNo: recordNumber(30, false),
  name: requiredText(200),
  departmentId: id,
  owner: optionalText(100),
  handlers: textList(50),
  purpose: requiredText(2000),
  recordItems: textList(100),
  recordScope: optionalText(500),
  collectionMethod: optionalText(500),
  // 本人の数: an approximate figure is allowed (e.g. 約3,000人).
  subjectCount: z.int('validation.wholeNumber').min(0, 'validation.tooSmall').max(1_000_000_000, 'validation.tooLarge').nullable().default(null),
  subjectCountApproximate: z.boolean().default(false),
  containsSensitive: z.boolean().default(false),
  // Whether the file holds 個人番号 — never the number itself (番号法 guideline).
  containsMyNumber: z.boolean().default(false),
  medium: z.enum(holdingMedia, 'validation.invalidOption'),
  storageLocation: optionalText(200),
  storageMethod: optionalText(500),
  authorizedPersons: textList(100),
  recipients: textList(50, 200),
  contractors: textList(50, 200),
  foreignHandling: optionalText(1000),
  useUntil: localDate.nullable().default(null),
  // 保存期限: a date, 永年 ('permanent') or a period ('P5Y'), db/contract/retention.ts.
  retention: retention.nullable().default(null),
  disposalMethod: optionalText(500),
  // 備考: what the other columns do not hold (Excel ledgers' 備考・摘要 column).
  remarks: optionalText(1000),
});

/** An edit keeps a 管理番号: blanking it is refused, as a clerk would expect of a filed number. */
const holdingEditSchema = holdingFieldsSchema.extend({ ledgerNo: recordNumber(30, true) });

export const holdingSummarySchema = z.strictObject({
  id: z.int(),
  ledgerNo: z.string(),
  name: z.string(),
  departmentId: z.int(),
  departmentName: z.string(),
  category: z.enum(holdingCategories).nullable(),
  suggestedCategory: z.enum(holdingCategories),
  status: z.enum(holdingStatuses),
  containsSensitive: z.boolean(),
  containsMyNumber: z.boolean(),
  subjectCount: z.int().nullable(),
  subjectCountApproximate: z.boolean(),
  medium: z.enum(holdingMedia),
  lastReviewedAt: z.string().nullable(),
  reviewDue: z.boolean(),
  updatedAt: z.string(),
});

/**
 * The fields as stored, for outputs: each one's type, not the rules an input must pass. A row
 * saved before a rule came (a date of year 0000, a bidi control pasted in, a 個人番号 spelling
 * the guard learnt later) is still shown — to be corrected on its next save — and never turns
 * a read into INTERNAL at the output check.
 */
const storedList = z.array(z.string());
const holdingStoredFields = {
  ledgerNo: z.string(),
  name: z.string(),
  departmentId: z.int(),
  owner: z.string(),
  handlers: storedList,
  purpose: z.string(),
  recordItems: storedList,
  recordScope: z.string(),
  collectionMethod: z.string(),
  subjectCount: z.int().nullable(),
  subjectCountApproximate: z.boolean(),
  containsSensitive: z.boolean(),
  containsMyNumber: z.boolean(),
  medium: z.enum(holdingMedia),
  storageLocation: z.string(),
  storageMethod: z.string(),
  authorizedPersons: storedList,
  recipients: storedList,
  contractors: storedList,
  foreignHandling: z.string(),
  useUntil: z.string().nullable(),
  retention: z.string().nullable(),
  disposalMethod: z.string(),
  remarks: z.string(),
} satisfies { [K in keyof HoldingFields]-?: z.ZodType };

export const holdingSchema = z.strictObject({
  ...holdingStoredFields,
  id: z.int(),
  departmentName: z.string(),
  status: z.enum(holdingStatuses),
  category: z.enum(holdingCategories).nullable(),
  categoryReason: z.string(),
  categoryDecidedBy: z.string().nullable(),
  categoryDecidedAt: z.string().nullable(),
  suggestedCategory: z.enum(holdingCategories),
  suggestionReasons: z.array(z.enum(suggestionReasons)),
  version: z.int(),
  verifiedVersion: z.int().nullable(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  lastEditedBy: z.string(),
  lastReviewedAt: z.string().nullable(),
  reviewDue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const holdingHistoryEntrySchema = z.strictObject({
  id: z.int(),
  version: z.int(),
  at: z.string(),
  userName: z.string(),
  action: z.enum(holdingHistoryActions),
  // Only the fields that changed, before and after; both empty for verify/review.
  changes: z.array(z.strictObject({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  note: z.string(),
});

export const usageEntrySchema = z.strictObject({
  id: z.int(),
  holdingId: z.int(),
  kind: z.enum(usageKinds),
  usedOn: z.string(),
  personName: z.string(),
  purpose: z.string(),
  count: z.int().nullable(),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const holdingFiltersSchema = z.strictObject({
  departmentId: id.optional(),
  category: z.enum([...holdingCategories, 'undecided'], 'validation.invalidOption').optional(),
  status: z.enum(holdingStatuses, 'validation.invalidOption').optional(),
  containsMyNumber: z.boolean().optional(),
  containsSensitive: z.boolean().optional(),
  reviewDue: z.boolean().optional(),
  // Held (要照合 or 照合済): not retired or disposed.
  held: z.boolean().optional(),
  // Drafts the caller may verify (did not author since the last 照合, MIC §28), those whose
  // 照合 was requested of the caller, and those the caller authored: the home cards' lists.
  verifiableByMe: z.boolean().optional(),
  requestedOfMe: z.boolean().optional(),
  authoredByMe: z.boolean().optional(),
  // Japanese substring search over name, purpose and record items (「住民」 finds 「住民基本台帳」).
  text: filterText(100),
});

const listInput = holdingFiltersSchema.extend({
  sort: z.enum(holdingSortKeys, 'validation.invalidOption').default('ledgerNo'),
  direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'),
  ...keysetPage(200),
});

export { importPreviewSchema, importRowErrorSchema };

const holdingImport = importChannelSpecs(importableFields, 'holdings.write');
// The version a form loaded, sent back: a number the renderer writes, guarded like any other.
const versionSent = z.int().refine((n) => !containsMyNumber(String(n)), 'validation.myNumber');

export const holdingChannels = {
  'holdings.list': {
    input: listInput,
    output: z.strictObject({ rows: z.array(holdingSummarySchema), ...pageInfoShape }),
    access: 'holdings.read',
    readAudit: 'holdings.list',
  },
  'holdings.get': {
    input: z.strictObject({ holdingId: id }),
    output: z.strictObject({
      holding: holdingSchema,
      /** The caller entered or changed it since its last 照合, so may not verify it. */
      authoredByYou: z.boolean(),
      /** The open 照合依頼: whom the author asked, by whom, when (db/ledger/verificationRequests.ts). */
      verificationRequest: z.strictObject({ requestedOfUserId: z.int(), requestedOf: z.string(), requestedBy: z.string(), requestedAt: z.string() }).nullable(),
      history: z.array(holdingHistoryEntrySchema),
      // The usage log's first page (50 newest), its total and the cursor to the next page.
      usage: z.array(usageEntrySchema),
      usageTotal: z.int(),
      usageNextCursor: pageCursorSchema.nullable(),
    }),
    access: 'holdings.read',
    readAudit: 'holdings.view',
    readAuditTarget: { type: 'holding', idField: 'holdingId' },
  },
  'holdings.create': { input: holdingFieldsSchema, output: holdingSchema, access: 'holdings.write' },
  /** The 管理番号 a blank one would get if saved now (the form's hint); nothing is taken. */
  'holdings.nextLedgerNo': { input: z.strictObject({}), output: z.strictObject({ ledgerNo: z.string() }), access: 'holdings.write' },
  'holdings.update': {
    // The version the form was loaded at: a save over someone else's newer edit is refused.
    input: z.strictObject({ holdingId: id, version: versionSent, fields: holdingEditSchema }),
    output: holdingSchema,
    access: 'holdings.write',
  },
  'holdings.verify': { input: z.strictObject({ holdingId: id, version: versionSent }), output: holdingSchema, access: 'holdings.verify' },
  /** 照合依頼 (MIC §28): the author names who should verify the draft; main checks that they may. */
  'holdings.requestVerification': { input: z.strictObject({ holdingId: id, verifierUserId: id }), output: holdingSchema, access: 'holdings.write' },
  /**
   * Who may be asked: colleagues in force who may verify this draft. Not an audited read: it
   * names colleagues and their verifying role, none of the ledger's content.
   */
  'holdings.verifierCandidates': {
    input: z.strictObject({ holdingId: id }),
    output: z.array(z.strictObject({ userId: z.int(), displayName: z.string() })),
    access: 'holdings.write',
  },
  'holdings.decideCategory': {
    input: z.strictObject({ holdingId: id, category: z.enum(holdingCategories, 'validation.invalidOption'), reason: requiredText(500) }),
    output: holdingSchema,
    access: 'holdings.categorize',
  },
  'holdings.markReviewed': { input: z.strictObject({ holdingId: id }), output: holdingSchema, access: 'holdings.write' },
  'holdings.retire': { input: z.strictObject({ holdingId: id, reason }), output: holdingSchema, access: 'holdings.retire' },
  'holdings.usage.add': {
    input: z.strictObject({
      holdingId: id,
      kind: z.enum(usageKinds, 'validation.invalidOption'),
      usedOn: localDate,
      personName: requiredText(100),
      purpose: requiredText(500),
      count: z.int('validation.wholeNumber').min(0, 'validation.tooSmall').max(100_000_000, 'validation.tooLarge').nullable().default(null),
      note: optionalText(1000),
    }),
    output: usageEntrySchema,
    access: 'holdings.write',
  },
  'holdings.usage.list': {
    input: z.strictObject({ holdingId: id, ...keysetPage(200) }),
    output: z.strictObject({ rows: z.array(usageEntrySchema), ...pageInfoShape }),
    access: 'holdings.read',
    readAudit: 'holdings.usage.view',
    readAuditTarget: { type: 'holding', idField: 'holdingId' },
  },
  'holdings.exportCsv': {
    input: z.strictObject({
      filters: holdingFiltersSchema,
      sort: z.enum(holdingSortKeys, 'validation.invalidOption').default('ledgerNo'),
      direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'),
      reason: reason.optional(),
    }),
    output: exportResult,
    access: 'holdings.read',
    // Every export and list print takes records out in bulk: the password again (issue #9 item 4).
    reauth: true,
  },
  // Import (ledgerChannels.ts): the rows come in as drafts, for another person to verify.
  'holdings.import.open': holdingImport.open,
  'holdings.import.check': holdingImport.check,
  'holdings.import.commit': holdingImport.commit,
  'holdings.printList': {
    input: z.strictObject({
      filters: holdingFiltersSchema,
      sort: z.enum(holdingSortKeys, 'validation.invalidOption').default('ledgerNo'),
      direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'),
      target: printTarget,
      reason: reason.optional(),
    }),
    output: printResult,
    access: 'holdings.read',
    reauth: true,
  },
  'holdings.printSheet': { input: z.strictObject({ holdingId: id, target: printTarget }), output: printResult, access: 'holdings.read' },
} as const satisfies Record<string, ChannelSpec>;

export type HoldingFields = z.output<typeof holdingFieldsSchema>;
export type HoldingSummary = z.output<typeof holdingSummarySchema>;
export type Holding = z.output<typeof holdingSchema>;
export type HoldingHistoryEntry = z.output<typeof holdingHistoryEntrySchema>;
export type UsageEntry = z.output<typeof usageEntrySchema>;
export type HoldingFilters = z.output<typeof holdingFiltersSchema>;
export type ImportRowError = z.output<typeof importRowErrorSchema>;
