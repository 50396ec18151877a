import type { ParsedInput } from '../../contract';
import type { VisitFilters } from '../../contract/areaVisits';
import type { BookRequest } from '../../contract/areaOutput';
import type { AppCore } from '../../core/appCore';
import { AppError, fieldError } from '../../core/appError';
import { zonedIso } from '../../core/time';
import { exportCsvFile, printContext, printDocument } from '../../ledger/output';
import type { LedgerActor } from '../../ledger/record';
import { actorOf, isDepartmentScoped } from '../../ledger/scope';
import { japaneseLabel } from '../../print/labels';
import { printedDay } from '../../print/listDocument';
import { readSettings } from '../../core/settings';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { readArea, type AreaRow } from './areaRecords';
import { bookVisits, eachBookVisit } from './bookRows';
import { authorizationsCsv, visitsCsv } from './csv';
import { allAuthorizationRows } from './authorizationQueries';
import { toAuthorizations } from './authorizationRecords';
import { bookTitle, renderAreaBook } from './print/book';
import { countVisits } from './visitQueries';

/**
 * The 入退室管理簿 leaving the app (issue #12 item 6) through the kit's pipeline (db/ledger/output.ts:
 * the bulk-export guard with its reason, MIC §22; re-authentication in the contract; the save dialog
 * or the printer; one access-log event naming what left). Rows are the reader's (MIC §9): a book of
 * another 課等's area answers as an area that does not exist, unless the area was once the reader's
 * 課等's and its visits of that time are theirs (bookArea).
 */
const book = (key: string) => japaneseLabel(`areaOutput.book.${key}`);

/** Where a book's access-log event belongs: its area, or (an area now of another 課等) the reader's 課等's visits. */
type BookTarget = { targetType: 'area'; targetId: number } | { targetType: 'area_visit' };

/**
 * Whether a 課等 has visits of an area that is not its own now. Only an area whose 課等 was ever
 * changed can (a visit takes its area's 課等: areaRules.ts updateArea), so the area's short
 * history answers first, and the visits (an area's 50,000, not indexed by 課等) are read only then.
 */
function hasVisitsOf(db: Db, areaId: number, departmentId: number): boolean {
  const moved = statement(db, "SELECT 1 FROM area_history h, json_each(h.changes) c WHERE h.area_id = ? AND c.value ->> '$.field' = 'departmentId' LIMIT 1").get(areaId);
  return moved !== undefined && statement(db, 'SELECT 1 FROM area_visits WHERE area_id = ? AND department_id = ? LIMIT 1').get(areaId, departmentId) !== undefined;
}

/**
 * The area a book names, in the reader's scope, and the 課等 whose book it is. A visit keeps the
 * 課等 its area had at check-in (0021), so an area handed to another 課等 still has its old 課等's
 * visits, and that 課等 still prints them, under its own name (MIC §9, §35): the list shows them
 * already. Their event then names no area record, so it stays with the reader's 課等 and never
 * tells the area's new 課等 of it (core/auditTargets.ts). An area of another 課等 with none of the
 * reader's visits is as unknown as a wrong id (scope.ts).
 */
function bookArea(db: Db, actor: LedgerActor, areaId: number): { area: AreaRow; departmentName: string; target: BookTarget } {
  const area = readArea(db, areaId);
  if (area && (!isDepartmentScoped(actor) || actor.departmentId === area.department_id)) {
    return { area, departmentName: area.department_name, target: { targetType: 'area', targetId: area.id } };
  }
  if (!area || !hasVisitsOf(db, areaId, actor.departmentId)) throw new AppError('NOT_FOUND', undefined, undefined, 'areas.errors.unknownArea');
  const departmentName = statement(db, 'SELECT name FROM departments WHERE id = ?').pluck().get(actor.departmentId) as string;
  return { area, departmentName, target: { targetType: 'area_visit' } };
}

/** The day or month the request names as the list's filters (入室日 from … to …). */
function bookFilters(request: BookRequest): VisitFilters {
  const base = {
    areaId: request.areaId,
    ...(request.outsidersOnly ? { outsidersOnly: true } : {}),
    ...(request.exceptionsOnly ? { exceptionsOnly: true } : {}),
    ...(request.personId !== undefined ? { personId: request.personId } : {}),
  };
  if (request.period === 'day') {
    if (!request.day) throw fieldError(['day'], 'validation.required');
    return { ...base, from: request.day, to: request.day };
  }
  if (!request.month) throw fieldError(['month'], 'validation.required');
  return { ...base, from: `${request.month}-01`, to: lastDayOf(request.month) };
}

/** 2026-02 → 2026-02-28: a calendar fact, not an instant (no zone). */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The person a filter names, by name (a person is organisation-wide: 0021 area_people), or nothing. */
function personFilter(db: Db, personId: number | undefined): { person?: string } {
  if (personId === undefined) return {};
  const name = statement(db, 'SELECT name FROM area_people WHERE id = ?').pluck().get(personId) as string | undefined;
  return { person: name ?? String(personId) };
}

/** The filters beyond area and period under 抽出条件, in the screen's words. */
function describeBookFilters(db: Db, request: BookRequest): string {
  const parts: string[] = [];
  if (request.outsidersOnly) parts.push(japaneseLabel('visitFields.outsidersOnly'));
  if (request.exceptionsOnly) parts.push(japaneseLabel('visitFields.exceptionsOnly'));
  const { person } = personFilter(db, request.personId);
  if (person !== undefined) parts.push(`${japaneseLabel('visitFields.person')}: ${person}`);
  return parts.length ? parts.join(' / ') : book('noConditions');
}

export function printAreaBook(core: AppCore, input: ParsedInput<'areas.visits.printBook'>) {
  const db = core.requireVault().db;
  const actor = actorOf(core);
  const { area, departmentName, target } = bookArea(db, actor, input.areaId);
  const filters = bookFilters(input);
  const rows = bookVisits(db, actor, filters, core.today());
  const when = input.period === 'day' ? input.day! : input.month!;
  const day = printedDay(core.timeZone(), readSettings(db).dateDisplay === 'wareki');
  const head = { areaName: area.name, kind: area.kind, location: area.location, departmentName, period: input.period, when };
  return printDocument(core, {
    rowCount: rows.length,
    reason: input.reason,
    html: () => renderAreaBook({ ...printContext(core), head, conditions: describeBookFilters(db, input), rows, day }),
    target: input.target,
    defaultName: `${bookTitle(input.period)}_${area.name}_${when}.pdf`,
    options: { landscape: true },
    audit: { action: 'areas.visit.printBook', ...target, detail: { areaName: area.name, period: input.period, when, filters: { ...filters, ...personFilter(db, filters.personId) } } },
  });
}

export function exportVisitsCsv(core: AppCore, input: ParsedInput<'areas.visits.exportCsv'>) {
  const actor = actorOf(core);
  const zone = core.timeZone();
  const today = core.today();
  const db = core.requireVault().db;
  // The access log names what left (MIC §22): the area as the event's target (bookArea), the person by name.
  const named = input.filters.areaId !== undefined ? bookArea(db, actor, input.filters.areaId) : undefined;
  const target: BookTarget = named?.target ?? { targetType: 'area_visit' };
  return exportCsvFile(core, {
    rowCount: countVisits(db, actor, input.filters, today),
    reason: input.reason,
    defaultName: `${book('fileName')}_${today}.csv`,
    audit: {
      action: 'areas.visit.export',
      ...target,
      detail: { ...(named ? { areaName: named.area.name } : {}), filters: { ...input.filters, ...personFilter(db, input.filters.personId) } },
    },
    write: (tx) => {
      return visitsCsv(eachBookVisit(tx.db, actor, input.filters, today, input.direction), (iso) => zonedIso(iso, zone));
    },
  });
}

/** The 入室許可 list (MIC §35 入室を認める者の範囲) as CSV, the list's filters and order, the reader's 課等. */
export function exportAuthorizationsCsv(core: AppCore, input: ParsedInput<'areas.authorizations.exportCsv'>) {
  const actor = actorOf(core);
  const zone = core.timeZone();
  const today = core.today();
  return exportCsvFile(core, {
    rowCount: allAuthorizationRows(core.requireVault().db, actor, input.filters, today).length,
    reason: input.reason,
    defaultName: `${japaneseLabel('areaOutput.authorizationsCsv.fileName')}_${today}.csv`,
    audit: { action: 'areas.authorization.export', targetType: 'area_authorization', detail: { filters: input.filters } },
    write: (tx) => {
      const rows = toAuthorizations(tx.db, allAuthorizationRows(tx.db, actor, input.filters, today), today);
      return { csv: authorizationsCsv(rows, (iso) => zonedIso(iso, zone)), rowCount: rows.length };
    },
  });
}
