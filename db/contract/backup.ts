import { z } from 'zod';
import { id, optionalText } from './fields';
import { containsMyNumber } from './myNumber';
import type { ChannelSpec } from './channels';

/**
 * Encrypted backup to removable media (issue #8): export, verify, restore, and the backup
 * register. The file format is docs/SECURITY.md "Backup files"; the engine is db/core/backup/.
 * Main picks every path through the OS dialog: the renderer never names a file.
 */

/** A backup passphrase as typed (not a login password: it opens the backup on any PC). */
export const backupPassphrase = z
  .string({ error: 'validation.required' })
  .min(12, 'validation.tooShort')
  .max(256, 'validation.tooLong')
  .refine(strongEnough, 'validation.passphraseWeak');

/**
 * Twelve characters that count: spaces, zero-width and other invisible characters and
 * combining marks do not (NFKC first, so full-width letters are their plain selves), and
 * they may not be one or two characters repeated (「ああああああああああああ」).
 */
function strongEnough(passphrase: string): boolean {
  const visible = [...passphrase.normalize('NFKC').replace(/[\p{Z}\p{Cc}\p{Cf}\p{M}\s]/gu, '')];
  return visible.length >= 12 && new Set(visible).size >= 5;
}

/** What opens a backup: its passphrase, or the organisation's recovery key (回復キー) at backup time. */
export const backupSecretSchema = z
  .strictObject({
    passphrase: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(256, 'validation.tooLong').optional(),
    recoveryKey: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(200, 'validation.tooLong').optional(),
  })
  .refine((s) => (s.passphrase === undefined) !== (s.recoveryKey === undefined), { message: 'validation.required', path: ['passphrase'] });

export const backupSummarySchema = z.strictObject({
  formatVersion: z.int(),
  appVersion: z.string(),
  schemaVersion: z.int(),
  organizationName: z.string(),
  databaseId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Rows per table (every table of the database, the access log included). */
  counts: z.record(z.string(), z.int()),
  auditHead: z.strictObject({ seq: z.int(), hash: z.string() }),
});

export const backupMessageSchema = z.strictObject({
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const backupCheckIds = ['passphrase', 'authenticity', 'payloadHash', 'integrity', 'schemaVersion', 'counts', 'auditChain', 'auditHead'] as const;
export type BackupCheckId = (typeof backupCheckIds)[number];

export const backupCheckSchema = z.strictObject({
  id: z.enum(backupCheckIds),
  ok: z.boolean(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const backupVerifyReportSchema = z.strictObject({
  ok: z.boolean(),
  fileName: z.string(),
  bytes: z.int(),
  checks: z.array(backupCheckSchema),
  manifest: backupSummarySchema.nullable(),
});

/** One table's rows in the backup and in the current data (null: no current data, or no such table). */
export const backupTableDifferenceSchema = z.strictObject({ table: z.string(), backup: z.int().nullable(), current: z.int().nullable() });

export const restorePreviewSchema = z.strictObject({
  restoreId: z.string(),
  fileName: z.string(),
  backup: backupSummarySchema,
  /** The live data, summarised the same way; null on a fresh install. */
  current: backupSummarySchema.nullable(),
  differences: z.strictObject({
    /** The backup was made before the current data's last access-log event (work since then is lost). */
    backupIsOlder: z.boolean(),
    /** Access-log events the current data has beyond the backup's head (0 when the backup is newer or unrelated). */
    eventsSinceBackup: z.int(),
    /** The backup's log head is an event of the current log (same history up to the backup). */
    sameHistory: z.boolean(),
    tables: z.array(backupTableDifferenceSchema),
  }),
  /** Things the clerk should read before confirming (older backup, migration ahead …). */
  warnings: z.array(backupMessageSchema),
});

export const backupRegisterRowSchema = z.strictObject({
  id: z.int(),
  at: z.string(),
  actorName: z.string(),
  operation: z.enum(['export', 'verify', 'restore']),
  fileName: z.string(),
  bytes: z.int().nullable(),
  sha256: z.string().nullable(),
  mediumLabel: z.string(),
  mediumLocation: z.string(),
  result: z.enum(['ok', 'failed']),
  /** Why it failed (an errors.* key), null when it succeeded. */
  messageKey: z.string().nullable(),
});

export const backupStatusSchema = z.strictObject({
  lastExportAt: z.string().nullable(),
  lastVerifiedAt: z.string().nullable(),
  /** The home card warns when the last verified backup is older than this (days). */
  warnAfterDays: z.int(),
});

// An id main issued; like every text the renderer sends, it passes the 個人番号 guard (issue #9 item 2).
const restoreCommitInput = z.strictObject({
  restoreId: z.string().min(1, 'validation.required').max(100, 'validation.tooLong').refine((s) => !containsMyNumber(s), 'validation.myNumber'),
});

export const backupChannels = {
  'backup.export': {
    input: z
      .strictObject({
        passphrase: backupPassphrase,
        passphraseConfirm: z.string({ error: 'validation.required' }).max(256, 'validation.tooLong'),
        keepGenerations: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(20, 'validation.tooLarge').default(5),
        mediumLabel: optionalText(100),
        mediumLocation: optionalText(200),
        // A registered backup medium of the 媒体管理台帳 (issue #10 item 6): main fills the label and place from it.
        mediumId: id.optional(),
      })
      .refine((r) => r.passphrase === r.passphraseConfirm, { message: 'validation.passphraseMismatch', path: ['passphraseConfirm'] }),
    output: z.strictObject({
      fileName: z.string(),
      bytes: z.int(),
      sha256: z.string(),
      /** Older generations removed from the folder (file names). */
      removed: z.array(z.string()),
      warnings: z.array(backupMessageSchema),
    }),
    access: 'backup.manage',
    reauth: true,
  },
  'backup.verify': { input: backupSecretSchema, output: backupVerifyReportSchema, access: 'backup.manage' },
  'backup.restore.open': { input: backupSecretSchema, output: restorePreviewSchema, access: 'backup.manage', reauth: true },
  /** Ends the session (`session.ended`, reason 'restored'): users log in with their passwords as at backup time. */
  'backup.restore.commit': { input: restoreCommitInput, output: z.strictObject({}), access: 'backup.manage', reauth: true },
  /** A fresh install (the setup wizard's 「バックアップから復元」): only while nothing is set up. */
  'setup.restore.open': { input: backupSecretSchema, output: restorePreviewSchema, access: 'public' },
  'setup.restore.commit': { input: restoreCommitInput, output: z.strictObject({}), access: 'public' },
  /** The backup register, newest first, capped at `limit` rows. */
  'backup.register': {
    input: z.strictObject({ limit: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(500, 'validation.tooLarge').default(200) }),
    output: z.strictObject({ rows: z.array(backupRegisterRowSchema), total: z.int() }),
    access: 'backup.manage',
  },
  'backup.status': { input: z.strictObject({}), output: backupStatusSchema, access: 'session' },
} as const satisfies Record<string, ChannelSpec>;

export type BackupSummary = z.output<typeof backupSummarySchema>;
export type BackupCheck = z.output<typeof backupCheckSchema>;
export type BackupVerifyReport = z.output<typeof backupVerifyReportSchema>;
export type RestorePreview = z.output<typeof restorePreviewSchema>;
export type BackupRegisterRow = z.output<typeof backupRegisterRowSchema>;
export type BackupStatus = z.output<typeof backupStatusSchema>;
export type BackupMessage = z.output<typeof backupMessageSchema>;
