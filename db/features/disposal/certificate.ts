import type { ParsedInput } from '../../contract';
import { AppError } from '../../core/appError';
import type { AppCore, Tx } from '../../core/appCore';
import { readSettings } from '../../core/settings';
import { printContext, printDocument } from '../../ledger/output';
import { pinSideRow } from '../../ledger/integrity';
import { appendHistory } from '../../ledger/record';
import { actorOf, assertDepartmentAccess } from '../../ledger/scope';
import { japaneseLabel, japaneseText } from '../../print/labels';
import { printedDay } from '../../print/listDocument';
import { statement } from '../../store/statements';
import { attachmentBytesHold } from './attachments';
import { certificateContent, certificateRow } from './certificateData';
import { disposalLedger } from './columns';
import { renderCertificate } from './print/certificate';
import type { DisposalTargets } from './targets';

/**
 * Printing a 廃棄・消去証明書 (issue #11 item 5; domain.md §3) through the kit's output pipeline:
 * only an approved record (or one since amended: its paper says so), only of the reader's 課等
 * (MIC §9), to the printer or a PDF. The first print is the original; every later one is marked
 * 再発行 with its day. The print row, the record's history step and the access-log event are
 * one write, after the paper has left or before the PDF is put in place (db/core/output/delivery.ts:
 * a crash never leaves a certificate file that the log and the print count do not know of).
 */
export async function printCertificate(core: AppCore, targets: DisposalTargets, input: ParsedInput<'disposal.printCertificate'>): Promise<{ savedTo: string | null; reissue: boolean }> {
  const db = core.requireVault().db;
  const actor = actorOf(core);
  const row = certificateRow(db, input.disposalId);
  if (!row) throw new AppError('NOT_FOUND');
  assertDepartmentAccess(actor, row.department_id);
  // A draft, a request or a cancelled record certifies nothing: it has no number and no code.
  if (row.status !== 'approved' && row.status !== 'amended') throw new AppError('CONFLICT', undefined, undefined, 'disposalOutput.errors.certificateNotApproved');
  // A photo or scan whose bytes no longer match the hash the code covers (swapped behind the app) is
  // not printed as evidence: the paper would show what was never approved (改ざん検査 names the row).
  if (!attachmentBytesHold(db, row.id)) throw new AppError('CONFLICT', undefined, undefined, 'disposalOutput.errors.attachmentAltered');
  const earlier = statement(db, 'SELECT count(*) FROM disposal_certificate_prints WHERE disposal_id = ?').pluck().get(row.id) as number;
  // Decided once, before the paper is made, and claimed while it is out: two prints racing each
  // other are one original and one 再発行, and each paper says what its print row records.
  const pending = originalsOut(core);
  const reissue = earlier > 0 || pending.has(row.id);
  if (!reissue) pending.add(row.id);
  try {
    const today = core.today();
    const day = printedDay(core.timeZone(), readSettings(db).dateDisplay === 'wareki');
    const certificateNo = row.certificate_no ?? '';
    const { savedTo } = await printDocument(core, {
      html: () => renderCertificate({ ...printContext(core), ...certificateContent(db, { targets, actor }, row, day), reissuedOn: reissue ? day(today) : null }),
      target: input.target,
      // The file is named as its paper is titled (db/print/labels.ts: one word per thing); a reprint says 再発行 and its day.
      defaultName: `${japaneseLabel('disposalOutput.certificate.title')}_${certificateNo}${reissue ? `_${japaneseText('disposalOutput.certificate.reissue', { date: today })}` : ''}.pdf`,
      audit: { action: 'disposal.printCertificate', targetType: 'disposal', targetId: row.id, detail: { certificateNo, reissue } },
      alongside: (tx) => recordPrint(tx, actor, row.id, { target: input.target, today, reissue }),
    });
    return { savedTo, reissue };
  } finally {
    // A cancelled original leaves the original to the next print.
    if (!reissue) pending.delete(row.id);
  }
}

/** Records whose original is being printed now (per app core: a print awaits the dialog and the printer). */
const originals = new WeakMap<AppCore, Set<number>>();
function originalsOut(core: AppCore): Set<number> {
  let set = originals.get(core);
  if (!set) originals.set(core, (set = new Set()));
  return set;
}

/** The print's row and the record's history step (no version bump: printing changes no field). */
function recordPrint(tx: Tx, actor: ReturnType<typeof actorOf>, disposalId: number, print: { target: 'printer' | 'pdf'; today: string; reissue: boolean }): void {
  // What the paper says, decided before it was made (printCertificate), not counted again here.
  const { lastInsertRowid } = statement(
    tx.db,
    'INSERT INTO disposal_certificate_prints (disposal_id, printed_at, printed_on, printed_by, reissue, target) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(disposalId, tx.at, print.today, actor.userId, print.reissue ? 1 : 0, print.target);
  // 改ざん検査 pins the row when the disposal ledger lists the prints as a side table (columns.ts).
  pinSideRow(tx.db, 'disposal_certificate_prints', Number(lastInsertRowid));
  const version = statement(tx.db, 'SELECT version FROM disposals WHERE id = ?').pluck().get(disposalId) as number;
  appendHistory(tx, disposalLedger, actor, disposalId, version, 'printCertificate', []);
}
