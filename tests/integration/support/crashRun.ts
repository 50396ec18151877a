import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, expect } from 'vitest';
import type { Db } from '../../../db/store/database';
import { chief, makeTestApp, removeTestDir } from './backend';
import { childEnv, projectNode } from './backup';
import { databaseKeyFromPassword, openWithRawKey } from './documentedFormat';

/**
 * What the crash tests share ("crashes at any moment leave usable data"): a child process running
 * the real backend on a copy of a prepared folder, SIGKILLed a chosen time after it says `ready`
 * (it says `ack` once its call returned ok), and the folder opened again — 改ざん検査 clean, the file
 * whole — before the test reads what happened. Randomness is seeded so a run can be repeated.
 */

/** A small seeded generator (mulberry32): the same seed gives the same kill times. */
export function seededRandom(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChildRun {
  dir: string;
  readyAt: number | null;
  ackAt: number | null;
  stderr: string;
}

export interface CrashHarness {
  /** A scratch folder of the file's, removed after it. */
  scratch: string;
  /** Folders to remove after the file. */
  folders: string[];
  /** Runs `script` with `args(copy)` on a copy of `source`; kills it `killAfterMs` after `ready` (null: never). */
  runChild(script: string, source: string, name: string, args: (copy: string) => string[], killAfterMs: number | null): Promise<ChildRun>;
  /** The folder opened again: the chief logs in, 改ざん検査 is clean, integrity_check ok; then `check` reads the database. */
  reopenAndCheck(folder: string, where: string, check: (db: Db) => void): Promise<void>;
}

/** One harness per test file; its children are killed and its folders removed after the file. */
export function crashHarness(prefix: string, script: () => string | undefined): CrashHarness {
  const children = new Set<ChildProcess>();
  const scratch = mkdtempSync(path.join(tmpdir(), prefix));
  const folders = [scratch];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    const bundled = script();
    if (bundled) removeTestDir(path.dirname(bundled));
    for (const dir of folders) removeTestDir(dir);
  });

  async function runChild(scriptPath: string, source: string, name: string, args: (copy: string) => string[], killAfterMs: number | null): Promise<ChildRun> {
    const copy = mkdtempSync(path.join(scratch, `${name}-`));
    cpSync(source, copy, { recursive: true });
    const child = spawn(projectNode, [scriptPath, ...args(copy)], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const run: ChildRun = { dir: copy, readyAt: null, ackAt: null, stderr: '' };
    let timer: NodeJS.Timeout | undefined;
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line === 'ready') {
          run.readyAt = performance.now();
          if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        }
        if (line === 'ack') run.ackAt = performance.now();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    await new Promise<void>((resolve) => child.on('exit', () => resolve()));
    clearTimeout(timer);
    children.delete(child);
    return run;
  }

  async function reopenAndCheck(folder: string, where: string, check: (db: Db) => void): Promise<void> {
    const app = makeTestApp({ dir: folder, startAt: Date.now() });
    folders.push(app.outDir);
    try {
      await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
      const verified = await app.ok('audit.verify');
      expect(verified.ok, `${where}: ${JSON.stringify(verified).slice(0, 800)}`).toBe(true);
    } finally {
      app.close();
    }
    const db = openWithRawKey(path.join(folder, 'daicho.db'), databaseKeyFromPassword(path.join(folder, 'keyring.json'), chief.loginId, chief.password));
    try {
      expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
      check(db as unknown as Db);
    } finally {
      db.close();
    }
  }

  return { scratch, folders, runChild, reopenAndCheck };
}
