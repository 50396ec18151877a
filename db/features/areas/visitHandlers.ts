import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import type { DoorMedia } from './doorMedia';
import { notBuilt } from './notBuilt';

/** The door's channels → the feature's services (issue #12 items 3–5). */
export function visitHandlers(media: DoorMedia): Pick<Handlers, Extract<ChannelName, 'areas.visits.checkIn' | 'areas.visits.checkOut' | 'areas.visits.inside' | 'areas.visits.closeDay' | 'areas.visits.confirmException' | 'areas.visits.get' | 'areas.visits.lookupDevice'>> {
  void media;
  return {
    'areas.visits.checkIn': notBuilt,
    'areas.visits.checkOut': notBuilt,
    'areas.visits.inside': notBuilt,
    'areas.visits.closeDay': notBuilt,
    'areas.visits.confirmException': notBuilt,
    'areas.visits.get': notBuilt,
    'areas.visits.lookupDevice': notBuilt,
  };
}
