import { mediaStatuses, mediaTypes, takeoutStatuses, type MediaFilters, type ParsedInput, type TakeoutFilters } from '../../contract';
import type { AppCore } from '../../core/appCore';
import { departmentName } from '../../core/departments';
import { readSettings } from '../../core/settings';
import { localDayStartIso, zonedIso } from '../../core/time';
import { localDateIn } from '../../contract/timeZone';
import { exportCsvFile, printContext, printDocument } from '../../ledger/output';
import type { LedgerActor } from '../../ledger/record';
import { actorOf, isDepartmentScoped } from '../../ledger/scope';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import { printedDay } from '../../print/listDocument';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { mediaCsv } from './csv';
import { renderMediaRegisterList } from './print/registerList';
import { renderTakeoutList } from './print/takeoutList';
import { listLocations } from './locations';
import { allMediumRows, countMedia } from './queries';
import { rowToMedium, rowToSummary } from './records';
import { takeoutsCsv } from './takeoutCsv';
import { allTakeouts, countTakeouts } from './takeoutRecords';

/**
 * The media register and the 持出管理簿 leaving the app as CSV and paper (issue #10 item 7):
 * through the kit's pipeline (db/ledger/output.ts: bulk-export guard with its reason, MIC §22;
 * the save dialog or the printer; one access-log event naming what left). Rows are the reader's
 * (their 課等's for a department-scoped role, MIC §9), in the list's order and with its filters.
 */

export function exportMediaCsv(core: AppCore, input: ParsedInput<'media.exportCsv'>) {
  const actor = actorOf(core);
  const zone = core.timeZone();
  return exportCsvFile(core, {
    rowCount: countMedia(core.requireVault().db, actor, input.filters),
    reason: input.reason,
    defaultName: `媒体管理台帳_${core.today()}.csv`,
    audit: { action: 'media.export', targetType: 'medium', detail: { filters: input.filters } },
    write: (tx) => {
      const rows = allMediumRows(tx.db, actor, input.filters, input).map(rowToMedium);
      return { csv: mediaCsv(rows, (iso) => localDateIn(Date.parse(iso), zone)), rowCount: rows.length };
    },
  });
}

export function printMediaList(core: AppCore, input: ParsedInput<'media.printList'>) {
  const db = core.requireVault().db;
  const actor = actorOf(core);
  const rows = allMediumRows(db, actor, input.filters, input).map(rowToSummary);
  return printDocument(core, {
    rowCount: rows.length,
    reason: input.reason,
    html: () => {
      const day = dayOf(core);
      return renderMediaRegisterList({ ...printContext(core), conditions: describeMediaFilters(db, actor, input.filters, day), rows, day });
    },
    target: input.target,
    defaultName: `媒体管理台帳_一覧_${core.today()}.pdf`,
    options: { landscape: true },
    audit: { action: 'media.printList', targetType: 'medium', detail: { filters: input.filters } },
  });
}

/** The 持出管理簿's filters and the organisation's calendar they are read in. */
function takeoutQuery(core: AppCore, filters: TakeoutFilters) {
  const zone = core.timeZone();
  return { actor: actorOf(core), filters, today: core.today(), dayStart: (date: string) => localDayStartIso(date, zone) };
}

export function exportTakeoutsCsv(core: AppCore, input: ParsedInput<'media.takeout.exportCsv'>) {
  const q = takeoutQuery(core, input.filters);
  const zone = core.timeZone();
  return exportCsvFile(core, {
    rowCount: countTakeouts(core.requireVault().db, q.actor, q.filters, q.today, q.dayStart),
    reason: input.reason,
    defaultName: `持出管理簿_${q.today}.csv`,
    audit: { action: 'media.takeout.export', targetType: 'medium', detail: { filters: input.filters } },
    write: (tx) => {
      const rows = allTakeouts(tx.db, q.actor, q.filters, input.direction, q.today, q.dayStart);
      return { csv: takeoutsCsv(rows, (iso) => zonedIso(iso, zone)), rowCount: rows.length };
    },
  });
}

export function printTakeoutList(core: AppCore, input: ParsedInput<'media.takeout.printList'>) {
  const db = core.requireVault().db;
  const q = takeoutQuery(core, input.filters);
  const rows = allTakeouts(db, q.actor, q.filters, input.direction, q.today, q.dayStart);
  return printDocument(core, {
    rowCount: rows.length,
    reason: input.reason,
    html: () => {
      const day = dayOf(core);
      return renderTakeoutList({ ...printContext(core), conditions: describeTakeoutFilters(db, q.actor, input.filters, day), rows, day });
    },
    target: input.target,
    defaultName: `持出管理簿_${q.today}.pdf`,
    options: { landscape: true },
    audit: { action: 'media.takeout.printList', targetType: 'medium', detail: { filters: input.filters } },
  });
}

/** Days on paper: the organisation's zone, 和暦 when 設定 says so (as the access-log CSV). */
function dayOf(core: AppCore): (value: string) => string {
  return printedDay(core.timeZone(), readSettings(core.requireVault().db).dateDisplay === 'wareki');
}

const label = (key: string) => japaneseLabel(key);
const departmentPart = (db: Db, departmentId: number) => `${label('mediaFields.departmentId')}: ${departmentName(db, departmentId) ?? String(departmentId)}`;

/** A medium's 管理番号 for 抽出条件, only if the reader may see it (MIC §9); else the id as sent. */
function visibleMediaNo(db: Db, actor: LedgerActor, mediumId: number): string {
  const row = statement(db, 'SELECT media_no, department_id FROM media WHERE id = ?').get(mediumId) as { media_no: string; department_id: number } | undefined;
  return row && (!isDepartmentScoped(actor) || row.department_id === actor.departmentId) ? row.media_no : String(mediumId);
}
const joined = (parts: string[]) => (parts.length ? parts.join(' / ') : label('mediaOutput.print.noConditions'));

/** The register's filters as printed under 抽出条件, in the screen's words; days as the rows' days (西暦 or 和暦). */
function describeMediaFilters(db: Db, actor: LedgerActor, f: MediaFilters, day: (value: string) => string): string {
  const parts: string[] = [];
  if (f.departmentId !== undefined) parts.push(departmentPart(db, f.departmentId));
  if (f.type) parts.push(`${label('mediaFields.type')}: ${japaneseLabels('mediaTypes', mediaTypes)[f.type]}`);
  if (f.status) parts.push(`${label('mediaFields.status')}: ${japaneseLabels('mediaStatus', mediaStatuses)[f.status]}`);
  // A place is named only to a reader who may see it (MIC §9): another 課等's id prints as the id it was.
  if (f.storageLocationId !== undefined) {
    const place = listLocations(db, actor, true).find((l) => l.id === f.storageLocationId);
    parts.push(`${label('mediaFields.storageLocationId')}: ${place?.name ?? String(f.storageLocationId)}`);
  }
  if (f.isBackupMedium !== undefined) parts.push(label(f.isBackupMedium ? 'media.filterBackup' : 'mediaOutput.print.notBackup'));
  // The home cards' lists, in the filter bar's words (renderer/i18n/ja/mediaWatch.ts).
  if (f.backupBesideTerminal) parts.push(label('mediaWatch.filterBesideTerminal'));
  if (f.unseenSince) parts.push(`${label('mediaWatch.filterUnseenSince')}: ${day(f.unseenSince)}`);
  if (f.text) parts.push(`${label('mediaOutput.print.searchText')}: ${f.text}`);
  return joined(parts);
}

/** The 持出管理簿's filters as printed under 抽出条件. */
function describeTakeoutFilters(db: Db, actor: LedgerActor, f: TakeoutFilters, day: (value: string) => string): string {
  const parts: string[] = [];
  if (f.status) parts.push(`${label('mediaTakeout.status')}: ${japaneseLabels('mediaTakeoutStatus', takeoutStatuses)[f.status]}`);
  if (f.overdue) parts.push(label('mediaTakeout.filterOverdue'));
  if (f.awaitingMyDecision) parts.push(label('mediaWatch.filterAwaitingMyDecision'));
  if (f.departmentId !== undefined) parts.push(departmentPart(db, f.departmentId));
  if (f.mediumId !== undefined) parts.push(`${label('mediaTakeout.medium')}: ${visibleMediaNo(db, actor, f.mediumId)}`);
  if (f.mediaNo) parts.push(`${label('mediaTakeout.mediaNoSearch')}: ${f.mediaNo}`);
  if (f.from) parts.push(`${label('mediaOutput.print.from')}: ${day(f.from)}`);
  if (f.to) parts.push(`${label('mediaOutput.print.to')}: ${day(f.to)}`);
  return joined(parts);
}
