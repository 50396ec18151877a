import { z } from 'zod';
import { id, keysetPage, optionalText, pageInfoShape, reason, recordNumber } from './fields';
import type { ChannelSpec } from './channels';
import { mediaStatuses, mediaTypes } from './mediaValues';
import { inventoryScanResults, inventoryStatuses } from './mediaInventoryValues';

/**
 * 点検 (inventory, 棚卸; MIC §42, domain.md §2 "Inventory"; issue #10 item 5): a session per
 * 保管場所. The clerk types or scans each label (a USB reader types the code and Enter); at
 * closing the media expected but not seen are listed and may be marked 所在不明 in one step with
 * a note for follow-up. media.inventory is the 保護担当者's and above (domain.md "Roles").
 */
const inventoryId = z.strictObject({ inventoryId: id });

export const inventoryCountsSchema = z.strictObject({
  // 保管中 or 所在不明 media registered at this place (持出中 ones are `away`).
  expected: z.int(),
  seen: z.int(),
  duplicate: z.int(),
  otherLocation: z.int(),
  unknown: z.int(),
  notSeen: z.int(),
  away: z.int(),
  markedMissing: z.int(),
});

export const inventoryScanSchema = z.strictObject({
  id: z.int(),
  code: z.string(),
  result: z.enum(inventoryScanResults),
  mediumId: z.int().nullable(),
  // The medium's own number, place and status; null for an unknown label, or a medium of a 課等 the reader may not see (MIC §9).
  mediaNo: z.string().nullable(),
  registeredLocationName: z.string().nullable(),
  mediumStatus: z.enum(mediaStatuses).nullable(),
  scannedAt: z.string(),
  scannedByName: z.string(),
});

export const inventoryMediumSchema = z.strictObject({
  mediumId: z.int(),
  mediaNo: z.string(),
  type: z.enum(mediaTypes),
  status: z.enum(mediaStatuses),
  custodian: z.string(),
  lastSeenAt: z.string().nullable(),
  // Marked 所在不明 by this session's closing.
  markedMissing: z.boolean(),
});

export const inventorySummarySchema = z.strictObject({
  id: z.int(),
  locationId: z.int(),
  locationName: z.string(),
  departmentId: z.int().nullable(),
  departmentName: z.string().nullable(),
  status: z.enum(inventoryStatuses),
  startedByName: z.string(),
  startedAt: z.string(),
  endedByName: z.string().nullable(),
  endedAt: z.string().nullable(),
  note: z.string(),
});

export const inventorySchema = inventorySummarySchema.extend({
  counts: inventoryCountsSchema,
  scans: z.array(inventoryScanSchema),
  // Expected here (保管中 or 所在不明) and not seen; after closing, as they were at the closing.
  notSeen: z.array(inventoryMediumSchema),
  // 持出中: expected away, listed apart.
  away: z.array(inventoryMediumSchema),
});

const printTarget = z.enum(['printer', 'pdf'], 'validation.invalidOption');

export const mediaInventoryChannels = {
  'media.inventory.start': { input: z.strictObject({ locationId: id }), output: inventorySchema, access: 'media.inventory' },
  'media.inventory.scan': {
    // NFKC and dashes folded as the 管理番号 is (ＳＯＭ－ＵＳＢ－０００１ is SOM-USB-0001); 個人番号 refused.
    input: inventoryId.extend({ code: recordNumber(60, true) }),
    output: z.strictObject({ scan: inventoryScanSchema, counts: inventoryCountsSchema }),
    access: 'media.inventory',
  },
  'media.inventory.close': {
    // The note is required when any medium is marked (checked in main).
    input: inventoryId.extend({ markMissing: z.array(id, 'validation.invalidType').max(5000, 'validation.tooMany').default([]), note: optionalText(1000) }),
    output: inventorySchema,
    access: 'media.inventory',
  },
  'media.inventory.cancel': { input: inventoryId.extend({ reason }), output: inventorySchema, access: 'media.inventory' },
  'media.inventory.list': {
    input: z.strictObject({ locationId: id.optional(), status: z.enum(inventoryStatuses, 'validation.invalidOption').optional(), ...keysetPage(200) }),
    output: z.strictObject({ rows: z.array(inventorySummarySchema), ...pageInfoShape }),
    access: 'media.read',
  },
  'media.inventory.get': {
    input: inventoryId,
    output: inventorySchema,
    access: 'media.read',
    readAudit: 'media.inventory.view',
    readAuditTarget: { type: 'media_inventory', idField: 'inventoryId' },
  },
  'media.inventory.print': { input: inventoryId.extend({ target: printTarget }), output: z.strictObject({ savedTo: z.string().nullable() }), access: 'media.read' },
} as const satisfies Record<string, ChannelSpec>;

export type InventoryCounts = z.output<typeof inventoryCountsSchema>;
export type InventoryScan = z.output<typeof inventoryScanSchema>;
export type InventoryMedium = z.output<typeof inventoryMediumSchema>;
export type InventorySummary = z.output<typeof inventorySummarySchema>;
export type Inventory = z.output<typeof inventorySchema>;
