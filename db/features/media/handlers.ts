import type { ChannelName, ChannelOutput } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { checkImport, commitImport, openImport } from '../../ledger/csv/importSession';
import { actorOf } from '../../ledger/scope';
import { mediaImport } from './csv';
import { createLocation, deactivateLocation, listLocations, renameLocation, setBesideTerminal } from './locations';
import { mediaLabelHandlers } from './labelHandlers';
import * as rules from './rules';
import { exportMediaCsv, exportTakeoutsCsv, printMediaList, printTakeoutList } from './output';
import { cancelTakeoutFor, listTakeoutsFor, requestTakeoutFor, stepTakeout } from './takeoutService';
import * as takeouts from './takeouts';
import { inventoryHandlers } from './inventoryHandlers';
import { changeMedium, createMedium, listMediaFor, mediaOfHoldingFor, mediumWithDetails, readMedium } from './service';
import type { DraftRecordChecks } from '../../core/drafts';

/** An edit draft of a medium is kept, offered and restored only while its user may read the medium (MIC §9). */
export const mediaDraftRecords: DraftRecordChecks = {
  'media.edit': (core, mediumId) => void readMedium(core, mediumId),
};

/** 媒体管理台帳 channels → the feature's services. Handlers stay one-liners. */
export const mediaHandlers: Pick<Handlers, Extract<ChannelName, `media.${string}`>> = {
  ...mediaLabelHandlers,
  // 点検 (issue #10 item 5).
  ...inventoryHandlers,
  'media.list': (core, input) => listMediaFor(core, input),
  'media.get': (core, input) => mediumWithDetails(core, input.mediumId),
  'media.ofHolding': (core, input) => mediaOfHoldingFor(core, input.holdingId),
  'media.create': (core, input) => createMedium(core, input),
  'media.update': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.updateMedium(tx, actorOf(core), input, core.today())),
  'media.retire': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.retireMedium(tx, actorOf(core), input)),
  'media.linkHolding': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.linkHolding(tx, actorOf(core), input, true)),
  'media.unlinkHolding': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.linkHolding(tx, actorOf(core), input, false)),
  'media.storageLocations.list': (core, input) => listLocations(core.requireVault().db, actorOf(core), input.includeInactive),
  'media.storageLocations.create': (core, input) => core.write((tx) => createLocation(tx, actorOf(core), input)),
  'media.storageLocations.rename': (core, input) => core.write((tx) => renameLocation(tx, actorOf(core), input)),
  'media.storageLocations.deactivate': (core, input) => core.write((tx) => deactivateLocation(tx, actorOf(core), input.locationId)),
  'media.storageLocations.setBesideTerminal': (core, input) => core.write((tx) => setBesideTerminal(tx, actorOf(core), input)),
  'media.takeout.request': (core, input) => requestTakeoutFor(core, input),
  'media.takeout.approve': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.approveTakeout(tx, actorOf(core), input)),
  'media.takeout.refuse': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.refuseTakeout(tx, actorOf(core), input)),
  'media.takeout.checkOut': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.checkOutTakeout(tx, actorOf(core), input, core.today())),
  'media.takeout.return': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.returnTakeout(tx, actorOf(core), input)),
  'media.takeout.cancel': (core, input) => cancelTakeoutFor(core, input),
  'media.takeout.list': (core, input) => listTakeoutsFor(core, input),
  // Print, CSV and import of the register and the 持出管理簿 (issue #10 item 7).
  'media.exportCsv': (core, input) => exportMediaCsv(core, input),
  'media.printList': (core, input) => printMediaList(core, input),
  'media.takeout.exportCsv': (core, input) => exportTakeoutsCsv(core, input),
  'media.takeout.printList': (core, input) => printTakeoutList(core, input),
  // The mapping keys are the CSV columns' keys, which a test holds equal to the contract's mediaImportFields.
  'media.import.open': (core) => openImport(core, mediaImport(actorOf(core), core.today())) as Promise<ChannelOutput<'media.import.open'>>,
  'media.import.check': (core, input) => checkImport(core, mediaImport(actorOf(core), core.today()), input.importId, input.mapping),
  'media.import.commit': (core, input) => commitImport(core, mediaImport(actorOf(core), core.today()), input.importId, input.mapping),
};
