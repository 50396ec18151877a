import type { Holding, HoldingHistoryEntry, UsageEntry } from '../../../contract/holdings';
import { formatDate, formatDateTime, formatDateWithWareki } from '../../../print/dates';
import { documentHead, html, renderDocument, sectionTitle, type SafeHtml } from '../../../print/layout';
import {
  countNote,
  definitionRow as row,
  definitionTable,
  formatCount,
  none,
  printMeta,
  sectionWithNote,
  signatureBoxes,
  textOrNone as text,
  type PrintContext,
} from '../../../print/parts';
import { fieldTable } from '../../../ledger/printFields';
import { japaneseText } from '../../../print/labels';
import { holdingColumns } from '../columns';
import {
  categoryDescriptions,
  fieldLabel,
  formatSubjectCount,
  historyActionLabels,
  statusLabels,
  suggestionReasonLabels,
  usageKindLabels,
} from './labels';

/**
 * 保有個人情報等台帳（個票）: one holding on A4 portrait, every field of domain.md §1, its
 * 管理区分 with who decided it (METI §16), its 照合 (MIC §28), the 取扱状況の記録 (MIC §14),
 * the change history, and boxes for the signatures of the clerk, the verifying officer and
 * the manager — the page an inspector asks to see for one file.
 */
export interface HoldingSheetInput extends PrintContext {
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

function date(value: string | null, zone: string): SafeHtml {
  return value ? html`${formatDateWithWareki(value, zone)}` : none;
}

function overview(h: Holding, timeZone: string): SafeHtml {
  const subjects = formatSubjectCount(h.subjectCount, h.subjectCountApproximate);
  return fieldTable(holdingColumns, h, ['ledgerNo', 'name', 'departmentId', 'owner', 'handlers', 'purpose', 'recordItems', 'recordScope', 'collectionMethod', 'subjectCount', 'containsSensitive', 'containsMyNumber'], {
    timeZone,
    overrides: {
      ledgerNo: html`<span class="ledger-no">${h.ledgerNo}</span>`,
      name: html`<b>${h.name}</b>`,
      subjectCount: subjects ? html`${subjects}` : none,
    },
  });
}

function storage(h: Holding, timeZone: string): SafeHtml {
  const fields = ['medium', 'storageLocation', 'storageMethod', 'authorizedPersons', 'recipients', 'contractors', 'foreignHandling', 'useUntil', 'retention', 'disposalMethod', 'remarks'] as const;
  return fieldTable(holdingColumns, h, fields, { timeZone });
}

function category(h: Holding): SafeHtml {
  if (!h.category) return html`<b>未決定</b>（保護管理者の決定待ち）`;
  return html`<b class="cat">${h.category}</b><span class="cat-desc">${categoryDescriptions[h.category]}</span>`;
}

function decided(h: Holding, zone: string): SafeHtml {
  if (!h.categoryDecidedBy && !h.categoryDecidedAt) return none;
  return html`${h.categoryDecidedBy ?? ''}${h.categoryDecidedBy && h.categoryDecidedAt ? '　' : ''}${h.categoryDecidedAt ? formatDateWithWareki(h.categoryDecidedAt, zone) : ''}`;
}

function suggested(h: Holding): SafeHtml {
  const reasons = h.suggestionReasons.map((r) => suggestionReasonLabels[r]);
  return html`<b class="cat">${h.suggestedCategory}</b>${reasons.length > 0 ? html`<span class="note">理由：${reasons.join('、')}</span>` : null}`;
}

function status(h: Holding): SafeHtml {
  return html`${statusLabels[h.status]}`;
}

function verification(h: Holding): SafeHtml {
  if (!h.verifiedBy) return html`<span class="none">（未照合）</span>`;
  // A verification of an older version no longer vouches for what is printed above.
  const stale = h.verifiedVersion !== null && h.verifiedVersion !== h.version;
  return html`${h.verifiedBy}${stale ? html`<span class="note">${japaneseText('holdingDetail.verifiedEarlier', { version: h.verifiedVersion! })}</span>` : null}`;
}

function review(h: Holding, zone: string): SafeHtml {
  const when = h.lastReviewedAt ? html`${formatDateWithWareki(h.lastReviewedAt, zone)}` : html`<span class="none">（未実施）</span>`;
  return html`${when}${h.reviewDue ? html`<b class="mark">※要見直し</b>` : null}`;
}

function management(h: Holding, zone: string): SafeHtml {
  return definitionTable([
    row(fieldLabel('category'), category(h)),
    row(fieldLabel('categoryReason'), text(h.categoryReason)),
    row('決定者・決定日', decided(h, zone)),
    row(fieldLabel('suggestedCategory'), suggested(h)),
    row(fieldLabel('status'), status(h)),
    row(fieldLabel('verifiedBy'), verification(h)),
    row(fieldLabel('verifiedAt'), date(h.verifiedAt, zone)),
    row(fieldLabel('lastReviewedAt'), review(h, zone)),
    row(
      '版・作成・更新',
      html`第${h.version}版　作成 ${formatDate(h.createdAt, zone)}　最終更新 ${formatDate(h.updatedAt, zone)}（${h.lastEditedBy}）`,
    ),
  ]);
}

function usageTable(usage: UsageEntry[], total: number, zone: string): SafeHtml {
  const note = countNote(usage.length, total);
  const rows = usage.map(
    (u) =>
      html`<tr><td>${formatDate(u.usedOn, zone)}</td><td>${usageKindLabels[u.kind]}</td><td>${u.personName}</td><td>${u.purpose}</td><td>${formatCount(u.count)}</td><td>${u.note}</td></tr>
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

function historyTable(history: HoldingHistoryEntry[], zone: string): SafeHtml {
  const rows = history.map((entry) => {
    const fields = [...new Set(entry.changes.map((c) => fieldLabel(c.field)))];
    return html`<tr><td>${formatDateTime(entry.at, zone)}</td><td>${entry.version}</td><td>${entry.userName}</td><td>${historyActionLabels[entry.action] ?? entry.action}</td><td>${fields.join('、')}</td><td>${entry.note}</td></tr>
`;
  });
  return html`${sectionWithNote(holdingSheetSections[4], countNote(history.length, history.length))}
<table class="form log history">
<colgroup><col class="h-at"><col class="h-version"><col class="h-person"><col class="h-action"><col><col class="h-note"></colgroup>
<thead><tr><th>日時</th><th>版</th><th>操作者</th><th>操作</th><th>変更した項目</th><th>備考</th></tr></thead>
<tbody>
${rows.length > 0 ? rows : html`<tr><td colspan="6" class="empty">履歴はありません。</td></tr>`}</tbody>
</table>`;
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
`;

export function renderHoldingSheet(input: HoldingSheetInput): string {
  const h = input.holding;
  const body = html`${documentHead(holdingSheetTitle, `管理番号　${h.ledgerNo}`, '取扱注意')}
${printMeta(input)}
${sectionTitle(holdingSheetSections[0])}
${overview(h, input.timeZone)}
${sectionTitle(holdingSheetSections[1])}
${storage(h, input.timeZone)}
${sectionTitle(holdingSheetSections[2])}
${management(h, input.timeZone)}
${usageTable(input.usage, input.usageTotal, input.timeZone)}
${historyTable(input.history, input.timeZone)}
${signatureBoxes(['担当者', '保護担当者（照合）', '保護管理者'], holdingSheetSections[5])}`;
  return renderDocument({
    title: `${holdingSheetTitle} ${h.ledgerNo}`,
    body,
    organizationName: input.organizationName,
    printedAt: input.printedAt,
    timeZone: input.timeZone,
    styles: sheetCss,
  });
}
