import type { MediaFilters } from '../../../db/contract';
import type { MediaSortKey } from '../../../db/contract/mediaValues';
import type { SortDirection } from '../../components/DataTable';
import { firstPage, type KeysetPosition } from '../../components/Pager';

/** The list's state: filters as the server takes them, sort, and where the pager stands. */
export interface ListQuery {
  filters: MediaFilters;
  sort: MediaSortKey;
  direction: SortDirection;
  position: KeysetPosition;
}

export const pageSize = 50;

export const initialQuery: ListQuery = { filters: {}, sort: 'mediaNo', direction: 'asc', position: firstPage };
