import path from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Dialogs, OpenFileRequest, SaveFileRequest } from '../db/ports';

/** Dialogs port: the native save and open dialogs, modal to the main window. */
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
    async chooseOpenPath(request: OpenFileRequest): Promise<string | null> {
      const options: OpenDialogOptions = { defaultPath: app.getPath('documents'), filters: request.filters, properties: ['openFile'] };
      const parent = getParent();
      const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
