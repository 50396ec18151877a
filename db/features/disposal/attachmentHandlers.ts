import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { addAttachment, attachmentImage, removeAttachment, saveAttachment } from './attachments';

/** Photos and scans of a disposal record (issue #11 item 2) → their services; spread into disposalHandlers. */
export const attachmentHandlers: Pick<Handlers, Extract<ChannelName, `disposal.attachments.${string}`>> = {
  'disposal.attachments.add': (core, input) => addAttachment(core, input),
  'disposal.attachments.remove': (core, input) => removeAttachment(core, input),
  'disposal.attachments.image': (core, input) => attachmentImage(core, input),
  'disposal.attachments.save': (core, input) => saveAttachment(core, input),
};
