import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { rendererCsp } from '../../electron/csp';

/**
 * A guard over the Electron shell's sources: the settings Electron's security checklist
 * forbids must never appear, whoever edits electron/ next. Comments are stripped first
 * (with the TypeScript printer, so "app://" inside a string is not taken for a comment),
 * so a comment may explain a rule without tripping it.
 */

const electronDir = path.resolve('electron');
const sources = readdirSync(electronDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => {
    const file = path.join(electronDir, name);
    const text = readFileSync(file, 'utf8');
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    return { name, text, code: ts.createPrinter({ removeComments: true }).printFile(sourceFile) };
  });

function source(name: string) {
  const found = sources.find((s) => s.name === name);
  if (!found) throw new Error(`electron/${name} is missing`);
  return found;
}

const forbiddenInCode: [string, RegExp][] = [
  ['nodeIntegration: true', /nodeIntegration\s*:\s*true/],
  ['nodeIntegrationInWorker: true', /nodeIntegrationInWorker\s*:\s*true/],
  ['nodeIntegrationInSubFrames: true', /nodeIntegrationInSubFrames\s*:\s*true/],
  ['contextIsolation: false', /contextIsolation\s*:\s*false/],
  ['sandbox: false', /sandbox\s*:\s*false/],
  ['webSecurity: false', /webSecurity\s*:\s*false/],
  ['allowRunningInsecureContent: true', /allowRunningInsecureContent\s*:\s*true/],
  ['webviewTag: true', /webviewTag\s*:\s*true/],
  ['experimentalFeatures', /experimentalFeatures/],
  ['enableBlinkFeatures', /enableBlinkFeatures/],
  ['an http(s) URL', /\b(?:https?|wss?|ftp):\/\//i],
  ['a file:// URL or loadFile', /file:\/\/|\bloadFile\s*\(/],
  ['autoUpdater', /\bautoUpdater\b/],
  ['crashReporter.start', /crashReporter\s*\.\s*start/],
  ['net.request', /\bnet\s*\.\s*request\b/],
  ['shell.openExternal', /\bopenExternal\b/],
  ['ipcRenderer exposed to the page', /exposeInMainWorld\([^)]*\bipcRenderer\b/],
  ['a remote module', /@electron\/remote/],
];

describe('Electron shell security settings', () => {
  it('finds the shell sources', () => {
    expect(sources.map((s) => s.name)).toEqual(expect.arrayContaining(['main.ts', 'preload.ts', 'window.ts', 'printer.ts', 'protocol.ts', 'security.ts']));
  });

  it.each(forbiddenInCode)('never uses %s', (_label, pattern) => {
    const offenders = sources.filter((s) => pattern.test(s.code)).map((s) => s.name);
    expect(offenders).toEqual([]);
  });

  it('never allows unsafe-eval or unsafe-inline, not even in a comment', () => {
    const offenders = sources.filter((s) => /unsafe-eval|unsafe-inline/.test(s.text)).map((s) => s.name);
    expect(offenders).toEqual([]);
  });

  it('hardens the main window', () => {
    const { code } = source('window.ts');
    for (const setting of [
      /contextIsolation\s*:\s*true/,
      /sandbox\s*:\s*true/,
      /nodeIntegration\s*:\s*false/,
      /nodeIntegrationInWorker\s*:\s*false/,
      /webSecurity\s*:\s*true/,
      /allowRunningInsecureContent\s*:\s*false/,
      /webviewTag\s*:\s*false/,
      /devTools\s*:\s*!app\.isPackaged/,
    ]) {
      expect(code).toMatch(setting);
    }
  });

  it('runs print documents without JavaScript, Node or preload', () => {
    const { code } = source('printer.ts');
    expect(code).toMatch(/javascript\s*:\s*false/);
    expect(code).toMatch(/sandbox\s*:\s*true/);
    expect(code).not.toMatch(/preload\s*:/);
  });

  it('sandboxes every renderer, refuses navigation, new windows, webviews and permissions', () => {
    expect(source('main.ts').code).toMatch(/app\.enableSandbox\(\)/);
    const { code } = source('security.ts');
    expect(code).toMatch(/'will-navigate'[^;]*preventDefault/);
    expect(code).toMatch(/'will-attach-webview'[^;]*preventDefault/);
    expect(code).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(code).toMatch(/setPermissionRequestHandler\([^;]*callback\(false\)/);
    expect(code).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(code).toMatch(/setDevicePermissionHandler\(\(\) => false\)/);
    expect(code).toMatch(/webRequest\.onBeforeRequest/);
  });

  it('checks the IPC sender before forwarding to the backend', () => {
    const { code } = source('main.ts');
    expect(code).toMatch(/if \(!isTrustedSender\(event\)\)\s*return forbiddenSender\(\)/);
    expect(code).toMatch(/event\.sender === mainWindow\.webContents/);
  });

  it('serves the renderer with the same CSP as renderer/index.html', () => {
    const indexHtml = path.resolve('renderer/index.html');
    expect(existsSync(indexHtml), 'renderer/index.html must exist').toBe(true);
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(readFileSync(indexHtml, 'utf8'));
    expect(meta, 'index.html carries a CSP <meta>').not.toBeNull();
    const normalize = (csp: string) => csp.replace(/\s+/g, ' ').trim();
    expect(normalize(meta?.[1] ?? '')).toBe(normalize(rendererCsp));
    expect(rendererCsp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'",
    );
    expect(source('protocol.ts').code).toMatch(/'Content-Security-Policy': rendererCsp/);
  });
});
