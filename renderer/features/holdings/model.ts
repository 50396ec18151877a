import type { HoldingFilters, HoldingSortKey } from '../../../db/contract';
import { initialListQuery, listPageSize, type ListQuery as KitListQuery } from '../../components/listQuery';

/** The list's state: filters as the server takes them, sort, and where the pager stands. */
export type ListQuery = KitListQuery<HoldingFilters, HoldingSortKey>;

export const pageSize = listPageSize;

export const initialQuery: ListQuery = initialListQuery<HoldingFilters, HoldingSortKey>({}, 'ledgerNo');
