import type { MediaFilters } from '../../../db/contract';
import type { MediaSortKey } from '../../../db/contract/mediaValues';
import { initialListQuery, type ListQuery as KitListQuery } from '../../components/listQuery';

/** The list's state: filters as the server takes them, sort, and where the pager stands. */
export type ListQuery = KitListQuery<MediaFilters, MediaSortKey>;

export const initialQuery: ListQuery = initialListQuery<MediaFilters, MediaSortKey>({}, 'mediaNo');
