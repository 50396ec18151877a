import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { notBuilt } from './notBuilt';

/** 区域, 入退室者 and 入室許可 channels → the feature's services (issue #12 items 1–2). */
export const registerHandlers: Pick<Handlers, Extract<ChannelName, 'areas.list' | 'areas.get' | 'areas.create' | 'areas.update' | 'areas.retire' | 'areas.reactivate' | `areas.people.${string}` | 'areas.authorizations.list' | 'areas.authorizations.get' | 'areas.authorizations.create' | 'areas.authorizations.update' | 'areas.authorizations.revoke'>> = {
  'areas.list': notBuilt,
  'areas.get': notBuilt,
  'areas.create': notBuilt,
  'areas.update': notBuilt,
  'areas.retire': notBuilt,
  'areas.reactivate': notBuilt,
  'areas.people.search': notBuilt,
  'areas.people.create': notBuilt,
  'areas.people.update': notBuilt,
  'areas.authorizations.list': notBuilt,
  'areas.authorizations.get': notBuilt,
  'areas.authorizations.create': notBuilt,
  'areas.authorizations.update': notBuilt,
  'areas.authorizations.revoke': notBuilt,
};
