import type { ParsedInput } from '../../contract';
import type { DisposalTarget } from '../../contract/disposal';
import { freeFiscalSerial } from '../../ledger/numbering';
import { stepRecord, updateSearchEntry } from '../../ledger/record';
import { statement } from '../../store/statements';
import { disposalLedger } from './columns';
import { readDisposalRow, rowToFields, type DisposalRow } from './records';
import { assertApproverSeparate, assertEvidence, assertFieldsAllowed, audit } from './rules';
import { loadFor, type StepContext } from './steps';
import { disposedByOriginal } from './targets';
import { sealVerificationCode } from './verificationCode';

/**
 * 承認 (issue #11 items 3–4; MIC §12-2, §13): one write that freezes the record, takes its
 * 証明書番号 (年度-連番, in this transaction: a failed approval gives it back, so numbers have no
 * gaps), seals the verification code against the approval's place in the access log, then
 * marks each medium 廃棄済 and each holding disposed in their own ledgers, and an original this
 * record corrects 訂正済. Any refusal or failure on the way leaves everything as it was.
 */
export function approveDisposal(ctx: StepContext, input: ParsedInput<'disposal.approve'>): void {
  const { tx, actor, today } = ctx;
  const row = loadFor(ctx, input.disposalId, 'approve', input.version);
  const fields = rowToFields(row);
  assertApproverSeparate(tx.db, actor, fields, row);
  // Everything is checked again: a medium may have been taken out since the request.
  assertFieldsAllowed(tx.db, ctx.targets, actor, fields, today, { disposalId: row.id, amendsId: row.amends_id, people: false });
  assertEvidence(tx.db, fields, row.id);

  // Passes over a number some record already holds (a counter set back by SQL would otherwise stop every approval on the UNIQUE index).
  const certificateNo = freeFiscalSerial(tx, 'disposal', today, (no) => statement(tx.db, 'SELECT 1 FROM disposals WHERE certificate_no = ?').get(no) !== undefined);
  statement(tx.db, 'UPDATE disposals SET certificate_no = ?, approved_by = ?, approved_at = ?, approved_on = ? WHERE id = ?').run(certificateNo, actor.userId, tx.at, today, row.id);
  // The 証明書番号 joins the texts the record is found by.
  updateSearchEntry(tx.db, disposalLedger, row.id, fields, [certificateNo]);
  // The code predicts that the next access-log event is this approval's: nothing may log in between.
  const verificationCode = sealVerificationCode(tx, row.id);
  const changes = [
    { field: 'status', before: row.status, after: 'approved' },
    { field: 'certificateNo', before: null, after: certificateNo },
  ];
  // The history row and the row as sealed are pinned by the approval's event (db/ledger/integrity.ts).
  stepRecord(tx, disposalLedger, actor, row, { action: 'approve', changes, set: () => ({ status: 'approved' }) });
  audit(tx, 'approve', row.id, { certificateNo, verificationCode });

  // A failed disposal is recorded and certified as such, but destroyed nothing.
  if (fields.result !== 'failed') markTargets(ctx, fields.targets, row, certificateNo);
  if (row.amends_id !== null) markOriginalAmended(ctx, row.amends_id, certificateNo);
}

/** Each medium 廃棄済, each holding disposed, through their own ledgers (what the original already disposed stays as it is). */
function markTargets(ctx: StepContext, targets: readonly DisposalTarget[], row: DisposalRow, certificateNo: string): void {
  const already = disposedByOriginal(ctx.tx.db, row.amends_id);
  for (const t of targets) {
    if (t.kind === 'paper' || already.has(`${t.kind}:${t.id}`)) continue;
    ctx.targets[t.kind].close(ctx.tx, ctx.actor, t.id, { number: certificateNo, note: certificateNo });
  }
}

/** The corrected original: 訂正済, pointing at the correction's number in its history and event. */
function markOriginalAmended(ctx: StepContext, originalId: number, certificateNo: string): void {
  const { tx, actor } = ctx;
  const original = readDisposalRow(tx.db, originalId);
  const changes = [{ field: 'status', before: original.status, after: 'amended' }];
  stepRecord(tx, disposalLedger, actor, original, { action: 'amended', changes, note: certificateNo, set: () => ({ status: 'amended' }) });
  audit(tx, 'amend', original.id, { certificateNo: original.certificate_no, amendedBy: certificateNo, changes });
}
