import { Worker } from 'node:worker_threads';
import { genesisHash } from '../audit';
import { eventContentSql, verifyRange } from '../auditVerify';

/**
 * The heavy parts of a backup run in a worker thread so IPC stays responsive and other
 * clerks' work goes on: copying the database file's encrypted pages while hashing them
 * (1 MiB at a time: memory stays flat whatever the size), and checking a copy with
 * SQLCipher. The worker opens its own connection: a connection cannot cross threads.
 */

export interface CopyTask {
  kind: 'copy';
  src: string;
  srcOffset: number;
  length: number;
  /** null: hash only (verifying what was written). */
  dst: string | null;
  dstOffset: number;
  /** fsync the target at the end (a backup on its medium); a scratch copy for a check needs none. */
  sync?: boolean;
  /** Also hash the bytes from this offset of the range on (the payload, while hashing the whole file). */
  innerFrom?: number;
}

export interface CheckTask {
  kind: 'check';
  file: string;
  keyHex: string;
}

export interface CheckResult {
  opened: boolean;
  quickCheck: string;
  schemaVersion: number;
  counts: Record<string, number>;
  chain: { ok: boolean; checked: number; lastSeq: number; lastHash: string; firstBroken: { seq: number; reason: string } | null };
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const verifyRange = ${verifyRange.toString()};
const task = workerData.task;
const chunkSize = 1024 * 1024;

function copy() {
  const src = fs.openSync(task.src, 'r');
  const dst = task.dst === null ? null : fs.openSync(task.dst, 'r+');
  const digest = crypto.createHash('sha256');
  const inner = task.innerFrom === undefined ? null : crypto.createHash('sha256');
  const buf = Buffer.allocUnsafe(chunkSize);
  let done = 0;
  let lastReport = 0;
  try {
    while (done < task.length) {
      const want = Math.min(chunkSize, task.length - done);
      const n = fs.readSync(src, buf, 0, want, task.srcOffset + done);
      if (n === 0) break;
      digest.update(buf.subarray(0, n));
      if (inner !== null && done + n > task.innerFrom) inner.update(buf.subarray(Math.max(0, task.innerFrom - done), n));
      if (dst !== null) {
        let w = 0;
        while (w < n) w += fs.writeSync(dst, buf, w, n - w, task.dstOffset + done + w);
      }
      done += n;
      if (done - lastReport >= 16 * chunkSize || done === task.length) {
        lastReport = done;
        parentPort.postMessage({ type: 'progress', done, total: task.length });
      }
    }
    if (dst !== null && task.sync !== false) fs.fsyncSync(dst);
  } finally {
    fs.closeSync(src);
    if (dst !== null) fs.closeSync(dst);
  }
  return { bytes: done, sha256: digest.digest('hex'), inner: inner === null ? null : inner.digest('hex') };
}

function check() {
  const Database = require(workerData.driverPath);
  const db = new Database(task.file, { fileMustExist: true });
  const out = { opened: false, quickCheck: '', schemaVersion: 0, counts: {}, chain: { ok: false, checked: 0, lastSeq: 0, lastHash: '', firstBroken: null } };
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma('key="x' + "'" + task.keyHex + "'" + '"');
    try { db.prepare('SELECT count(*) FROM sqlite_master').get(); } catch { return out; }
    out.opened = true;
    // SQLite's structure check reads every page in use, and the cipher checks each page's
    // HMAC as it reads it (this build has no cipher_integrity_check: it returns nothing).
    out.quickCheck = db.pragma('quick_check').map((r) => r.quick_check).join('; ');
    out.schemaVersion = db.pragma('user_version', { simple: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    for (const t of tables) out.counts[t] = db.prepare('SELECT count(*) FROM "' + t.replaceAll('"', '""') + '"').pluck().get();
    const head = tables.includes('audit_events') ? (db.prepare('SELECT max(seq) FROM audit_events').pluck().get() ?? 0) : 0;
    out.chain = verifyRange(db, workerData.contentSql, 1, head, workerData.genesis, (text) => crypto.hash('sha256', text));
    out.chain.ok = out.chain.firstBroken === null;
    return out;
  } finally {
    db.close();
  }
}

parentPort.postMessage({ type: 'done', result: task.kind === 'copy' ? copy() : check() });
`;

function driverPath(): string {
  return require.resolve('better-sqlite3-multiple-ciphers');
}

export type Progress = (done: number, total: number) => void;

/** Runs one task in a new worker thread; an fs error inside keeps its code (ENOSPC, EACCES …). */
export function runInWorker(task: CopyTask, onProgress?: Progress): Promise<{ bytes: number; sha256: string; inner: string | null }>;
export function runInWorker(task: CheckTask, onProgress?: Progress): Promise<CheckResult>;
export function runInWorker(task: CopyTask | CheckTask, onProgress?: Progress): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { task, driverPath: driverPath(), contentSql: eventContentSql, genesis: genesisHash },
    });
    let settled = false;
    worker.on('message', (message: { type: 'progress'; done: number; total: number } | { type: 'done'; result: unknown }) => {
      if (message.type === 'progress') onProgress?.(message.done, message.total);
      else {
        settled = true;
        resolve(message.result);
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`backup worker exited with ${code}`));
    });
  });
}
