import { z } from 'zod';
import { reason } from './fields';
import type { ChannelSpec } from './channels';
import { importPreviewSchema, importRowErrorSchema } from './holdings';
import { mediaFiltersSchema } from './media';
import { takeoutFiltersSchema } from './mediaTakeouts';
import { mediaImportFields, mediaSortKeys } from './mediaValues';
import { containsMyNumber } from './myNumber';

/**
 * The media register and the 持出管理簿 leaving the app (issue #10 item 7; MIC §21, §22): CSV and
 * the printed lists go through the bulk-export guard with the password again, like every
 * export and list print; and CSV import of an existing Excel register, in the holdings
 * import's three steps (open → check → commit, all rows or none).
 */
const printTarget = z.enum(['printer', 'pdf'], 'validation.invalidOption');
const printResult = z.strictObject({ savedTo: z.string().nullable() });
const exportResult = z.strictObject({ savedTo: z.string(), rowCount: z.int() });

const registerOutput = {
  filters: mediaFiltersSchema,
  sort: z.enum(mediaSortKeys, 'validation.invalidOption').default('mediaNo'),
  direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('asc'),
  reason: reason.optional(),
};
// The 持出管理簿 as the tab lists it: newest request first unless asked otherwise.
const takeoutOutput = {
  filters: takeoutFiltersSchema,
  direction: z.enum(['asc', 'desc'], 'validation.invalidOption').default('desc'),
  reason: reason.optional(),
};

// The import's id and the file's headers as mapping keys: every text the renderer sends passes the 個人番号 guard (issue #9 item 2).
const guardedString = (max: number) => z.string().max(max, 'validation.tooLong').refine((s) => !containsMyNumber(s), 'validation.myNumber');
const importStepInput = z.strictObject({ importId: guardedString(100), mapping: z.record(guardedString(200), z.enum(mediaImportFields, 'validation.invalidOption')) });

export const mediaOutputChannels = {
  'media.exportCsv': { input: z.strictObject(registerOutput), output: exportResult, access: 'media.read', reauth: true },
  'media.printList': { input: z.strictObject({ ...registerOutput, target: printTarget }), output: printResult, access: 'media.read', reauth: true },
  'media.takeout.exportCsv': { input: z.strictObject(takeoutOutput), output: exportResult, access: 'media.read', reauth: true },
  'media.takeout.printList': { input: z.strictObject({ ...takeoutOutput, target: printTarget }), output: printResult, access: 'media.read', reauth: true },
  /** Step 1: the user picks a file; main reads it and reports its columns (registering media is media.master's). */
  'media.import.open': {
    input: z.strictObject({}),
    output: z.strictObject({
      importId: z.string(),
      fileName: z.string(),
      encoding: z.enum(['utf-8', 'shift_jis']),
      headers: z.array(z.string()),
      headerRow: z.int(),
      rowCount: z.int(),
      sample: z.array(z.array(z.string())),
      sampleRows: z.array(z.int()),
      suggestedMapping: z.record(z.string(), z.enum(mediaImportFields)),
      mappingRemembered: z.boolean(),
      // Columns holding 1, 2, 3 …: never guessed as 管理番号.
      rowCounters: z.array(z.string()),
    }),
    access: 'media.master',
  },
  /** Step 2: every row checked against the mapping; nothing is written. */
  'media.import.check': {
    input: importStepInput,
    output: z.strictObject({
      rowCount: z.int(),
      errors: z.array(importRowErrorSchema),
      errorsTruncated: z.boolean(),
      preview: importPreviewSchema,
      // The register has no numbering rule for imports: every row brings its 管理番号.
      numbering: z.strictObject({ field: z.string(), count: z.int(), first: z.string() }).nullable(),
    }),
    access: 'media.master',
  },
  /** Step 3: every row a medium 保管中, in one transaction, or none. */
  'media.import.commit': { input: importStepInput, output: z.strictObject({ created: z.int() }), access: 'media.master' },
} as const satisfies Record<string, ChannelSpec>;
