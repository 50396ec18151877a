/**
 * The renderer's Content-Security-Policy. The app:// handler sends it as a response header
 * and renderer/index.html carries the same string in its <meta> tag (a test keeps the two
 * equal), so the policy holds even if one of them is lost. No network source at all: the
 * terminal is offline by design (Electron security checklist #7, "Define a CSP").
 * Import-free so tests can read it without loading Electron.
 */
export const rendererCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

/**
 * Policy of the hidden print window's documents. Their styles are inline (one
 * self-contained string), so style-src stays unset; scripts are also disabled in that
 * window, and nothing may be fetched or embedded.
 */
export const printCsp =
  "script-src 'none'; connect-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; " +
  "base-uri 'none'; form-action 'none'; img-src data:; font-src 'none'; media-src 'none'";
