import type { ParsedInput } from '../../contract';
import type { AppCore, Tx } from '../../core/appCore';
import { localDayStartIso } from '../../core/time';
import { actorOf } from '../../ledger/scope';
import { can } from '../../contract/permissions';
import { listTakeouts, readTakeoutRow, rowToTakeout } from './takeoutRecords';
import * as takeouts from './takeouts';

/** 持出し as the channels need it: each step in one core.write, then the take-out as it now stands. */
function takeoutNow(core: AppCore, takeoutId: number) {
  return rowToTakeout(readTakeoutRow(core.requireVault().db, takeoutId), core.today());
}

export function requestTakeoutFor(core: AppCore, input: ParsedInput<'media.takeout.request'>) {
  const today = core.today();
  const id = core.write((tx) => takeouts.requestTakeout(tx, actorOf(core), input, today));
  return takeoutNow(core, id);
}

export function stepTakeout(core: AppCore, takeoutId: number, step: (tx: Tx) => void) {
  core.write(step);
  return takeoutNow(core, takeoutId);
}

export function cancelTakeoutFor(core: AppCore, input: ParsedInput<'media.takeout.cancel'>) {
  const actor = actorOf(core);
  return stepTakeout(core, input.takeoutId, (tx) => takeouts.cancelTakeout(tx, actor, input, can(actor.role, 'media.approve')));
}

export function listTakeoutsFor(core: AppCore, input: ParsedInput<'media.takeout.list'>) {
  const zone = core.timeZone();
  return listTakeouts(core.requireVault().db, actorOf(core), input, core.today(), (date) => localDayStartIso(date, zone));
}
