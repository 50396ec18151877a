import { formatDateWithWareki } from './dates';
import { html, sectionTitle, type SafeHtml } from './layout';

/**
 * Parts every printed ledger document shares: who printed what and when, definition
 * tables, empty-value marks, section headings with a note, and the signature boxes an
 * inspector expects (印・署名 / 氏名 / 日付 per role).
 */
export interface PrintContext {
  organizationName: string;
  /** ISO instant of printing (from the backend's clock: a template never reads the time). */
  printedAt: string;
  /** Display name of the user who printed. */
  printedBy: string;
  /** The organisation's time zone: it decides every printed date. */
  timeZone: string;
  /** 設定 dateDisplay is 和暦: the footer's 印刷日時 is printed in it too. */
  wareki?: boolean;
}

export const none = html`<span class="none">（記載なし）</span>`;

export function textOrNone(value: string | null | undefined): SafeHtml {
  return value && value.trim() ? html`${value}` : none;
}

export function listOrNone(values: readonly string[]): SafeHtml {
  return values.length > 0 ? html`${values.join('、')}` : none;
}

export function definitionRow(label: string, value: SafeHtml): SafeHtml {
  return html`<tr><th>${label}</th><td>${value}</td></tr>`;
}

export function definitionTable(rows: SafeHtml[]): SafeHtml {
  return html`<table class="form def">${rows}</table>`;
}

export function sectionWithNote(title: string, note: string): SafeHtml {
  return html`<h2 class="section-title">${title}<span class="section-note">${note}</span></h2>`;
}

/** 該当 / 非該当, as on ministry ledgers. */
export function yesNo(value: boolean): string {
  return value ? '該当' : '非該当';
}

/** 1,234; empty when not given. */
export function formatCount(count: number | null): string {
  return count === null ? '' : count.toLocaleString('ja-JP');
}

/** 全 12 件, or 直近 50 件（全 120 件） when only part is shown. */
export function countNote(shown: number, total: number, partLabel = '直近'): string {
  const all = `全 ${total.toLocaleString('ja-JP')} 件`;
  return shown < total ? `${partLabel} ${shown.toLocaleString('ja-JP')} 件（${all}）` : all;
}

/** The 組織名 / 印刷日 / 印刷者 line under a document's title, plus any further rows. */
export function printMeta(ctx: PrintContext, extraRows: SafeHtml[] = []): SafeHtml {
  return html`<table class="form meta">
  <colgroup><col class="m-head"><col><col class="m-head"><col class="m-date"><col class="m-head"><col class="m-name"></colgroup>
  <tr><th>組織名</th><td>${ctx.organizationName}</td><th>印刷日</th><td>${formatDateWithWareki(ctx.printedAt, ctx.timeZone)}</td><th>印刷者</th><td>${ctx.printedBy}</td></tr>
  ${extraRows}
</table>`;
}

/** Boxes for each role's seal or signature, name and date (MIC §28: who checked, in ink). */
export function signatureBoxes(roles: readonly string[], title?: string): SafeHtml {
  return html`<div class="keep-together">
${title ? sectionTitle(title) : null}
<table class="form signature">
  <thead><tr><th class="row-head"></th>${roles.map((r) => html`<th>${r}</th>`)}</tr></thead>
  <tbody>
    <tr class="seal-row"><th class="row-head">印・署名</th>${roles.map(() => html`<td></td>`)}</tr>
    <tr><th class="row-head">氏名</th>${roles.map(() => html`<td></td>`)}</tr>
    <tr><th class="row-head">日付</th>${roles.map(() => html`<td class="date-blank">年　　月　　日　</td>`)}</tr>
  </tbody>
</table>
</div>`;
}
