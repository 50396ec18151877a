import type { PageCursor } from '../../contract';
import type { VisitFilters } from '../../contract/areaVisits';
import { Conditions, countRows, pageOfIds, type ListSource } from '../../ledger/listQuery';
import { addCalendarDays } from '../../core/time';
import type { LedgerActor } from '../../ledger/record';
import { scopeToDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';

/**
 * Finding visits (the 入退室管理簿, issue #12 item 6): filters, one sort (order of entry) and the
 * kit's keyset paging (db/ledger/listQuery.ts), so any page of 1,000,000 visits — a few years of a
 * busy server room — costs what the first does. A department-scoped reader sees only the visits
 * of their own 課等 (MIC §9): a visit keeps the 課等 its area had at check-in (0021).
 */
const visitSource: ListSource = {
  from: 'area_visits v',
  id: 'v.id',
  // Never NULL (keyset paging); indexed alone (area_visits_by_entered), per 課等, per area (0023) and per person.
  sorts: { enteredAt: 'v.entered_at' },
  maxIdSql: 'SELECT max(id) FROM area_visits',
};

/**
 * The list's filters as SQL; the home cards' links use the same ones. `today` is the
 * organisation's day (core.today()): 「前日以前から在室中」 is an open visit entered before it.
 */
export function whereFor(actor: LedgerActor, f: VisitFilters, today: string): Conditions {
  const where = scopeToDepartment(new Conditions(), actor, 'v.department_id');
  where.addIf(f.areaId, 'v.area_id = ?', f.areaId);
  where.addIf(f.departmentId, 'v.department_id = ?', f.departmentId);
  where.addIf(f.personId, 'v.person_id = ?', f.personId);
  where.addIf(f.status, 'v.status = ?', f.status);
  // One day is an equality, so the book's index (area, day, time) gives the rows in order of entry.
  if (f.from !== undefined && f.from === f.to) where.add('v.entered_on = ?', f.from);
  else {
    where.addIf(f.from, 'v.entered_on >= ?', f.from);
    where.addIf(f.to, 'v.entered_on <= ?', f.to);
  }
  // entered_on decides; the same period as bounds on entered_at lets the (…, entered_at, id) indexes
  // (per 課等, per area, an area's exceptions: 0023) seek it in order of entry. Any zone is within
  // UTC−12..+14, so a day's visits lie inside the UTC days around it whatever zone the organisation
  // had when they were written.
  where.addIf(f.from, 'v.entered_at >= ?', f.from && `${addCalendarDays(f.from, -1)}T00:00:00Z`);
  where.addIf(f.to, 'v.entered_at < ?', f.to && `${addCalendarDays(f.to, 2)}T00:00:00Z`);
  if (f.outsidersOnly === true) where.add("v.person_kind = 'outsider'");
  if (f.exceptionsOnly === true) where.add('v.has_exceptions = 1');
  if (f.unconfirmedOnly === true) where.add('v.has_exceptions = 1 AND v.exception_confirmed_at IS NULL');
  if (f.openBeforeToday === true) where.add("v.status = 'inside' AND v.entered_on < ?", today);
  return where;
}

interface VisitPageRequest extends VisitFilters {
  sort: 'enteredAt';
  direction: 'asc' | 'desc';
  pageSize: number;
  cursor?: PageCursor | 'last' | undefined;
}

/** One page of visit ids, the total and the cursors to either side. */
export function pageOfVisitIds(db: Db, actor: LedgerActor, request: VisitPageRequest, today: string) {
  return pageOfIds(db, visitSource, whereFor(actor, request, today), request);
}

export function countVisits(db: Db, actor: LedgerActor, filters: VisitFilters, today: string): number {
  return countRows(db, visitSource, whereFor(actor, filters, today), '');
}
