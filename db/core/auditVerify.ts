import { hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChainVerification } from '../contract';
import type { Db } from '../store/database';
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
  for (;;) {
    const rows = chunk.all(expected, to) as [number, string, string][];
    if (rows.length === 0) break;
    for (const [seq, content, hash] of rows) {
      if (seq !== expected) return { checked, firstBroken: { seq: expected, reason: 'gap' }, lastSeq: expected - 1, lastHash: prev };
      if (sha256Hex(`${prev}\n${content}`) !== hash) return { checked, firstBroken: { seq, reason: 'hash' }, lastSeq: seq - 1, lastHash: prev };
      prev = hash;
      expected++;
      checked++;
    }
  }
  if (expected <= to) return { checked, firstBroken: { seq: expected, reason: 'gap' }, lastSeq: expected - 1, lastHash: prev };
  return { checked, firstBroken: null, lastSeq: to, lastHash: prev };
}

function combine(results: RangeResult[]): ChainVerification {
  let checked = 0;
  for (const r of results) {
    checked += r.checked;
    if (r.firstBroken) return { ok: false, checked, headSeq: r.lastSeq, headHash: r.lastHash, firstBroken: r.firstBroken };
  }
  const last = results.at(-1);
  return { ok: true, checked, headSeq: last?.lastSeq ?? 0, headHash: last?.lastHash ?? genesisHash, firstBroken: null };
}

const sha256HexSource = `(text) => require('node:crypto').hash('sha256', text)`;
const sha256Hex = (text: string) => hash('sha256', text);

/** Single-threaded verification, in the caller's connection (and its transaction, if any). */
export function verifyChain(db: Db): ChainVerification {
  return combine([verifyRange(db, eventContentSql, 1, auditHead(db).seq, genesisHash, sha256Hex)]);
}

// The worker opens the file itself: a connection cannot cross threads.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const verifyRange = ${verifyRange.toString()};
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma('key="x' + "'" + workerData.keyHex + "'" + '"');
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
  const head = auditHead(db).seq;
  const threads = Math.min(4, availableParallelism());
  if (head < minEventsForWorkers || threads < 2) return verifyChain(db);
  const size = Math.ceil(head / threads);
  const ranges = Array.from({ length: threads }, (_, i) => ({ from: i * size + 1, to: Math.min(head, (i + 1) * size) })).filter((r) => r.from <= r.to);
  try {
    const results = await Promise.all(
      ranges.map(
        (range) =>
          new Promise<RangeResult>((resolve, reject) => {
            const worker = new Worker(workerSource, {
              eval: true,
              workerData: {
                ...range,
                driverPath: driverPath(),
                file,
                keyHex: masterKey.toString('hex'),
                contentSql: eventContentSql,
                genesis: genesisHash,
              },
            });
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`verifier exited with ${code}`))));
          }),
      ),
    );
    // Each range trusted the stored hash before it; the previous range verified that hash.
    return combine(results);
  } catch (error) {
    console.error('daicho: parallel chain verification unavailable, verifying in one thread', error);
    return verifyChain(db);
  }
}
