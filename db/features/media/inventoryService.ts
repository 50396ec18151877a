import type { Inventory, ParsedInput } from '../../contract';
import type { AppCore, Tx } from '../../core/appCore';
import { printContext, printDocument } from '../../ledger/output';
import type { LedgerActor } from '../../ledger/record';
import { actorOf } from '../../ledger/scope';
import * as inventory from './inventory';
import { inventoryDetail, liveCounts, readInventoryRow, readScan } from './inventoryRecords';
import { renderInventoryReport } from './print/inventoryReport';

/** 点検 as the channels need it: each step in one core.write, then the session as it now stands. */
export function inventoryNow(core: AppCore, inventoryId: number): Inventory {
  const db = core.requireVault().db;
  const actor = actorOf(core);
  return inventoryDetail(db, actor, readInventoryRow(db, actor, inventoryId));
}

export function startInventoryFor(core: AppCore, locationId: number): Inventory {
  const id = core.write((tx) => inventory.startInventory(tx, actorOf(core), locationId));
  return inventoryNow(core, id);
}

/** One label read: the scan and the counts the screen shows (issue #10: ≤ 5 ms at 20,000 media, scripts/benchMedia.ts). */
export function recordInventoryScan(core: AppCore, input: ParsedInput<'media.inventory.scan'>) {
  const actor = actorOf(core);
  return core.write((tx) => scanIn(tx, actor, input));
}

function scanIn(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.inventory.scan'>) {
  const scanId = inventory.recordScan(tx, actor, input);
  const session = readInventoryRow(tx.db, actor, input.inventoryId);
  return { scan: readScan(tx.db, actor, scanId), counts: liveCounts(tx.db, session.id, session.storage_location_id) };
}

export function closeInventoryFor(core: AppCore, input: ParsedInput<'media.inventory.close'>): Inventory {
  // Each seen medium is dated by the day its label was read, in the organisation's zone.
  const zone = core.timeZone();
  core.write((tx) => inventory.closeInventory(tx, actorOf(core), input, zone));
  return inventoryNow(core, input.inventoryId);
}

export function cancelInventoryFor(core: AppCore, input: ParsedInput<'media.inventory.cancel'>): Inventory {
  core.write((tx) => inventory.cancelInventory(tx, actorOf(core), input));
  return inventoryNow(core, input.inventoryId);
}

/** 点検報告書 (A4): through the kit's output pipeline, logged as media.inventory.print. */
export function printInventoryReport(core: AppCore, input: ParsedInput<'media.inventory.print'>) {
  const session = inventoryNow(core, input.inventoryId);
  return printDocument(core, {
    html: () => renderInventoryReport({ ...printContext(core), inventory: session }),
    target: input.target,
    defaultName: `媒体点検報告書_${session.locationName}_${session.id}.pdf`,
    audit: { action: 'media.inventory.print', targetType: 'media_inventory', targetId: session.id, detail: { status: session.status } },
  });
}
