import { AppError } from '../core/appError';
import type { Tx } from '../core/appCore';
import { assertSeparateDuties } from '../core/separationOfDuties';
import type { Db } from '../store/database';
import { authorsSince, stepRecord, type LedgerActor, type LedgerRef, type SetValue } from './record';

/**
 * Status lifecycles with 照合 and approval, for any ledger. A lifecycle names, for each
 * action, the statuses it may start from and the message when it may not; the checks run
 * in the main process, whatever the renderer shows.
 *
 * Verified records carry `status`, `verified_version`, `verified_by`, `verified_at`:
 * 照合 (MIC §28) confirms one version; an edit sends the record back to draft; a step
 * that does not touch the checked content keeps the 照合 in step with the new version.
 * Approval by someone other than the requester is `assertSeparateDuties('requester-approver', …)`
 * (db/core/separationOfDuties.ts).
 */
export type Lifecycle<S extends string, A extends string> = Readonly<Record<A, { from: readonly S[]; refusal: string }>>;

export function assertStep<S extends string, A extends string>(lifecycle: Lifecycle<S, A>, action: A, status: S): void {
  const step = lifecycle[action];
  if (!step.from.includes(status)) throw new AppError('CONFLICT', undefined, undefined, step.refusal);
}

/** SET value that keeps an existing 照合 valid for the version being written. */
export function keepVerified(version: number): SetValue {
  return { sql: "CASE WHEN status = 'verified' THEN ? ELSE verified_version END", params: [version] };
}

/**
 * Whether this person entered or changed the record since its last 照合, so may not verify
 * it: the screen says so before anyone clicks 照合する (verifyRecord refuses it anyway).
 */
export function authoredSinceVerified(db: Db, ledger: LedgerRef, userId: number, record: { id: number; verifiedVersion: number | null }, authorActions: readonly string[]): boolean {
  return authorsSince(db, ledger, record.id, record.verifiedVersion ?? 0, authorActions).includes(userId);
}

/**
 * The same rule as `authoredSinceVerified`, as an SQL condition on the record aliased
 * `alias`, for counts and list filters (one parameter: the user id). The actions are
 * written into the SQL so that a ledger's partial index on its authors' history rows
 * (`WHERE action IN (…)`, same list and order) answers it without reading the history.
 */
export function authoredSinceVerifiedSql(ledger: LedgerRef, alias: string, authorActions: readonly string[]): string {
  const actions = authorActions.map((a) => `'${a.replace(/'/g, "''")}'`).join(', ');
  return `EXISTS (SELECT 1 FROM ${ledger.history.table} authored WHERE authored.${ledger.history.recordColumn} = ${alias}.id AND authored.user_id = ?
    AND authored.version > coalesce(${alias}.verified_version, 0) AND authored.action IN (${actions}))`;
}

/**
 * 照合: a second person confirms the record against its source. Everyone who entered or
 * changed it since the last 照合 is an author and may not be the verifier.
 */
export function verifyRecord(
  tx: Tx,
  ledger: LedgerRef,
  actor: LedgerActor,
  record: { id: number; version: number; verifiedVersion: number | null },
  authorActions: readonly string[],
): number {
  assertSeparateDuties('author-verifier', actor.userId, authorsSince(tx.db, ledger, record.id, record.verifiedVersion ?? 0, authorActions));
  return stepRecord(tx, ledger, actor, record, {
    action: 'verify',
    set: (version) => ({ status: 'verified', verified_version: version, verified_by: actor.userId, verified_at: tx.at }),
  });
}
