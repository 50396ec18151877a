import { disposalStatuses } from '../../contract/disposalValues';
import { csvDocument } from '../../core/output/csv';
import { csvColumnsOf, type ExtraCsvColumn } from '../../ledger/csv/table';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import type { BookRow } from './bookRows';
import { disposalColumns } from './columns';
import { rowToFields } from './records';

/**
 * The 廃棄記録簿 as CSV (issue #11 item 7): one row per record, the headers the fields' labels
 * (the column table's, one label per field), then what the column table does not write:
 * 証明書番号, 対象 (every target in one cell), 実施者, 立会者, 状態, 承認者 and 承認日.
 */
const columns = csvColumnsOf(disposalColumns, japaneseLabel);
const statusWords = japaneseLabels('disposalStatus', disposalStatuses);
const book = (key: string) => japaneseLabel(`disposalOutput.book.${key}`);
const field = (key: string) => japaneseLabel(`disposalFields.${key}`);

type Line = Record<string, unknown> & { book: BookRow };

function extraColumns(dayOf: (iso: string) => string): ExtraCsvColumn<Line>[] {
  return [
    { header: book('targetsText'), write: (l) => l.book.summary.targetsText },
    { header: field('operatorId'), write: (l) => l.book.row.operator_name },
    { header: field('witnessIds'), write: (l) => l.book.witnessNames.join('、') },
    { header: book('status'), write: (l) => statusWords[l.book.summary.status] },
    { header: japaneseLabel('disposalOutput.certificate.approvedBy'), write: (l) => l.book.row.approved_by_name ?? '' },
    { header: book('approvedAt'), write: (l) => (l.book.row.approved_at ? dayOf(l.book.row.approved_at) : '') },
  ];
}

/** The book as CSV for Excel; instants as days in the organisation's time zone. 証明書番号 first: the book is read by it. */
export function disposalBookCsv(rows: readonly BookRow[], dayOf: (iso: string) => string): string {
  const lines: Line[] = rows.map((b) => ({ ...rowToFields(b.row), departmentName: b.row.department_name, book: b }));
  const extra = extraColumns(dayOf);
  return csvDocument(
    [japaneseLabel('disposalOutput.certificate.certificateNo'), ...columns.map((c) => c.header), ...extra.map((e) => e.header)],
    lines.map((l) => [l.book.row.certificate_no ?? '', ...columns.map((c) => c.cell.write(l[c.field], l)), ...extra.map((e) => e.write(l))]),
  );
}
