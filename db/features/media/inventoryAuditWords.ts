import { inventoryCountKeys } from '../../contract/mediaInventoryValues';
import { describeByName, type AuditTargetType } from '../../core/auditTargets';

/**
 * How the access log speaks of a 点検 session (issue #10 item 5): named by its 保管場所; its
 * events belong to the place's 課等 (a shared place's to the organisation-wide readers).
 */
export const inventoryAuditTarget: AuditTargetType = {
  targetType: 'media_inventory',
  actionPrefix: 'media.inventory.',
  fields: {
    locationId: { label: '', kind: 'hidden' },
    code: { label: 'mediaInventory.code', kind: 'text' },
    result: { label: 'mediaInventory.result', kind: { words: 'mediaInventoryResult' } },
    counts: { label: 'mediaInventory.counts', kind: 'nested' },
    ...Object.fromEntries(inventoryCountKeys.map((k) => [k, { label: `mediaInventoryCounts.${k}`, kind: 'count' as const }])),
    markedMissingMedia: { label: 'mediaInventoryCounts.markedMissing', kind: 'list' },
    foundMedia: { label: 'mediaInventory.found', kind: 'list' },
    scanHash: { label: 'mediaInventory.scanHash', kind: 'text' },
    note: { label: 'mediaInventory.note', kind: 'text' },
    reason: { label: 'mediaInventory.cancelReason', kind: 'text' },
    status: { label: 'mediaInventory.status', kind: { words: 'mediaInventoryStatus' } },
  },
  departmentScoped: true,
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM media_inventories WHERE department_id = ?',
  describe: describeByName((p) => `SELECT i.id, l.name FROM media_inventories i JOIN storage_locations l ON l.id = i.storage_location_id WHERE i.id IN (${p})`),
};
