import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { checkIn } from './checkIn';
import { checkOut } from './checkOut';
import { closeDay } from './dayClose';
import type { DoorMedia } from './doorMedia';
import { confirmException, getVisit, insideNow, lookupDevice } from './visitService';

/** The door's channels → the feature's services (issue #12 items 3–5). */
export function visitHandlers(media: DoorMedia): Pick<Handlers, Extract<ChannelName, 'areas.visits.checkIn' | 'areas.visits.checkOut' | 'areas.visits.inside' | 'areas.visits.closeDay' | 'areas.visits.confirmException' | 'areas.visits.get' | 'areas.visits.lookupDevice'>> {
  return {
    'areas.visits.checkIn': (core, input) => checkIn(core, media, input),
    'areas.visits.checkOut': (core, input) => checkOut(core, media, input),
    'areas.visits.inside': (core, input) => insideNow(core, input),
    'areas.visits.closeDay': (core, input) => closeDay(core, input),
    'areas.visits.confirmException': (core, input) => confirmException(core, input),
    'areas.visits.get': (core, input) => getVisit(core, input.visitId),
    'areas.visits.lookupDevice': (core, input) => lookupDevice(core, media, input.label ?? ''),
  };
}
