import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend } from '../db/app';
import type { ChannelName } from '../db/contract';
import { findUserSlot, openUserSlot, readKeyring } from '../db/keyring/keyring';
import type { HostPorts } from '../db/ports';
import { openEncryptedDatabase } from '../db/store/database';

/** How a bench section prints one figure: its label, the value, and the target beside it. */
export type Line = (label: string, value: string, target?: string) => void;
export type Format = (n: number, d?: number) => string;

export const benchPassword = 'Bench-2026-password';

/** Runs a section in a fresh temporary folder that goes when it ends, however it ends. */
export async function inTempDir(prefix: string, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  try {
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A backend on `dataDir` whose dialogs answer with fixed paths, a call through its router
 * that throws on failure, and the organisation set up with its chief (`chief`,
 * `benchPassword`): each section measures through the same router the app uses. A section that
 * measures printing passes a real printer (Chromium's page.pdf, as the browser host does).
 */
export async function benchOrganization(dataDir: string, answers: { save?: string; open?: string }, printer?: HostPorts['printer']) {
  const backend = createBackend({
    dataDir,
    ports: {
      clock: { now: () => Date.now() },
      printer: printer ?? { toPdf: async () => Buffer.alloc(0), print: async () => true },
      dialogs: { chooseSavePath: async () => answers.save ?? null, chooseOpenPath: async () => answers.open ?? null },
    },
    trustedOrigins: ['app://daicho'],
    appVersion: 'bench',
    idleCheckIntervalMs: null,
  });
  const call = async (channel: ChannelName, input: unknown) => {
    const r = await backend.dispatch(channel, input, { frameUrl: 'app://daicho/' });
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r)}`);
    return r.data as never;
  };
  const chief = { loginId: 'chief', displayName: '総括', password: benchPassword };
  await call('setup.initialize', { organizationName: 'ベンチ市', departmentName: '総務課', chief, passwordPolicy: { minLength: 10, minClasses: 2 } });
  return { backend, call, password: benchPassword };
}

/**
 * A second connection to the organisation's database, opened with the chief's slot: a section
 * seeds straight through SQL on it, so only the queries it measures go through the router.
 */
export async function openSeed(dataDir: string, password: string) {
  const keyring = readKeyring(path.join(dataDir, 'keyring.json'));
  const key = (await openUserSlot(keyring, findUserSlot(keyring, 'chief')!, password))!;
  return { seed: openEncryptedDatabase(path.join(dataDir, 'daicho.db'), key, { create: false }), key };
}

/** A call through the bench's router (benchOrganization's `call`). */
export type Call = (channel: ChannelName, input: unknown) => Promise<unknown>;

/** Times one channel: `make(i)` gives the i-th call's channel and input (its own work is not timed). */
export type Measure = (label: string, target: string, make: (i: number) => [ChannelName, unknown] | Promise<[ChannelName, unknown]>, runs?: number) => Promise<void>;

function percentiles(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!, p95: s[Math.floor(s.length * 0.95)]! };
}

/** A Measure that prints p50 / p95 of `runs` calls (220 unless told) on one line. */
export function routerMeasure(call: Call, line: Line, fmt: Format): Measure {
  return async (label, target, make, runs = 220) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [channel, input] = await make(i);
      const t = performance.now();
      await call(channel, input);
      if (i >= 20) samples.push(performance.now() - t); // the first calls warm the page cache
    }
    const { p50, p95 } = percentiles(samples);
    line(label, `p50 ${fmt(p50)} / p95 ${fmt(p95)} ms`, target);
  };
}
