import type { HoldingSummary } from '../../../contract/holdings';
import { formatDate } from '../../../print/dates';
import { documentHead, html, renderDocument, type SafeHtml } from '../../../print/layout';
import { printMeta, type PrintContext } from '../../../print/parts';
import { fieldLabel, formatSubjectCount, mediumLabels, statusLabels } from './labels';

/**
 * 保有個人情報等台帳（一覧）: the ledger as a table on A4 landscape, one line per holding,
 * for inspectors and for the office's yearly review. It goes through the bulk-export guard
 * (MIC §22), so a print of a few thousand rows is possible: the rows carry no classes or
 * attributes (columns are styled by position), and the header repeats on every page.
 */
export interface HoldingsListInput extends PrintContext {
  /** The filters in Japanese, e.g. 「担当課等: 市民課 / 区分: A」; empty when none. */
  filtersDescription: string;
  rows: HoldingSummary[];
  /** Rows matching the filters; more than rows.length only if the caller cut the list. */
  total: number;
}

export const holdingsListTitle = '保有個人情報等台帳（一覧）';

const columns = [
  fieldLabel('ledgerNo'),
  fieldLabel('name'),
  fieldLabel('department'),
  fieldLabel('category'),
  fieldLabel('status'),
  '要配慮',
  '個人番号',
  fieldLabel('subjectCount'),
  fieldLabel('medium'),
  fieldLabel('lastReviewedAt'),
  fieldLabel('updatedAt'),
];

function categoryCell(row: HoldingSummary): SafeHtml {
  if (row.category) return html`${row.category}`;
  // Undecided: the manager has not yet decided; show what the rules suggest (METI §16).
  return html`未決定<br>（推奨 ${row.suggestedCategory}）`;
}

function reviewCell(row: HoldingSummary, zone: string): SafeHtml {
  const date = row.lastReviewedAt ? formatDate(row.lastReviewedAt, zone) : '未実施';
  return row.reviewDue ? html`${date}<br><b>※要見直し</b>` : html`${date}`;
}

function rowHtml(row: HoldingSummary, zone: string): SafeHtml {
  // One line of markup per row, no whitespace between cells: a few thousand rows stay small.
  return html`<tr><td>${row.ledgerNo}</td><td>${row.name}</td><td>${row.departmentName}</td><td>${categoryCell(row)}</td><td>${statusLabels[row.status]}</td><td>${row.containsSensitive ? '〇' : ''}</td><td>${row.containsMyNumber ? '〇' : ''}</td><td>${formatSubjectCount(row.subjectCount, row.subjectCountApproximate)}</td><td>${mediumLabels[row.medium]}</td><td>${reviewCell(row, zone)}</td><td>${formatDate(row.updatedAt, zone)}</td></tr>
`;
}

function countText(input: HoldingsListInput): string {
  const total = input.total.toLocaleString('ja-JP');
  if (input.rows.length >= input.total) return `全 ${total} 件`;
  return `全 ${total} 件（うち ${input.rows.length.toLocaleString('ja-JP')} 件を掲載）`;
}

// Column widths on 267 mm of landscape A4 (297 − 2 × 15 mm); the name takes what is left.
// Cells are styled by position so that a row is nothing but <tr><td>…</td>…</tr>.
const listCss = `
  .meta { margin-bottom: 2.5mm; font-size: 9pt; }
  .meta .m-head { width: 19mm; } .meta .m-date { width: 62mm; } .meta .m-name { width: 52mm; }
  /* 全 3 件: spaced wide enough that text extraction (pdftotext -layout) keeps the spaces. */
  .meta td.count { text-align: center; font-size: 10pt; font-weight: bold; word-spacing: 0.8em; }
  .doc-title { margin-top: 0; font-size: 17pt; }
  table.list { font-size: 8.5pt; line-height: 1.35; }
  table.list th, table.list td { padding: 0.8mm 1.2mm; }
  table.list thead { display: table-header-group; }
  table.list thead th { font-size: 8pt; line-height: 1.25; padding: 1mm 0.8mm; }
  table.list tbody tr:nth-child(even) td { background: #f4f4f4; }
  table.list td { vertical-align: top; }
  table.list td:nth-child(1) { white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(n+4):nth-child(-n+7),
  table.list td:nth-child(9) { text-align: center; }
  table.list td:nth-child(8) { text-align: right; white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(10), table.list td:nth-child(11) { white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(10) b { display: inline-block; margin-top: 0.3mm; padding: 0 0.8mm; border: 1px solid #000; font-size: 7.5pt; }
  .c-no { width: 20mm; } .c-dept { width: 27mm; } .c-cat { width: 18mm; } .c-status { width: 15mm; }
  .c-sens { width: 11mm; } .c-mynum { width: 14.5mm; } .c-subjects { width: 20mm; } .c-medium { width: 15mm; }
  .c-review { width: 26mm; } .c-updated { width: 26mm; }
  .legend { margin: 1.5mm 0 0; font-size: 8pt; }
  .empty { padding: 4mm; text-align: center; }
`;

const colgroup = html`<colgroup><col class="c-no"><col><col class="c-dept"><col class="c-cat"><col class="c-status"><col class="c-sens"><col class="c-mynum"><col class="c-subjects"><col class="c-medium"><col class="c-review"><col class="c-updated"></colgroup>`;

export function renderHoldingsList(input: HoldingsListInput): string {
  const rows = input.rows.map((row) => rowHtml(row, input.timeZone));
  const body = html`${documentHead(holdingsListTitle, undefined, '取扱注意')}
${printMeta(input, [html`<tr><th>抽出条件</th><td colspan="3">${input.filtersDescription || '指定なし（全件）'}</td><th>件数</th><td class="count">${countText(input)}</td></tr>`])}
<table class="form list">
${colgroup}
<thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>
${rows.length > 0 ? rows : html`<tr><td colspan="${columns.length}" class="empty">該当する保有個人情報等はありません。</td></tr>`}</tbody>
</table>
<p class="legend">「要照合」：別の担当者による照合（入力原票との突合せ）が済んでいないもの　「※要見直し」：見直しの時期を過ぎたもの　「〇」：要配慮個人情報・特定個人情報（個人番号）を含むもの</p>`;
  return renderDocument({
    title: holdingsListTitle,
    body,
    landscape: true,
    organizationName: input.organizationName,
    printedAt: input.printedAt,
    timeZone: input.timeZone,
    styles: listCss,
  });
}
