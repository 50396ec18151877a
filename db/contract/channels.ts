import { z } from 'zod';
import { filterText, id, instant, localDate, loginId, optionalText, page, password, reason, requiredText } from './fields';
import { backupChannels } from './backup';
import { draftChannels } from './drafts';
import { holdingChannels } from './holdings';
import { homeChannels } from './home';
import { mediaChannels } from './media';
import { mediaLabelChannels } from './mediaLabels';
import { mediaTakeoutChannels } from './mediaTakeouts';
import { mediaOutputChannels } from './mediaOutput';
import { mediaInventoryChannels } from './mediaInventory';
import { disposalChannels } from './disposal';
import { disposalAttachmentChannels } from './disposalAttachments';
import { disposalOutputChannels } from './disposalOutput';
import { areaLedgerChannels } from './areaChannels';
import { canonicalTimeZone, isTimeZone } from './timeZone';
import { permissions, roles, type Permission } from './permissions';

/**
 * The IPC contract: every channel the renderer may call, with its input and output
 * schemas and who may call it. Main (router), preload (allow-list) and renderer (typed
 * client) all derive from this table, so drift is a compile error.
 *
 * access:
 *   'public'  — no session needed (first-run setup, login, app status)
 *   'locked'  — a session that may be locked (unlock, logout)
 *   'session' — an unlocked session, any role
 *   Permission — an unlocked session whose role has that permission
 * reauth: the user must have re-entered their password within the last few minutes. Where the
 *   need depends on the input and the stored state (settings that loosen a guard), the service
 *   calls the same check itself (`requireFreshReauth`, db/core/sessions.ts) before it writes.
 * readAudit: reading this channel is itself recorded in the access log (MIC §21).
 */
export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: 'public' | 'locked' | 'session' | Permission;
  reauth?: boolean;
  readAudit?: string;
  /** The record an audited read is about: its access-log event names it as its target. */
  readAuditTarget?: { type: string; idField: string };
}

const empty = z.strictObject({});
const ok = z.strictObject({});

export const roleSchema = z.enum(roles, 'validation.invalidOption');
export const dateDisplaySchema = z.enum(['gregorian', 'wareki'], 'validation.invalidOption');
export const localeSchema = z.enum(['ja', 'en'], 'validation.invalidOption');
/** The organisation's IANA time zone: it decides every business date (screens, print, CSV, filters, fiscal years). */
export const timeZoneSchema = z
  .string({ error: 'validation.invalidOption' })
  .max(64, 'validation.invalidOption')
  .refine((zone) => isTimeZone(zone), 'validation.invalidOption')
  .transform((zone) => canonicalTimeZone(zone));

export const passwordPolicySchema = z.strictObject({
  minLength: z.int('validation.invalidType').min(8, 'validation.tooSmall').max(64, 'validation.tooLarge'),
  // How many of: lower case, upper case, digits, symbols (non-ASCII letters count as symbols).
  minClasses: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(4, 'validation.tooLarge'),
});

export const sessionInfoSchema = z.strictObject({
  userId: z.int(),
  loginId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentId: z.int(),
  departmentName: z.string(),
  organizationName: z.string(),
  permissions: z.array(z.enum(permissions)),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  // A recovery key was issued and not yet acknowledged as printed and stored: the renderer
  // shows it again (after a lock, say). It lives only in main's memory, never on disk.
  recoveryKeyPending: z.boolean(),
  idleLockMinutes: z.int(),
  dateDisplay: dateDisplaySchema,
  timeZone: z.string(),
  // Shown wherever a new password is typed, so all its rules are known before the first try.
  passwordPolicy: passwordPolicySchema,
});

export const userSummarySchema = z.strictObject({
  id: z.int(),
  loginId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentId: z.int(),
  departmentName: z.string(),
  isMyNumberHandler: z.boolean(),
  validUntil: z.string().nullable(),
  active: z.boolean(),
  deactivatedAt: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export const accountReviewRowSchema = userSummarySchema.extend({
  // Findings for the periodic account review (seed 004 case 4: a transferred employee kept access).
  flags: z.array(z.enum(['expired', 'expiringSoon', 'neverUsed', 'dormant', 'inactive', 'sameName'])),
});

export const departmentSchema = z.strictObject({ id: z.int(), name: z.string(), active: z.boolean() });

export const settingsSchema = z.strictObject({
  organizationName: z.string(),
  idleLockMinutes: z.int(),
  bulkExportThreshold: z.int(),
  dateDisplay: dateDisplaySchema,
  timeZone: z.string(),
  passwordPolicy: passwordPolicySchema,
  /** The home card warns when the last verified backup is older than this (issue #8). */
  backupWarnAfterDays: z.int(),
  /** 媒体の点検間隔: a medium in storage not seen by an inventory for longer is on the home card (issue #10 item 4, MIC §42). */
  mediaInventoryIntervalDays: z.int(),
});

const auditWordSchema = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), fallback: z.string().optional() }),
  z.strictObject({ date: z.string() }),
  z.strictObject({ instant: z.string() }),
]);
const auditPhraseSchema = z.strictObject({ label: auditWordSchema.optional(), value: z.array(auditWordSchema), before: z.array(auditWordSchema).optional() });

export const auditEventSchema = z.strictObject({
  seq: z.int(),
  at: z.string(),
  actorUserId: z.int().nullable(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
  // 詳細 in words and the target's 管理番号 and name, described in main for this reader
  // (db/core/auditWords.ts): what the reader may not see is left out of both, and of detail.
  target: z.strictObject({ number: z.string().nullable(), name: z.string().nullable() }).nullable(),
  words: z.array(auditPhraseSchema),
});

/** One check of the database file, in words the screen translates (db/core/integrity.ts). */
export const integrityCheckSchema = z.strictObject({
  check: z.enum(['cipher_integrity_check', 'integrity_check']),
  ok: z.boolean(),
  problems: z.int(),
  // The first few: a page whose HMAC fails, a message of SQLite's, or the check stopped by an unreadable page.
  findings: z.array(z.strictObject({ kind: z.enum(['hmac', 'sqlite', 'aborted']), page: z.int().nullable(), text: z.string() })),
});

/**
 * What 改ざん検査 found beyond the chain's own hashes (db/core/auditFindings.ts): a head pinned
 * outside the log (a review, a backup, the anchor file) that the log no longer has, or a ledger
 * row or history row no access-log event accounts for. Words on screen: tamperFindings.<kind>.
 */
export const verificationFindingSchema = z.strictObject({
  kind: z.enum([
    'pinMissing', 'pinMismatch', 'anchorMissing', 'anchorInvalid', 'baselineRepeated',
    'rowChanged', 'rowUnrecorded', 'rowDeleted', 'historyChanged', 'historyUnrecorded', 'historyDeleted', 'otherDepartments',
  ]),
  // Numbers and names the words need; `source` (review, backup, anchor) and `ledger` (an i18n key) are translated on screen.
  params: z.record(z.string(), z.union([z.string(), z.int()])),
  // The label keys of the fields found to differ (rowChanged).
  fieldKeys: z.array(z.string()),
});

export const chainVerificationSchema = z.strictObject({
  ok: z.boolean(),
  checked: z.int(),
  headSeq: z.int(),
  headHash: z.string(),
  // The first event whose hash no longer matches its content and its predecessor's hash,
  // or the first sequence number missing, or the first that cannot be read (a damaged page).
  firstBroken: z.strictObject({ seq: z.int(), reason: z.enum(['hash', 'gap', 'unreadable']) }).nullable(),
  // 改ざん検査 of the file itself (issue #9, 7): every page's HMAC, then SQLite's integrity_check.
  integrity: z.array(integrityCheckSchema).optional(),
  // Pinned heads and ledger rows checked against the log (issue #9, 5); none is ok only with no finding.
  findings: z.array(verificationFindingSchema).optional(),
});

export const auditReviewSchema = z.strictObject({
  id: z.int(),
  reviewerUserId: z.int(),
  reviewerName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  reviewedThroughSeq: z.int(),
  headHash: z.string(),
  chainOk: z.boolean(),
  findings: z.string(),
  createdAt: z.string(),
});

const auditFilters = {
  from: localDate.optional(),
  to: localDate.optional(),
  actorUserId: id.optional(),
  action: filterText(100),
  targetType: filterText(100),
  // Only events that change data (db/contract/auditActions.ts: kind 'change').
  changesOnly: z.boolean().optional(),
};

const newUserFields = {
  loginId,
  displayName: requiredText(100),
  role: roleSchema,
  departmentId: id,
  isMyNumberHandler: z.boolean().default(false),
  validUntil: localDate.nullable().default(null),
};

/** Where a print job goes: the OS print dialog, or a PDF file the user picks. */
export const printTargetSchema = z.enum(['printer', 'pdf'], 'validation.invalidOption');
const printResult = z.strictObject({ savedTo: z.string().nullable() });

export const channels = {
  // ── App and first run ──────────────────────────────────────────────────────────────
  'app.status': {
    input: empty,
    output: z.strictObject({
      setUp: z.boolean(),
      version: z.string(),
      session: sessionInfoSchema.nullable(),
      // Before setup only: a setup cut short was cleared, or a database without its keyring was found (SECURITY.md, Setup).
      setupNotice: z.enum(['halfMadeCleared', 'databaseWithoutKeyring']).optional(),
    }),
    access: 'public',
  },
  'setup.initialize': {
    input: z.strictObject({
      organizationName: requiredText(100),
      departmentName: requiredText(100),
      chief: z.strictObject({ loginId, displayName: requiredText(100), password }),
      passwordPolicy: passwordPolicySchema,
    }),
    // The recovery key is shown once, here; it is printed before setup is acknowledged.
    output: z.strictObject({ recoveryKey: z.string(), session: sessionInfoSchema }),
    access: 'public',
  },
  'setup.acknowledgeRecoveryKey': { input: empty, output: ok, access: 'keys.manage' },
  /** The pending recovery key again, for the user who was shown it (after an unlock). */
  'keys.pendingRecoveryKey': { input: empty, output: z.strictObject({ recoveryKey: z.string() }), access: 'keys.manage' },

  // ── Sessions (MIC §9, §20, §33) ──────────────────────────────────────────────────────
  'auth.login': { input: z.strictObject({ loginId, password }), output: sessionInfoSchema, access: 'public' },
  'auth.recover': {
    input: z.strictObject({ recoveryKey: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'), loginId, newPassword: password }),
    output: sessionInfoSchema,
    access: 'public',
  },
  'auth.logout': { input: empty, output: ok, access: 'locked' },
  'auth.reauthenticate': { input: z.strictObject({ password }), output: z.strictObject({ validUntil: instant }), access: 'session' },
  'auth.changePassword': { input: z.strictObject({ currentPassword: password, newPassword: password }), output: ok, access: 'session' },
  'session.current': { input: empty, output: sessionInfoSchema.nullable(), access: 'public' },
  'session.activity': { input: empty, output: ok, access: 'session' },
  'session.lock': { input: empty, output: ok, access: 'session' },
  'session.unlock': { input: z.strictObject({ password }), output: sessionInfoSchema, access: 'locked' },

  // ── Keys (docs/SECURITY.md) ──────────────────────────────────────────────────────────
  'keys.regenerateRecoveryKey': { input: empty, output: z.strictObject({ recoveryKey: z.string() }), access: 'keys.manage', reauth: true },
  'print.recoverySheet': { input: z.strictObject({ target: printTargetSchema }), output: printResult, access: 'keys.manage' },

  // ── Users and departments ────────────────────────────────────────────────────────────
  'users.list': {
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(userSummarySchema),
    access: 'users.view',
    readAudit: 'users.view',
  },
  'users.create': {
    input: z.strictObject({ ...newUserFields, initialPassword: password }),
    output: userSummarySchema,
    access: 'users.manage',
    reauth: true,
  },
  'users.update': {
    input: z.strictObject({
      userId: id,
      displayName: requiredText(100).optional(),
      role: roleSchema.optional(),
      departmentId: id.optional(),
      isMyNumberHandler: z.boolean().optional(),
      validUntil: localDate.nullable().optional(),
    }),
    output: userSummarySchema,
    access: 'users.manage',
    reauth: true,
  },
  'users.resetPassword': { input: z.strictObject({ userId: id, newPassword: password }), output: ok, access: 'users.manage', reauth: true },
  'users.deactivate': { input: z.strictObject({ userId: id, reason }), output: userSummarySchema, access: 'users.manage', reauth: true },
  'users.accountReview': {
    input: empty,
    output: z.array(accountReviewRowSchema),
    access: 'users.view',
    readAudit: 'users.accountReview',
  },
  'departments.list': { input: z.strictObject({ includeInactive: z.boolean().default(false) }), output: z.array(departmentSchema), access: 'session' },
  'departments.create': { input: z.strictObject({ name: requiredText(100) }), output: departmentSchema, access: 'departments.manage' },
  'departments.update': {
    input: z.strictObject({ departmentId: id, name: requiredText(100).optional(), active: z.boolean().optional() }),
    output: departmentSchema,
    access: 'departments.manage',
  },

  // ── Settings ─────────────────────────────────────────────────────────────────────────
  'settings.get': { input: empty, output: settingsSchema, access: 'session' },
  'settings.update': {
    input: z.strictObject({
      organizationName: requiredText(100).optional(),
      idleLockMinutes: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(60, 'validation.tooLarge').optional(),
      bulkExportThreshold: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(100_000, 'validation.tooLarge').optional(),
      dateDisplay: dateDisplaySchema.optional(),
      timeZone: timeZoneSchema.optional(),
      passwordPolicy: passwordPolicySchema.optional(),
      backupWarnAfterDays: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(365, 'validation.tooLarge').optional(),
      // At least yearly (MIC §42 点検 定期的に; seed 003 §41 毎年): a longer interval is not offered.
      mediaInventoryIntervalDays: z.int('validation.invalidType').min(7, 'validation.tooSmall').max(365, 'validation.tooLarge').optional(),
      // Required when the change loosens a guard (settingsPolicy.ts), which also needs re-authentication:
      // both are checked by the service, since whether a change loosens depends on the settings it replaces.
      reason: reason.optional(),
    }),
    output: settingsSchema,
    access: 'settings.manage',
  },

  // ── Access log (アクセス記録, MIC §21) ────────────────────────────────────────────────
  'audit.query': {
    input: z.strictObject({ ...auditFilters, ...page(200) }),
    output: z.strictObject({ rows: z.array(auditEventSchema), total: z.int() }),
    access: 'audit.view',
    readAudit: 'audit.view',
  },
  'audit.verify': { input: empty, output: chainVerificationSchema, access: 'audit.view' },
  'audit.reviews.list': { input: empty, output: z.array(auditReviewSchema), access: 'audit.view' },
  'audit.reviews.create': {
    input: z.strictObject({ periodFrom: localDate, periodTo: localDate, findings: optionalText(4000) }).refine(
      (r) => r.periodFrom <= r.periodTo,
      { message: 'validation.dateRangeOrder', path: ['periodTo'] },
    ),
    output: auditReviewSchema,
    access: 'audit.review',
  },
  'audit.exportCsv': {
    input: z.strictObject({ ...auditFilters, reason: reason.optional() }),
    output: z.strictObject({ savedTo: z.string().nullable(), rowCount: z.int() }),
    access: 'audit.view',
    reauth: true,
  },

  // ── Drafts: unsaved input kept across the idle lock (db/contract/drafts.ts) ─────────
  ...draftChannels,

  // ── 保有個人情報等台帳 (db/contract/holdings.ts) ───────────────────────────────────────
  ...holdingChannels,

  // ── 媒体管理台帳 (db/contract/media.ts) ─────────────────────────────────────────────
  ...mediaChannels,
  ...mediaTakeoutChannels,
  ...mediaOutputChannels,
  ...mediaLabelChannels,
  ...mediaInventoryChannels,

  // ── 廃棄・消去記録 (db/contract/disposal.ts) ─────────────────────────────────────────
  ...disposalChannels,
  ...disposalAttachmentChannels,
  ...disposalOutputChannels,

  // ── 取扱区域・入退室管理簿 (db/contract/areas.ts) ─────────────────────────────────────
  ...areaLedgerChannels,

  // ── 今日の確認事項 (db/contract/home.ts) ──────────────────────────────────────────────
  ...homeChannels,

  // ── バックアップ (db/contract/backup.ts) ──────────────────────────────────────────────
  ...backupChannels,
} as const satisfies Record<string, ChannelSpec>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** The input as a handler receives it: parsed, defaults filled in. */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export const channelNames = Object.keys(channels) as ChannelName[];

export type SessionInfo = z.output<typeof sessionInfoSchema>;
export type UserSummary = z.output<typeof userSummarySchema>;
export type AccountReviewRow = z.output<typeof accountReviewRowSchema>;
export type Department = z.output<typeof departmentSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type PasswordPolicy = z.output<typeof passwordPolicySchema>;
export type AuditEvent = z.output<typeof auditEventSchema>;
export type ChainVerification = z.output<typeof chainVerificationSchema>;
export type IntegrityCheck = z.output<typeof integrityCheckSchema>;
export type VerificationFinding = z.output<typeof verificationFindingSchema>;
export type AuditReview = z.output<typeof auditReviewSchema>;
