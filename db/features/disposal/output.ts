import type { ParsedInput } from '../../contract';
import type { DisposalFilters } from '../../contract/disposal';
import { disposalMethods, disposalStatuses, disposalTargetKinds } from '../../contract/disposalValues';
import { localDateIn } from '../../contract/timeZone';
import type { AppCore } from '../../core/appCore';
import { departmentName } from '../../core/departments';
import { readSettings } from '../../core/settings';
import { exportCsvFile, printContext, printDocument } from '../../ledger/output';
import { actorOf } from '../../ledger/scope';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import { printedDay } from '../../print/listDocument';
import type { Db } from '../../store/database';
import { bookRows, countBook, type BookQuery } from './bookRows';
import { disposalBookCsv } from './csv';
import { renderDisposalBook } from './print/book';
import type { DisposalTargets } from './targets';

/**
 * The 廃棄記録簿 leaving the app as CSV and paper (issue #11 item 7) through the kit's pipeline
 * (db/ledger/output.ts: bulk-export guard with its reason, MIC §22; the save dialog or the
 * printer; one access-log event naming what left). Rows are the reader's (MIC §9), in the
 * list's order and with its filters.
 */
const query = (input: ParsedInput<'disposal.exportCsv'>): BookQuery => ({ filters: input.filters, sort: input.sort, direction: input.direction });

export function exportDisposalCsv(core: AppCore, targets: DisposalTargets, input: ParsedInput<'disposal.exportCsv'>) {
  const actor = actorOf(core);
  const zone = core.timeZone();
  return exportCsvFile(core, {
    rowCount: countBook(core.requireVault().db, actor, query(input)),
    reason: input.reason,
    defaultName: `${japaneseLabel('disposalOutput.book.title')}_${core.today()}.csv`,
    audit: { action: 'disposal.export', targetType: 'disposal', detail: { filters: input.filters } },
    write: (tx) => {
      const rows = bookRows(tx.db, targets, actor, query(input));
      return { csv: disposalBookCsv(rows, (iso) => localDateIn(Date.parse(iso), zone)), rowCount: rows.length };
    },
  });
}

export function printDisposalBook(core: AppCore, targets: DisposalTargets, input: ParsedInput<'disposal.printBook'>) {
  const db = core.requireVault().db;
  const rows = bookRows(db, targets, actorOf(core), query(input)).map((b) => b.summary);
  return printDocument(core, {
    rowCount: rows.length,
    reason: input.reason,
    html: () => {
      const day = printedDay(core.timeZone(), readSettings(db).dateDisplay === 'wareki');
      return renderDisposalBook({ ...printContext(core), conditions: describeFilters(db, input.filters, day), rows, day });
    },
    target: input.target,
    defaultName: `${japaneseLabel('disposalOutput.book.title')}_${core.today()}.pdf`,
    options: { landscape: true },
    audit: { action: 'disposal.printBook', targetType: 'disposal', detail: { filters: input.filters } },
  });
}

const field = (key: string) => japaneseLabel(`disposalFields.${key}`);
const book = (key: string) => japaneseLabel(`disposalOutput.book.${key}`);

/** The book's filters as printed under 抽出条件, in the screen's words; days as the rows' days (西暦 or 和暦). */
function describeFilters(db: Db, f: DisposalFilters, day: (value: string) => string): string {
  const parts: string[] = [];
  if (f.performedFrom) parts.push(`${book('performedFrom')}: ${day(f.performedFrom)}`);
  if (f.performedTo) parts.push(`${book('performedTo')}: ${day(f.performedTo)}`);
  if (f.departmentId !== undefined) parts.push(`${book('department')}: ${departmentName(db, f.departmentId) ?? String(f.departmentId)}`);
  if (f.method) parts.push(`${field('method')}: ${japaneseLabels('disposalMethod', disposalMethods)[f.method]}`);
  if (f.targetKind) parts.push(`${japaneseLabel('disposalOutput.certificate.targetKind')}: ${japaneseLabels('disposalTargetKind', disposalTargetKinds)[f.targetKind]}`);
  if (f.status) parts.push(`${book('status')}: ${japaneseLabels('disposalStatus', disposalStatuses)[f.status]}`);
  if (f.awaitingMyApproval) parts.push(book('awaitingMyApproval'));
  if (f.text) parts.push(`${book('searchText')}: ${f.text}`);
  return parts.length ? parts.join(' / ') : book('noConditions');
}
