import { z } from 'zod';
import { id, reason } from './fields';
import type { ChannelSpec } from './channels';
import { exportResult, printResult, printTarget } from './ledgerChannels';
import { disposalFiltersSchema } from './disposal';
import { disposalSortKeys, disposalStatuses } from './disposalValues';
import { containsBidiControl } from './bidi';
import { containsMyNumber } from './myNumber';

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

/** A code as printed (TTTT-R8-0001-MMMM-MMMM-MMMM-MMMM-CC) once width, case and separators are folded. */
const codeShape = /^([0-9A-Z]{4})-R\d{1,3}-\d{4,6}((?:-[0-9A-Z]{4}){4}-[0-9A-Z]{2})$/;

/**
 * The typed text holds a 個人番号 (the checking is an audited read: its input is logged, 番号法).
 * A code's 証明書番号 is left out of the check (R8-0001 beside a group of digits is not one); its
 * other groups are checked, so a 個人番号 written into a code's shape is still refused.
 */
function myNumberInCode(text: string): boolean {
  const folded = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .split(/[\s\-‐‑‒–—―−ー－_\u00AD]+/u)
    .filter((g) => g.length > 0)
    .join('-');
  const shaped = codeShape.exec(folded);
  return containsMyNumber(shaped ? `${shaped[1]}${shaped[2]}` : text);
}

/**
 * A verification code as typed or read by a barcode reader: any width or case, hyphens or spaces
 * between groups (db/features/disposal/verificationCode.ts reads it). Length, control characters
 * and a 個人番号 are refused here; what the code says is main's to tell.
 */
const typedCode = z
  .string('validation.invalidType')
  .min(1, 'validation.required')
  .max(100, 'validation.tooLong')
  .refine((s) => !/[\u0000-\u001F\u007F]/.test(s) && !containsBidiControl(s), 'validation.controlChars')
  .refine((s) => !myNumberInCode(s), 'validation.myNumber');

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
