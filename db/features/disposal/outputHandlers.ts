import type { Handlers } from '../../ipc/router';
import { AppError } from '../../core/appError';

const notBuilt = () => {
  throw new AppError('INTERNAL');
};

/** The certificate, checking a code, and the 廃棄記録簿 (issue #11 items 5–7) → their services; spread into disposalHandlers. */
export const outputHandlers: Pick<Handlers, 'disposal.printCertificate' | 'disposal.verifyCode' | 'disposal.exportCsv' | 'disposal.printBook'> = {
  'disposal.printCertificate': notBuilt,
  'disposal.verifyCode': notBuilt,
  'disposal.exportCsv': notBuilt,
  'disposal.printBook': notBuilt,
};
