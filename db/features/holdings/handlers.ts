import path from 'node:path';
import type { ChannelName, HoldingFilters } from '../../contract';
import { renderHoldingSheet } from './print/sheet';
import { renderHoldingsList } from './print/list';
import { writeFileAtomic } from '../../store/atomicFile';
import { AppError } from '../../core/appError';
import { checkBulkExport } from '../../core/output/bulkExport';
import type { AppCore } from '../../core/appCore';
import { deliverDocument } from '../../core/output/delivery';
import { checkImport, commitImport, openImport } from './import';
import { allHoldingRows, countHoldings, listHoldings } from './queries';
import { readHistory, readUsage, rowToHolding, rowToSummary } from './records';
import * as holdings from './rules';
import { holdingsCsv } from './csv';
import { readSettings } from '../../core/settings';
import { oneYearBeforeIso } from '../../core/time';
import type { Handlers } from '../../ipc/router';

/** 保有個人情報等台帳 channels → services (db/services/holding*.ts). */

function actor(core: AppCore): holdings.LedgerActor {
  const s = core.requireSession();
  return { userId: s.userId, name: s.displayName, role: s.role, departmentId: s.departmentId };
}

/** Rows not reviewed since this instant are due for their yearly review. */
function reviewCutoff(core: AppCore): string {
  return oneYearBeforeIso(core.nowMs(), core.timeZone());
}

function holdingWithDetails(core: AppCore, holdingId: number) {
  const db = core.requireVault().db;
  const holding = holdings.readHolding(db, actor(core), holdingId, reviewCutoff(core));
  const usage = readUsage(db, holdingId, 1, 50);
  return { holding, history: readHistory(db, holdingId), usage: usage.rows, usageTotal: usage.total };
}

/** A write, then the holding as it now stands. */
function change(core: AppCore, holdingId: number, write: Parameters<AppCore['write']>[0]) {
  core.write(write);
  return holdings.readHolding(core.requireVault().db, actor(core), holdingId, reviewCutoff(core));
}

function describeFilters(core: AppCore, f: HoldingFilters): string {
  const parts: string[] = [];
  if (f.departmentId !== undefined) parts.push(`担当課等: ${readDepartmentName(core, f.departmentId)}`);
  if (f.category) parts.push(`管理区分: ${f.category === 'undecided' ? '未決定' : f.category}`);
  if (f.status) parts.push(`状態: ${{ draft: '要照合', verified: '照合済', retired: '保有終了', disposed: '廃棄済' }[f.status]}`);
  if (f.containsMyNumber !== undefined) parts.push(`個人番号: ${f.containsMyNumber ? '含む' : '含まない'}`);
  if (f.containsSensitive !== undefined) parts.push(`要配慮: ${f.containsSensitive ? '含む' : '含まない'}`);
  if (f.reviewDue !== undefined) parts.push(f.reviewDue ? '見直し期限超過' : '見直し済');
  if (f.text) parts.push(`検索語: ${f.text}`);
  return parts.length ? parts.join(' / ') : '条件なし（全件）';
}

function readDepartmentName(core: AppCore, departmentId: number): string {
  return (core.requireVault().db.prepare('SELECT name FROM departments WHERE id = ?').pluck().get(departmentId) as string | undefined) ?? String(departmentId);
}

export const holdingHandlers: Pick<Handlers, Extract<ChannelName, `holdings.${string}`>> = {
  'holdings.list': (core, input) => listHoldings(core.requireVault().db, actor(core), input, reviewCutoff(core)),
  'holdings.get': (core, input) => holdingWithDetails(core, input.holdingId),
  'holdings.create': (core, input) => {
    const id = core.write((tx) => holdings.insertHolding(tx, actor(core), input, 'create'));
    return holdings.readHolding(core.requireVault().db, actor(core), id, reviewCutoff(core));
  },
  'holdings.update': (core, input) => change(core, input.holdingId, (tx) => holdings.updateHolding(tx, actor(core), input)),
  'holdings.verify': (core, input) => change(core, input.holdingId, (tx) => holdings.verifyHolding(tx, actor(core), input.holdingId, input.version)),
  'holdings.decideCategory': (core, input) => change(core, input.holdingId, (tx) => holdings.decideCategory(tx, actor(core), input)),
  'holdings.markReviewed': (core, input) => change(core, input.holdingId, (tx) => holdings.markReviewed(tx, actor(core), input.holdingId)),
  'holdings.retire': (core, input) => change(core, input.holdingId, (tx) => holdings.retireHolding(tx, actor(core), input.holdingId, input.reason)),
  'holdings.usage.add': (core, input) => core.write((tx) => holdings.addUsage(tx, actor(core), input)),
  'holdings.usage.list': (core, input) => {
    holdings.readHolding(core.requireVault().db, actor(core), input.holdingId, reviewCutoff(core));
    return readUsage(core.requireVault().db, input.holdingId, input.page, input.pageSize);
  },

  'holdings.exportCsv': async (core, input) => {
    const db = core.requireVault().db;
    const bulk = checkBulkExport(core, countHoldings(db, actor(core), input.filters, reviewCutoff(core)), input.reason);
    const file = await core.ports.dialogs.chooseSavePath({
      defaultName: `保有個人情報等台帳_${core.today()}.csv`,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (!file) throw new AppError('CANCELLED');
    // The read, the file and its access-log event succeed or fail together (MIC §21, §22).
    return core.write((tx) => {
      const rows = allHoldingRows(tx.db, actor(core), input.filters, reviewCutoff(core)).map((r) => rowToHolding(r, reviewCutoff(core)));
      writeFileAtomic(file, holdingsCsv(rows));
      tx.audit({ action: 'holdings.export', targetType: 'holding', detail: { rowCount: rows.length, file: path.basename(file), filters: input.filters, ...bulk } });
      return { savedTo: file, rowCount: rows.length };
    });
  },
  'holdings.import.open': (core) => openImport(core),
  'holdings.import.check': (core, input) => checkImport(core, actor(core), input.importId, input.mapping),
  'holdings.import.commit': (core, input) => commitImport(core, actor(core), input.importId, input.mapping),

  'holdings.printList': async (core, input) => {
    const db = core.requireVault().db;
    const rows = allHoldingRows(db, actor(core), input.filters, reviewCutoff(core), input.sort).map((r) => rowToSummary(r, reviewCutoff(core)));
    const bulk = checkBulkExport(core, rows.length, input.reason);
    const session = core.requireSession();
    return deliverDocument(core, {
      html: renderHoldingsList({
        organizationName: readSettings(db).organizationName,
        printedAt: core.nowIso(),
        printedBy: session.displayName,
        filtersDescription: describeFilters(core, input.filters),
        rows,
        total: rows.length,
      }),
      target: input.target,
      defaultName: `保有個人情報等台帳_一覧_${core.today()}.pdf`,
      options: { landscape: true },
      audit: { action: 'holdings.printList', targetType: 'holding', detail: { rowCount: rows.length, filters: input.filters, ...bulk } },
    });
  },
  'holdings.printSheet': async (core, input) => {
    const details = holdingWithDetails(core, input.holdingId);
    const session = core.requireSession();
    return deliverDocument(core, {
      html: renderHoldingSheet({
        organizationName: readSettings(core.requireVault().db).organizationName,
        printedAt: core.nowIso(),
        printedBy: session.displayName,
        ...details,
      }),
      target: input.target,
      defaultName: `保有個人情報等台帳_${details.holding.ledgerNo}.pdf`,
      audit: { action: 'holdings.printSheet', targetType: 'holding', targetId: input.holdingId, detail: { ledgerNo: details.holding.ledgerNo } },
    });
  },
};
