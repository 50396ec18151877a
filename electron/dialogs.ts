import path from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { Dialogs, SaveFileRequest } from '../db/ports';

/** Dialogs port: the native save dialog, modal to the main window. */
export function createElectronDialogs(getParent: () => BrowserWindow | null): Dialogs {
  return {
    async chooseSavePath(request: SaveFileRequest): Promise<string | null> {
      const options: SaveDialogOptions = {
        // Only a file name is taken from the backend; the folder is the user's choice.
        defaultPath: path.join(app.getPath('documents'), path.basename(request.defaultName)),
        filters: request.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = getParent();
      const result = parent && !parent.isDestroyed() ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
