import { z } from 'zod';
import type { ChannelSpec } from './channels';
import { containsMyNumber } from './myNumber';

/**
 * Schemas every ledger's output and import channels share: a print's target and result, an
 * export's result, and the CSV import's three steps (open → check → commit, all rows or none).
 * Each ledger names its own channels and the fields a column may map to.
 */
export const printTarget = z.enum(['printer', 'pdf'], 'validation.invalidOption');
export const printResult = z.strictObject({ savedTo: z.string().nullable() });
export const exportResult = z.strictObject({ savedTo: z.string(), rowCount: z.int() });

// The import's id and the file's headers as mapping keys: every text the renderer sends passes
// the 個人番号 guard (issue #9 item 2; tests/integration/my-number-targets.test.ts walks them all).
const guardedString = (max: number) => z.string().max(max, 'validation.tooLong').refine((s) => !containsMyNumber(s), 'validation.myNumber');

export const importRowErrorSchema = z.strictObject({
  row: z.int(), // the row as Excel shows it (header = 1); 0 = the mapping as a whole (a column missing or chosen twice)
  column: z.string(), // the CSV header as written in the file
  field: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** Rows whose 管理番号 the import assigns: how many, and the first number they would get now (null: every row brings its own). */
const importNumberingSchema = z.strictObject({ field: z.string(), count: z.int(), first: z.string() }).nullable();

/** The first rows as the ledger will hold them (db/ledger/csv/preview.ts), before anything is written. */
export const importPreviewSchema = z.strictObject({
  columns: z.array(z.strictObject({ column: z.string(), field: z.string() })),
  rows: z.array(z.strictObject({ row: z.int(), cells: z.array(z.strictObject({ text: z.string(), ok: z.boolean() })) })),
});

/** The three import steps' specs for a ledger whose columns map to `fields`, callable with `access`. */
export function importChannelSpecs<F extends readonly [string, ...string[]], A extends ChannelSpec['access']>(fields: F, access: A) {
  const stepInput = z.strictObject({ importId: guardedString(100), mapping: z.record(guardedString(200), z.enum(fields, 'validation.invalidOption')) });
  return {
    /** Step 1: the user picks a file; main reads it and reports its columns. */
    open: {
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
        suggestedMapping: z.record(z.string(), z.enum(fields)),
        // The mapping is the one chosen before for a file with these headers.
        mappingRemembered: z.boolean(),
        // Columns holding 1, 2, 3 …: never guessed as 管理番号.
        rowCounters: z.array(z.string()),
      }),
      access,
    },
    /** Step 2: every row checked against the mapping; nothing is written. */
    check: {
      input: stepInput,
      output: z.strictObject({ rowCount: z.int(), errors: z.array(importRowErrorSchema), errorsTruncated: z.boolean(), preview: importPreviewSchema, numbering: importNumberingSchema }),
      access,
    },
    /** Step 3: every row written in one transaction, or none. */
    commit: { input: stepInput, output: z.strictObject({ created: z.int() }), access },
  } satisfies Record<string, ChannelSpec>;
}
