import { z } from 'zod';
import { id, reason } from './fields';
import type { ChannelSpec } from './channels';
import { exportResult, printResult, printTarget } from './ledgerChannels';
import { disposalFiltersSchema } from './disposal';
import { disposalSortKeys, disposalStatuses } from './disposalValues';
import { containsBidiControl } from './bidi';

/**
 * The 廃棄・消去証明書 (issue #11 item 5), checking a paper certificate against the ledger (item 6),
 * and the 廃棄記録簿 (item 7: print and CSV through the bulk-export guard, MIC §22).
 */
const bookOutput = {
  filters: disposalFiltersSchema,
  sort: z.enum(disposalSortKeys, 'validation.invalidOption').default('performedOn'),
  direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'),
  reason: reason.optional(),
};

/**
 * A verification code as typed or read by a barcode reader: any width or case, hyphens or spaces
 * between groups (db/features/disposal/verificationCode.ts reads it). Only length and control
 * characters are refused here; what it says is main's to tell.
 */
const typedCode = z
  .string('validation.invalidType')
  .min(1, 'validation.required')
  .max(100, 'validation.tooLong')
  .refine((s) => !/[\u0000-\u001F\u007F]/.test(s) && !containsBidiControl(s), 'validation.controlChars');

/**
 * What checking a code found: valid (an approved record, unchanged), amended (valid, but a
 * correction superseded it: which one), altered (the record no longer matches what was certified),
 * otherOrganization (well-formed, made by another installation's key), malformed (not a code:
 * a typo or made up), notFound / forged (our organisation's form, but no record gives this code).
 */
export const codeOutcomes = ['valid', 'amended', 'altered', 'otherOrganization', 'malformed', 'notFound', 'forged'] as const;

export const codeCheckSchema = z.strictObject({
  outcome: z.enum(codeOutcomes),
  // The code as read (normalised), for the screen to repeat.
  code: z.string(),
  disposalId: z.int().nullable(),
  certificateNo: z.string().nullable(),
  status: z.enum(disposalStatuses).nullable(),
  approvedAt: z.string().nullable(),
  // A record of a 課等 the reader may not see (MIC §9): the outcome is told, the record not opened.
  hidden: z.boolean(),
  amendedBy: z.strictObject({ id: z.int(), certificateNo: z.string(), approvedAt: z.string() }).nullable(),
});

export const disposalOutputChannels = {
  // 証明書番号 and printing are the manager's (domain.md Roles: print certificates). The first print is the original; later ones say 再発行 and the day.
  'disposal.printCertificate': {
    input: z.strictObject({ disposalId: id, target: printTarget }),
    output: printResult.extend({ reissue: z.boolean() }),
    access: 'disposal.print',
  },
  'disposal.verifyCode': {
    input: z.strictObject({ code: typedCode }),
    output: codeCheckSchema,
    access: 'disposal.read',
    readAudit: 'disposal.verifyCode',
  },
  'disposal.exportCsv': { input: z.strictObject(bookOutput), output: exportResult, access: 'disposal.read', reauth: true },
  'disposal.printBook': { input: z.strictObject({ ...bookOutput, target: printTarget }), output: printResult, access: 'disposal.read', reauth: true },
} as const satisfies Record<string, ChannelSpec>;

export type CodeCheck = z.output<typeof codeCheckSchema>;
export type CodeOutcome = (typeof codeOutcomes)[number];
