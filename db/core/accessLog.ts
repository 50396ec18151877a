import type { z } from 'zod';
import type { AuditReview, ChainVerification, ChannelInput, Channels } from '../contract';
import { auditActionsOfKind } from '../contract/auditActions';
import { AppError } from './appError';
import type { AppCore } from './appCore';
import { queryAuditEvents, type AuditFilters } from './audit';
import { createReview } from './auditReviews';
import { eventScope, scopedDepartment } from './auditScope';
import { resetAnchor } from './auditAnchor';
import { snapshotIfReadable, withFindings, type RowChecks } from './auditFindings';
import { verifyChainParallel } from './auditVerify';
import { describeAuditEvents, type AuditVocabulary } from './auditWords';
import { localDayEndExclusiveIso, localDayStartIso } from './time';

/**
 * The access-log screen's services: search, verification and the recorded review. Periods
 * are calendar days in the organisation's time zone, turned into UTC instants here.
 */
type FilterInput = Pick<ChannelInput<'audit.query'>, 'from' | 'to' | 'actorUserId' | 'action' | 'targetType' | 'changesOnly'>;

export function auditFilters(zone: string, input: FilterInput): AuditFilters {
  if (input.from && input.to && input.from > input.to) {
    throw new AppError('INVALID_INPUT', undefined, [{ path: ['to'], messageKey: 'validation.dateRangeOrder' }]);
  }
  return {
    ...(input.from ? { fromInstant: localDayStartIso(input.from, zone) } : {}),
    ...(input.to ? { toInstantExclusive: localDayEndExclusiveIso(input.to, zone) } : {}),
    ...(input.actorUserId !== undefined ? { actorUserId: input.actorUserId } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.changesOnly ? { actions: auditActionsOfKind('change') } : {}),
  };
}

/** The filters for the session's reader: what they asked for, within what they may read (auditScope.ts). */
export function readerFilters(core: AppCore, input: FilterInput, vocabulary: AuditVocabulary): AuditFilters {
  const scope = eventScope(core.requireSession(), vocabulary);
  return { ...auditFilters(core.timeZone(), input), ...(scope ? { scope } : {}) };
}

/** Newest first, each event's target and 詳細 in words for this reader; `input` as the router parsed it. */
export function queryAccessLog(core: AppCore, input: z.output<Channels['audit.query']['input']>, vocabulary: AuditVocabulary) {
  const db = core.requireVault().db;
  const { rows, total } = queryAuditEvents(db, readerFilters(core, input, vocabulary), input.page, input.pageSize);
  return { rows: describeAuditEvents(db, rows, core.requireSession(), vocabulary), total };
}

/** The chain, then every head pinned outside it and every ledger row (auditFindings.ts; `rows` is the kit's). */
export async function verifyAccessLog<S>(core: AppCore, rows: RowChecks<S>): Promise<ChainVerification> {
  const vault = core.requireVault();
  const walking = verifyChainParallel(vault.db, core.files.database, vault.masterKey);
  // The rows are hashed here while the workers walk the chain (the costly half of reconciliation).
  const snapshot = snapshotIfReadable(vault.db, rows);
  const chain = await walking;
  // The workers ran while this call awaited: a lock in between closed the store.
  return withFindings(core.requireVault().db, chain, core.dataDir, core.requireVault().masterKey, rows, snapshot);
}

/**
 * 改ざん検査 as the session's reader may read it (audit.verify): a finding names a ledger row
 * by its 管理番号 and fields, so a manager is told only of their own 課等's rows, and that more
 * was found elsewhere (MIC §9, issue #9 item 3); the chief and the auditor are told all.
 */
export async function verifyAccessLogForReader<S>(core: AppCore, rows: RowChecks<S>): Promise<ChainVerification> {
  const verification = await verifyAccessLog(core, rows);
  const departmentId = scopedDepartment(core.requireSession());
  if (departmentId === null || !verification.findings?.length) return verification;
  return { ...verification, findings: rows.forDepartment(core.requireVault().db, verification.findings, departmentId) };
}

/** Verifies the chain first (outside the write), then records the review with the head it saw. */
export async function reviewAccessLog<S>(core: AppCore, input: ChannelInput<'audit.reviews.create'>, rows: RowChecks<S>): Promise<AuditReview> {
  // The review records whether anything was found anywhere; it says no finding itself (auditReviews.ts).
  const verification = await verifyAccessLog(core, rows);
  const review = core.write((tx) => createReview(tx, core.requireSession().userId, input, verification));
  // The auditor has seen what was found: the anchor starts again from this head (auditAnchor.ts).
  const vault = core.requireVault();
  resetAnchor(core.dataDir, vault.db, vault.masterKey, core.nowIso());
  return review;
}
