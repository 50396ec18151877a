/*
 * `npm run preview`: the real app in a Chromium window, for anyone without the Electron
 * binary (it cannot be downloaded on the build machines). The renderer is served by request
 * interception, not by an HTTP server: the preview opens no network listener at all, and
 * `window.api` reaches the real backend and encrypted database in this Node process.
 *
 * It reuses the end-to-end tests' browser host (tests/harness/browserHost.ts) so that what
 * a developer clicks through and what the tests drive are one and the same wiring. This is
 * the one dev tool that imports from tests/; nothing in the product does.
 *
 *   DAICHO_DATA_DIR=/some/folder npm run preview     (default: ./.daicho-data, gitignored)
 *   xvfb-run -a npm run preview                      (on a machine without a display)
 */
import path from 'node:path';
import { version } from '../package.json';
import { launchBrowserHost } from '../tests/harness/browserHost';

async function main(): Promise<number> {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('preview: no display found. Run it under a virtual display: xvfb-run -a npm run preview');
    return 1;
  }
  const dataDir = path.resolve(process.env.DAICHO_DATA_DIR || '.daicho-data');
  // Beside the data folder, not in it: main refuses to save inside the data folder.
  const outputDir = `${dataDir}-output`;
  // Built to dist/tools/preview.js; the renderer bundle sits beside it in dist/renderer.
  const rendererDir = path.resolve(__dirname, '..', 'renderer');

  const host = await launchBrowserHost({
    dataDir,
    outputDir,
    headless: false,
    clock: 'system',
    // The product's timer, so the screen locks by itself as it would in Electron.
    idleCheckIntervalMs: 15_000,
    rendererDir,
    handleSignals: false,
    appVersion: `${version}-preview`,
    onDocument: (kind, file) => console.log(`preview: ${kind === 'printed' ? 'printed (no printer here) to' : 'saved'} ${file}`),
  });
  console.log(`preview: data (encrypted) in ${dataDir}`);
  console.log(`preview: printed and saved PDFs in ${outputDir} (PDFs are not encrypted; a recovery sheet is a secret)`);
  console.log('preview: close the browser window (or press Ctrl+C) to stop.');

  // First signal: close cleanly. A second one means the user is done waiting.
  let signalled = false;
  const stop = () => {
    if (signalled) process.exit(130);
    signalled = true;
    void host.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  await host.closed;
  // Logs the session out and closes the database, wiping its key from memory.
  await host.close();
  console.log('preview: closed.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('preview: failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
