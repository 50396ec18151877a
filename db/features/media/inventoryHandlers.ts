import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { actorOf } from '../../ledger/scope';
import { listInventories } from './inventoryRecords';
import { cancelInventoryFor, closeInventoryFor, inventoryNow, printInventoryReport, recordInventoryScan, startInventoryFor } from './inventoryService';

/** 点検 channels → the services (spread into mediaHandlers). Handlers stay one-liners. */
export const inventoryHandlers: Pick<Handlers, Extract<ChannelName, `media.inventory.${string}`>> = {
  'media.inventory.start': (core, input) => startInventoryFor(core, input.locationId),
  'media.inventory.scan': (core, input) => recordInventoryScan(core, input),
  'media.inventory.close': (core, input) => closeInventoryFor(core, input),
  'media.inventory.cancel': (core, input) => cancelInventoryFor(core, input),
  'media.inventory.list': (core, input) => listInventories(core.requireVault().db, actorOf(core), input),
  'media.inventory.get': (core, input) => inventoryNow(core, input.inventoryId),
  'media.inventory.print': (core, input) => printInventoryReport(core, input),
};
