import type { ChannelName, ChannelOutput } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { commitImport, checkImport, openImport } from '../../ledger/csv/importSession';
import { actorOf } from '../../ledger/scope';
import { holdingImport } from './csv';
import { exportHoldingsCsv, printHoldingSheet, printHoldingsList } from './output';
import type { DraftRecordChecks } from '../../core/drafts';
import { changeHolding, createHolding, holdingWithDetails, listHoldingsFor, nextLedgerNo, readHolding, usagePage, verifierCandidatesFor } from './service';
import { addUsage } from './usage';
import * as rules from './rules';

/** An edit draft of a holding is kept, offered and restored only while its user may read the holding. */
export const holdingDraftRecords: DraftRecordChecks = {
  'holdings.edit': (core, holdingId) => void readHolding(core, holdingId),
};

/** 保有個人情報等台帳 channels → the feature's services. Handlers stay one-liners. */
export const holdingHandlers: Pick<Handlers, Extract<ChannelName, `holdings.${string}`>> = {
  'holdings.list': (core, input) => listHoldingsFor(core, input),
  'holdings.get': (core, input) => holdingWithDetails(core, input.holdingId),
  'holdings.create': (core, input) => createHolding(core, input),
  'holdings.nextLedgerNo': (core) => nextLedgerNo(core),
  'holdings.update': (core, input) => changeHolding(core, input.holdingId, (tx) => rules.updateHolding(tx, actorOf(core), input)),
  'holdings.verify': (core, input) => changeHolding(core, input.holdingId, (tx) => rules.verifyHolding(tx, actorOf(core), input.holdingId, input.version)),
  'holdings.requestVerification': (core, input) => changeHolding(core, input.holdingId, (tx) => rules.requestHoldingVerification(tx, actorOf(core), input, core.today())),
  'holdings.verifierCandidates': (core, input) => verifierCandidatesFor(core, input.holdingId),
  'holdings.decideCategory': (core, input) => changeHolding(core, input.holdingId, (tx) => rules.decideCategory(tx, actorOf(core), input)),
  'holdings.markReviewed': (core, input) => changeHolding(core, input.holdingId, (tx) => rules.markReviewed(tx, actorOf(core), input.holdingId)),
  'holdings.retire': (core, input) => changeHolding(core, input.holdingId, (tx) => rules.retireHolding(tx, actorOf(core), input.holdingId, input.reason)),
  'holdings.usage.add': (core, input) => core.write((tx) => addUsage(tx, actorOf(core), input, core.today())),
  'holdings.usage.list': (core, input) => usagePage(core, input),
  'holdings.exportCsv': (core, input) => exportHoldingsCsv(core, input),
  // The mapping keys are the CSV columns' keys, which a test holds equal to the contract's importableFields.
  'holdings.import.open': (core) => openImport(core, holdingImport(actorOf(core), core.today())) as Promise<ChannelOutput<'holdings.import.open'>>,
  'holdings.import.check': (core, input) => checkImport(core, holdingImport(actorOf(core), core.today()), input.importId, input.mapping),
  'holdings.import.commit': (core, input) => commitImport(core, holdingImport(actorOf(core), core.today()), input.importId, input.mapping),
  'holdings.printList': (core, input) => printHoldingsList(core, input),
  'holdings.printSheet': (core, input) => printHoldingSheet(core, input),
};
