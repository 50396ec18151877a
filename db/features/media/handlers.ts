import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { actorOf } from '../../ledger/scope';
import { createLocation, deactivateLocation, listLocations, renameLocation } from './locations';
import * as rules from './rules';
import { cancelTakeoutFor, listTakeoutsFor, requestTakeoutFor, stepTakeout } from './takeoutService';
import * as takeouts from './takeouts';
import { changeMedium, createMedium, listMediaFor, mediaOfHoldingFor, mediumWithDetails } from './service';

/** 媒体管理台帳 channels → the feature's services. Handlers stay one-liners. */
export const mediaHandlers: Pick<Handlers, Extract<ChannelName, `media.${string}`>> = {
  'media.list': (core, input) => listMediaFor(core, input),
  'media.get': (core, input) => mediumWithDetails(core, input.mediumId),
  'media.ofHolding': (core, input) => mediaOfHoldingFor(core, input.holdingId),
  'media.create': (core, input) => createMedium(core, input),
  'media.update': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.updateMedium(tx, actorOf(core), input)),
  'media.retire': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.retireMedium(tx, actorOf(core), input)),
  'media.linkHolding': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.linkHolding(tx, actorOf(core), input, true)),
  'media.unlinkHolding': (core, input) => changeMedium(core, input.mediumId, (tx) => rules.linkHolding(tx, actorOf(core), input, false)),
  'media.storageLocations.list': (core, input) => listLocations(core.requireVault().db, actorOf(core), input.includeInactive),
  'media.storageLocations.create': (core, input) => core.write((tx) => createLocation(tx, actorOf(core), input)),
  'media.storageLocations.rename': (core, input) => core.write((tx) => renameLocation(tx, actorOf(core), input)),
  'media.storageLocations.deactivate': (core, input) => core.write((tx) => deactivateLocation(tx, actorOf(core), input.locationId)),
  'media.takeout.request': (core, input) => requestTakeoutFor(core, input),
  'media.takeout.approve': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.approveTakeout(tx, actorOf(core), input)),
  'media.takeout.refuse': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.refuseTakeout(tx, actorOf(core), input)),
  'media.takeout.checkOut': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.checkOutTakeout(tx, actorOf(core), input)),
  'media.takeout.return': (core, input) => stepTakeout(core, input.takeoutId, (tx) => takeouts.returnTakeout(tx, actorOf(core), input)),
  'media.takeout.cancel': (core, input) => cancelTakeoutFor(core, input),
  'media.takeout.list': (core, input) => listTakeoutsFor(core, input),
};
