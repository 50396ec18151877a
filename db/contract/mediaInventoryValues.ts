/**
 * 点検 (inventory, MIC §42; issue #10 item 5) values without zod, so the renderer can import them
 * (db/contract/mediaInventory.ts builds its schemas from these).
 */
export const inventoryStatuses = ['open', 'closed', 'cancelled'] as const;
/**
 * What one scanned label was: `seen` (a medium expected at this place), `duplicate` (scanned
 * already in this session: warned, not counted twice), `otherLocation` (a registered medium
 * whose place is elsewhere, or which is out 持出中 or closed), `unknown` (no medium has this number).
 */
export const inventoryScanResults = ['seen', 'duplicate', 'otherLocation', 'unknown'] as const;

/** What a session counts, in the order the screen and the report show them. */
export const inventoryCountKeys = ['expected', 'seen', 'notSeen', 'away', 'duplicate', 'otherLocation', 'unknown', 'markedMissing'] as const;

export type InventoryStatus = (typeof inventoryStatuses)[number];
export type InventoryScanResult = (typeof inventoryScanResults)[number];
