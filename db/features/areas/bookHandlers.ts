import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { notBuilt } from './notBuilt';

/** The 入退室管理簿's channels → the feature's services (issue #12 item 6). */
export const bookHandlers: Pick<Handlers, Extract<ChannelName, 'areas.visits.list' | 'areas.visits.printBook' | 'areas.visits.exportCsv' | 'areas.authorizations.exportCsv'>> = {
  'areas.visits.list': notBuilt,
  'areas.visits.printBook': notBuilt,
  'areas.visits.exportCsv': notBuilt,
  'areas.authorizations.exportCsv': notBuilt,
};
