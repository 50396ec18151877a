import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { listVisits } from './bookService';
import { exportAuthorizationsCsv, exportVisitsCsv, printAreaBook } from './output';

/** The 入退室管理簿's channels and the 入室許可 CSV → the feature's services (issue #12 items 2, 6). */
export const bookHandlers: Pick<Handlers, Extract<ChannelName, 'areas.visits.list' | 'areas.visits.printBook' | 'areas.visits.exportCsv' | 'areas.authorizations.exportCsv'>> = {
  'areas.visits.list': (core, input) => listVisits(core, input),
  'areas.visits.printBook': (core, input) => printAreaBook(core, input),
  'areas.visits.exportCsv': (core, input) => exportVisitsCsv(core, input),
  'areas.authorizations.exportCsv': (core, input) => exportAuthorizationsCsv(core, input),
};
