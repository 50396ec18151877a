import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { AppError } from '../../core/appError';

const notBuilt = () => {
  throw new AppError('INTERNAL');
};

/** Photos and scans of a disposal record (issue #11 item 2) → their services; spread into disposalHandlers. */
export const attachmentHandlers: Pick<Handlers, Extract<ChannelName, `disposal.attachments.${string}`>> = {
  'disposal.attachments.add': notBuilt,
  'disposal.attachments.remove': notBuilt,
  'disposal.attachments.image': notBuilt,
  'disposal.attachments.save': notBuilt,
};
