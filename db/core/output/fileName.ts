import path from 'node:path';
import { containsBidiControl } from '../../contract/bidi';
import { containsMyNumber } from '../../contract/myNumber';
import { AppError } from '../appError';

/**
 * The name of a file the user picked (to import, or to save an export or a PDF), as the
 * access log records it. The log is append-only and must never hold a 個人番号 (番号法
 * guideline), so a name carrying one is refused before anything is read or written.
 */
export function loggedFileName(file: string): string {
  const name = path.basename(file);
  // A U+202E in a name shows it in the log and the saved-to notice as another (contract/bidi.ts);
  // the whole path is checked, since the notice shows the folder too.
  if (containsBidiControl(file)) throw new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey: 'validation.bidiControl' }]);
  if (containsMyNumber(name)) throw new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey: 'validation.myNumberInFileName' }]);
  return name;
}
