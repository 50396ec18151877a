import { formatDateWithWareki } from './dates';
import { documentHead, html, renderDocument, sectionTitle, type SafeHtml } from './layout';
import { signatureBoxes } from './parts';

/**
 * The 回復キー sheet: the one paper copy of the key that can reopen the database when the
 * 総括保護管理者 has lost their password. It is printed at setup and whenever the key is
 * regenerated, then locked away apart from the terminal (分散保管, MIC §29), with a
 * storage log so an inspection can see who checked it and when (MIC §42).
 */
export interface RecoverySheetInput {
  organizationName: string;
  /** As issued, e.g. "ABCD-EFGH-…" (groups of base32 characters); printed as given. */
  recoveryKey: string;
  /** ISO instant the key was issued. */
  createdAt: string;
  /** Display name of the chief who issued it. */
  createdBy: string;
  databaseId: string;
  /** ISO instant of printing; the issue time when omitted (the usual case: printed at once). */
  printedAt?: string;
  /** The organisation's time zone (Asia/Tokyo when not given). */
  timeZone?: string;
}

const storageLogRows = 4;

/** The key split into its groups, so a line break never falls inside a group. */
export function recoveryKeyGroups(recoveryKey: string): string[] {
  return recoveryKey
    .trim()
    .split(/[-\s]+/)
    .filter((group) => group.length > 0);
}

/** At most this many groups fit one line at the key's type size. */
const maxGroupsPerLine = 7;

/** The groups in lines of even length: eight stand as two lines of four. */
export function recoveryKeyLines(recoveryKey: string): string[][] {
  const groups = recoveryKeyGroups(recoveryKey);
  const perLine = Math.ceil(groups.length / Math.ceil(groups.length / maxGroupsPerLine));
  const lines: string[][] = [];
  for (let start = 0; start < groups.length; start += perLine) lines.push(groups.slice(start, start + perLine));
  return lines;
}

function keyBlock(recoveryKey: string) {
  // Lines of whole groups, hyphens only between groups on a line: a line never ends with
  // "-", which a reader could take for part of the key. Hyphens and line breaks are only
  // separators; typing the key back ignores both.
  const lines: SafeHtml[] = recoveryKeyLines(recoveryKey).map(
    (line) => html`<div class="key-line">${line.map((group, i) => html`${i > 0 ? html`<span class="key-sep">-</span>` : null}<span class="key-group">${group}</span>`)}</div>`,
  );
  return html`<div class="key-box keep-together">
  <div class="key-label">回復キー</div>
  <div class="key mono">${lines}</div>
  <div class="key-note">ハイフンと改行は区切りです。入力するときは省略してもかまいません。</div>
</div>`;
}

function storageLogTable() {
  const rows = Array.from({ length: storageLogRows }, () => html`<tr class="log-row"><td class="date-blank">年　　月　　日　</td><td></td><td></td><td></td></tr>`);
  return html`<table class="form storage-log keep-together">
  <colgroup><col class="c-date"><col class="c-place"><col class="c-checker"><col class="c-note"></colgroup>
  <thead><tr><th>日付</th><th>保管場所</th><th>確認者（印）</th><th>備考</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

// Sheet-specific layout on top of the shared print.css. Static text, no values in it.
const sheetCss = `
  .info th { width: 32mm; }
  .key-box { margin: 4mm 0 1mm; border: 2.5px solid #000; padding: 2.5mm 5mm 3mm; }
  .key-label { font-weight: bold; font-size: 10pt; margin-bottom: 1.5mm; }
  .key { font-size: 18pt; font-weight: bold; line-height: 1.75; text-align: center; }
  .key-line { white-space: nowrap; }
  .key-note { font-size: 9pt; text-align: center; margin-top: 1mm; }
  .key-group { letter-spacing: 0.08em; padding: 0 0.5mm; }
  .key-sep { display: inline-block; padding: 0 1.2mm; color: #555; }
  table.form .log-row td { height: 8mm; }
  .storage-log .c-date { width: 38mm; }
  .storage-log .c-checker { width: 34mm; }
  .storage-log .c-note { width: 36mm; }
`;

export function renderRecoverySheet(input: RecoverySheetInput): string {
  const issued = formatDateWithWareki(input.createdAt, input.timeZone);
  const body = html`${documentHead('Daicho 回復キー', '個人情報安全管理台帳　データベース回復用', '取扱注意')}
<table class="form info">
  <tr><th>組織名</th><td>${input.organizationName}</td></tr>
  <tr><th>発行日</th><td>${issued}</td></tr>
  <tr><th>発行者</th><td>${input.createdBy}</td></tr>
  <tr><th>データベースID</th><td class="mono">${input.databaseId}</td></tr>
</table>
${keyBlock(input.recoveryKey)}
${sectionTitle('取扱い上の注意')}
<ol class="notes">
  <li class="important">この用紙は金庫等、端末とは別の場所に施錠して保管してください。</li>
  <li class="important">総括保護管理者がパスワードを失った場合に限り使用します。</li>
  <li class="important">新しい回復キーを発行すると、この回復キーは使えなくなります。</li>
  <li>この用紙を複写、撮影又は電子化しないでください。</li>
  <li>不要になった用紙は、細断等により復元できない方法で廃棄してください。</li>
</ol>
${signatureBoxes(['作成者', '確認者', '保管責任者'], '作成・確認')}
${sectionTitle('保管記録')}
${storageLogTable()}`;
  return renderDocument({
    title: 'Daicho 回復キー',
    body,
    organizationName: input.organizationName,
    printedAt: input.printedAt ?? input.createdAt,
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    styles: sheetCss,
  });
}
