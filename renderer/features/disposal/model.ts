import type { DisposalFilters } from '../../../db/contract/disposal';
import type { DisposalSortKey } from '../../../db/contract/disposalValues';
import { initialListQuery, type ListQuery } from '../../components/listQuery';

/** The 廃棄記録簿's state: filters as the server takes them, sort, and where the pager stands. */
export type DisposalQuery = ListQuery<DisposalFilters, DisposalSortKey>;

/** Newest 実施日 first: the book is read from the latest disposal back. */
export function initialDisposalQuery(filters: DisposalFilters = {}): DisposalQuery {
  return { ...initialListQuery<DisposalFilters, DisposalSortKey>(filters, 'performedOn'), direction: 'desc' };
}
