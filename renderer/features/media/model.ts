import type { MediaFilters } from '../../../db/contract';
import type { MediaSortKey } from '../../../db/contract/mediaValues';
import { initialListQuery, listPageSize, type ListQuery as KitListQuery } from '../../components/listQuery';

/** The list's state: filters as the server takes them, sort, and where the pager stands. */
export type ListQuery = KitListQuery<MediaFilters, MediaSortKey>;

export const pageSize = listPageSize;

export const initialQuery: ListQuery = initialListQuery<MediaFilters, MediaSortKey>({}, 'mediaNo');
