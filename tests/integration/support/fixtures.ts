import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread } from 'node:worker_threads';
import { makeTestApp, type TestApp } from './backend';

/**
 * Data folders built once per test run and copied into each test's own folder. Building an
 * organisation costs about a second (scrypt for every account, audited writes); copying
 * its three files costs milliseconds, so an area's tests pay the build once, not per test.
 *
 * Test files run in parallel worker processes: the first that needs a fixture builds it
 * under a lock, the others wait for it. The cache belongs to one vitest run (its main
 * process id) and to the source it was built from, so it is never reused across code
 * changes; folders of runs that have ended are removed by the next run.
 */

/** What a data folder holds (SECURITY.md); the source is closed first, so there is no -wal. */
export const dataFiles = ['daicho.db', 'keyring.json', 'keyring.backup.json', 'lockout.json', 'anchor.json'] as const;

export function copyDataFolder(from: string, to: string): void {
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path.join(from, `daicho.db${suffix}`))) throw new Error(`${from} is still open (daicho.db${suffix}): close its backend first`);
  }
  mkdirSync(to, { recursive: true });
  for (const name of dataFiles) if (existsSync(path.join(from, name))) copyFileSync(path.join(from, name), path.join(to, name));
}

const prefix = 'daicho-fixtures-';
// Forked workers are children of the vitest process; thread workers live inside it.
const runId = isMainThread ? process.ppid : process.pid;
const repoRoot = path.resolve(import.meta.dirname, '../../..');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Changes whenever the backend or these helpers change (watch mode keeps one vitest process). */
function sourceStamp(): string {
  const hash = createHash('sha256');
  for (const dir of ['db', 'tests/integration/support']) {
    for (const entry of readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' }).sort()) {
      const stat = statSync(path.join(repoRoot, dir, entry));
      if (stat.isFile()) hash.update(`${dir}/${entry} ${stat.size} ${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function runFolder(): string {
  for (const entry of readdirSync(tmpdir())) {
    const pid = Number(entry.slice(prefix.length));
    if (entry.startsWith(prefix) && pid !== runId && !isAlive(pid)) rmSync(path.join(tmpdir(), entry), { recursive: true, force: true });
  }
  const dir = path.join(tmpdir(), `${prefix}${runId}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface Built<T> {
  dir: string;
  result: T;
}

async function build<T>(dir: string, make: (app: TestApp) => Promise<T>): Promise<void> {
  const staging = `${dir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const app = makeTestApp({ dir: staging });
  try {
    const result = await make(app);
    app.close();
    writeFileSync(path.join(staging, 'fixture.json'), JSON.stringify({ result }));
    renameSync(staging, dir);
  } catch (error) {
    app.close();
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch {
    // Another worker holds it; take it over only if that worker has died.
    const owner = Number(existsSync(path.join(lock, 'pid')) ? readFileSync(path.join(lock, 'pid'), 'utf8') : NaN);
    if (Number.isInteger(owner) && !isAlive(owner)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
  writeFileSync(path.join(lock, 'pid'), String(process.pid));
  return true;
}

async function buildOnce<T>(name: string, make: (app: TestApp) => Promise<T>): Promise<Built<T>> {
  const dir = path.join(runFolder(), `${name}-${sourceStamp()}`);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (existsSync(path.join(dir, 'fixture.json'))) {
      return { dir, result: (JSON.parse(readFileSync(path.join(dir, 'fixture.json'), 'utf8')) as { result: T }).result };
    }
    if (!tryLock(lock)) {
      await sleep(25);
      continue;
    }
    try {
      await build(dir, make);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`fixture ${name}: not built within 120 s (lock ${lock})`);
}

const builtHere = new Map<string, Promise<Built<unknown>>>();

/**
 * Gives a fresh test app (from makeTestApp, not yet set up) the data folder `make` builds,
 * and returns what `make` returned. `make` runs once per run and name, on its own app with
 * the default clock; it must leave no session it relies on (the backend is closed after).
 */
export async function fromFixture<T>(app: TestApp, name: string, make: (app: TestApp) => Promise<T>): Promise<T> {
  if (existsSync(path.join(app.dir, 'keyring.json'))) throw new Error(`fixture ${name}: the test app is already set up`);
  let built = builtHere.get(name) as Promise<Built<T>> | undefined;
  if (!built) {
    built = buildOnce(name, make);
    builtHere.set(name, built);
  }
  const { dir, result } = await built;
  copyDataFolder(dir, app.dir);
  return result;
}
