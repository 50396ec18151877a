import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { SaveFileRequest } from '../../ports';
import { AppError } from '../appError';
import type { AppCore } from '../appCore';
import { assertSameTurn, sessionTurn } from '../sessions';
import { loggedFileName } from './fileName';

/**
 * Where the user chose to save something that leaves the app (a CSV, a PDF, a backup):
 * cancelled → CANCELLED; a name carrying a 個人番号 refused (it would enter the access log);
 * a session locked or replaced while the dialog was open → SESSION_LOCKED or CANCELLED;
 * a place in the data folder refused — a file saved there as daicho.db or keyring.json
 * would replace the records or their key, and output beside the data is not apart from it.
 */
export async function chooseOutputPath(
  core: AppCore,
  request: SaveFileRequest,
  refusal: () => AppError = () => new AppError('INVALID_INPUT', undefined, [{ path: ['file'], messageKey: 'errors.saveIntoDataFolder' }]),
): Promise<{ file: string; fileName: string }> {
  const turn = sessionTurn(core);
  const file = await core.ports.dialogs.chooseSavePath(request);
  if (!file) throw new AppError('CANCELLED');
  // The dialog stayed open through a lock or another login: the output is not theirs (issue #9, 12).
  assertSameTurn(core, turn);
  const fileName = loggedFileName(file);
  if (isInside(path.dirname(file), core.dataDir)) throw refusal();
  return { file, fileName };
}

/** `dir` is `folder` or below it, compared as real paths (symlinks), case-blind where the OS is. */
function isInside(dir: string, folder: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const fold = (p: string) => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);
  const [d, f] = [fold(real(dir)), fold(real(folder))];
  return d === f || d.startsWith(f.endsWith(path.sep) ? f : f + path.sep);
}
