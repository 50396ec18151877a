import { useTranslation } from 'react-i18next';
import type { TakeoutFilters } from '../../../db/contract';
import { takeoutStatuses } from '../../../db/contract/mediaValues';
import { useCan } from '../../appContext';
import { FilterBar, FilterCheck, FilterSelect, SearchBox } from '../../components/FilterBar';
import { ListResults } from '../../components/ListResults';
import { useIssue } from '../../components/forms';
import { firstPage, keysetPager, type KeysetPosition } from '../../components/Pager';
import { listPageSize, withoutEmpty } from '../../components/listQuery';
import { useLoad } from '../../useLoad';
import { TakeoutOutputToolbar } from './MediaOutput';
import { TakeoutTable } from './TakeoutTable';

/** The register's state, kept by the screen so a visit to a medium comes back to the same rows. */
export interface TakeoutQuery {
  filters: TakeoutFilters;
  position: KeysetPosition;
}

export const initialTakeoutQuery: TakeoutQuery = { filters: {}, position: firstPage };

interface TakeoutRegisterProps {
  query: TakeoutQuery;
  onQuery(q: TakeoutQuery): void;
  onOpenMedium(mediumId: number): void;
}

/**
 * 持出管理簿 (MIC §10, §34): every take-out, newest request first, in keyset pages of 50,
 * filtered by status, overdue (in the organisation's calendar, computed by main) and 管理番号.
 */
export function TakeoutRegister({ query, onQuery, onOpenMedium }: TakeoutRegisterProps) {
  const { t } = useTranslation();
  const can = useCan();
  const { filters, position } = query;
  const list = useLoad('media.takeout.list', { ...filters, direction: 'desc', pageSize: listPageSize, ...(position.cursor ? { cursor: position.cursor } : {}) });
  const pager = keysetPager(position, list.data, listPageSize, (p) => onQuery({ ...query, position: p }));
  const issue = useIssue(list.failure);
  const set = (patch: Partial<TakeoutFilters>) => onQuery({ filters: withoutEmpty({ ...filters, ...patch }), position: firstPage });
  const checks = (
    <>
      <FilterCheck label={t('mediaTakeout.filterOverdue')} checked={filters.overdue === true} onChange={(v) => set({ overdue: v || undefined })} testId="takeouts-filter-overdue" />
      {/* Who may decide (media.approve); a home card may have set it (MIC §12-2: never one's own request). */}
      {(can('media.approve') || filters.awaitingMyDecision === true) && (
        <FilterCheck label={t('mediaWatch.filterAwaitingMyDecision')} checked={filters.awaitingMyDecision === true} onChange={(v) => set({ awaitingMyDecision: v || undefined })} testId="takeouts-filter-awaiting-decision" />
      )}
      <span className="spacer" />
      <button type="button" className="button-small" onClick={() => onQuery(initialTakeoutQuery)} data-testid="takeouts-clear">
        {t('common.clear')}
      </button>
    </>
  );
  return (
    <div data-testid="takeouts-screen">
      <TakeoutOutputToolbar filters={filters} />
      <FilterBar checks={checks}>
        <SearchBox label={t('mediaTakeout.mediaNoSearch')} value={filters.mediaNo ?? ''} onSearch={(mediaNo) => set({ mediaNo })} error={issue('mediaNo')} testId="takeouts-search" />
        <FilterSelect
          label={t('mediaTakeout.status')}
          value={filters.status ?? ''}
          onChange={(v) => set({ status: v === '' ? undefined : v })}
          options={[{ value: '' as const, label: t('mediaTakeout.allStatuses') }, ...takeoutStatuses.map((s) => ({ value: s, label: t(`mediaTakeoutStatus.${s}`) }))]}
          testId="takeouts-filter-status"
        />
      </FilterBar>
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="takeouts">
        <TakeoutTable rows={list.data?.rows ?? []} loading={list.loading} onOpenMedium={onOpenMedium} emptyText={t('mediaTakeout.registerNone')} testId="takeouts-table" />
      </ListResults>
    </div>
  );
}
