/**
 * `BENCH=backup npm run bench` (issue #8): export and verify throughput of an encrypted backup
 * of a database of about 1 GB (BENCH_BACKUP_MB to change), beside the machine's ceilings (a
 * plain file copy, raw AES-256-GCM and SHA-256), the peak memory during export above idle,
 * and the snapshot candidates measured: copying the encrypted pages of a WAL-checkpointed
 * snapshot held by a reader (chosen), `VACUUM INTO` (decrypts and re-encrypts every page) and
 * SQLite's backup API (refused by this SQLCipher build).
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Backend } from '../db/backend';
import type { ChannelName } from '../db/contract';
import { takeSnapshot } from '../db/core/backup/snapshot';
import type { Db } from '../db/store/database';
import { benchOrganization, inTempDir, openSeed, type Format, type Line } from './benchSupport';

const MB = 1024 * 1024;

export async function benchBackup(line: Line, fmt: Format): Promise<void> {
  await inTempDir('daicho-bench-backup-', (dir) => measure(dir, line, fmt));
}

async function measure(dir: string, line: Line, fmt: Format): Promise<void> {
  const dataDir = path.join(dir, 'data');
  const medium = path.join(dir, 'medium');
  const target = path.join(medium, 'Daicho_bench.daicho-backup');
  mkdirSync(dataDir);
  mkdirSync(medium);
  const { backend, call, password } = await benchOrganization(dataDir, { save: target, open: target });
  const { seed, key, dbFile, bytes } = await seedDatabase(dataDir, password, line, fmt);
  ceilings(dbFile, medium, bytes, line, fmt);
  await candidates(seed, dbFile, key, medium, bytes, line, fmt);
  seed.close();
  await exportAndVerify(backend, call, password, line, fmt);
  backend.close();
}

/** Seeds straight through SQL on a second connection: only the backup is measured. */
async function seedDatabase(dataDir: string, password: string, line: Line, fmt: Format) {
  const sizeMb = Number(process.env.BENCH_BACKUP_MB ?? 1024);
  const { seed, key } = await openSeed(dataDir, password);
  const t0 = performance.now();
  const insert = seed.prepare(`INSERT INTO holding_history (holding_id, version, at, user_id, user_name, action, changes) VALUES (?, ?, '2026-11-22T01:00:00.000Z', 1, '総括', 'update', ?)`);
  seed.pragma('foreign_keys=OFF');
  const rows = Math.ceil((sizeMb * MB) / 4000);
  const body = JSON.stringify([{ field: 'remarks', before: 'x'.repeat(1900), after: 'y'.repeat(1900) }]);
  for (let i = 0; i < rows; i += 5000) {
    seed.transaction(() => {
      for (let j = i; j < Math.min(rows, i + 5000); j++) insert.run(1 + (j % 1000), 1 + Math.floor(j / 1000), body);
    })();
  }
  seed.pragma('wal_checkpoint(TRUNCATE)');
  const dbFile = path.join(dataDir, 'daicho.db');
  const bytes = statSync(dbFile).size;
  line(`seeded database (${fmt(bytes / MB, 0)} MB)`, `${fmt((performance.now() - t0) / 1000, 1)} s`);
  return { seed, key, dbFile, bytes };
}

/** What this machine can do at best: a plain copy, AES-256 and SHA-256. */
function ceilings(dbFile: string, medium: string, bytes: number, line: Line, fmt: Format): void {
  const copyTarget = path.join(medium, 'plain-copy.db');
  let t = performance.now();
  copyFileSync(dbFile, copyTarget);
  line('ceiling: plain file copy (copyFileSync)', `${fmt(bytes / MB / ((performance.now() - t) / 1000), 0)} MB/s`);
  t = performance.now();
  chunkCopy(dbFile, copyTarget, bytes);
  line('ceiling: read + write in 1 MiB chunks', `${fmt(bytes / MB / ((performance.now() - t) / 1000), 0)} MB/s`);
  rmSync(copyTarget);
  const block = randomBytes(MB);
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  t = performance.now();
  for (let i = 0; i < 512; i++) cipher.update(block);
  line('ceiling: raw AES-256-GCM (512 MiB)', `${fmt(512 / ((performance.now() - t) / 1000), 0)} MB/s`);
  const cbc = createCipheriv('aes-256-cbc', randomBytes(32), randomBytes(16));
  t = performance.now();
  for (let i = 0; i < 512; i++) cbc.update(block);
  line('ceiling: raw AES-256-CBC encrypt (SQLCipher pages)', `${fmt(512 / ((performance.now() - t) / 1000), 0)} MB/s`);
  const sha = createHash('sha256');
  t = performance.now();
  for (let i = 0; i < 512; i++) sha.update(block);
  line('ceiling: SHA-256 (512 MiB)', `${fmt(512 / ((performance.now() - t) / 1000), 0)} MB/s`);
}

/** The ways to a consistent encrypted copy that were considered. */
async function candidates(seed: Db, dbFile: string, key: Buffer, medium: string, bytes: number, line: Line, fmt: Format): Promise<void> {
  let t = performance.now();
  const snapshot = await takeSnapshot(seed, dbFile, key);
  const snapMs = performance.now() - t;
  snapshot.release();
  line('candidate (a): checkpoint + reader snapshot (+ counts)', `${fmt(snapMs, 0)} ms`, 'then a plain copy of encrypted pages (chosen)');
  const vacuumTarget = path.join(medium, 'vacuum-into.db');
  t = performance.now();
  seed.prepare('VACUUM INTO ?').run(vacuumTarget);
  line('candidate (c): VACUUM INTO (decrypt + re-encrypt pages)', `${fmt(bytes / MB / ((performance.now() - t) / 1000), 0)} MB/s`);
  rmSync(vacuumTarget, { force: true });
  try {
    await seed.backup(path.join(medium, 'backup-api.db'));
    line('candidate (b): SQLite backup API', 'worked');
  } catch (error) {
    line('candidate (b): SQLite backup API', 'refused', String((error as Error).message).slice(0, 60));
  }
  rmSync(path.join(medium, 'backup-api.db'), { force: true });
}

/** Export and verify through IPC, as the chief does (scrypt N=2^17 included). */
async function exportAndVerify(backend: Backend, call: (channel: ChannelName, input: unknown) => Promise<never>, password: string, line: Line, fmt: Format): Promise<void> {
  await call('auth.reauthenticate', { password });
  const idle = process.memoryUsage().rss;
  let peak = idle;
  // The KDF (scrypt N=2^17, r=8: 128 MiB for about half a second) comes first; then the copy.
  let copyStart = 0;
  let copyPeak = 0;
  const stop = backend.onEvent((e) => {
    if (e.type === 'backup.progress' && e.phase === 'copy' && copyStart === 0) copyStart = process.memoryUsage().rss;
  });
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    if (copyStart) copyPeak = Math.max(copyPeak, rss);
  }, 10);
  const passphrase = 'Bench-backup-passphrase';
  let t = performance.now();
  const exported = (await call('backup.export', { passphrase, passphraseConfirm: passphrase })) as { bytes: number };
  const exportS = (performance.now() - t) / 1000;
  clearInterval(sampler);
  stop();
  line('export (snapshot, copy+hash, reopen+hash, file hash)', `${fmt(exported.bytes / MB / exportS, 0)} MB/s`, `${fmt(exportS, 1)} s; target ≥ 100 MB/s`);
  line('peak RSS during export, above idle (with the KDF)', `${fmt((peak - idle) / MB, 0)} MB`, 'target < 100 MB; scrypt (N=2^16, r=8) alone is 64 MiB');
  line('peak RSS from the copy on (after the KDF), above idle', `${fmt((Math.max(copyPeak, copyStart) - idle) / MB, 0)} MB`, 'independent of size (1 MiB chunks)');
  t = performance.now();
  const report = (await call('backup.verify', { passphrase })) as { ok: boolean; bytes: number };
  const verifyS = (performance.now() - t) / 1000;
  if (!report.ok) throw new Error(`bench backup failed verification: ${JSON.stringify((report as unknown as { checks: unknown }).checks)}`);
  line("verify (hash + copy, every page's HMAC beside it, counts, chain)", `${fmt(report.bytes / MB / verifyS, 0)} MB/s`, `${fmt(verifyS, 1)} s; target ≥ 100 MB/s`);
}

function chunkCopy(src: string, dst: string, length: number): void {
  const from = openSync(src, 'r');
  const to = openSync(dst, 'w');
  const buf = Buffer.allocUnsafe(MB);
  try {
    for (let done = 0; done < length; ) {
      const n = readSync(from, buf, 0, MB, done);
      if (n === 0) break;
      writeSync(to, buf, 0, n, done);
      done += n;
    }
  } finally {
    closeSync(from);
    closeSync(to);
  }
}
