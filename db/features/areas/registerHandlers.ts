import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { areaWrites, authorizationWrites, getArea, getAuthorization, listAreas, listAuthorizationsFor, personWrites, searchPeopleFor } from './registerService';

/** 区域, 入退室者 and 入室許可 channels → the feature's services (issue #12 items 1–2). */
export const registerHandlers: Pick<Handlers, Extract<ChannelName, 'areas.list' | 'areas.get' | 'areas.create' | 'areas.update' | 'areas.retire' | 'areas.reactivate' | `areas.people.${string}` | 'areas.authorizations.list' | 'areas.authorizations.get' | 'areas.authorizations.create' | 'areas.authorizations.update' | 'areas.authorizations.revoke'>> = {
  'areas.list': (core, input) => listAreas(core, input),
  'areas.get': (core, input) => getArea(core, input.areaId),
  'areas.create': (core, input) => areaWrites.create(core, input),
  'areas.update': (core, input) => areaWrites.update(core, input),
  'areas.retire': (core, input) => areaWrites.retire(core, input),
  'areas.reactivate': (core, input) => areaWrites.reactivate(core, input),
  'areas.people.search': (core, input) => searchPeopleFor(core, input),
  'areas.people.create': (core, input) => personWrites.create(core, input),
  'areas.people.update': (core, input) => personWrites.update(core, input),
  'areas.authorizations.list': (core, input) => listAuthorizationsFor(core, input),
  'areas.authorizations.get': (core, input) => getAuthorization(core, input.authorizationId),
  'areas.authorizations.create': (core, input) => authorizationWrites.create(core, input),
  'areas.authorizations.update': (core, input) => authorizationWrites.update(core, input),
  'areas.authorizations.revoke': (core, input) => authorizationWrites.revoke(core, input),
};
