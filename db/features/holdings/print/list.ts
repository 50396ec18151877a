import type { HoldingSummary } from '../../../contract/holdings';
import { formatDate } from '../../../print/dates';
import { html, type SafeHtml } from '../../../print/layout';
import { renderListDocument } from '../../../print/listDocument';
import type { PrintContext } from '../../../print/parts';
import { fieldLabel, formatSubjectCount, mediumLabels, statusLabels } from './labels';

/**
 * 保有個人情報等台帳（一覧）: the ledger as a table on A4 landscape, one line per holding,
 * for inspectors and for the office's yearly review, on the kit's list document
 * (db/print/listDocument.ts: bulk-export guard, MIC §22; header repeated on every page).
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

// Column widths on 267 mm of landscape A4 (297 − 2 × 15 mm); the name takes what is left.
const widthsMm = [20, null, 27, 18, 15, 11, 14.5, 20, 15, 26, 26];

// The ledger's list is a little larger than the kit's default (fewer, wider columns); cells are
// styled by position so that a row is nothing but <tr><td>…</td>…</tr>.
const styles = `
  table.list { font-size: 8.5pt; }
  table.list th, table.list td { padding: 0.8mm 1.2mm; }
  table.list thead th { font-size: 8pt; padding: 1mm 0.8mm; vertical-align: middle; }
  table.list td:nth-child(1) { white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(n+4):nth-child(-n+7),
  table.list td:nth-child(9) { text-align: center; }
  table.list td:nth-child(8) { text-align: right; white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(10), table.list td:nth-child(11) { white-space: nowrap; overflow-wrap: normal; }
`;

export function renderHoldingsList(input: HoldingsListInput): string {
  return renderListDocument({
    ...input,
    title: holdingsListTitle,
    conditions: input.filtersDescription || '指定なし（全件）',
    columns,
    widthsMm,
    rows: input.rows.map((row) => rowHtml(row, input.timeZone)),
    emptyText: '該当する保有個人情報等はありません。',
    legend: '「要照合」：別の担当者による照合（入力原票との突合せ）が済んでいないもの　「※要見直し」：見直しの時期を過ぎたもの　「〇」：要配慮個人情報・特定個人情報（個人番号）を含むもの',
    styles,
  });
}
