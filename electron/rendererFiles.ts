import path from 'node:path';

/**
 * Maps an app:// URL to a file under the renderer folder, or refuses it. Pure (no
 * Electron) so the traversal rules are unit-tested under Node.
 */

export const appScheme = 'app';
export const appHost = 'daicho';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Only what the renderer bundle contains is served; any other type is refused. */
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export type RendererFile = { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 404 };

export function resolveRendererFile(rootDir: string, requestUrl: string): RendererFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return { ok: false, status: 404 };
  let pathname: string;
  try {
    // Percent-decoding can produce "../" and "\" that the URL parser never saw as such.
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (/[\0\\:]/.test(pathname)) return { ok: false, status: 400 };
  const segments = pathname.split('/').filter((segment) => segment !== '' && segment !== '.');
  // Traversal is refused outright rather than clamped, so a crafted URL never maps to a file.
  if (segments.includes('..')) return { ok: false, status: 400 };
  const root = path.resolve(rootDir);
  const filePath = path.join(root, ...segments);
  if (!filePath.startsWith(root + path.sep)) return { ok: false, status: 404 };
  const mimeType = mimeTypes[path.extname(filePath).toLowerCase()];
  if (!mimeType) return { ok: false, status: 404 };
  return { ok: true, filePath, mimeType };
}
