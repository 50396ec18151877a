import { z } from 'zod';
import type { ChannelSpec } from './channels';
import { draftFormIds, draftLimits } from './draftForms';
import { id, instant } from './fields';
import { containsMyNumber } from './myNumber';

/**
 * Drafts: a form's unsaved input, held by main while the form is open and written into the
 * encrypted database when the session locks (issue #7). The renderer is untrusted: the form
 * id comes from a fixed list, every value is bounded, and the whole draft has a size limit.
 */
export * from './draftForms';

// C0/C1 control characters other than tab and newline (as in fields.ts) and lone surrogates.
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const draftText = (max: number) =>
  z
    .string('validation.invalidType')
    .max(max, 'validation.tooLong')
    .refine((s) => !controlChars.test(s) && s.isWellFormed(), 'validation.controlChars');

// A field's name is code, never typed text: one carrying a 個人番号 would reach the draft, and
// (dropped for its value) the access log's list of fields left out.
const fieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'validation.invalidOption')
  .refine((s) => !containsMyNumber(s), 'validation.myNumber');
const scalar = z.union([draftText(draftLimits.textLength), z.boolean(), z.number().finite(), z.null()], 'validation.invalidType');

const draftValue = z.union(
  [
    scalar,
    z.array(draftText(draftLimits.itemLength), 'validation.invalidType').max(draftLimits.listItems, 'validation.tooMany'),
    // A field made of parts (保存期限: a date, 永年 or a number of years), one level deep.
    z.record(fieldName, scalar, 'validation.invalidType').refine((v) => Object.keys(v).length <= draftLimits.parts, 'validation.tooMany'),
  ],
  'validation.invalidType',
);

/** A form's fields by name: plain values, a list of texts, or one level of named parts. */
export const draftValuesSchema = z
  .record(fieldName, draftValue, 'validation.invalidType')
  .refine((v) => Object.keys(v).length <= draftLimits.fields, 'validation.tooMany')
  .refine((v) => JSON.stringify(v).length <= draftLimits.totalLength, 'validation.tooLong');

export const draftFormIdSchema = z.enum(draftFormIds, 'validation.invalidOption');

/** What the offer after an unlock or login may say: which form, never its contents. */
export const pendingDraftSchema = z.strictObject({
  formId: draftFormIdSchema,
  recordId: z.int().nullable(),
  keptAt: instant,
  droppedFields: z.array(z.string()),
});

export const restoredDraftSchema = pendingDraftSchema.extend({
  recordVersion: z.int().nullable(),
  values: z.record(z.string(), z.unknown()),
});

export type PendingDraft = z.output<typeof pendingDraftSchema>;
export type RestoredDraft = z.output<typeof restoredDraftSchema>;

const formOnly = z.strictObject({ formId: draftFormIdSchema });

export const draftChannels = {
  /** The open form's input, held in main's memory (not the disk) until the lock writes it. */
  'drafts.keep': {
    input: z.strictObject({
      formId: draftFormIdSchema,
      recordId: id.nullable().default(null),
      // Kept with the draft at the lock: a number the renderer writes passes the 個人番号 guard (issue #9 item 2).
      recordVersion: z
        .int('validation.invalidType')
        .positive('validation.invalidType')
        .refine((n) => !containsMyNumber(String(n)), 'validation.myNumber')
        .nullable()
        .default(null),
      values: draftValuesSchema,
    }),
    // The fields not held because they carried a 個人番号 (the form says so at once).
    output: z.strictObject({ droppedFields: z.array(z.string()) }),
    access: 'session',
  },
  /** The form was saved or closed: nothing to keep. */
  'drafts.clear': { input: formOnly, output: z.strictObject({}), access: 'session' },
  /** The session user's kept draft, if any (newest first): only which form, for the offer. */
  'drafts.pending': { input: z.strictObject({}), output: pendingDraftSchema.nullable(), access: 'session' },
  /** 復元する: the draft's values, once (it is deleted in the same transaction). */
  'drafts.take': { input: formOnly, output: restoredDraftSchema.nullable(), access: 'session' },
  /** 破棄する: deleted unseen, once. */
  'drafts.discard': { input: formOnly, output: z.strictObject({ discarded: z.boolean() }), access: 'session' },
} as const satisfies Record<string, ChannelSpec>;
