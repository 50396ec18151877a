import { app, BrowserWindow } from 'electron';
import { appEntryUrl } from './rendererFiles';

/**
 * The one application window. Its webPreferences are the core of Electron's security
 * checklist: no Node in the renderer (#2), context isolation (#3), process sandbox (#4),
 * web security on (#6), no insecure content (#8), no <webview> (#12). The renderer sees
 * only the `api` object the preload exposes.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: '個人情報安全管理台帳',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A packaged build has no DevTools: they would let anyone at the terminal call the
      // backend outside the UI's flows.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}

/** Brings the existing window forward (second launch, single-instance lock). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
