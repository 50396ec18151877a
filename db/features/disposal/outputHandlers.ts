import type { Handlers } from '../../ipc/router';
import { printCertificate } from './certificate';
import { exportDisposalCsv, printDisposalBook } from './output';
import type { DisposalTargets } from './targets';
import { checkCode } from './verify';

/**
 * The certificate, checking a code, and the 廃棄記録簿 (issue #11 items 5–7) → their services;
 * spread into disposalHandlers, which hands over the media and holdings adapters (`targets`).
 */
export function outputHandlers(targets: DisposalTargets): Pick<Handlers, 'disposal.printCertificate' | 'disposal.verifyCode' | 'disposal.exportCsv' | 'disposal.printBook'> {
  return {
    'disposal.printCertificate': (core, input) => printCertificate(core, targets, input),
    'disposal.verifyCode': (core, input) => checkCode(core, input.code),
    'disposal.exportCsv': (core, input) => exportDisposalCsv(core, targets, input),
    'disposal.printBook': (core, input) => printDisposalBook(core, targets, input),
  };
}
