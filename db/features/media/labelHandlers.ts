import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { actorOf } from '../../ledger/scope';
import { printMediaLabels, printSpineLabels } from './labels';
import { listNumberingRules, setNumberingRule, upcomingMediaNo } from './numbering';

/** 管理番号 rules and label sheets (issue #10 item 2) → their services; spread into mediaHandlers. */
export const mediaLabelHandlers: Pick<Handlers, Extract<ChannelName, `media.numbering.${string}` | 'media.printLabels' | 'media.printSpineLabels'>> = {
  'media.numbering.list': (core) => listNumberingRules(core.requireVault().db, actorOf(core)),
  'media.numbering.set': (core, input) => core.write((tx) => setNumberingRule(tx, actorOf(core), input)),
  'media.numbering.next': (core, input) => ({ mediaNo: upcomingMediaNo(core.requireVault().db, actorOf(core), input.departmentId, input.type) }),
  'media.printLabels': (core, input) => printMediaLabels(core, input),
  'media.printSpineLabels': (core, input) => printSpineLabels(core, input),
};
