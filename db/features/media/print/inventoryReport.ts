import type { Inventory, InventoryMedium, InventoryScan } from '../../../contract';
import { inventoryCountKeys, inventoryStatuses } from '../../../contract/mediaInventoryValues';
import { mediaStatuses, mediaTypes } from '../../../contract/mediaValues';
import { formatDateTime, formatDateWithWareki } from '../../../print/dates';
import { documentHead, html, renderDocument, sectionTitle, type SafeHtml } from '../../../print/layout';
import { japaneseLabel, japaneseLabels } from '../../../print/labels';
import { definitionRow as row, definitionTable, none, printMeta, signatureBoxes, textOrNone, type PrintContext } from '../../../print/parts';

/**
 * 媒体点検報告書 (MIC §42 点検; issue #10 item 5) on A4 portrait: the place, who ran the session
 * and when, its counts, the media seen, those expected but not seen (and which the closing
 * marked 所在不明, with the follow-up note), those out (持出中), the unknown labels, the media
 * found here though registered elsewhere, and boxes for the signatures. Words from the locale
 * file (renderer/i18n/ja/mediaInventory.ts), so paper says what the screen says.
 */
export interface InventoryReportInput extends PrintContext {
  inventory: Inventory;
}

const word = (key: string) => japaneseLabel(`mediaInventory.print.${key}`);
/** The screen's words for what the screen also shows (one label per thing); `word` is paper's own. */
const field = (key: string) => japaneseLabel(`mediaFields.${key}`);
const screen = (key: string) => japaneseLabel(`mediaInventory.${key}`);
const statusWords = japaneseLabels('mediaInventoryStatus', inventoryStatuses);
const countWords = japaneseLabels('mediaInventoryCounts', inventoryCountKeys);
const mediumStatusWords = japaneseLabels('mediaStatus', mediaStatuses);
const typeWords = japaneseLabels('mediaTypes', mediaTypes);

const inventoryReportTitle = word('title');

function overview(i: Inventory, zone: string): SafeHtml {
  const when = (at: string | null, who: string | null) => (at ? html`${formatDateTime(at, zone)}　${who ?? ''}` : none);
  return definitionTable([
    row(field('storageLocationId'), html`<b>${i.locationName}</b>`),
    row(field('departmentId'), html`${i.departmentName ?? screen('shared')}`),
    row(screen('status'), html`${statusWords[i.status]}`),
    row(word('started'), when(i.startedAt, i.startedByName)),
    row(word('ended'), when(i.endedAt, i.endedByName)),
    row(screen(i.status === 'cancelled' ? 'cancelReason' : 'note'), textOrNone(i.note)),
  ]);
}

function countsTable(i: Inventory): SafeHtml {
  return html`<table class="form log counts"><thead><tr>${inventoryCountKeys.map((k) => html`<th>${countWords[k]}</th>`)}</tr></thead>
<tbody><tr>${inventoryCountKeys.map((k) => html`<td>${i.counts[k].toLocaleString('ja-JP')}</td>`)}</tr></tbody></table>`;
}

function table(headers: string[], rows: SafeHtml[]): SafeHtml {
  return html`<table class="form log"><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="${headers.length}" class="empty">${word('noneListed')}</td></tr>`}</tbody></table>`;
}

function scanRows(scans: InventoryScan[], zone: string, withPlace: boolean): SafeHtml[] {
  return scans.map(
    (s) =>
      html`<tr><td>${s.mediaNo ?? s.code}</td><td>${formatDateTime(s.scannedAt, zone)}</td><td>${s.scannedByName}</td>${
        withPlace ? html`<td>${s.registeredLocationName ?? ''}</td><td>${s.mediumStatus ? mediumStatusWords[s.mediumStatus] : ''}</td>` : null
      }</tr>`,
  );
}

function mediumRows(media: InventoryMedium[], zone: string, withMark: boolean): SafeHtml[] {
  return media.map(
    (m) =>
      html`<tr><td>${m.mediaNo}</td><td>${typeWords[m.type]}</td><td>${mediumStatusWords[m.status]}</td><td>${m.lastSeenAt ? formatDateWithWareki(m.lastSeenAt, zone) : ''}</td>${
        withMark ? html`<td class="mark">${m.markedMissing ? word('marked') : ''}</td>` : null
      }</tr>`,
  );
}

const styles = `
  table.log { font-size: 8.5pt; line-height: 1.35; margin-bottom: 2mm; }
  table.log th, table.log td { padding: 0.7mm 1.5mm; vertical-align: top; }
  table.log td:first-child { white-space: nowrap; font-weight: bold; }
  table.counts td { text-align: right; font-weight: normal; }
  table.def td { white-space: pre-wrap; }
  td.mark { text-align: center; }
  .empty { text-align: center; color: #333; }
`;

export function renderInventoryReport(input: InventoryReportInput): string {
  const i = input.inventory;
  const zone = input.timeZone;
  const of = (result: InventoryScan['result']) => i.scans.filter((s) => s.result === result);
  const scanHead = [field('mediaNo'), screen('scannedAt'), word('scannedBy')];
  const mediumHead = [field('mediaNo'), field('type'), field('status'), field('lastSeenAt')];
  const body = html`${documentHead(inventoryReportTitle, `${field('storageLocationId')}　${i.locationName}`, word('marking'))}
${printMeta(input)}
${sectionTitle(word('section1'))}
${overview(i, zone)}
${sectionTitle(word('section2'))}
${countsTable(i)}
${sectionTitle(word('section3'))}
${table(scanHead, scanRows(of('seen'), zone, false))}
${sectionTitle(word('section4'))}
${table([...mediumHead, screen('markedMissingMark')], mediumRows(i.notSeen, zone, true))}
${sectionTitle(word('section5'))}
${table(mediumHead, mediumRows(i.away, zone, false))}
${sectionTitle(word('section6'))}
${table(scanHead, scanRows(of('unknown'), zone, false))}
${sectionTitle(word('section7'))}
${table([...scanHead, screen('registeredLocation'), field('status')], scanRows(of('otherLocation'), zone, true))}
${signatureBoxes([word('signInspector'), word('signOfficer'), word('signManager')], word('section8'))}`;
  return renderDocument({ title: `${inventoryReportTitle} ${i.locationName}`, body, organizationName: input.organizationName, printedAt: input.printedAt, timeZone: zone, styles });
}
