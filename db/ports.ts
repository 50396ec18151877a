/**
 * What the backend needs from whatever hosts it: Electron in the product, a Node process
 * driving Chromium in preview and end-to-end tests. Keeping these few seams explicit is
 * what lets everything behind them run and be tested without Electron.
 */

/** Milliseconds since the epoch. Tests pass a clock they can move. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface PdfOptions {
  /** A4 portrait unless stated; landscape for wide lists. */
  landscape?: boolean;
}

/**
 * Turns a self-contained HTML document (inline CSS, data: images, no scripts) into paper
 * or PDF. Electron: a hidden, sandboxed window → webContents.print / printToPDF.
 * Browser host: Chromium page.setContent → page.pdf.
 */
export interface Printer {
  toPdf(html: string, options?: PdfOptions): Promise<Buffer>;
  /** Shows the OS print dialog; resolves false if the user cancelled. */
  print(html: string, options?: PdfOptions): Promise<boolean>;
}

export interface SaveFileRequest {
  /** Suggested file name, e.g. "回復キー_2026-11-22.pdf". */
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

export interface OpenFileRequest {
  filters: { name: string; extensions: string[] }[];
}

/** Native dialogs. Electron: dialog.showSaveDialog / showOpenDialog. Browser host: a fixed folder. */
export interface Dialogs {
  /** Absolute path chosen by the user, or null if they cancelled. */
  chooseSavePath(request: SaveFileRequest): Promise<string | null>;
  /** Absolute path of the file the user picked, or null if they cancelled. The main process reads it. */
  chooseOpenPath(request: OpenFileRequest): Promise<string | null>;
}

export interface HostPorts {
  clock: Clock;
  printer: Printer;
  dialogs: Dialogs;
}

/** Who sent an IPC call: the URL of the frame it came from. */
export interface SenderInfo {
  frameUrl: string;
}
