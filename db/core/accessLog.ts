import type { z } from 'zod';
import type { AuditReview, ChainVerification, ChannelInput, Channels } from '../contract';
import { auditActionsOfKind } from '../contract/auditActions';
import { AppError } from './appError';
import type { AppCore } from './appCore';
import { queryAuditEvents, type AuditFilters } from './audit';
import { createReview } from './auditReviews';
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

/** Newest first, each event's target and 詳細 in words for this reader; `input` as the router parsed it. */
export function queryAccessLog(core: AppCore, input: z.output<Channels['audit.query']['input']>, vocabulary: AuditVocabulary) {
  const db = core.requireVault().db;
  const { rows, total } = queryAuditEvents(db, auditFilters(core.timeZone(), input), input.page, input.pageSize);
  return { rows: describeAuditEvents(db, rows, core.requireSession(), vocabulary), total };
}

export function verifyAccessLog(core: AppCore): Promise<ChainVerification> {
  const vault = core.requireVault();
  return verifyChainParallel(vault.db, core.files.database, vault.masterKey);
}

/** Verifies the chain first (outside the write), then records the review with the head it saw. */
export async function reviewAccessLog(core: AppCore, input: ChannelInput<'audit.reviews.create'>): Promise<AuditReview> {
  const verification = await verifyAccessLog(core);
  return core.write((tx) => createReview(tx, core.requireSession().userId, input, verification));
}
