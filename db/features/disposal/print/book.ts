import { disposalMethods, disposalPlaces, disposalResults, disposalStatuses } from '../../../contract/disposalValues';
import { html, type SafeHtml } from '../../../print/layout';
import { japaneseLabel, japaneseLabels } from '../../../print/labels';
import { renderListDocument } from '../../../print/listDocument';
import type { PrintContext } from '../../../print/parts';
import type { DisposalSummary } from '../../../contract/disposal';

/**
 * 廃棄記録簿: the disposal records of a period on A4 landscape, one line per record, with the
 * filters as 抽出条件 (issue #11 item 7; MIC §13, §42 点検). The words are the screen's
 * (renderer/i18n/ja/disposal.ts) or the book's own (ja/disposalOutput.ts).
 */
export interface DisposalBookInput extends PrintContext {
  conditions: string;
  rows: readonly DisposalSummary[];
  /** A stored date or instant as the organisation prints a day (西暦 or 和暦). */
  day(value: string): string;
}

const book = (key: string) => japaneseLabel(`disposalOutput.book.${key}`);
const field = (key: string) => japaneseLabel(`disposalFields.${key}`);
const methodWords = japaneseLabels('disposalMethod', disposalMethods);
const placeWords = japaneseLabels('disposalPlace', disposalPlaces);
const resultWords = japaneseLabels('disposalResult', disposalResults);
const statusWords = japaneseLabels('disposalStatus', disposalStatuses);

const columns = [japaneseLabel('disposalOutput.certificate.certificateNo'), field('performedOn'), book('department'), book('targetsText'), field('method'), field('placeKind'), field('operatorId'), field('result'), book('status'), book('approvedAt')];
// On 267 mm of landscape A4; 対象 takes what is left.
const widthsMm = [22, 27, 26, null, 30, 20, 24, 16, 16, 27];

// A day on one line (令和8年11月22日 broke before 日 in 24 mm).
const styles = `
  table.list td:nth-child(1), table.list td:nth-child(2), table.list td:nth-child(10) { white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(8), table.list td:nth-child(9) { text-align: center; }
`;

function rowHtml(s: DisposalSummary, day: (value: string) => string): SafeHtml {
  // One line of markup per row: a year's book stays small.
  return html`<tr><td>${s.certificateNo ?? ''}</td><td>${day(s.performedOn)}</td><td>${s.departmentName}</td><td>${s.targetsText}</td><td>${methodWords[s.method]}</td><td>${placeWords[s.placeKind]}</td><td>${s.operatorName}</td><td>${resultWords[s.result]}</td><td>${statusWords[s.status]}</td><td>${s.approvedAt ? day(s.approvedAt) : ''}</td></tr>
`;
}

export function renderDisposalBook(input: DisposalBookInput): string {
  return renderListDocument({
    ...input,
    title: book('title'),
    columns,
    widthsMm,
    rows: input.rows.map((s) => rowHtml(s, input.day)),
    emptyText: book('empty'),
    legend: book('legend'),
    styles,
  });
}
