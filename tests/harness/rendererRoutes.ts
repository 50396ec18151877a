import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';

/**
 * Serves the built renderer to Chromium from a made-up origin, without any network listener:
 * every request of the browser context is intercepted (`context.route`), requests under the
 * app's origin are answered from dist/renderer, and anything else is aborted and recorded.
 * `.invalid` is reserved (RFC 2606), so even a request that slipped past would resolve nowhere.
 */
export const appOrigin = 'https://daicho.invalid';
export const appUrl = `${appOrigin}/index.html`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface RequestLog {
  /** URLs outside the app's origin that the page tried to reach (the app must make none). */
  blockedRequests: string[];
  /** Paths under the app's origin with no file in dist/renderer (a broken asset reference). */
  missingFiles: string[];
}

/**
 * The CSP the Electron shell applies is the one in index.html's meta tag; the host sends the
 * same policy as a response header too, so the browser enforces it exactly as the app ships it.
 */
export function readContentSecurityPolicy(indexHtml: string): string {
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(indexHtml);
  if (!match?.[1]) throw new Error('renderer/index.html has no Content-Security-Policy meta tag');
  return match[1].replace(/\s+/g, ' ').trim();
}

/** Maps a URL path to a file inside `root`, or null if it would leave it (`/../`). */
function fileFor(root: string, pathname: string): string | null {
  const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(`${root}${path.sep}`) ? file : null;
}

export async function serveRenderer(context: BrowserContext, rendererDir: string): Promise<RequestLog> {
  const root = path.resolve(rendererDir);
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile) || !existsSync(path.join(root, 'app.js'))) {
    throw new Error(`No built renderer in ${root}: run \`node scripts/build.mjs\` first.`);
  }
  const csp = readContentSecurityPolicy(readFileSync(indexFile, 'utf8'));
  const log: RequestLog = { blockedRequests: [], missingFiles: [] };

  const handle = async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.origin !== appOrigin) {
      log.blockedRequests.push(url.href);
      await route.abort('blockedbyclient');
      return;
    }
    const file = fileFor(root, url.pathname);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      log.missingFiles.push(url.pathname);
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
      return;
    }
    await route.fulfill({
      status: 200,
      body: readFileSync(file),
      headers: {
        'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
  // A predicate rather than a glob, so no URL shape escapes the handler. Routes added later
  // take precedence, which lets a test serve an extra origin (e.g. a hostile page) on purpose.
  await context.route(() => true, handle);
  return log;
}
