import path from 'node:path';
import { app, dialog, ipcMain, powerMonitor, session, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { createBackend, type Backend } from '../db/backend';
import { errorMessageKey, ipcEventChannel, ipcInvokeChannel, type Failure } from '../db/contract';
import { systemClock } from '../db/ports';
import { createElectronDialogs } from './dialogs';
import { installApplicationMenu } from './menu';
import { createElectronPrinter } from './printer';
import { registerAppScheme, serveRenderer } from './protocol';
import { appOrigin } from './rendererFiles';
import { hardenAllWebContents, hardenSession, refuseDebuggingSwitchesWhenPackaged } from './security';
import { createMainWindow, focusWindow } from './window';

/**
 * The Electron main process: a thin shell that serves the renderer, forwards IPC to the
 * backend (db/) and gives it a printer, dialogs and the OS lock signal. No business logic
 * lives here; no auto-update, telemetry or crash upload exists (the terminal is offline).
 */

// Tests and a portable setup point the app at a folder of their own (database, keyring and
// Chromium's profile together); the single-instance lock is then per folder too.
if (process.env.DAICHO_DATA_DIR) app.setPath('userData', path.resolve(process.env.DAICHO_DATA_DIR));

refuseDebuggingSwitchesWhenPackaged();
// Every renderer sandboxed, whatever a window's options say (security checklist #4).
app.enableSandbox();
registerAppScheme();
hardenAllWebContents();

let mainWindow: BrowserWindow | null = null;

function forbiddenSender(): Failure {
  return { ok: false, code: 'FORBIDDEN_SENDER', messageKey: errorMessageKey('FORBIDDEN_SENDER') };
}

/** Only the main window's top frame may call the backend (checklist #17: validate senders). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return mainWindow !== null && event.sender === mainWindow.webContents && event.senderFrame !== null && event.senderFrame.parent === null;
}

function start(): void {
  const dataDir = app.getPath('userData');
  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession, path.join(__dirname, '..', 'renderer'));
  installApplicationMenu();

  let backend: Backend;
  try {
    backend = createBackend({
      dataDir,
      ports: { clock: systemClock, printer: createElectronPrinter(), dialogs: createElectronDialogs(() => mainWindow) },
      trustedOrigins: [appOrigin],
      appVersion: app.getVersion(),
    });
  } catch (error) {
    dialog.showErrorBox('Daicho を起動できません', `データフォルダ ${dataDir} を開けませんでした。\n\n${String(error)}`);
    app.exit(1);
    return;
  }

  ipcMain.handle(ipcInvokeChannel, (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event)) return forbiddenSender();
    // The frame URL lets the backend refuse anything not from app://daicho (its own check).
    return backend.dispatch(typeof channel === 'string' ? channel : '', payload, { frameUrl: event.senderFrame?.url ?? '' });
  });
  const stopEvents = backend.onEvent((appEvent) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcEventChannel, appEvent);
  });

  // MIC §33: leaving the terminal locks the session. The OS lock screen and sleep count as leaving.
  powerMonitor.on('lock-screen', () => backend.lockForOs());
  powerMonitor.on('suspend', () => backend.lockForOs());

  mainWindow = createMainWindow(path.join(__dirname, 'preload.js'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  // One window is the whole app: closing it quits (on macOS too), which closes the database.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopEvents();
    ipcMain.removeHandler(ipcInvokeChannel);
    backend.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same database: hand over to the first and leave.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  void app.whenReady().then(start);
}
