import { Worker } from 'node:worker_threads';
import { genesisHash } from '../audit';
import { eventContentSql, verifyRange } from '../auditVerify';
import { keyConnection, transferableKey } from '../../store/secrets';

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
  /** The raw database key, moved to the worker (which wipes it): never hex text (store/secrets.ts). */
  key: Uint8Array;
}

/**
 * Every page of an encrypted database file checked against its HMAC, as SQLCipher's
 * cipher_integrity_check does (this build's pragma returns nothing): SQLCipher 4 defaults —
 * 4096-byte pages ending in a 16-byte IV and a 64-byte HMAC-SHA512 over the page's
 * ciphertext and IV (page 1 from byte 16, after the salt) and the page number as 4 bytes
 * little-endian, keyed by PBKDF2-HMAC-SHA512(raw key, salt XOR 0x3a, 2 iterations, 32 bytes).
 */
export interface PagesTask {
  kind: 'pages';
  src: string;
  srcOffset: number;
  length: number;
  /** The raw database key, moved to the worker (which wipes it): never hex text (store/secrets.ts). */
  key: Uint8Array;
}

export interface PagesResult {
  pages: number;
  badPages: number;
  firstBadPage: number | null;
  /** The first few bad pages, for a report in words (改ざん検査). */
  badPageList: number[];
}

/** SQLite's own `PRAGMA integrity_check` on a connection of the worker's (改ざん検査, issue #9, 7). */
export interface IntegrityTask {
  kind: 'integrity';
  file: string;
  /** The raw database key, moved to the worker (which wipes it): never hex text (store/secrets.ts). */
  key: Uint8Array;
}

export interface IntegrityResult {
  /** SQLite's messages (at most 10: `integrity_check(10)`); ['ok'] when nothing is wrong. */
  messages: string[];
  /** The check stopped at a page it could not read: SQLite's error, else null. */
  aborted: { code: string; message: string } | null;
}

export interface CheckResult {
  opened: boolean;
  schemaVersion: number;
  counts: Record<string, number>;
  chain: { ok: boolean; checked: number; lastSeq: number; lastHash: string; firstBroken: { seq: number; reason: string } | null };
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const verifyRange = ${verifyRange.toString()};
const keyConnection = ${keyConnection.toString()};
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

function pages() {
  const pageSize = 4096, reserve = 80, ivSize = 16, macSize = 64;
  const lockBytePage = 0x40000000 / pageSize + 1;
  const out = { pages: 0, badPages: 0, firstBadPage: null, badPageList: [] };
  if (task.length === 0 || task.length % pageSize !== 0) return { pages: 0, badPages: 1, firstBadPage: 1, badPageList: [1] };
  const fd = fs.openSync(task.src, 'r');
  const buf = Buffer.allocUnsafe(256 * pageSize);
  const pgno = Buffer.alloc(4);
  let hmacKey = null;
  try {
    const salt = Buffer.alloc(16);
    fs.readSync(fd, salt, 0, 16, task.srcOffset);
    hmacKey = crypto.pbkdf2Sync(task.key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
    for (let done = 0; done < task.length; ) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, task.length - done), task.srcOffset + done);
      if (n === 0 || n % pageSize !== 0) return { ...out, badPages: out.badPages + 1, firstBadPage: out.firstBadPage ?? out.pages + 1 };
      for (let at = 0; at < n; at += pageSize) {
        const page = ++out.pages;
        // SQLite never writes the page holding byte 2^30 (its lock-byte page) in files over 1 GiB.
        if (page === lockBytePage) continue;
        pgno.writeUInt32LE(page, 0);
        const end = at + pageSize - reserve + ivSize;
        const mac = crypto.createHmac('sha512', hmacKey).update(buf.subarray(at + (page === 1 ? 16 : 0), end)).update(pgno).digest();
        if (!mac.equals(buf.subarray(end, end + macSize))) {
          out.badPages++;
          if (out.firstBadPage === null) out.firstBadPage = page;
          if (out.badPageList.length < 10) out.badPageList.push(page);
        }
      }
      done += n;
    }
    return out;
  } finally {
    fs.closeSync(fd);
    if (hmacKey) hmacKey.fill(0);
  }
}

function check() {
  const Database = require(workerData.driverPath);
  const db = new Database(task.file, { fileMustExist: true });
  const out = { opened: false, schemaVersion: 0, counts: {}, chain: { ok: false, checked: 0, lastSeq: 0, lastHash: '', firstBroken: null } };
  try {
    keyConnection(db, task.key);
    try { db.prepare('SELECT count(*) FROM sqlite_master').get(); } catch { return out; }
    out.opened = true;
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

function integrity() {
  const Database = require(workerData.driverPath);
  const db = new Database(task.file, { readonly: true, fileMustExist: true });
  try {
    keyConnection(db, task.key);
    // A damaged page makes SQLCipher's read fail, which ends SQLite's check: said as aborted.
    try { return { messages: db.pragma('integrity_check(10)').map((r) => r.integrity_check), aborted: null }; }
    catch (e) { return { messages: [], aborted: { code: String(e.code ?? ''), message: String(e.message) } }; }
  } finally {
    db.close();
  }
}

const run = { copy, pages, check, integrity }[task.kind];
let result;
try {
  result = run();
} finally {
  // The key was moved here for this task alone (issue #9, 6): wiped before the answer goes back.
  if (task.key) task.key.fill(0);
}
parentPort.postMessage({ type: 'done', result });
`;

function driverPath(): string {
  return require.resolve('better-sqlite3-multiple-ciphers');
}

export type Progress = (done: number, total: number) => void;

/** Runs one task in a new worker thread; an fs error inside keeps its code (ENOSPC, EACCES …). */
export function runInWorker(task: CopyTask, onProgress?: Progress): Promise<{ bytes: number; sha256: string; inner: string | null }>;
export function runInWorker(task: CheckTask, onProgress?: Progress): Promise<CheckResult>;
export function runInWorker(task: PagesTask, onProgress?: Progress): Promise<PagesResult>;
export function runInWorker(task: IntegrityTask, onProgress?: Progress): Promise<IntegrityResult>;
export function runInWorker(task: CopyTask | CheckTask | PagesTask | IntegrityTask, onProgress?: Progress): Promise<unknown> {
  // The worker gets its own copy of the key, moved (not copied) into it and wiped there: the
  // caller keeps and wipes its own, and no serialised copy is left behind (store/secrets.ts).
  const key = 'key' in task ? transferableKey(task.key) : null;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { task: key ? { ...task, key } : task, driverPath: driverPath(), contentSql: eventContentSql, genesis: genesisHash },
      transferList: key ? [key.buffer as ArrayBuffer] : [],
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
