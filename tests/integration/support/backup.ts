import { mkdtempSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { chief, makeTestApp, reauth, removeTestDir, setUpOrganization, type TestApp } from './backend';
import { holdingInput } from './holdings';

/** The passphrase the backup tests use (≥ 12 characters). */
export const passphrase = 'Backup-Passphrase-2026';

/** A folder standing for the removable drive. */
export function mediumDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'daicho-medium-'));
}

/** Exports as the logged-in chief into `dir` and returns the output and the file's path. */
export async function exportTo(app: TestApp, dir: string, name = 'Daicho_test.daicho-backup', extra: { keepGenerations?: number; mediumLocation?: string } = {}) {
  await reauth(app, chief.password);
  app.saveAnswer.path = path.join(dir, name);
  const out = await app.ok('backup.export', { passphrase, passphraseConfirm: passphrase, mediumLabel: 'バックアップUSB-1', mediumLocation: '本庁舎 総務課 耐火金庫', ...extra });
  return { out, file: path.join(dir, name) };
}

/** What each backup test starts from: the chief logged in, one entry, and its backup on the medium. */
export interface BackedUp {
  app: TestApp;
  medium: string;
  backupFile: string;
  departmentId: number;
}

/**
 * Per test: an organisation with one entry and its backup in a folder standing for the
 * medium. After the test the app `current()` names (a test may reopen the folder in a new
 * one) is closed, and both folders go.
 */
export function backedUpAppPerTest(use: (t: BackedUp) => void | Promise<void>, current: () => TestApp): void {
  let medium: string;
  beforeEach(async () => {
    const app = makeTestApp();
    medium = mediumDir();
    await setUpOrganization(app);
    const departmentId = (await app.ok('departments.list', {}))[0]!.id;
    await app.ok('holdings.create', holdingInput(departmentId));
    await use({ app, medium, backupFile: (await exportTo(app, medium)).file, departmentId });
  });
  afterEach(() => {
    const app = current();
    app?.close();
    removeTestDir(app.dir);
    removeTestDir(medium);
  });
}

const root = path.resolve(import.meta.dirname, '../../..');

/** Bundles a script of the app's sources for a child `node` process (as scripts/build.mjs does). */
export async function bundleForNode(entry: string): Promise<string> {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'daicho-child-')), `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile,
    external: ['better-sqlite3-multiple-ciphers', 'sharp'],
    logLevel: 'error',
    plugins: [
      {
        name: 'raw-text',
        setup(b) {
          b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw' }));
          b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
        },
      },
    ],
  });
  return outfile;
}

/** The Node 22 the project runs on (the system node cannot load the native module). */
export const projectNode = path.join(root, 'node_modules/.bin/node');
/** Lets a bundle outside the repository find the native module. */
export const childEnv = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
