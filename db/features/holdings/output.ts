import type { ParsedInput, HoldingFilters } from '../../contract';
import type { AppCore } from '../../core/appCore';
import { departmentName } from '../../core/departments';
import { localDateIn } from '../../contract/timeZone';
import { exportCsvFile, printContext, printDocument } from '../../ledger/output';
import { actorOf } from '../../ledger/scope';
import { japaneseLabel } from '../../print/labels';
import { holdingsCsv } from './csv';
import { renderHoldingSheet } from './print/sheet';
import { renderHoldingsList } from './print/list';
import { fieldLabel, statusLabels } from './print/labels';
import { allHoldingRows, countHoldings } from './queries';
import { rowToHolding, rowToSummary } from './records';
import { holdingWithDetails, reviewCutoff } from './service';

/** The holdings ledger leaving the app: CSV, the printed list and the printed sheet (MIC §21, §22). */

export function exportHoldingsCsv(core: AppCore, input: ParsedInput<'holdings.exportCsv'>) {
  const actor = actorOf(core);
  const cutoff = reviewCutoff(core);
  const zone = core.timeZone();
  return exportCsvFile(core, {
    rowCount: countHoldings(core.requireVault().db, actor, input.filters, cutoff),
    reason: input.reason,
    defaultName: `保有個人情報等台帳_${core.today()}.csv`,
    audit: { action: 'holdings.export', targetType: 'holding', detail: { filters: input.filters } },
    write: (tx) => {
      const rows = allHoldingRows(tx.db, actor, input.filters, cutoff, input).map((r) => rowToHolding(r, cutoff));
      return { csv: holdingsCsv(rows, (iso) => localDateIn(Date.parse(iso), zone)), rowCount: rows.length };
    },
  });
}

export function printHoldingsList(core: AppCore, input: ParsedInput<'holdings.printList'>) {
  const db = core.requireVault().db;
  const cutoff = reviewCutoff(core);
  const rows = allHoldingRows(db, actorOf(core), input.filters, cutoff, input).map((r) => rowToSummary(r, cutoff));
  return printDocument(core, {
    rowCount: rows.length,
    reason: input.reason,
    html: () => renderHoldingsList({ ...printContext(core), filtersDescription: describeFilters(core, input.filters), rows, total: rows.length }),
    target: input.target,
    defaultName: `保有個人情報等台帳_一覧_${core.today()}.pdf`,
    options: { landscape: true },
    audit: { action: 'holdings.printList', targetType: 'holding', detail: { filters: input.filters } },
  });
}

export function printHoldingSheet(core: AppCore, input: ParsedInput<'holdings.printSheet'>) {
  const details = holdingWithDetails(core, input.holdingId);
  return printDocument(core, {
    html: () => renderHoldingSheet({ ...printContext(core), ...details }),
    target: input.target,
    defaultName: `保有個人情報等台帳_${details.holding.ledgerNo}.pdf`,
    audit: { action: 'holdings.printSheet', targetType: 'holding', targetId: input.holdingId, detail: { ledgerNo: details.holding.ledgerNo } },
  });
}

/** The filters as printed under 抽出条件, in the ledger's own words. */
function describeFilters(core: AppCore, f: HoldingFilters): string {
  const parts: string[] = [];
  if (f.departmentId !== undefined) parts.push(`${fieldLabel('department')}: ${departmentName(core.requireVault().db, f.departmentId) ?? String(f.departmentId)}`);
  if (f.category) parts.push(`${fieldLabel('category')}: ${f.category === 'undecided' ? '未決定' : f.category}`);
  if (f.status) parts.push(`${fieldLabel('status')}: ${statusLabels[f.status]}`);
  if (f.containsMyNumber !== undefined) parts.push(`個人番号: ${f.containsMyNumber ? '含む' : '含まない'}`);
  if (f.containsSensitive !== undefined) parts.push(`要配慮: ${f.containsSensitive ? '含む' : '含まない'}`);
  if (f.reviewDue !== undefined) parts.push(f.reviewDue ? '見直し期限超過' : '見直し済');
  // The home cards' lists, in the filter bar's words (renderer/i18n/ja/holdings.ts).
  for (const key of ['held', 'verifiableByMe', 'requestedOfMe', 'authoredByMe'] as const) if (f[key]) parts.push(japaneseLabel(`holdingFilters.${key}`));
  if (f.text) parts.push(`検索語: ${f.text}`);
  return parts.length ? parts.join(' / ') : '条件なし（全件）';
}
