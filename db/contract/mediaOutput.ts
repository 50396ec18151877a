import { z } from 'zod';
import { reason } from './fields';
import type { ChannelSpec } from './channels';
import { exportResult, importChannelSpecs, printResult, printTarget } from './ledgerChannels';
import { mediaFiltersSchema } from './media';
import { takeoutFiltersSchema } from './mediaTakeouts';
import { mediaImportFields, mediaSortKeys } from './mediaValues';

/**
 * The media register and the 持出管理簿 leaving the app (issue #10 item 7; MIC §21, §22): CSV and
 * the printed lists go through the bulk-export guard with the password again, like every
 * export and list print; and CSV import of an existing Excel register, in the holdings
 * import's three steps (open → check → commit, all rows or none).
 */
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

// Registering media is media.master's; the register has no numbering rule for imports, so the check's numbering is null.
const mediaImport = importChannelSpecs(mediaImportFields, 'media.master');

export const mediaOutputChannels = {
  'media.exportCsv': { input: z.strictObject(registerOutput), output: exportResult, access: 'media.read', reauth: true },
  'media.printList': { input: z.strictObject({ ...registerOutput, target: printTarget }), output: printResult, access: 'media.read', reauth: true },
  'media.takeout.exportCsv': { input: z.strictObject(takeoutOutput), output: exportResult, access: 'media.read', reauth: true },
  'media.takeout.printList': { input: z.strictObject({ ...takeoutOutput, target: printTarget }), output: printResult, access: 'media.read', reauth: true },
  // Import (ledgerChannels.ts): every row a medium 保管中.
  'media.import.open': mediaImport.open,
  'media.import.check': mediaImport.check,
  'media.import.commit': mediaImport.commit,
} as const satisfies Record<string, ChannelSpec>;
