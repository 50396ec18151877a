import { z } from 'zod';
import { filterText, foldNumberText, id, keysetPage, localDate, optionalText, pageInfoShape, reason, requiredText } from './fields';
import type { ChannelSpec } from './channels';
import { mediaTypes, takeoutSafeguards, takeoutStatuses, type TakeoutSafeguard } from './mediaValues';

/**
 * 持出し (issue #10 item 3; MIC §10, §12, §26, §34): a medium leaves only on a request
 * approved by a manager who is not the requester (media.approve; MIC §12-2 二人以上での確認),
 * and comes back checked (contents intact, temporary copies erased: MIC §26). The 持出管理簿
 * is the list of these take-outs. A requester is anyone with media.request in the medium's 課等.
 */
/** One flag per safeguard of mediaValues.ts, so the list is written once. */
function safeguardFlags<T extends z.ZodType>(flag: T) {
  return z.strictObject(Object.fromEntries(takeoutSafeguards.map((s) => [s, flag])) as Record<TakeoutSafeguard, T>);
}

export const takeoutSafeguardsSchema = safeguardFlags(z.boolean().default(false));

export const takeoutRequestSchema = z.strictObject({
  mediumId: id,
  purpose: requiredText(500),
  destination: requiredText(200),
  contentsSummary: requiredText(1000),
  safeguards: takeoutSafeguardsSchema,
  // Not in the past in the organisation's calendar: checked in main (the contract has no clock).
  dueBack: localDate,
});

export const takeoutSchema = z.strictObject({
  id: z.int(),
  mediumId: z.int(),
  mediaNo: z.string(),
  mediumType: z.enum(mediaTypes),
  departmentId: z.int(),
  departmentName: z.string(),
  requestedBy: z.int(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  purpose: z.string(),
  destination: z.string(),
  contentsSummary: z.string(),
  safeguards: safeguardFlags(z.boolean()),
  dueBack: z.string(),
  status: z.enum(takeoutStatuses),
  // Out past its due date in the organisation's calendar (computed in main, never stored).
  overdue: z.boolean(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
  outAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnCheckedByName: z.string().nullable(),
  contentsIntact: z.boolean().nullable(),
  tempCopiesErased: z.boolean().nullable(),
  returnNote: z.string(),
  updatedAt: z.string(),
});

export const takeoutFiltersSchema = z.strictObject({
  status: z.enum(takeoutStatuses, 'validation.invalidOption').optional(),
  // Out past due back, in the organisation's calendar.
  overdue: z.boolean().optional(),
  mediumId: id.optional(),
  departmentId: id.optional(),
  // Requested on or after / on or before (the organisation's calendar).
  from: localDate.optional(),
  to: localDate.optional(),
  // 管理番号 typed in part, as the register stores numbers (ＵＳＢ－０１ or usb-01 finds USB-01; the SQL ignores case).
  mediaNo: filterText(30).transform((s) => (s === undefined ? undefined : foldNumberText(s))).optional(),
  // Requests the reader may decide: requested, and not their own (MIC §12-2 separation of duties; the home card's link).
  awaitingMyDecision: z.boolean().optional(),
});

const takeoutId = z.strictObject({ takeoutId: id });

export const mediaTakeoutChannels = {
  'media.takeout.request': { input: takeoutRequestSchema, output: takeoutSchema, access: 'media.request' },
  'media.takeout.approve': {
    // Required when neither the medium nor the take-out has encryption or a password (checked in main).
    input: takeoutId.extend({ note: optionalText(500) }),
    output: takeoutSchema,
    access: 'media.approve',
  },
  'media.takeout.refuse': { input: takeoutId.extend({ reason }), output: takeoutSchema, access: 'media.approve' },
  'media.takeout.checkOut': { input: takeoutId, output: takeoutSchema, access: 'media.request' },
  'media.takeout.return': {
    // A note is required when the contents are not intact or copies were not erased (checked in main).
    input: takeoutId.extend({ contentsIntact: z.boolean(), tempCopiesErased: z.boolean(), note: optionalText(1000) }),
    output: takeoutSchema,
    access: 'media.request',
  },
  'media.takeout.cancel': { input: takeoutId, output: takeoutSchema, access: 'media.request' },
  'media.takeout.list': {
    input: takeoutFiltersSchema.extend({ direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('desc'), ...keysetPage(200) }),
    output: z.strictObject({ rows: z.array(takeoutSchema), ...pageInfoShape }),
    access: 'media.read',
    readAudit: 'media.takeout.list',
  },
} as const satisfies Record<string, ChannelSpec>;

export type TakeoutSafeguards = z.output<typeof takeoutSafeguardsSchema>;
export type TakeoutRequest = z.output<typeof takeoutRequestSchema>;
export type Takeout = z.output<typeof takeoutSchema>;
export type TakeoutFilters = z.output<typeof takeoutFiltersSchema>;
