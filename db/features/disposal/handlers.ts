import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import { AppError } from '../../core/appError';
import { attachmentHandlers } from './attachmentHandlers';
import { outputHandlers } from './outputHandlers';

const notBuilt = () => {
  throw new AppError('INTERNAL');
};

/** 廃棄・消去記録 channels → the feature's services (issue #11). Handlers stay one-liners. */
export const disposalHandlers: Pick<Handlers, Extract<ChannelName, `disposal.${string}`>> = {
  ...attachmentHandlers,
  ...outputHandlers,
  'disposal.list': notBuilt,
  'disposal.get': notBuilt,
  'disposal.create': notBuilt,
  'disposal.update': notBuilt,
  'disposal.request': notBuilt,
  'disposal.return': notBuilt,
  'disposal.approve': notBuilt,
  'disposal.cancel': notBuilt,
  'disposal.amend': notBuilt,
  'disposal.targetCandidates': notBuilt,
  'disposal.people': notBuilt,
};
