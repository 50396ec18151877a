import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * Debian's Chromium, the same engine as Electron's printToPDF: one HTML template serves
 * the printer, the PDF and these tests. Playwright cannot download browsers here, and
 * the flags keep Chromium from reaching the network in the background.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the print tests cannot run on this machine (no Chromium, or no poppler-utils to read
 * the PDF back), or null when they can. The tests skip with this as their reason.
 */
export function missingPrintTools(): string | null {
  const missing = [existsSync(chromiumPath) ? null : `Chromium (${chromiumPath})`, ...['pdftotext', 'pdftoppm', 'pdfinfo'].map((tool) => (spawnSync(tool, ['-v']).error ? tool : null))];
  const names = missing.filter((name) => name !== null);
  return names.length > 0 ? `print tests skipped: ${names.join(', ')} not installed` : null;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Prints a self-contained document the way Electron's printer does (A4, backgrounds on). */
export async function htmlToPdf(browser: Browser, html: string, options: { landscape?: boolean } = {}): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    // Print documents carry everything inline; any request would be a template bug.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', landscape: options.landscape ?? false, printBackground: true, preferCSSPageSize: true });
    if (requests.some((url) => !url.startsWith('data:') && url !== 'about:blank')) {
      throw new Error(`The document made requests: ${requests.join(', ')}`);
    }
    return pdf;
  } finally {
    await page.close();
  }
}

/**
 * One Chromium for a test file's print tests, started before them and closed after: `skip` is
 * missingPrintTools()'s reason (give it to describe.skipIf), `toPdf` is htmlToPdf on that browser.
 * Call it at the top of the file.
 */
export function chromiumPerFile(): { skip: string | null; toPdf: (html: string, options?: { landscape?: boolean }) => Promise<Buffer> } {
  const skip = missingPrintTools();
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!skip) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    skip,
    toPdf: (html, options) => {
      if (!browser) throw new Error(skip ?? 'Chromium is started in beforeAll');
      return htmlToPdf(browser, html, options);
    },
  };
}
