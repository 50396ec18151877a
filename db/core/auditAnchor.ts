import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomicFile';
import { canonicalJson } from '../store/canonicalJson';
import type { Db } from '../store/database';
import { auditHead } from './audit';

/**
 * The head anchor (issue #9, item 5; docs/SECURITY.md "The head anchor"): the access log's
 * newest (seq, hash), kept in `anchor.json` beside the database — outside the table it
 * vouches for — and refreshed at each lock, logout and clean close. Authenticated with an
 * HMAC keyed from the master key, so it cannot be edited or forged without the key. A log
 * shorter than the anchor, or with another hash at its seq, was cut or rewritten.
 */
export const anchorFileName = 'anchor.json';
const format = 'daicho-anchor/1';

export interface AnchorHead {
  seq: number;
  hash: string;
}

export type AnchorState = { state: 'missing' } | { state: 'invalid' } | ({ state: 'ok'; at: string } & AnchorHead);

function macOf(masterKey: Buffer, body: Record<string, unknown>): Buffer {
  // A key of its own for this purpose, derived from the master key (never the key itself).
  const key = createHmac('sha256', masterKey).update('daicho access-log anchor v1').digest();
  try {
    return createHmac('sha256', key).update(canonicalJson(body)).digest();
  } finally {
    key.fill(0);
  }
}

export function anchorFile(dataDir: string): string {
  return path.join(dataDir, anchorFileName);
}

/** The anchor as found: missing, not made with this key (edited, forged, damaged), or its head. */
export function readAnchor(dataDir: string, masterKey: Buffer): AnchorState {
  let text: string;
  try {
    text = readFileSync(anchorFile(dataDir), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { state: 'missing' } : { state: 'invalid' };
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; seq?: unknown; hash?: unknown; at?: unknown; mac?: unknown };
    const { format: f, seq, hash, at, mac } = parsed;
    if (f !== format || !Number.isSafeInteger(seq) || typeof hash !== 'string' || typeof at !== 'string' || typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) {
      return { state: 'invalid' };
    }
    const expected = macOf(masterKey, { format: f, seq, hash, at });
    if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) return { state: 'invalid' };
    return { state: 'ok', seq: seq as number, hash, at };
  } catch {
    return { state: 'invalid' };
  }
}

/** Writes the anchor for this head (atomically: a crash leaves the old anchor or the new). */
export function writeAnchor(dataDir: string, masterKey: Buffer, head: AnchorHead, at: string): void {
  const body = { format, seq: head.seq, hash: head.hash, at };
  writeFileAtomic(anchorFile(dataDir), `${JSON.stringify({ ...body, mac: macOf(masterKey, body).toString('hex') }, null, 2)}\n`);
}

/** The stored hash at `seq`, or null when the log has no such event. */
export function hashAt(db: Db, seq: number): string | null {
  return (db.prepare('SELECT lower(hex(hash)) FROM audit_events WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null;
}

/** Whether the log says an anchor was written before: a lock or logout after the first baseline, before `beforeSeq`. */
export function anchorExpected(db: Db, beforeSeq: number): boolean {
  // The baseline's seq as recorded (a lookup, not a scan of the log); 改ざん検査 finds it in the chain itself.
  const baseline = db.prepare('SELECT seq FROM integrity_baseline WHERE id = 1').pluck().get() as number | null | undefined;
  if (baseline === null || baseline === undefined) return false;
  return db.prepare("SELECT 1 FROM audit_events WHERE seq > ? AND seq < ? AND action IN ('session.lock', 'auth.logout') LIMIT 1").get(baseline, beforeSeq) !== undefined;
}

/**
 * At a lock, logout or clean close: moves the anchor to the current head, but only when the
 * log still extends the anchor. An anchor ahead of the log, with another hash, not made with
 * this key, or missing where the log says one was written, is evidence: it stays as it is for
 * 改ざん検査 to report, until an auditor records a review (`resetAnchor`).
 */
export function refreshAnchor(dataDir: string, db: Db, masterKey: Buffer, at: string): void {
  const head = auditHead(db);
  if (head.seq === 0) return;
  const anchor = readAnchor(dataDir, masterKey);
  if (anchor.state === 'invalid') return;
  if (anchor.state === 'ok' && (anchor.seq > head.seq || hashAt(db, anchor.seq) !== anchor.hash)) return;
  // The close event just written is the head; an anchor was due only if an earlier close happened.
  if (anchor.state === 'missing' && anchorExpected(db, head.seq)) return;
  if (anchor.state === 'ok' && anchor.seq === head.seq) return;
  writeAnchor(dataDir, masterKey, head, at);
}

/** After a restore (the log is the backup's) or a recorded review (an auditor has seen the findings). */
export function resetAnchor(dataDir: string, db: Db, masterKey: Buffer, at: string): void {
  writeAnchor(dataDir, masterKey, auditHead(db), at);
}
