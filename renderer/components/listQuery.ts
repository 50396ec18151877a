import type { ChannelInput, ChannelName } from '../../db/contract';
import { useLoad } from '../useLoad';
import { nextSort, type SortDirection } from './DataTable';
import { useIssue } from './forms';
import { firstPage, keysetPager, type KeysetPageInfo, type KeysetPosition } from './Pager';

/**
 * A list screen's state: filters as the server takes them, sort, and where the pager stands.
 * The screen keeps it above the list so coming back from a record restores all of it.
 */
export interface ListQuery<F, S extends string> {
  filters: F;
  sort: S;
  direction: SortDirection;
  position: KeysetPosition;
}

/** Filters without the empty ones, so main (and the access log) sees only what the user set. */
export function withoutEmpty<F extends object>(filters: F): F {
  const next = { ...filters };
  for (const k of Object.keys(next) as (keyof F)[]) if (next[k] === undefined || next[k] === '' || next[k] === false) delete next[k];
  return next;
}

/** Rows on one page of every keyset-paged ledger list. */
export const listPageSize = 50;

/** The first state of a list: no filters, sorted ascending by its number column, on the first page. */
export function initialListQuery<F, S extends string>(filters: F, sort: S): ListQuery<F, S> {
  return { filters, sort, direction: 'asc', position: firstPage };
}

/**
 * Loads one keyset page of `channel` for `query` and wires the list's controls: a new filter or
 * sort goes back to the first page (the old cursor belongs to the old order), the pager moves
 * the cursor. `issue` reads the refusal of a search field.
 */
export function useKeysetList<C extends ChannelName, F extends object, S extends string>(channel: C, query: ListQuery<F, S>, onQuery: (q: ListQuery<F, S>) => void) {
  const { filters, sort, direction, position } = query;
  const input = { ...filters, sort, direction, pageSize: listPageSize, ...(position.cursor ? { cursor: position.cursor } : {}) } as unknown as ChannelInput<C>;
  const list = useLoad(channel, input);
  const pager = keysetPager(position, list.data as KeysetPageInfo | undefined, listPageSize, (p) => onQuery({ ...query, position: p }));
  const issue = useIssue(list.failure);
  return {
    list,
    pager,
    issue,
    onFilters: (f: F) => onQuery({ ...query, filters: f, position: firstPage }),
    onSort: (key: S) => onQuery({ ...query, ...nextSort(query, key), position: firstPage }),
  };
}
