import { z } from 'zod';
import { id } from './fields';
import type { ChannelSpec } from './channels';
import { labelLayouts, labelSlots, maxLabelMedia, numberingPrefixPattern } from './mediaLabelValues';
import { containsMyNumber } from './myNumber';
import { mediaTypes } from './mediaValues';

/**
 * 管理番号 numbering rules and printed labels of the 媒体管理台帳 (issue #10 item 2; domain.md §2;
 * seed 004 case 6-2: 簿冊 with no register and no spine numbers).
 *
 * Who (db/contract/permissions.ts): a rule is how a 課等 numbers what it keeps, the manager's
 * decision as every other rule of media custody (MIC §10: 保護管理者) — `media.approve`, for
 * their own 課等; the chief (organisation-wide) for every 課等. Anyone who reads the register
 * reads the rules. Labels are printed by whoever registers media and puts the stickers on
 * (`media.master`, 保護担当者 and above), for the media they may see (MIC §9).
 */
export * from './mediaLabelValues';

export const numberingRuleSchema = z.strictObject({
  id: z.int(),
  departmentId: z.int(),
  departmentName: z.string(),
  type: z.enum(mediaTypes),
  prefix: z.string(),
  digits: z.int(),
  // The number the next medium registered under this rule would get (another save may take it first).
  upcoming: z.string(),
  updatedAt: z.string(),
});

export const numberingRuleInput = z.strictObject({
  departmentId: id,
  type: z.enum(mediaTypes, 'validation.invalidOption'),
  // ASCII letters, digits and hyphens: a USB barcode reader types ASCII, and a Code128 bar is
  // printed only for an ASCII number. A 管理番号 typed by hand may still be anything.
  // In capitals: the 管理番号 field and the 点検's scan read 「r8-0001」 as the 年度-連番 R8-0001
  // (fields.ts recordNumber), so a lower-case prefix would give numbers that an unchanged save
  // renames and a scan does not find; a number is unique in any case anyway (numbering.ts).
  prefix: z
    .string({ error: 'validation.invalidType' })
    .trim()
    .min(1, 'validation.required')
    .max(16, 'validation.tooLong')
    .regex(numberingPrefixPattern, 'validation.numberingPrefixAscii')
    // 「123456789018-」 is a 個人番号 kept in the rule and its event, and in every number it would
    // give, each of which numbering.ts passes over: it would never find one to give.
    .refine((s) => !containsMyNumber(s), 'validation.myNumber')
    .transform((s) => s.toUpperCase()),
  digits: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(8, 'validation.tooLarge'),
});

const mediumIds = z.array(id, 'validation.invalidType').min(1, 'validation.required').max(maxLabelMedia, 'validation.tooLarge');
const target = z.enum(['printer', 'pdf'], 'validation.invalidOption');

/** A label sheet: which media, on which sheet, from which position (a half-used sheet is used up first). */
export const labelPrintInput = z
  .strictObject({
    mediumIds,
    layout: z.enum(labelLayouts, 'validation.invalidOption'),
    // 1-based: positions before it stay blank (they were peeled off an earlier print).
    startPosition: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(24, 'validation.tooLarge'),
    target,
  })
  .refine((input) => input.startPosition <= labelSlots[input.layout], { path: ['startPosition'], message: 'validation.tooLarge' });

/** 背表紙ラベル of 簿冊 (paper media): tall strips, one per file. */
export const spineLabelPrintInput = z
  .strictObject({
    mediumIds,
    startPosition: z.int('validation.invalidType').min(1, 'validation.tooSmall').max(24, 'validation.tooLarge'),
    target,
  })
  .refine((input) => input.startPosition <= labelSlots.spine, { path: ['startPosition'], message: 'validation.tooLarge' });

export const mediaLabelChannels = {
  'media.numbering.list': { input: z.strictObject({}), output: z.array(numberingRuleSchema), access: 'media.read' },
  'media.numbering.set': { input: numberingRuleInput, output: numberingRuleSchema, access: 'media.approve' },
  /** The form's hint: what an empty 管理番号 would become now; null when no rule covers the 課等 and 種別. */
  'media.numbering.next': {
    input: z.strictObject({ departmentId: id, type: z.enum(mediaTypes, 'validation.invalidOption') }),
    output: z.strictObject({ mediaNo: z.string().nullable() }),
    access: 'media.master',
  },
  'media.printLabels': { input: labelPrintInput, output: z.strictObject({ savedTo: z.string().nullable() }), access: 'media.master' },
  'media.printSpineLabels': { input: spineLabelPrintInput, output: z.strictObject({ savedTo: z.string().nullable() }), access: 'media.master' },
} as const satisfies Record<string, ChannelSpec>;

export type NumberingRule = z.output<typeof numberingRuleSchema>;
