// Builds every bundle the app and its tools need, with one esbuild configuration.
// Usage: node scripts/build.mjs            (everything)
import { build } from 'esbuild';
import { readFile, mkdir, copyFile, rm } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist');

/** `import text from './x.sql?raw'` — the same convention vitest/vite use. */
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw-text',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  plugins: [rawText],
  legalComments: 'none',
};

// Node-side bundles keep native and optional tooling modules external.
// sharp is native (a .node and libvips beside it, unpacked from asar: electron-builder.yml). file-type
// is ESM-only and pure JavaScript: esbuild bundles it into the CJS main like any other module.
const nodeExternal = ['electron', 'better-sqlite3-multiple-ciphers', 'playwright-core', 'sharp'];
const nodeBundle = (entryPoints, extra = {}) =>
  build({ ...common, platform: 'node', format: 'cjs', target: 'node22', external: nodeExternal, entryPoints, outdir: out, ...extra });

await rm(out, { recursive: true, force: true });
await Promise.all([
  nodeBundle({ 'electron/main': 'electron/main.ts' }),
  // The preload runs sandboxed: it may only require 'electron', so it is one self-contained
  // file. The channel allow-list pulls zod in with the contract; minified it stays small.
  nodeBundle({ 'electron/preload': 'electron/preload.ts' }, { external: ['electron'], minify: true }),
  build({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'chrome130',
    entryPoints: { 'renderer/app': 'renderer/main.tsx' },
    outdir: out,
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    loader: { '.woff2': 'file' },
  }),
  nodeBundle({ 'tools/preview': 'scripts/preview.ts', 'tools/bench': 'scripts/bench.ts', 'tools/verify-backup': 'scripts/verifyBackup.ts' }),
]);
await mkdir(path.join(out, 'renderer'), { recursive: true });
await copyFile(path.join(root, 'renderer/index.html'), path.join(out, 'renderer/index.html'));
