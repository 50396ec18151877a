import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { bookHandlers } from './bookHandlers';
import type { DoorMedia } from './doorMedia';
import { registerHandlers } from './registerHandlers';
import { visitHandlers } from './visitHandlers';

/**
 * 取扱区域・入退室 channels (issue #12). The registered media the door looks up come through
 * `media`, handed over by db/ipc/handlers.ts (the area imports no other area).
 */
export function areaHandlers(media: DoorMedia): Pick<Handlers, Extract<ChannelName, `areas.${string}`>> {
  return { ...registerHandlers, ...visitHandlers(media), ...bookHandlers };
}
