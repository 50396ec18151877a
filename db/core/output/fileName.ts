import path from 'node:path';
import { containsMyNumber } from '../../contract/myNumber';
import { AppError } from '../appError';

/**
 * The name of a file the user picked (to import, or to save an export or a PDF), as the
 * access log records it. The log is append-only and must never hold a 個人番号 (番号法
 * guideline), so a name carrying one is refused before anything is read or written.
 */
export function loggedFileName(file: string): string {
  const name = path.basename(file);
  if (containsMyNumber(name)) throw new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey: 'validation.myNumber' }]);
  return name;
}
