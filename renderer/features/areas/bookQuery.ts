import type { VisitFilters } from '../../../db/contract/areaVisits';
import type { VisitSortKey } from '../../../db/contract/areaValues';
import { initialListQuery, type ListQuery } from '../../components/listQuery';

/**
 * The 入退室管理簿's state: filters as main takes them, order, and where the pager stands (kept by
 * AreasScreen, so coming back from a visit shows the same rows); the name of the person the 氏名
 * filter holds beside them (main takes the id only).
 */
export type BookQuery = ListQuery<VisitFilters, VisitSortKey> & { personName?: string | undefined };

/** The first and last day of the month of `day` (YYYY-MM-DD), in the same calendar. */
export function monthOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  // Day 0 of the next month is this month's last day (UTC arithmetic on a calendar date, no zone involved).
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const month = day.slice(0, 7);
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * Newest entry first, this month of the organisation's calendar (`today` from useFormat), unless a
 * home card opens the book with its own filters (未確認の例外, 前日以前から在室中): those count
 * every day, so no period is added to them.
 */
export function initialBookQuery(today: string, initialFilters?: VisitFilters): BookQuery {
  const filters: VisitFilters = initialFilters && Object.keys(initialFilters).length > 0 ? { ...initialFilters } : monthOf(today);
  return { ...initialListQuery<VisitFilters, VisitSortKey>(filters, 'enteredAt'), direction: 'desc' };
}
