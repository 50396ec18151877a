import { z } from 'zod';
import { id, localDate, reason } from './fields';
import type { ChannelSpec } from './channels';
import { exportResult, printResult, printTarget } from './ledgerChannels';
import { authorizationFiltersSchema } from './areas';
import { visitFiltersSchema } from './areaVisits';
import { bookPeriods } from './areaValues';
import { isDateInRange } from './dateRange';

/**
 * The 入退室管理簿 (issue #12 item 6): daily and monthly per area on A4, and CSV, through the
 * bulk-export guard and re-authentication (MIC §22); the authorizations' list as CSV.
 */
// Within the dates a record may hold, as a day is (dateRange.ts): 「0026-11」 is a typing slip, not a book of 1,900 years.
const month = z
  .string('validation.invalidDate')
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.invalidDate')
  .refine((s) => isDateInRange(`${s}-01`), 'validation.dateOutOfRange');

export const bookRequestSchema = z.strictObject({
  areaId: id,
  period: z.enum(bookPeriods, 'validation.invalidOption'),
  // The day (period day) in the organisation's calendar.
  day: localDate.optional(),
  // The month YYYY-MM (period month).
  month: month.optional(),
  outsidersOnly: z.boolean().default(false),
  exceptionsOnly: z.boolean().default(false),
  personId: id.optional(),
  reason: reason.optional(),
});

export const areaOutputChannels = {
  'areas.visits.printBook': {
    input: bookRequestSchema.extend({ target: printTarget }),
    output: printResult,
    access: 'areas.read',
    reauth: true,
  },
  'areas.visits.exportCsv': {
    input: z.strictObject({ filters: visitFiltersSchema, direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'), reason: reason.optional() }),
    output: exportResult,
    access: 'areas.read',
    reauth: true,
  },
  'areas.authorizations.exportCsv': {
    input: z.strictObject({ filters: authorizationFiltersSchema, reason: reason.optional() }),
    output: exportResult,
    access: 'areas.read',
    reauth: true,
  },
} as const satisfies Record<string, ChannelSpec>;

export type BookRequest = z.output<typeof bookRequestSchema>;
