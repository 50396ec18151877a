import { app, type Session, type WebContents } from 'electron';

/**
 * Everything a page could use to leave the app is refused here, once for every
 * webContents and session the app creates (main window and hidden print window alike).
 * Numbers refer to Electron's security checklist (docs/tutorial/security.md).
 */

/** Schemes a page may load. No http(s), ws, ftp or file: the terminal is offline (MIC §27). */
const localSchemes = new Set(['app:', 'data:', 'blob:', 'devtools:']);

export function isLocalUrl(url: string): boolean {
  try {
    return localSchemes.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Permissions (#5), devices, downloads and every non-local request are refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('will-download', (event) => event.preventDefault());
  // No network at all: a request that is not for the app itself never leaves the machine.
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isLocalUrl(details.url) }));
}

/** Navigation (#13), new windows (#14) and <webview> (#12) are refused in every webContents. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Subframes too (CSP frame-src 'none' already forbids them; this holds if CSP is lost).
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/**
 * A packaged build refuses to start with debugging switches. The Node inspector is
 * already off through the EnableNodeCliInspectArguments fuse, but Chromium's own remote
 * debugging would hand the renderer — and through it the backend — to another program.
 * Development builds keep them (Playwright's Electron launcher relies on them).
 */
export function refuseDebuggingSwitchesWhenPackaged(): void {
  if (!app.isPackaged) return;
  const switches = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-allow-origins', 'inspect', 'inspect-brk', 'js-flags'];
  if (switches.some((name) => app.commandLine.hasSwitch(name))) app.exit(1);
}
