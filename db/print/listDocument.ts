import { formatDate, formatWarekiDate } from './dates';
import { documentHead, html, renderDocument, type SafeHtml } from './layout';
import { printMeta, type PrintContext } from './parts';

/**
 * A list on A4 landscape for any register (the media register, the 持出管理簿 …): title, the
 * print meta with 抽出条件 and 件数, a table whose header repeats on every page, a legend. It goes
 * through the bulk-export guard (MIC §22), so a few thousand rows must stay small: rows carry
 * no classes (columns are styled by position in the template's CSS).
 */
export interface ListDocumentInput extends PrintContext {
  title: string;
  /** The filters in the register's words; empty when none. */
  conditions: string;
  columns: readonly string[];
  /** Column widths in mm, one per column; null takes what is left. */
  widthsMm: readonly (number | null)[];
  rows: readonly SafeHtml[];
  /** Rows matching the filters; more than rows.length only if the caller cut the list. */
  total?: number;
  emptyText: string;
  legend: string;
  /** Static CSS of the template (no values: CSS is not escaped). */
  styles: string;
  /** Further rows of the print meta under 抽出条件 (a book's 区域名, 期間 …). */
  metaRows?: readonly SafeHtml[];
  /** After the legend (a 確認欄 of signature boxes). */
  after?: SafeHtml;
  /** Printed at the top right of every page (layout.ts pageMark): a page on its own still says whose book it is. */
  pageMark?: string;
}

const listCss = `
  .meta { margin-bottom: 2.5mm; font-size: 9pt; }
  .meta .m-head { width: 19mm; } .meta .m-date { width: 62mm; } .meta .m-name { width: 52mm; }
  /* 全 3 件: spaced wide enough that text extraction (pdftotext -layout) keeps the spaces. */
  .meta td.count { text-align: center; font-size: 10pt; font-weight: bold; word-spacing: 0.8em; }
  .doc-title { margin-top: 0; font-size: 17pt; }
  table.list { font-size: 8pt; line-height: 1.35; }
  table.list th, table.list td { padding: 0.8mm 1mm; vertical-align: top; }
  table.list thead { display: table-header-group; }
  table.list thead th { font-size: 7.5pt; line-height: 1.25; padding: 1mm 0.6mm; }
  table.list tbody tr:nth-child(even) td { background: #f4f4f4; }
  table.list td b { display: inline-block; margin-top: 0.3mm; padding: 0 0.8mm; border: 1px solid #000; font-size: 7.5pt; }
  .legend { margin: 1.5mm 0 0; font-size: 8pt; }
  .empty { padding: 4mm; text-align: center; }
`;

/** A day as the organisation prints it: 西暦, or 和暦 when 設定 says so (dateDisplay). */
export function printedDay(zone: string, wareki: boolean): (value: string) => string {
  return (value) => (wareki ? formatWarekiDate(value, zone) : formatDate(value, zone));
}

function countText(shown: number, total = shown): string {
  const all = `全 ${total.toLocaleString('ja-JP')} 件`;
  return shown >= total ? all : `${all}（うち ${shown.toLocaleString('ja-JP')} 件を掲載）`;
}

export function renderListDocument(input: ListDocumentInput): string {
  const total = countText(input.rows.length, input.total);
  const colgroup = html`<colgroup>${input.widthsMm.map(() => html`<col>`)}</colgroup>`;
  // Widths are numbers the template wrote, never values of a record: safe in CSS.
  const widths = input.widthsMm.map((w, i) => (w === null ? '' : `table.list col:nth-child(${i + 1}) { width: ${w}mm; }`)).join('\n');
  const body = html`${documentHead(input.title, undefined, '取扱注意')}
${printMeta(input, [...(input.metaRows ?? []), html`<tr><th>抽出条件</th><td colspan="3">${input.conditions}</td><th>件数</th><td class="count">${total}</td></tr>`])}
<table class="form list">
${colgroup}
<thead><tr>${input.columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>
${input.rows.length > 0 ? input.rows : html`<tr><td colspan="${String(input.columns.length)}" class="empty">${input.emptyText}</td></tr>`}</tbody>
</table>
<p class="legend">${input.legend}</p>
${input.after ?? null}`;
  return renderDocument({
    title: input.title,
    body,
    landscape: true,
    organizationName: input.organizationName,
    printedAt: input.printedAt,
    timeZone: input.timeZone,
    wareki: input.wareki ?? false,
    styles: `${listCss}${widths}\n${input.styles}`,
    ...(input.pageMark ? { pageMark: input.pageMark } : {}),
  });
}
