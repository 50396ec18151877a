import { hash as sha256OneShot } from 'node:crypto';
import type { AuditEvent, ChainVerification } from '../contract';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../store/database';
import { canonicalJson } from '../store/canonicalJson';

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

type ChainRow = [
  seq: number,
  at: string,
  actorUserId: number | null,
  actorName: string,
  action: string,
  targetType: string | null,
  targetId: string | null,
  detail: string,
  prevHash: string,
  hash: string,
];

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

export function eventHash(prevHash: string, content: string): string {
  return sha256OneShot('sha256', `${prevHash}\n${content}`, 'hex');
}

const statements = new WeakMap<Db, { head: BetterSqlite3.Statement; insert: BetterSqlite3.Statement }>();
function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_events (seq, at, actor_user_id, actor_name, action, target_type, target_id, detail, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/** Appends one event. Call it inside the transaction of the change it records. */
export function appendAuditEvent(db: Db, at: string, actor: AuditActor, entry: AuditEntry): { seq: number; hash: string } {
  if (!db.inTransaction) throw new Error('audit events are written in the transaction of the change they record');
  const s = prepared(db);
  const head = s.head.get() as { seq: number; hash: string } | undefined;
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? genesisHash;
  const targetType = entry.targetType ?? null;
  const targetId = entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId);
  const detail = canonicalJson(entry.detail ?? {});
  const hash = eventHash(prevHash, eventContent(seq, at, actor.userId, actor.name, entry.action, targetType, targetId, detail));
  s.insert.run(seq, at, actor.userId, actor.name, entry.action, targetType, targetId, detail, prevHash, hash);
  return { seq, hash };
}

/** Recomputes the whole chain and names the first event that does not hold. */
export function verifyChain(db: Db): ChainVerification {
  // Chunks by primary key: faster than a row iterator, and memory stays flat at any size.
  const chunk = db
    .prepare(
      'SELECT seq, at, actor_user_id, actor_name, action, target_type, target_id, detail, prev_hash, hash FROM audit_events WHERE seq > ? ORDER BY seq LIMIT 5000',
    )
    .raw();
  let expectedSeq = 1;
  let prev = genesisHash;
  let checked = 0;
  const broken = (seq: number, reason: 'hash' | 'link' | 'gap'): ChainVerification => ({
    ok: false,
    checked,
    headSeq: expectedSeq - 1,
    headHash: prev,
    firstBroken: { seq, reason },
  });
  for (;;) {
    const rows = chunk.all(expectedSeq - 1) as ChainRow[];
    if (rows.length === 0) break;
    for (const [seq, at, actorUserId, actorName, action, targetType, targetId, detail, prevHash, hash] of rows) {
      if (seq !== expectedSeq) return broken(expectedSeq, 'gap');
      if (prevHash !== prev) return broken(seq, 'link');
      if (eventHash(prevHash, eventContent(seq, at, actorUserId, actorName, action, targetType, targetId, detail)) !== hash) return broken(seq, 'hash');
      prev = hash;
      expectedSeq++;
      checked++;
    }
  }
  return { ok: true, checked, headSeq: expectedSeq - 1, headHash: prev, firstBroken: null };
}

export function auditHead(db: Db): { seq: number; hash: string } {
  return (prepared(db).head.get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: genesisHash };
}

export interface AuditFilters {
  fromInstant?: string;
  toInstantExclusive?: string;
  actorUserId?: number;
  action?: string;
  targetType?: string;
}

function whereClause(f: AuditFilters): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (f.fromInstant) add('at >= ?', f.fromInstant);
  if (f.toInstantExclusive) add('at < ?', f.toInstantExclusive);
  if (f.actorUserId !== undefined) add('actor_user_id = ?', f.actorUserId);
  // Prefix match: "user." finds user.create, user.update …; an index range, not a scan.
  if (f.action) add('action >= ? AND action < ? || char(1114111)', f.action, f.action);
  if (f.targetType) add('target_type = ?', f.targetType);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const eventColumns = 'seq, at, actor_user_id, actor_name, action, target_type, target_id, detail, hash';
interface EventRow {
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
function toEvent(r: EventRow): AuditEvent {
  return {
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    hash: r.hash,
  };
}

/** Newest first, paged in SQL. */
export function queryAuditEvents(db: Db, filters: AuditFilters, page: number, pageSize: number): { rows: AuditEvent[]; total: number } {
  const where = whereClause(filters);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_events ${where.sql}`).get(...where.params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT ${eventColumns} FROM audit_events ${where.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...where.params, pageSize, (page - 1) * pageSize) as EventRow[];
  return { rows: rows.map(toEvent), total };
}

export function countAuditEvents(db: Db, filters: AuditFilters): number {
  const where = whereClause(filters);
  return (db.prepare(`SELECT count(*) AS n FROM audit_events ${where.sql}`).get(...where.params) as { n: number }).n;
}

/** Every matching event, oldest first, for export. */
export function* iterateAuditEvents(db: Db, filters: AuditFilters): Generator<AuditEvent> {
  const where = whereClause(filters);
  for (const row of db.prepare(`SELECT ${eventColumns} FROM audit_events ${where.sql} ORDER BY seq`).iterate(...where.params)) {
    yield toEvent(row as EventRow);
  }
}
