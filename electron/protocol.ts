import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { rendererCsp } from './csp';
import { appScheme, resolveRendererFile } from './rendererFiles';

/**
 * The renderer is served from app://daicho/, never from file:// (Electron security
 * checklist #18): a custom origin gets the normal same-origin rules, the backend can
 * refuse any frame that is not from it, and only the renderer folder is reachable.
 */

/** Must run before `app` is ready. `standard` + `secure` give app:// a real origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      // No fetch() and no CORS: the renderer talks to the backend through IPC only.
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ]);
}

function refuse(status: 400 | 404 | 405): Response {
  return new Response(null, { status, headers: { 'Content-Security-Policy': rendererCsp } });
}

/** Serves the files of `rendererDir` (dist/renderer, inside app.asar when packaged). */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET') return refuse(405);
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file.ok) return refuse(file.status);
    let body: Buffer;
    try {
      body = await readFile(file.filePath);
    } catch {
      return refuse(404);
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': file.mimeType,
        'Content-Security-Policy': rendererCsp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  });
}
