import { z } from 'zod';
import { filterText, id, keysetPage, localDate, optionalText, pageInfoShape, reason, requiredText } from './fields';
import type { ChannelSpec } from './channels';
import { containsMyNumber } from './myNumber';
import {
  disposalHistoryActions, disposalMethods, disposalPlaces, disposalResults, disposalSortKeys, disposalStatuses,
  disposalTargetKinds, nistClasses, verificationOutcomes,
} from './disposalValues';
import { attachmentSchema } from './disposalAttachments';

/**
 * 廃棄・消去記録 (issue #11; MIC §13, METI §21; domain.md §3). Who does what (domain.md Roles):
 * everyone with disposal.read reads their 課等's records; disposal.write (clerks and above)
 * records and edits drafts and asks for approval; disposal.approve (the 課等's manager, the
 * chief) approves — never the operator, a witness or the one who asked (MIC §12-2) — and a
 * correction of an approved record is a new record linked to it (amendment), never an edit.
 * Attachments: disposalAttachments.ts; certificate, verification and the 廃棄記録簿: disposalOutput.ts.
 */
export * from './disposalValues';

/** One target: a registered medium, a holding (a personal-information file), or paper documents with a quantity. */
export const disposalTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('medium'), id }),
    z.strictObject({ kind: z.literal('holding'), id }),
    z.strictObject({
      kind: z.literal('paper'),
      description: requiredText(200),
      quantity: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(1_000_000, 'validation.tooLarge'),
      // 枚 / 冊 / 箱 / 袋 …
      unit: requiredText(10),
    }),
  ],
  'validation.invalidOption',
);

export const disposalFieldsSchema = z.strictObject({
  departmentId: id,
  targets: z.array(disposalTargetSchema, 'validation.invalidType').min(1, 'disposal.errors.noTargets').max(500, 'validation.tooLarge'),
  nistClass: z.enum(nistClasses, 'validation.invalidOption'),
  method: z.enum(disposalMethods, 'validation.invalidOption'),
  methodDetail: optionalText(500),
  tool: optionalText(200),
  toolVersion: optionalText(100),
  verificationMethod: optionalText(500),
  verificationOutcome: z.enum(verificationOutcomes, 'validation.invalidOption'),
  // Not after today in the organisation's calendar: checked in main (the contract has no clock).
  performedOn: localDate,
  placeKind: z.enum(disposalPlaces, 'validation.invalidOption'),
  placeDetail: optionalText(200),
  operatorId: id,
  witnessIds: z.array(id, 'validation.invalidType').max(10, 'validation.tooLarge').default([]),
  contractorName: optionalText(200),
  contractorCertificateNo: optionalText(100),
  contractorStaff: optionalText(200),
  result: z.enum(disposalResults, 'validation.invalidOption'),
  resultNote: optionalText(2000),
  remarks: optionalText(2000),
});

/** A target as the reader may see it: a medium's 管理番号 or a holding's number and name; another 課等's is `hidden`. */
export const disposalTargetViewSchema = z.strictObject({
  kind: z.enum(disposalTargetKinds),
  id: z.int().nullable(),
  // 管理番号 of the medium or holding; the paper's description.
  label: z.string(),
  // The medium's 種別 word key or the holding's name; the paper's 「3 箱」.
  detail: z.string(),
  quantity: z.int().nullable(),
  unit: z.string(),
  // The target's status now (媒体: 保管中 / 廃棄済 …; 保有: draft … disposed), for the form's warnings.
  status: z.string().nullable(),
  hidden: z.boolean(),
});

/** What the list and the detail both say first of a record: its number, 課等, status and the record it corrects. */
const disposalHeadShape = {
  id: z.int(),
  certificateNo: z.string().nullable(),
  departmentId: z.int(),
  departmentName: z.string(),
  status: z.enum(disposalStatuses),
  amendsId: z.int().nullable(),
  amendsCertificateNo: z.string().nullable(),
};

export const disposalSummarySchema = z.strictObject({
  ...disposalHeadShape,
  nistClass: z.enum(nistClasses),
  method: z.enum(disposalMethods),
  performedOn: z.string(),
  placeKind: z.enum(disposalPlaces),
  operatorName: z.string(),
  result: z.enum(disposalResults),
  // One line naming the targets (「USB-001、USB-002、申請書 3 箱」): a list page names five and counts the rest, the 廃棄記録簿 names all.
  targetsText: z.string(),
  targetKinds: z.array(z.enum(disposalTargetKinds)),
  approvedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const disposalSchema = z.strictObject({
  ...disposalHeadShape,
  amendmentReason: z.string(),
  // The approved correction that superseded this record (status amended).
  amendedById: z.int().nullable(),
  amendedByCertificateNo: z.string().nullable(),
  targets: z.array(disposalTargetViewSchema),
  nistClass: z.enum(nistClasses),
  method: z.enum(disposalMethods),
  methodDetail: z.string(),
  tool: z.string(),
  toolVersion: z.string(),
  verificationMethod: z.string(),
  verificationOutcome: z.enum(verificationOutcomes),
  performedOn: z.string(),
  placeKind: z.enum(disposalPlaces),
  placeDetail: z.string(),
  operatorId: z.int(),
  operatorName: z.string(),
  witnesses: z.array(z.strictObject({ userId: z.int(), name: z.string() })),
  contractorName: z.string(),
  contractorCertificateNo: z.string(),
  contractorStaff: z.string(),
  result: z.enum(disposalResults),
  resultNote: z.string(),
  remarks: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  // Printed on the certificate; null until approved.
  verificationCode: z.string().nullable(),
  // How many times the certificate was printed (the next print is 再発行 when > 0).
  certificatePrints: z.int(),
  version: z.int(),
  createdByName: z.string(),
  lastEditedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const disposalHistoryEntrySchema = z.strictObject({
  id: z.int(),
  version: z.int(),
  at: z.string(),
  userName: z.string(),
  action: z.enum(disposalHistoryActions),
  changes: z.array(z.strictObject({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  note: z.string(),
});

export const disposalFiltersSchema = z.strictObject({
  departmentId: id.optional(),
  status: z.enum(disposalStatuses, 'validation.invalidOption').optional(),
  method: z.enum(disposalMethods, 'validation.invalidOption').optional(),
  targetKind: z.enum(disposalTargetKinds, 'validation.invalidOption').optional(),
  // 実施日 from … to … (the organisation's calendar), inclusive.
  performedFrom: localDate.optional(),
  performedTo: localDate.optional(),
  // 承認待ち that the reader may approve (not their own, not as operator or witness): the home card.
  awaitingMyApproval: z.boolean().optional(),
  // A medium's or a holding's disposals (their detail links here).
  mediumId: id.optional(),
  holdingId: id.optional(),
  // Japanese substring search over 証明書番号, 方法の詳細, 委託先 and its 証明書番号, 場所, paper descriptions, 備考 (a medium's or holding's records: mediumId / holdingId).
  text: filterText(100),
});

const listInput = disposalFiltersSchema.extend({
  sort: z.enum(disposalSortKeys, 'validation.invalidOption').default('performedOn'),
  direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('desc'),
  ...keysetPage(200),
});

// The version a form loaded, sent back: a number the renderer writes, guarded like any other.
const versionSent = z.int().refine((n) => !containsMyNumber(String(n)), 'validation.myNumber');
const step = z.strictObject({ disposalId: id, version: versionSent });

export const disposalChannels = {
  'disposal.list': {
    input: listInput,
    output: z.strictObject({ rows: z.array(disposalSummarySchema), ...pageInfoShape }),
    access: 'disposal.read',
    readAudit: 'disposal.list',
  },
  'disposal.get': {
    input: z.strictObject({ disposalId: id }),
    output: z.strictObject({
      disposal: disposalSchema,
      history: z.array(disposalHistoryEntrySchema),
      attachments: z.array(attachmentSchema),
      // Corrections of this record, oldest first (their numbers and states).
      amendments: z.array(z.strictObject({ id: z.int(), certificateNo: z.string().nullable(), status: z.enum(disposalStatuses) })),
    }),
    access: 'disposal.read',
    readAudit: 'disposal.view',
    readAuditTarget: { type: 'disposal', idField: 'disposalId' },
  },
  'disposal.create': { input: disposalFieldsSchema, output: disposalSchema, access: 'disposal.write' },
  'disposal.update': {
    input: z.strictObject({ disposalId: id, version: versionSent, fields: disposalFieldsSchema }),
    output: disposalSchema,
    access: 'disposal.write',
  },
  // 承認依頼: the record as it stands goes to the 課等's managers; edits wait for 差戻し.
  'disposal.request': { input: step, output: disposalSchema, access: 'disposal.write' },
  // 差戻し with a reason: back to 作成中.
  'disposal.return': { input: step.extend({ reason }), output: disposalSchema, access: 'disposal.approve' },
  // 承認: freezes the record, takes the 証明書番号, seals the verification code, and marks the media 廃棄済 and the holdings disposed.
  'disposal.approve': { input: step, output: disposalSchema, access: 'disposal.approve', reauth: true },
  'disposal.cancel': { input: step.extend({ reason }), output: disposalSchema, access: 'disposal.write' },
  // 訂正: a new draft linked to an approved record, its fields copied; approving it marks the original 訂正済.
  'disposal.amend': {
    input: z.strictObject({ disposalId: id, version: versionSent, reason: requiredText(1000) }),
    output: disposalSchema,
    access: 'disposal.write',
  },
  /**
   * What the form may pick as a target or a person: media of the 課等 in 保管中 / 所在不明 / 廃止
   * by 管理番号, holdings by number or name, and the 課等's accounts in force (実施者・立会者).
   */
  'disposal.targetCandidates': {
    input: z.strictObject({ departmentId: id, kind: z.enum(['medium', 'holding'], 'validation.invalidOption'), text: filterText(100) }),
    output: z.array(disposalTargetViewSchema),
    access: 'disposal.write',
  },
  'disposal.people': {
    input: z.strictObject({ departmentId: id }),
    output: z.array(z.strictObject({ userId: z.int(), name: z.string(), role: z.string() })),
    access: 'disposal.write',
  },
} as const satisfies Record<string, ChannelSpec>;

export type DisposalFields = z.output<typeof disposalFieldsSchema>;
export type DisposalFieldsInput = z.input<typeof disposalFieldsSchema>;
export type DisposalTarget = z.output<typeof disposalTargetSchema>;
export type DisposalTargetView = z.output<typeof disposalTargetViewSchema>;
export type Disposal = z.output<typeof disposalSchema>;
export type DisposalSummary = z.output<typeof disposalSummarySchema>;
export type DisposalHistoryEntry = z.output<typeof disposalHistoryEntrySchema>;
export type DisposalFilters = z.output<typeof disposalFiltersSchema>;
