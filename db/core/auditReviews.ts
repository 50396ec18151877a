import { roleScope, roles, type AuditReview, type ChainVerification, type ChannelInput } from '../contract';
import type { Db } from '../store/database';
import type { Tx } from './appCore';

/**
 * The periodic review of the access log, itself a record (MIC §21; seed 004 case 5 is a
 * finding where reviews happened but left no trace). Each review verifies the chain and
 * pins its head: if history were rewritten later, the pinned hash would no longer match.
 */
interface ReviewRow {
  id: number;
  reviewer_user_id: number;
  reviewer_name: string;
  period_from: string;
  period_to: string;
  reviewed_through_seq: number;
  head_hash: string;
  chain_ok: number;
  findings: string;
  created_at: string;
}

/** Roles that read the whole organisation's log (roleScope). */
const organizationRoles = roles.filter((r) => roleScope(r) === 'organization');

const reviewSelect = `
  SELECT r.*, u.display_name AS reviewer_name FROM audit_reviews r JOIN users u ON u.id = r.reviewer_user_id`;

function toReview(r: ReviewRow): AuditReview {
  return {
    id: r.id,
    reviewerUserId: r.reviewer_user_id,
    reviewerName: r.reviewer_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    reviewedThroughSeq: r.reviewed_through_seq,
    headHash: r.head_hash,
    chainOk: r.chain_ok === 1,
    findings: r.findings,
    createdAt: r.created_at,
  };
}

/**
 * Every review, or (for a manager, MIC §9) those made by department-scoped reviewers of their
 * 課等: a finding may name another 課等's events, and the chief's or the auditor's findings are
 * of the whole organisation whichever 課等 their account is filed under.
 */
export function listReviews(db: Db, departmentId: number | null = null): AuditReview[] {
  const rows =
    departmentId === null
      ? db.prepare(`${reviewSelect} ORDER BY r.id DESC`).all()
      : db.prepare(`${reviewSelect} WHERE u.department_id = ? AND u.role NOT IN (${organizationRoles.map(() => '?').join(', ')}) ORDER BY r.id DESC`).all(departmentId, ...organizationRoles);
  return (rows as ReviewRow[]).map(toReview);
}

/** Records a review of the log as `verification` found it (run just before, outside the write). */
export function createReview(tx: Tx, reviewerUserId: number, input: ChannelInput<'audit.reviews.create'>, verification: ChainVerification): AuditReview {
  // On a broken chain the pinned head is the last event that still verified.
  const head = { seq: verification.headSeq, hash: verification.headHash };
  const { lastInsertRowid } = tx.db
    .prepare(
      `INSERT INTO audit_reviews (reviewer_user_id, period_from, period_to, reviewed_through_seq, head_hash, chain_ok, findings, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(reviewerUserId, input.periodFrom, input.periodTo, head.seq, head.hash, verification.ok ? 1 : 0, input.findings ?? '', tx.at);
  const id = Number(lastInsertRowid);
  tx.audit({
    action: 'audit.review.create',
    targetType: 'audit_review',
    targetId: id,
    detail: {
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      reviewedThroughSeq: head.seq,
      headHash: head.hash,
      chainOk: verification.ok,
      firstBroken: verification.firstBroken,
    },
  });
  return toReview(tx.db.prepare(`${reviewSelect} WHERE r.id = ?`).get(id) as ReviewRow);
}
