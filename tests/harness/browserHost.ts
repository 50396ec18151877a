import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBackend } from '../../db/app';
import type { Backend } from '../../db/backend';
import { systemClock, type Clock, type HostPorts } from '../../db/ports';
import { htmlToPdf } from '../integration/support/chromium';
import { forwardEvents, wireApi } from './bridge';
import { appOrigin, appUrl, serveRenderer, type RequestLog } from './rendererRoutes';

/**
 * The browser host: the real renderer in Debian's Chromium, with `window.api` wired to the
 * real backend (router, services, SQLCipher database) running in this Node process. It is
 * what Electron does, minus Electron, whose binary cannot be downloaded on these machines.
 *
 * Used by the end-to-end tests and by `npm run preview`. It lives under tests/harness
 * because it is test tooling first; scripts/preview.ts is the one dev tool importing it
 * (neither ships in the product, and electron/ never imports either).
 */

export interface BrowserHostOptions {
  dataDir: string;
  /** Where printed and saved PDFs go (the host has no printer and no save dialog). */
  outputDir: string;
  headless: boolean;
  /** Real time (preview) or a clock the test moves; the default is a test clock. */
  clock?: 'system' | { startAt?: number };
  /** Lower scrypt cost for tests; the product's default when omitted. */
  kdfCost?: { N: number; r: number; p: number };
  /** Idle-lock timer; null (the default) means the test calls backend.checkIdle() itself. */
  idleCheckIntervalMs?: number | null;
  /** dist/renderer; defaults to ./dist/renderer from the working directory. */
  rendererDir?: string;
  appVersion?: string;
  /** Headed windows size themselves; headless pages get this viewport. */
  viewport?: { width: number; height: number };
  /**
   * false: the caller closes the host itself on Ctrl+C / SIGTERM (preview). Playwright's own
   * handlers would otherwise close the browser and exit the process before the backend has
   * logged out and closed the database.
   */
  handleSignals?: boolean;
  /** Told about every PDF the host writes (preview prints the path: nothing else shows it). */
  onDocument?(kind: 'printed' | 'saved', file: string): void;
}

export interface HostClock extends Clock {
  /** Moves the test clock forward; throws on real time. */
  advance(ms: number): void;
}

export interface BrowserHost extends RequestLog {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  backend: Backend;
  clock: HostClock;
  /** Files written by `printer.print` (there is no OS print dialog here), in order. */
  printedPdfs: string[];
  /** Paths the save dialog answered with, in order. */
  savedPaths: string[];
  /** What the open dialog answers next (a file to import); null means the user cancels. */
  openAnswer: { path: string | null };
  /** Uncaught exceptions in the app page. */
  pageErrors: string[];
  /** console.error output of the app page (CSP violations show up here too). */
  consoleErrors: string[];
  /** Resolves when the app page or the browser goes away (the user closed the window). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Same flags as tests/integration/support/chromium.ts (whose launcher cannot take headless or
 * signal options): no background traffic, no GPU, no sandbox (containers).
 */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=ja-JP'];
/**
 * Chromium in Japanese, as Electron on a Japanese Windows would be: date fields read 年/月/日.
 * On Linux the browser's own language comes from LANGUAGE (and Debian's chromium-l10n,
 * which .ci/run installs); the page's locale alone leaves date fields in mm/dd/yyyy.
 */
const chromiumEnv = { ...process.env, LANGUAGE: 'ja', LANG: 'ja_JP.UTF-8' };
const defaultTestStart = Date.parse('2026-11-22T01:00:00Z');

function makeClock(option: BrowserHostOptions['clock']): HostClock {
  if (option === 'system') {
    return {
      now: () => systemClock.now(),
      advance: () => {
        throw new Error('The host runs on real time; only a test clock can be advanced.');
      },
    };
  }
  let now = option?.startAt ?? defaultTestStart;
  return {
    now: () => now,
    advance: (ms) => {
      if (!(ms >= 0)) throw new Error(`advance(${ms}): time only moves forward`);
      now += ms;
    },
  };
}

/** The host's printer (Chromium's page.pdf) and dialogs (a fixed folder; tests pick the file to open). */
function hostPorts(
  options: BrowserHostOptions,
  clock: HostPorts['clock'],
  printingBrowser: () => Promise<Browser>,
  record: { printedPdfs: string[]; savedPaths: string[]; openAnswer: { path: string | null } },
): HostPorts {
  const { printedPdfs, savedPaths, openAnswer } = record;
  return {
    clock,
    printer: {
      // The backend writes the file itself (atomically) to the path the dialog gave.
      toPdf: async (html, pdfOptions) => htmlToPdf(await printingBrowser(), html, pdfOptions),
      print: async (html, pdfOptions) => {
        const pdf = await htmlToPdf(await printingBrowser(), html, pdfOptions);
        // Preview keeps its folder between runs: never overwrite an earlier print.
        let n = printedPdfs.length + 1;
        while (existsSync(path.join(options.outputDir, `printed-${n}.pdf`))) n++;
        const file = path.join(options.outputDir, `printed-${n}.pdf`);
        writeFileSync(file, pdf);
        printedPdfs.push(file);
        options.onDocument?.('printed', file);
        return true;
      },
    },
    dialogs: {
      chooseSavePath: async ({ defaultName }) => {
        mkdirSync(options.outputDir, { recursive: true });
        // The suggested name comes from the backend; keep it a plain file name in the folder.
        const file = path.join(options.outputDir, path.basename(defaultName));
        savedPaths.push(file);
        options.onDocument?.('saved', file);
        return file;
      },
      // Tests put the file to "pick" in openAnswer.path; null is the user cancelling.
      chooseOpenPath: async () => openAnswer.path,
    },
  };
}

export async function launchBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  mkdirSync(options.outputDir, { recursive: true });
  const clock = makeClock(options.clock);
  const printedPdfs: string[] = [];
  const savedPaths: string[] = [];
  const openAnswer: { path: string | null } = { path: null };

  const signals = options.handleSignals ?? true;
  const launch = (headless: boolean) =>
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless,
      args: headless ? chromiumArgs : [...chromiumArgs, '--window-size=1280,860'],
      env: chromiumEnv,
      handleSIGINT: signals,
      handleSIGTERM: signals,
      handleSIGHUP: signals,
    });
  const browser = await launch(options.headless);
  // Print jobs render in a headless browser: in preview a print must not flash a window.
  let printBrowser: Promise<Browser> | null = options.headless ? Promise.resolve(browser) : null;
  const printingBrowser = () => (printBrowser ??= launch(true));

  const ports = hostPorts(options, clock, printingBrowser, { printedPdfs, savedPaths, openAnswer });

  let backend: Backend | null = null;
  try {
    backend = createBackend({
      dataDir: options.dataDir,
      ports,
      trustedOrigins: [appOrigin],
      appVersion: options.appVersion ?? '0.0.0-browser-host',
      idleCheckIntervalMs: options.idleCheckIntervalMs ?? null,
      ...(options.kdfCost ? { kdfCost: options.kdfCost } : {}),
    });
    const context = await browser.newContext({
      // The app is for Japanese offices: dates and times render as they would there.
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      viewport: options.headless ? (options.viewport ?? { width: 1280, height: 800 }) : null,
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    // The page's clock starts where main's does, so the renderer's "today" (a form's default
    // date) is main's today; timers still run. Main's clock moves on alone when a test advances it.
    if (options.clock !== 'system') await context.clock.setSystemTime(clock.now());
    const log = await serveRenderer(context, options.rendererDir ?? path.resolve('dist/renderer'));
    await wireApi(context, backend);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const stopEvents = forwardEvents(backend, page);
    const closed = new Promise<void>((resolve) => {
      page.once('close', () => resolve());
      browser.once('disconnected', () => resolve());
    });
    await page.goto(appUrl, { waitUntil: 'load' });

    const openBackend = backend;
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        stopEvents();
        // The browser goes first, so no call arrives while the database closes.
        await browser.close().catch(() => undefined);
        if (printBrowser && !options.headless) await (await printBrowser).close().catch(() => undefined);
        openBackend.close();
      })());

    return { page, context, browser, backend, clock, printedPdfs, savedPaths, openAnswer, pageErrors, consoleErrors, closed, close, ...log };
  } catch (error) {
    await browser.close().catch(() => undefined);
    backend?.close();
    throw error;
  }
}
