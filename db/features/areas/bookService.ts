import type { ParsedInput } from '../../contract';
import type { AppCore } from '../../core/appCore';
import { actorOf } from '../../ledger/scope';
import { pageOfVisitIds } from './visitQueries';
import { readVisits } from './visitRecords';

/**
 * The 入退室管理簿 on screen (issue #12 item 6): one keyset page of the visits the filters leave in
 * the reader's scope (MIC §9), in order of entry or the reverse; the kit logs the read
 * (contract readAudit 'areas.visit.list'). 「前日以前から在室中」 counts days in the organisation's zone.
 */
export function listVisits(core: AppCore, input: ParsedInput<'areas.visits.list'>) {
  const db = core.requireVault().db;
  const { ids, ...info } = pageOfVisitIds(db, actorOf(core), input, core.today());
  return { rows: readVisits(db, ids), ...info };
}
