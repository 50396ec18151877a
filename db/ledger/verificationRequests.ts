import { can, roleScope, type Permission, type Role } from '../contract';
import { fieldError } from '../core/appError';
import type { Tx } from '../core/appCore';
import type { Db } from '../store/database';
import { statement } from '../store/statements';
import { authoredSinceVerified } from './lifecycle';
import { appendHistory, type LedgerActor, type LedgerRef } from './record';
import { isDepartmentScoped } from './scope';

/**
 * 照合依頼 (MIC §28): the author of a record awaiting 照合 names who should verify it. One
 * open request per record, for any ledger, in `verification_requests` keyed by (ledger,
 * record id); the record's history says who asked whom and when. It is a request, not a
 * lock: anyone else who may verify still can, and 照合 by anyone settles it.
 */
export interface VerificationLedger extends LedgerRef {
  /** The key in `verification_requests.ledger` (the ledger's channel prefix). */
  key: string;
  /** The permission 照合 needs in this ledger. */
  verifyPermission: Permission;
  /** History actions by which someone authors what a verifier checks. */
  authorActions: readonly string[];
}

/** The record as a request needs it: its 課等 and the version its 照合 refers to. */
export interface AwaitingRecord {
  id: number;
  version: number;
  verifiedVersion: number | null;
  departmentId: number;
}

interface UserRow {
  id: number;
  display_name: string;
  role: Role;
  department_id: number;
  active: number;
  valid_until: string | null;
}

export interface VerificationRequest {
  requestedOfUserId: number;
  requestedOf: string;
  requestedBy: string;
  requestedAt: string;
}

/**
 * Why this person may not be asked, as a message key, or null if they may: someone else,
 * whose account is in force, whose role verifies in this ledger, who sees the record's 課等
 * (MIC §9) and who did not author what awaits 照合 (they could not verify it).
 */
function whyNotVerifier(db: Db, ledger: VerificationLedger, actor: LedgerActor, record: AwaitingRecord, user: UserRow | undefined, today: string): string | null {
  const why = refusal(db, ledger, actor, record, user, today);
  // An author of one 課等 learns nothing of another 課等's accounts (MIC §9, issue #9 item 13):
  // any refusal of one reads as an id that does not exist, so walking ids tells no role or state.
  if (why && user && isDepartmentScoped(actor) && user.department_id !== actor.departmentId) return 'validation.verifierUnknown';
  return why;
}

function refusal(db: Db, ledger: VerificationLedger, actor: LedgerActor, record: AwaitingRecord, user: UserRow | undefined, today: string): string | null {
  if (!user) return 'validation.verifierUnknown';
  if (user.id === actor.userId) return 'validation.verifierSelf';
  if (user.active !== 1 || (user.valid_until !== null && user.valid_until < today)) return 'validation.verifierInactive';
  if (!can(user.role, ledger.verifyPermission)) return 'validation.verifierCannotVerify';
  if (roleScope(user.role) === 'department' && user.department_id !== record.departmentId) return 'validation.verifierOtherDepartment';
  if (authoredSinceVerified(db, ledger, user.id, record, ledger.authorActions)) return 'validation.verifierIsAuthor';
  return null;
}

const userColumns = 'id, display_name, role, department_id, active, valid_until';

/** Everyone the actor may ask to verify this record, in Japanese name order. */
export function verifierCandidates(db: Db, ledger: VerificationLedger, actor: LedgerActor, record: AwaitingRecord, today: string): { userId: number; displayName: string }[] {
  const users = statement(db, `SELECT ${userColumns} FROM users WHERE active = 1`).all() as UserRow[];
  const collator = new Intl.Collator('ja');
  return users
    .filter((u) => whyNotVerifier(db, ledger, actor, record, u, today) === null)
    .sort((a, b) => collator.compare(a.display_name, b.display_name))
    .map((u) => ({ userId: u.id, displayName: u.display_name }));
}

/**
 * Records the request (replacing an earlier one) with its history row, in the caller's
 * transaction; the caller logs the access-log event. The version does not change: asking
 * is no change of the content, so a verifier's open screen stays current.
 */
export function requestVerification(tx: Tx, ledger: VerificationLedger, actor: LedgerActor, record: AwaitingRecord, verifierUserId: number, today: string): { userId: number; name: string } {
  const user = statement(tx.db, `SELECT ${userColumns} FROM users WHERE id = ?`).get(verifierUserId) as UserRow | undefined;
  const refusal = whyNotVerifier(tx.db, ledger, actor, record, user, today);
  if (refusal || !user) throw fieldError(['verifierUserId'], refusal ?? 'validation.verifierUnknown');
  statement(tx.db, 'INSERT OR REPLACE INTO verification_requests (ledger, record_id, requested_of, requested_by, requested_at) VALUES (?, ?, ?, ?, ?)')
    .run(ledger.key, record.id, user.id, actor.userId, tx.at);
  appendHistory(tx, ledger, actor, record.id, record.version, 'requestVerification', [], user.display_name);
  return { userId: user.id, name: user.display_name };
}

/** The open request, if any. */
export function readVerificationRequest(db: Db, ledger: VerificationLedger, recordId: number): VerificationRequest | null {
  const row = statement(
    db,
    `SELECT r.requested_of, o.display_name AS requested_of_name, b.display_name AS requested_by_name, r.requested_at
     FROM verification_requests r JOIN users o ON o.id = r.requested_of JOIN users b ON b.id = r.requested_by
     WHERE r.ledger = ? AND r.record_id = ?`,
  ).get(ledger.key, recordId) as { requested_of: number; requested_of_name: string; requested_by_name: string; requested_at: string } | undefined;
  return row ? { requestedOfUserId: row.requested_of, requestedOf: row.requested_of_name, requestedBy: row.requested_by_name, requestedAt: row.requested_at } : null;
}

/**
 * Settles the request: on 照合 (by anyone) and when the record leaves the lifecycle; or,
 * with `onlyOf`, when that person has just become an author and so can no longer verify.
 */
export function clearVerificationRequest(tx: Tx, ledger: VerificationLedger, recordId: number, onlyOf?: number): void {
  if (onlyOf === undefined) statement(tx.db, 'DELETE FROM verification_requests WHERE ledger = ? AND record_id = ?').run(ledger.key, recordId);
  else statement(tx.db, 'DELETE FROM verification_requests WHERE ledger = ? AND record_id = ? AND requested_of = ?').run(ledger.key, recordId, onlyOf);
}

/**
 * Settles the request when the record has moved to a 課等 the person asked cannot see (MIC §9):
 * they could not open it, and its new 課等 would wait on them.
 */
export function clearVerificationRequestOutside(tx: Tx, ledger: VerificationLedger, recordId: number, departmentId: number): void {
  const asked = statement(tx.db, 'SELECT u.role, u.department_id FROM verification_requests r JOIN users u ON u.id = r.requested_of WHERE r.ledger = ? AND r.record_id = ?').get(ledger.key, recordId) as
    | { role: Role; department_id: number }
    | undefined;
  if (asked && roleScope(asked.role) === 'department' && asked.department_id !== departmentId) clearVerificationRequest(tx, ledger, recordId);
}

/** SQL: the record aliased `alias` has an open request made of the user (one parameter). */
export function requestedOfSql(ledger: VerificationLedger, alias: string): string {
  return `EXISTS (SELECT 1 FROM verification_requests vr WHERE vr.ledger = '${ledger.key}' AND vr.record_id = ${alias}.id AND vr.requested_of = ?)`;
}
