import { hash as sha256OneShot } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { AuditEvent } from '../contract';
import type { Db } from '../store/database';
import { canonicalJson } from '../store/canonicalJson';
import { statement } from '../store/statements';
import { takeStatePins } from './statePins';

/**
 * アクセス記録 (MIC §21): who viewed, changed or exported what, and when. Append-only
 * (triggers refuse UPDATE/DELETE) and hash-chained, so an edit or deletion made behind
 * the app's back with the database key is found by verifyChain at the first event it broke.
 */
export const genesisHash = '0'.repeat(64);

export interface AuditActor {
  userId: number | null;
  name: string;
}

export interface AuditEntry {
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  detail?: Record<string, unknown>;
}

/**
 * The hashed content of an event: canonical JSON (keys sorted) of its stored columns, with
 * `detail` as the stored JSON text. Written field by field in sorted-key order; this is the
 * same text JSON.stringify gives for that object, built without allocating the object.
 */
export function eventContent(
  seq: number,
  at: string,
  actorUserId: number | null,
  actorName: string,
  action: string,
  targetType: string | null,
  targetId: string | null,
  detail: string,
): string {
  const q = JSON.stringify;
  return `{"action":${q(action)},"actorName":${q(actorName)},"actorUserId":${q(actorUserId)},"at":${q(at)},"detail":${q(detail)},"seq":${seq},"targetId":${q(targetId)},"targetType":${q(targetType)}}`;
}

/** SHA-256 over the previous hash (as 64 hex digits), a newline, and the content. */
export function eventHash(prevHashHex: string, content: string): Buffer {
  return sha256OneShot('sha256', `${prevHashHex}\n${content}`, 'buffer');
}

interface Head {
  seq: number;
  at: string;
  hash: string;
}

const statements = new WeakMap<Db, { head: BetterSqlite3.Statement; insert: BetterSqlite3.Statement }>();
function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT seq, at, hex(hash) AS hash FROM audit_events ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_events (seq, at, actor_user_id, actor_name, action, target_type, target_id, detail, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/** The newest event (seq 0 and the genesis hash for an empty log). */
export function auditHead(db: Db): Head {
  const row = prepared(db).head.get() as Head | undefined;
  return row ? { ...row, hash: row.hash.toLowerCase() } : { seq: 0, at: '', hash: genesisHash };
}

/**
 * The timestamp a write records: the clock, or the newest event's time if the clock reads
 * earlier (set back by hand). The log's time then never runs backwards, which is what lets
 * a period be looked up as a range of sequence numbers.
 */
export function auditTimestamp(db: Db, clockIso: string): { at: string; clockBehindMs: number } {
  const last = auditHead(db).at;
  return last > clockIso ? { at: last, clockBehindMs: Date.parse(last) - Date.parse(clockIso) } : { at: clockIso, clockBehindMs: 0 };
}

/** Appends one event. Call it inside the transaction of the change it records. */
export function appendAuditEvent(db: Db, at: string, actor: AuditActor, entry: AuditEntry): { seq: number; hash: string } {
  if (!db.inTransaction) throw new Error('audit events are written in the transaction of the change they record');
  const head = auditHead(db);
  if (at < head.at) throw new Error('audit time must not run backwards (use auditTimestamp)');
  const seq = head.seq + 1;
  const targetType = entry.targetType ?? null;
  const targetId = entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId);
  // A ledger write's row states go into its event, inside the hash (statePins.ts).
  const pins = takeStatePins(db);
  const detail = canonicalJson(pins === null ? (entry.detail ?? {}) : { ...entry.detail, ledgerState: pins });
  const hash = eventHash(head.hash, eventContent(seq, at, actor.userId, actor.name, entry.action, targetType, targetId, detail));
  prepared(db).insert.run(seq, at, actor.userId, actor.name, entry.action, targetType, targetId, detail, hash);
  return { seq, hash: hash.toString('hex') };
}

export interface AuditFilters {
  fromInstant?: string;
  toInstantExclusive?: string;
  actorUserId?: number;
  action?: string;
  targetType?: string;
  /** Only these actions (the "changes only" filter: every action of kind 'change'). */
  actions?: readonly string[];
  /** The reader's scope (auditScope.ts): an SQL condition on the event row. */
  scope?: { sql: string; params: readonly unknown[] };
}

/** The first seq whose time is at or after `instant` (head.seq + 1 if none): a binary search. */
function firstSeqAtOrAfter(db: Db, instant: string, headSeq: number): number {
  const atOf = db.prepare('SELECT at FROM audit_events WHERE seq = ?').pluck();
  let lo = 1;
  let hi = headSeq + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((atOf.get(mid) as string) < instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Selection {
  sql: string;
  params: unknown[];
  /** The count when it follows from the seq range alone (no column filter). */
  countFromRange: number | null;
}

function select(db: Db, f: AuditFilters): Selection {
  const head = auditHead(db).seq;
  const lo = f.fromInstant ? firstSeqAtOrAfter(db, f.fromInstant, head) : 1;
  const hi = f.toInstantExclusive ? firstSeqAtOrAfter(db, f.toInstantExclusive, head) - 1 : head;
  const parts = ['seq BETWEEN ? AND ?'];
  const params: unknown[] = [lo, hi];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (f.actorUserId !== undefined) add('actor_user_id = ?', f.actorUserId);
  // Prefix match: "user." finds user.create, user.update …
  if (f.action) add('substr(action, 1, ?) = ?', f.action.length, f.action);
  if (f.targetType) add('target_type = ?', f.targetType);
  // In SQL, so the total and the pages are those of the filtered events.
  if (f.actions) add(`action IN (${f.actions.map(() => '?').join(', ') || 'NULL'})`, ...f.actions);
  // Last, and counted by SQL: a scoped reader's total is of their events only.
  if (f.scope) add(f.scope.sql, ...f.scope.params);
  return { sql: `WHERE ${parts.join(' AND ')}`, params, countFromRange: parts.length === 1 ? Math.max(0, hi - lo + 1) : null };
}

const eventColumns = 'seq, at, actor_user_id, actor_name, action, target_type, target_id, detail, hex(hash) AS hash';
/** An audit_events row as SQLite returns it (hash as upper-case hex). */
export interface EventRow {
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
  hash: string;
}
/** An event as stored; the access-log screen adds its words for the reader (auditWords.ts). */
export type StoredAuditEvent = Omit<AuditEvent, 'target' | 'words'>;

/** One event's row by seq, its hash as lower-case hex (as auditHead gives it); undefined if there is none. */
export function eventRowAt(db: Db, seq: number): EventRow | undefined {
  const row = statement(db, `SELECT ${eventColumns} FROM audit_events WHERE seq = ?`).get(seq) as EventRow | undefined;
  return row && { ...row, hash: row.hash.toLowerCase() };
}

/** Whether an event's stored hash still computes from its columns and the hash before it (one link of 改ざん検査). */
export function eventHashHolds(e: EventRow, prevHashHex: string): boolean {
  const content = eventContent(e.seq, e.at, e.actor_user_id, e.actor_name, e.action, e.target_type, e.target_id, e.detail);
  return eventHash(prevHashHex, content).toString('hex') === e.hash.toLowerCase();
}

function toEvent(r: EventRow): StoredAuditEvent {
  // Row-state hashes are for 改ざん検査 only (db/ledger/integrity.ts): an import's run to a megabyte.
  const { ledgerState: _states, ...detail } = JSON.parse(r.detail) as Record<string, unknown>;
  return {
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail,
    hash: r.hash.toLowerCase(),
  };
}

function countSelection(db: Db, s: Selection): number {
  return s.countFromRange ?? (db.prepare(`SELECT count(*) FROM audit_events ${s.sql}`).pluck().get(...s.params) as number);
}

export function countAuditEvents(db: Db, filters: AuditFilters): number {
  return countSelection(db, select(db, filters));
}

/** Newest first, paged in SQL over a primary-key range. */
export function queryAuditEvents(db: Db, filters: AuditFilters, page: number, pageSize: number): { rows: StoredAuditEvent[]; total: number } {
  const s = select(db, filters);
  const rows = db
    .prepare(`SELECT ${eventColumns} FROM audit_events ${s.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...s.params, pageSize, (page - 1) * pageSize) as EventRow[];
  return { rows: rows.map(toEvent), total: countSelection(db, s) };
}

/** Every matching event, oldest first, for export. */
export function* iterateAuditEvents(db: Db, filters: AuditFilters): Generator<StoredAuditEvent> {
  const s = select(db, filters);
  for (const row of db.prepare(`SELECT ${eventColumns} FROM audit_events ${s.sql} ORDER BY seq`).iterate(...s.params)) {
    yield toEvent(row as EventRow);
  }
}
