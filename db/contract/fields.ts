import { z } from 'zod';
import { containsBidiControl } from './bidi';
import { isDateInRange } from './dateRange';
import { containsMyNumber } from './myNumber';
import { retentionProblem } from './retention';
import { foldNumberText } from './textLists';

/**
 * Building blocks for IPC input schemas. Validation messages are i18n keys
 * (`validation.*`); the router turns each zod issue into a FieldIssue with that key.
 */

// C0/C1 control characters other than tab and newline have no place in a record.
export const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function textBase(max: number, myNumberKey = 'validation.myNumber') {
  return z
    .string({ error: 'validation.invalidType' })
    .trim()
    .max(max, 'validation.tooLong')
    .refine((s) => !controlChars.test(s), 'validation.controlChars')
    // A lone surrogate would be stored as U+FFFD, no longer the text the access log hashed.
    .refine((s) => s.isWellFormed(), 'validation.controlChars')
    // Bidi overrides make a text display as another (bidi.ts): what is read must be what is stored.
    .refine((s) => !containsBidiControl(s), 'validation.bidiControl')
    .refine((s) => !containsMyNumber(s), myNumberKey);
}

/**
 * Characters that show nothing: format characters (zero-width space, joiners, word joiner, soft
 * hyphen), separators and blanks that are letters or symbols in Unicode (Hangul fillers, the
 * braille blank). `trim` keeps the first kinds, so a text of them alone would pass as filled in.
 */
const invisibleChars = /[\p{Cf}\p{Z}\s\u115F\u1160\u3164\uFFA0\u2800]/gu;

/**
 * Free text that must be filled in — with something a reader can see: a reason demanded for
 * a loosened setting or a bulk export (issue #9, 4) is no reason if it is invisible. Refuses a
 * 個人番号 anywhere in it (番号法 guideline).
 */
export function requiredText(max = 200) {
  return textBase(max).refine((s) => !isVisiblyBlank(s), 'validation.required');
}

/** Whether a text shows nothing (empty, or invisible characters only): for a note main requires only in some cases. */
export function isVisiblyBlank(s: string): boolean {
  return s.replace(invisibleChars, '').length === 0;
}

/**
 * What a user types into a search or filter box. Audited reads record their query, so it
 * passes the same guards as stored text: a 個人番号 typed as a search term is refused too,
 * in words that say it cannot be searched for.
 */
export function filterText(max = 100) {
  return textBase(max, 'validation.myNumberSearch').optional();
}

/** Free text that may be empty (stored as ""). */
export function optionalText(max = 2000) {
  return textBase(max).default('');
}

// foldNumberText lives in textLists.ts (zod-free), so the renderer folds a scanned number as main does.
export { foldNumberText };

/**
 * A record number (管理番号) as typed: 「Ｒ８－０００３」, a dash typed as 「ー」, 「r8-0003」 or
 * 「R8 - 0003」 is the number R8-0003, so it meets R8-0003's uniqueness check instead of
 * standing beside it as a look-alike.
 * Blank is allowed where main assigns the number (`required` false).
 */
export function recordNumber(max: number, required: boolean) {
  return (required ? requiredText(max) : optionalText(max)).transform((s, ctx) => {
    const folded = foldNumberText(s);
    // 「r8-0003」「R8 - 0003」 are the 年度-連番 R8-0003 main assigns (db/ledger/numbering.ts); a
    // blank braille cell U+2800 shows as a space too.
    const serial = folded.replace(/[\s\u2800]+/g, '').toUpperCase();
    const typed = /^R\d+-\d+$/.test(serial) ? serial : folded;
    // A tab or line break inside (two Excel cells pasted as one) is allowed in free text, not in a
    // number printed as a label: no Code128 bar holds it, and a reader typing it would leave the scan field.
    if (/[\t\n\r\u2028\u2029]/.test(typed)) ctx.addIssue({ code: 'custom', input: s, message: 'validation.controlChars' });
    if (typed.length > max) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, input: s, message: 'validation.tooLong' });
    return typed;
  });
}

/** Login IDs are ASCII so they can be typed on any keyboard layout at the login screen. */
export const loginId = z
  .string({ error: 'validation.invalidType' })
  .trim()
  .min(1, 'validation.required')
  .max(64, 'validation.tooLong')
  // Said alone: the character rule below would refuse it too, without saying it is invisible.
  .refine((s) => !containsBidiControl(s), { message: 'validation.bidiControl', abort: true })
  .regex(/^[A-Za-z0-9._-]+$/, 'validation.loginIdChars')
  .refine((s) => !containsMyNumber(s), 'validation.myNumber');

/** A password as typed. The policy (length, character classes) is checked by the service. */
export const password = z.string({ error: 'validation.invalidType' }).min(1, 'validation.required').max(256, 'validation.tooLong');

/** A local calendar date, YYYY-MM-DD, that exists, from 1900 to 2200 (dateRange.ts). */
export const localDate = z
  .string({ error: 'validation.invalidDate' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalidDate')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: 'validation.invalidDate', abort: true })
  .refine(isDateInRange, 'validation.dateOutOfRange');

/**
 * 保存期限: a date, 'permanent' (永年) or a period 'P5Y' (1–99 years); see retention.ts.
 * 「永遠」 or 「0年」 get a message that says which forms are meant.
 */
export const retention = z.string({ error: 'validation.invalidRetention' }).superRefine((s, ctx) => {
  const problem = retentionProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
});

/** A UTC instant as ISO-8601 (what the database stores). */
export const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'validation.invalidDate');

/**
 * Numbers an audited read records with its query (ids, page numbers, cursor keys) pass the
 * 個人番号 guard too: a 12-digit number with a valid check digit never reaches the access log.
 */
const notMyNumber = (n: number) => !containsMyNumber(String(n));

export const id = z.int('validation.invalidType').positive('validation.invalidType').refine(notMyNumber, 'validation.myNumber');

export function page(maxSize = 500) {
  return {
    page: z.int('validation.invalidType').min(1, 'validation.tooSmall').refine(notMyNumber, 'validation.myNumber').default(1),
    pageSize: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(maxSize, 'validation.tooLarge').default(50),
  };
}

/** Reason text demanded by the bulk-export guard (MIC §22) and by other sensitive actions. */
export const reason = requiredText(500);

/**
 * Keyset paging, the one way every list pages (entry logs reach 1,000,000 rows, where an
 * OFFSET would walk every skipped row). A cursor is the sort key and id of the row a page
 * continues from; `toward` says which side. 'last' asks for the final page. The key comes
 * back from the server, but a hostile renderer could send any text, and audited reads
 * record their query: it passes the same guards as stored text.
 */
export const pageCursorSchema = z.strictObject({
  key: z.union([
    z
      .string('validation.invalidType')
      // The longest sort key is a name (200 characters); a cursor is logged with every page.
      .max(500, 'validation.tooLong')
      .refine((s) => !controlChars.test(s) && s.isWellFormed(), 'validation.controlChars')
      .refine((s) => !containsBidiControl(s), 'validation.bidiControl')
      .refine((s) => !containsMyNumber(s), 'validation.myNumber'),
    z.number('validation.invalidType').refine(notMyNumber, 'validation.myNumber'),
  ]),
  id: z.int('validation.invalidType').min(0, 'validation.invalidType').refine(notMyNumber, 'validation.myNumber'),
  toward: z.enum(['next', 'previous'], 'validation.invalidOption'),
});

export function keysetPage(maxSize = 200) {
  return {
    pageSize: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(maxSize, 'validation.tooLarge').default(50),
    cursor: z.union([pageCursorSchema, z.literal('last')], 'validation.invalidOption').optional(),
  };
}

/** What a keyset page returns beside its rows: the total and the cursors to either side (null at an end). */
export const pageInfoShape = {
  total: z.int(),
  nextCursor: pageCursorSchema.nullable(),
  previousCursor: pageCursorSchema.nullable(),
};

export type PageCursor = z.output<typeof pageCursorSchema>;
