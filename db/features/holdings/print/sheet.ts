import type { Holding, HoldingHistoryEntry, UsageEntry } from '../../../contract/holdings';
import { formatDateTime, formatDateWithWareki } from '../../../print/dates';
import {
  fieldLabel,
  formatCount,
  formatLedgerDate,
  formatSubjectCount,
  historyActionLabels,
  holdingCategoryDescriptions,
  holdingFieldLabels as L,
  holdingMediumLabels,
  holdingStatusLabels,
  suggestionReasonLabels,
  toInstant,
  usageKindLabels,
  yesNo,
} from './labels';
import { documentHead, html, renderDocument, sectionTitle, type SafeHtml } from '../../../print/layout';

/**
 * 保有個人情報等台帳（個票）: one holding on A4 portrait, every field of domain.md §1, its
 * 管理区分 with who decided it (METI §16), its 照合 (MIC §28), the 取扱状況の記録 (MIC §14),
 * the change history, and boxes for the signatures of the clerk, the verifying officer and
 * the manager — the page an inspector asks to see for one file.
 */
export interface HoldingSheetInput {
  organizationName: string;
  /** ISO instant of printing (from the backend's clock). */
  printedAt: string;
  /** Display name of the user who printed. */
  printedBy: string;
  holding: Holding;
  /** The most recent usage entries, as the backend chose them (newest first, usually). */
  usage: UsageEntry[];
  /** How many usage entries the holding has in all. */
  usageTotal: number;
  history: HoldingHistoryEntry[];
}

export const holdingSheetTitle = '保有個人情報等台帳（個票）';

/** The section titles, in order (also what the tests look for on paper). */
export const holdingSheetSections = [
  '1　ファイルの概要',
  '2　保管・提供・廃棄',
  '3　管理区分・照合・見直し',
  '4　取扱状況の記録',
  '5　変更履歴',
  '6　確認欄',
] as const;

const none = html`<span class="none">（記載なし）</span>`;

function text(value: string | null | undefined): SafeHtml {
  return value && value.trim() ? html`${value}` : none;
}

function list(values: readonly string[]): SafeHtml {
  return values.length > 0 ? html`${values.join('、')}` : none;
}

function date(value: string | null): SafeHtml {
  return value ? html`${formatDateWithWareki(toInstant(value))}` : none;
}

function row(label: string | undefined, value: SafeHtml): SafeHtml {
  return html`<tr><th>${label ?? ''}</th><td>${value}</td></tr>`;
}

function definitionTable(rows: SafeHtml[]): SafeHtml {
  return html`<table class="form def">${rows}</table>`;
}

function overview(h: Holding): SafeHtml {
  const subjects = formatSubjectCount(h.subjectCount, h.subjectCountApproximate);
  return definitionTable([
    row(L.ledgerNo, html`<span class="ledger-no">${h.ledgerNo}</span>`),
    row(L.name, html`<b>${h.name}</b>`),
    row(L.department, text(h.departmentName)),
    row(L.owner, text(h.owner)),
    row(L.handlers, list(h.handlers)),
    row(L.purpose, text(h.purpose)),
    row(L.recordItems, list(h.recordItems)),
    row(L.recordScope, text(h.recordScope)),
    row(L.collectionMethod, text(h.collectionMethod)),
    row(L.subjectCount, subjects ? html`${subjects}` : none),
    row(L.containsSensitive, html`${yesNo(h.containsSensitive)}`),
    row(L.containsMyNumber, html`${yesNo(h.containsMyNumber)}`),
  ]);
}

function storage(h: Holding): SafeHtml {
  return definitionTable([
    row(L.medium, html`${holdingMediumLabels[h.medium]}`),
    row(L.storageLocation, text(h.storageLocation)),
    row(L.storageMethod, text(h.storageMethod)),
    row(L.authorizedPersons, list(h.authorizedPersons)),
    row(L.recipients, list(h.recipients)),
    row(L.contractors, list(h.contractors)),
    row(L.foreignHandling, text(h.foreignHandling)),
    row(L.useUntil, date(h.useUntil)),
    row(L.retentionUntil, date(h.retentionUntil)),
    row(L.disposalMethod, text(h.disposalMethod)),
  ]);
}

function category(h: Holding): SafeHtml {
  if (!h.category) return html`<b>未決定</b>（保護管理者の決定待ち）`;
  return html`<b class="cat">${h.category}</b><span class="cat-desc">${holdingCategoryDescriptions[h.category]}</span>`;
}

function decided(h: Holding): SafeHtml {
  if (!h.categoryDecidedBy && !h.categoryDecidedAt) return none;
  return html`${h.categoryDecidedBy ?? ''}${h.categoryDecidedBy && h.categoryDecidedAt ? '　' : ''}${h.categoryDecidedAt ? formatDateWithWareki(toInstant(h.categoryDecidedAt)) : ''}`;
}

function suggested(h: Holding): SafeHtml {
  const reasons = h.suggestionReasons.map((r) => suggestionReasonLabels[r]);
  return html`<b class="cat">${h.suggestedCategory}</b>${reasons.length > 0 ? html`<span class="note">理由：${reasons.join('、')}</span>` : null}`;
}

function status(h: Holding): SafeHtml {
  const label = holdingStatusLabels[h.status];
  return h.status === 'draft' ? html`${label}（照合待ち）` : html`${label}`;
}

function verification(h: Holding): SafeHtml {
  if (!h.verifiedBy) return html`<span class="none">（未照合）</span>`;
  // A verification of an older version no longer vouches for what is printed above.
  const stale = h.verifiedVersion !== null && h.verifiedVersion !== h.version;
  return html`${h.verifiedBy}${stale ? html`<span class="note">第${h.verifiedVersion}版を照合（その後に変更あり）</span>` : null}`;
}

function review(h: Holding): SafeHtml {
  const when = h.lastReviewedAt ? html`${formatDateWithWareki(toInstant(h.lastReviewedAt))}` : html`<span class="none">（未実施）</span>`;
  return html`${when}${h.reviewDue ? html`<b class="mark">※要見直し</b>` : null}`;
}

function management(h: Holding): SafeHtml {
  return definitionTable([
    row(L.category, category(h)),
    row(L.categoryReason, text(h.categoryReason)),
    row('決定者・決定日', decided(h)),
    row(L.suggestedCategory, suggested(h)),
    row(L.status, status(h)),
    row(L.verifiedBy, verification(h)),
    row(L.verifiedAt, date(h.verifiedAt)),
    row(L.lastReviewedAt, review(h)),
    row(
      '版・作成・更新',
      html`第${h.version}版　作成 ${formatLedgerDate(h.createdAt)}　最終更新 ${formatLedgerDate(h.updatedAt)}（${h.lastEditedBy}）`,
    ),
  ]);
}

function sectionWithNote(title: string, note: string): SafeHtml {
  return html`<h2 class="section-title">${title}<span class="section-note">${note}</span></h2>`;
}

function usageTable(usage: UsageEntry[], total: number): SafeHtml {
  const note = usage.length < total ? `直近 ${usage.length.toLocaleString('ja-JP')} 件（全 ${total.toLocaleString('ja-JP')} 件）` : `全 ${total.toLocaleString('ja-JP')} 件`;
  const rows = usage.map(
    (u) =>
      html`<tr><td>${formatLedgerDate(u.usedOn)}</td><td>${usageKindLabels[u.kind]}</td><td>${u.personName}</td><td>${u.purpose}</td><td>${formatCount(u.count)}</td><td>${u.note}</td></tr>
`,
  );
  return html`${sectionWithNote(holdingSheetSections[3], note)}
<table class="form log usage">
<colgroup><col class="u-date"><col class="u-kind"><col class="u-person"><col><col class="u-count"><col class="u-note"></colgroup>
<thead><tr><th>日付</th><th>区分</th><th>取扱者</th><th>目的</th><th>件数</th><th>備考</th></tr></thead>
<tbody>
${rows.length > 0 ? rows : html`<tr><td colspan="6" class="empty">記録はありません。</td></tr>`}</tbody>
</table>`;
}

function historyTable(history: HoldingHistoryEntry[]): SafeHtml {
  const rows = history.map((entry) => {
    const fields = [...new Set(entry.changes.map((c) => fieldLabel(c.field)))];
    return html`<tr><td>${formatDateTime(entry.at)}</td><td>${entry.version}</td><td>${entry.userName}</td><td>${historyActionLabels[entry.action] ?? entry.action}</td><td>${fields.join('、')}</td><td>${entry.note}</td></tr>
`;
  });
  return html`${sectionWithNote(holdingSheetSections[4], `全 ${history.length.toLocaleString('ja-JP')} 件`)}
<table class="form log history">
<colgroup><col class="h-at"><col class="h-version"><col class="h-person"><col class="h-action"><col><col class="h-note"></colgroup>
<thead><tr><th>日時</th><th>版</th><th>操作者</th><th>操作</th><th>変更した項目</th><th>備考</th></tr></thead>
<tbody>
${rows.length > 0 ? rows : html`<tr><td colspan="6" class="empty">履歴はありません。</td></tr>`}</tbody>
</table>`;
}

function signatureTable(): SafeHtml {
  const roles = ['担当者', '保護担当者（照合）', '保護管理者'];
  return html`<div class="keep-together">
${sectionTitle(holdingSheetSections[5])}
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

// Sheet-specific layout on top of the shared print.css. Static text, no values in it.
const sheetCss = `
  .meta { margin-bottom: 1mm; font-size: 9pt; }
  .meta .m-head { width: 15mm; } .meta .m-date { width: 64mm; } .meta .m-name { width: 30mm; }
  .meta th, .meta td { padding: 0.8mm 1.5mm; }
  .meta th { text-align: center; }
  table.def { font-size: 9pt; line-height: 1.4; }
  table.def th { width: 53mm; font-size: 8.5pt; }
  table.def td { white-space: pre-wrap; }
  table.def th, table.def td { padding: 0.45mm 2.5mm; }
  .doc-title { margin-top: 2mm; }
  .section-title { margin-top: 3.5mm; }
  .cat-desc { display: block; font-size: 8pt; }
  .ledger-no { font-weight: bold; font-size: 11pt; letter-spacing: 0.04em; }
  .none { color: #555; }
  .cat { font-size: 11pt; }
  .note { margin-left: 3mm; font-size: 8.5pt; }
  .mark { display: inline-block; margin-left: 3mm; padding: 0 1mm; border: 1px solid #000; font-size: 8.5pt; }
  .section-note { margin-left: 4mm; font-size: 9pt; font-weight: normal; }
  table.log { font-size: 8.5pt; line-height: 1.35; }
  table.log thead { display: table-header-group; }
  table.log th, table.log td { padding: 0.7mm 1.5mm; vertical-align: top; }
  table.log td { white-space: pre-wrap; }
  table.log td:nth-child(1) { white-space: nowrap; overflow-wrap: normal; }
  table.log td:nth-child(2) { text-align: center; }
  .usage td:nth-child(5) { text-align: right; }
  .history td:nth-child(2) { text-align: right; }
  .usage .u-date { width: 25mm; } .usage .u-kind { width: 13mm; } .usage .u-person { width: 24mm; }
  .usage .u-count { width: 14mm; } .usage .u-note { width: 38mm; }
  .history .h-at { width: 32mm; } .history .h-version { width: 9mm; } .history .h-person { width: 24mm; }
  .history .h-action { width: 26mm; } .history .h-note { width: 42mm; }
  .history td:nth-child(4) { text-align: center; }
  .empty { text-align: center; color: #333; }
  .row-head { width: 24mm; text-align: center; }
  table.form.signature td { text-align: center; }
  table.form .seal-row td { height: 18mm; }
  table.form td.date-blank { text-align: right; color: #333; }
`;

export function renderHoldingSheet(input: HoldingSheetInput): string {
  const h = input.holding;
  const body = html`${documentHead(holdingSheetTitle, `管理番号　${h.ledgerNo}`, '取扱注意')}
<table class="form meta">
  <colgroup><col class="m-head"><col><col class="m-head"><col class="m-date"><col class="m-head"><col class="m-name"></colgroup>
  <tr><th>組織名</th><td>${input.organizationName}</td><th>印刷日</th><td>${formatDateWithWareki(input.printedAt)}</td><th>印刷者</th><td>${input.printedBy}</td></tr>
</table>
${sectionTitle(holdingSheetSections[0])}
${overview(h)}
${sectionTitle(holdingSheetSections[1])}
${storage(h)}
${sectionTitle(holdingSheetSections[2])}
${management(h)}
${usageTable(input.usage, input.usageTotal)}
${historyTable(input.history)}
${signatureTable()}`;
  return renderDocument({
    title: `${holdingSheetTitle} ${h.ledgerNo}`,
    body,
    organizationName: input.organizationName,
    printedAt: input.printedAt,
    styles: sheetCss,
  });
}
