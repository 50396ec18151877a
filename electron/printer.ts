import { randomUUID } from 'node:crypto';
import { BrowserWindow, session as electronSession, type Session } from 'electron';
import type { PdfOptions, Printer } from '../db/ports';
import { printCsp } from './csp';
import { hardenSession } from './security';

/**
 * Printer port: each job renders its self-contained HTML (db/print) in a fresh hidden
 * window, then prints it or turns it into a PDF, and the window is destroyed.
 *
 * The document is served from memory at app://print/<random>.html in a separate,
 * non-persistent session: nothing is written to disk (the pages hold personal data), and
 * unlike a data: URL there is no 2 MB limit on documents carrying photos.
 * The window runs no JavaScript, has no preload and no Node, its session refuses the
 * network like the main one, and like every webContents it cannot navigate or open
 * windows (security.ts).
 */

// No "persist:" prefix: the partition lives in memory only.
const printPartition = 'daicho-print';
const printHost = 'print';

/** The print session: the app protocol serves only the documents waiting to be printed. */
function createPrintSession(documents: ReadonlyMap<string, string>): Session {
  const ses = electronSession.fromPartition(printPartition, { cache: false });
  hardenSession(ses);
  ses.protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const html = url.host === printHost ? documents.get(url.pathname.slice(1)) : undefined;
    if (html === undefined) return new Response(null, { status: 404 });
    return new Response(html, {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': printCsp, 'Cache-Control': 'no-store' },
    });
  });
  return ses;
}

function hiddenPrintWindow(session: Session): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 794, // A4 at 96 dpi, so the layout matches the paper before printing scales it
    height: 1123,
    webPreferences: {
      session,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    },
  });
}

export function createElectronPrinter(): Printer {
  const documents = new Map<string, string>();
  let printSession: Session | null = null;

  async function withDocument<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
    const name = `${randomUUID()}.html`;
    documents.set(name, html);
    printSession ??= createPrintSession(documents);
    const window = hiddenPrintWindow(printSession);
    try {
      await window.loadURL(`app://${printHost}/${name}`);
      return await use(window);
    } finally {
      documents.delete(name);
      window.destroy();
    }
  }

  return {
    toPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
      return withDocument(html, (window) =>
        window.webContents.printToPDF({
          pageSize: 'A4',
          landscape: options.landscape ?? false,
          printBackground: true,
          // The template's @page rule (A4, 15 mm, footer boxes) decides the layout, exactly
          // as in the Chromium print tests.
          preferCSSPageSize: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          generateTaggedPDF: true,
        }),
      );
    },

    print(html: string, options: PdfOptions = {}): Promise<boolean> {
      return withDocument(
        html,
        (window) =>
          new Promise<boolean>((resolve, reject) => {
            window.webContents.print(
              { silent: false, printBackground: true, landscape: options.landscape ?? false, pageSize: 'A4' },
              (success, failureReason) => {
                if (success) resolve(true);
                // Electron reports a closed dialog as "cancelled": not an error, the backend answers CANCELLED.
                else if (/cancel/i.test(failureReason)) resolve(false);
                else reject(new Error(`Printing failed: ${failureReason}`));
              },
            );
          }),
      );
    },
  };
}
