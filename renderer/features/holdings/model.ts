import type { HoldingFilters, HoldingSortKey } from '../../../db/contract';
import type { SortDirection } from '../../components/DataTable';
import { firstPage, type KeysetPosition } from '../../components/Pager';

/** The list's state: filters as the server takes them, sort, and where the pager stands. */
export interface ListQuery {
  filters: HoldingFilters;
  sort: HoldingSortKey;
  direction: SortDirection;
  position: KeysetPosition;
}

export const pageSize = 50;

export const initialQuery: ListQuery = { filters: {}, sort: 'ledgerNo', direction: 'asc', position: firstPage };
