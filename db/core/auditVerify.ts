import { hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChainVerification } from '../contract';
import type { Db } from '../store/database';
import { isDatabaseDamage } from '../store/damage';
import { keyConnection, transferableKey } from '../store/secrets';
import { auditHead, genesisHash } from './audit';

/**
 * 改ざん検査: recomputes every event's hash (format in docs/SECURITY.md). SQLite builds each
 * event's content with json_object — byte-identical to JSON.stringify of the same fields,
 * which a test checks — so JavaScript only hashes. Large logs are split into ranges that
 * worker threads verify in parallel on their own read-only connections.
 */
export const eventContentSql = `json_object('action', action, 'actorName', actor_name, 'actorUserId', actor_user_id, 'at', at,
  'detail', detail, 'seq', seq, 'targetId', target_id, 'targetType', target_type)`;

interface RangeResult {
  checked: number;
  firstBroken: { seq: number; reason: 'hash' | 'gap' } | null;
  lastSeq: number;
  lastHash: string;
  /** What the verified events pinned (auditFindings.ts): each event's `ledgerState`, and whether it was a baseline. */
  pins: [seq: number, pins: string, baseline: boolean][];
  /** The last lock or logout (the anchor is refreshed at each), 0 if none. */
  lastClose: number;
}

interface RangeDb {
  prepare(sql: string): { raw(): { all(...params: unknown[]): unknown[] }; pluck(): { get(...params: unknown[]): unknown } };
}

/**
 * Verifies events from..to, given the hash before `from`. Self-contained on purpose: its
 * source text is also what each worker thread runs, so there is one implementation.
 */
export function verifyRange(db: RangeDb, contentSql: string, from: number, to: number, prevHash: string, sha256Hex: (text: string) => string): RangeResult {
  const chunk = db.prepare(`SELECT seq, ${contentSql}, lower(hex(hash)) FROM audit_events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT 5000`).raw();
  let expected = from;
  let prev = prevHash;
  let checked = 0;
  const pins: [number, string, boolean][] = [];
  let lastClose = 0;
  // Found in the content as stored (detail is a JSON string inside it, so its quotes are escaped);
  // a user's text with the same words is escaped once more and cannot match.
  const marker = 'ledgerState\\":\\"';
  const broken = (seq: number, reason: 'hash' | 'gap') => ({ checked, firstBroken: { seq, reason }, lastSeq: expected - 1, lastHash: prev, pins, lastClose });
  for (;;) {
    const rows = chunk.all(expected, to) as [number, string, string][];
    if (rows.length === 0) break;
    for (const [seq, content, hash] of rows) {
      if (seq !== expected) return broken(expected, 'gap');
      if (sha256Hex(`${prev}\n${content}`) !== hash) return broken(seq, 'hash');
      const at = content.indexOf(marker);
      if (at !== -1) {
        const start = at + marker.length;
        pins.push([seq, content.slice(start, content.indexOf('\\"', start)), content.startsWith('{"action":"integrity.baseline"')]);
      }
      if (content.startsWith('{"action":"session.lock"') || content.startsWith('{"action":"auth.logout"')) lastClose = seq;
      prev = hash;
      expected++;
      checked++;
    }
  }
  if (expected <= to) return broken(expected, 'gap');
  return { checked, firstBroken: null, lastSeq: to, lastHash: prev, pins, lastClose };
}

/** What the walk found besides the hashes, up to the last verified event (auditFindings.ts, and the kit's RowChecks). */
export interface ChainWalk {
  pins: [seq: number, pins: string, baseline: boolean][];
  lastClose: number;
}
const walks = new WeakMap<ChainVerification, ChainWalk>();

/** The walk behind a verification (an empty one for a log that could not be read). */
export function walkOf(verification: ChainVerification): ChainWalk {
  return walks.get(verification) ?? { pins: [], lastClose: 0 };
}

function combine(results: RangeResult[]): ChainVerification {
  let checked = 0;
  const walk: ChainWalk = { pins: [], lastClose: 0 };
  let verification: ChainVerification | null = null;
  for (const r of results) {
    checked += r.checked;
    for (const pin of r.pins) walk.pins.push(pin);
    if (r.lastClose) walk.lastClose = r.lastClose;
    if (r.firstBroken) {
      verification = { ok: false, checked, headSeq: r.lastSeq, headHash: r.lastHash, firstBroken: r.firstBroken };
      break;
    }
  }
  const last = results.at(-1);
  verification ??= { ok: true, checked, headSeq: last?.lastSeq ?? 0, headHash: last?.lastHash ?? genesisHash, firstBroken: null };
  walks.set(verification, walk);
  return verification;
}

// require() once: called per event it cost 0.7 µs each, a fifth of the worker's time (issue #9, bench).
const sha256HexSource = `((hash) => (text) => hash('sha256', text))(require('node:crypto').hash)`;
const sha256Hex = (text: string) => hash('sha256', text);

/** Single-threaded verification, in the caller's connection (and its transaction, if any). */
export function verifyChain(db: Db): ChainVerification {
  try {
    return combine([verifyRange(db, eventContentSql, 1, auditHead(db).seq, genesisHash, sha256Hex)]);
  } catch (error) {
    if (!isDatabaseDamage(error)) throw error;
    return verifyUpToDamage(db);
  }
}

/**
 * A page of the log that cannot be read (a damaged file, issue #9, 7) is a finding, not a
 * failure of the check: the events before it are verified and the first event that cannot
 * be read is named (reason 'unreadable'). Only on this path, events are read one by one by
 * `seq`: a range scan also reads the leaf after its last row, and the head itself may be on
 * the damaged page.
 */
function verifyUpToDamage(db: Db): ChainVerification {
  const event = db.prepare(`SELECT ${eventContentSql}, lower(hex(hash)) FROM audit_events WHERE seq = ?`).raw();
  const nextSeq = db.prepare('SELECT min(seq) FROM audit_events WHERE seq > ?').pluck();
  let prev = genesisHash;
  let checked = 0;
  const broken = (seq: number, reason: 'hash' | 'gap' | 'unreadable'): ChainVerification => ({ ok: false, checked, headSeq: seq - 1, headHash: prev, firstBroken: { seq, reason } });
  for (let seq = 1; ; seq++) {
    let row: [string, string] | undefined;
    try {
      row = event.get(seq) as [string, string] | undefined;
      // A missing event before the end is a gap; at the end, the damage lies outside what is read by seq.
      if (row === undefined) return broken(seq, nextSeq.get(seq - 1) == null ? 'unreadable' : 'gap');
    } catch {
      return broken(seq, 'unreadable');
    }
    if (sha256Hex(`${prev}\n${row[0]}`) !== row[1]) return broken(seq, 'hash');
    prev = row[1];
    checked++;
  }
}

// The worker opens the file itself: a connection cannot cross threads.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const verifyRange = ${verifyRange.toString()};
const keyConnection = ${keyConnection.toString()};
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  // The key arrives as bytes, moved here (never a string, issue #9, 6), and is wiped once used.
  try {
    keyConnection(db, workerData.key);
  } finally {
    workerData.key.fill(0);
  }
  const prev = workerData.from <= 1 ? workerData.genesis
    : db.prepare('SELECT lower(hex(hash)) FROM audit_events WHERE seq = ?').pluck().get(workerData.from - 1) ?? workerData.genesis;
  parentPort.postMessage(verifyRange(db, workerData.contentSql, workerData.from, workerData.to, prev, ${sha256HexSource}));
} finally {
  db.close();
}`;

/** Where the SQLCipher driver is, so the worker loads the very same one. */
function driverPath(): string {
  return require.resolve('better-sqlite3-multiple-ciphers');
}

function verifyInWorker(range: { from: number; to: number }, file: string, masterKey: Buffer): Promise<RangeResult> {
  return new Promise<RangeResult>((resolve, reject) => {
    const key = transferableKey(masterKey);
    let worker: Worker;
    try {
      worker = new Worker(workerSource, {
        eval: true,
        // Moved, not copied: this thread keeps no copy of the key (db/store/secrets.ts).
        transferList: [key.buffer as ArrayBuffer],
        workerData: { ...range, driverPath: driverPath(), file, key, contentSql: eventContentSql, genesis: genesisHash },
      });
    } finally {
      // Once moved the view is empty; if the worker never started, the copy is wiped here.
      if (key.byteLength > 0) key.fill(0);
    }
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`verifier exited with ${code}`))));
  });
}

/** Below this many events one thread is quicker than starting workers. */
const parallelThreshold = 100_000;

/**
 * Verifies the chain as it stands now; events appended meanwhile are left for the next run.
 * Falls back to one thread if workers cannot start.
 */
export async function verifyChainParallel(
  db: Db,
  file: string,
  masterKey: Buffer,
  minEventsForWorkers = parallelThreshold,
): Promise<ChainVerification> {
  let head: number;
  try {
    head = auditHead(db).seq;
  } catch (error) {
    if (!isDatabaseDamage(error)) throw error;
    return verifyUpToDamage(db);
  }
  const threads = Math.min(4, availableParallelism());
  if (head < minEventsForWorkers || threads < 2) return verifyChain(db);
  const size = Math.ceil(head / threads);
  const ranges = Array.from({ length: threads }, (_, i) => ({ from: i * size + 1, to: Math.min(head, (i + 1) * size) })).filter((r) => r.from <= r.to);
  try {
    const results = await Promise.all(ranges.map((range) => verifyInWorker(range, file, masterKey)));
    // Each range trusted the stored hash before it; the previous range verified that hash.
    return combine(results);
  } catch (error) {
    console.error('daicho: parallel chain verification unavailable, verifying in one thread', error);
    return verifyChain(db);
  }
}
