import type { ParsedInput, HoldingFields } from '../../contract';
import type { AppCore, Tx } from '../../core/appCore';
import { oneYearBeforeIso } from '../../core/time';
import { actorOf, assertDepartmentAccess } from '../../ledger/scope';
import { readVerificationRequest, verifierCandidates } from '../../ledger/verificationRequests';
import { listHoldings } from './queries';
import { readHoldingHistory, readHoldingRow, rowToHolding } from './records';
import { authoredByUser, holdingVerification, insertHolding, upcomingLedgerNo } from './rules';
import { readUsage } from './usage';

/**
 * The holdings ledger's reads and writes as the channels need them: each write in one
 * transaction with its access-log event, then the holding as it now stands.
 */

/** Rows not reviewed since the start of this day last year (organisation's calendar) are due. */
export function reviewCutoff(core: AppCore): string {
  return oneYearBeforeIso(core.nowMs(), core.timeZone());
}

export function readHolding(core: AppCore, holdingId: number) {
  const row = readHoldingRow(core.requireVault().db, holdingId);
  assertDepartmentAccess(actorOf(core), row.department_id);
  return rowToHolding(row, reviewCutoff(core));
}

export function holdingWithDetails(core: AppCore, holdingId: number) {
  const holding = readHolding(core, holdingId);
  const db = core.requireVault().db;
  const usage = readUsage(db, holdingId, { pageSize: 50 });
  const authoredByYou = holding.status === 'draft' && authoredByUser(db, actorOf(core).userId, { id: holding.id, verified_version: holding.verifiedVersion });
  const verificationRequest = holding.status === 'draft' ? readVerificationRequest(db, holdingVerification, holdingId) : null;
  return { holding, authoredByYou, verificationRequest, history: readHoldingHistory(db, holdingId), usage: usage.rows, usageTotal: usage.total, usageNextCursor: usage.nextCursor };
}

/** Whom the caller may ask to verify this draft (照合依頼); main checks the choice again. */
export function verifierCandidatesFor(core: AppCore, holdingId: number) {
  const holding = readHolding(core, holdingId); // department scope
  const record = { id: holding.id, version: holding.version, verifiedVersion: holding.verifiedVersion, departmentId: holding.departmentId };
  return holding.status === 'draft' ? verifierCandidates(core.requireVault().db, holdingVerification, actorOf(core), record, core.today()) : [];
}

export function listHoldingsFor(core: AppCore, input: ParsedInput<'holdings.list'>) {
  return listHoldings(core.requireVault().db, actorOf(core), input, reviewCutoff(core));
}

export function createHolding(core: AppCore, fields: HoldingFields) {
  const today = core.today();
  const id = core.write((tx) => insertHolding(tx, actorOf(core), fields, 'create', today));
  return readHolding(core, id);
}

/** The form's hint for a blank 管理番号: what saving now would assign (not reserved). */
export function nextLedgerNo(core: AppCore) {
  return { ledgerNo: upcomingLedgerNo(core.requireVault().db, core.today()) };
}

/** A write, then the holding as it now stands. */
export function changeHolding(core: AppCore, holdingId: number, write: (tx: Tx) => void) {
  core.write(write);
  return readHolding(core, holdingId);
}

export function usagePage(core: AppCore, input: ParsedInput<'holdings.usage.list'>) {
  readHolding(core, input.holdingId); // department scope
  return readUsage(core.requireVault().db, input.holdingId, input);
}
