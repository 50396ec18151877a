import { useTranslation } from 'react-i18next';
import type { HoldingFilters } from '../../../db/contract';
import { holdingCategories, holdingStatuses } from '../../../db/contract/holdingValues';
import { roleScope } from '../../../db/contract/permissions';
import { useSession } from '../../appContext';
import { FilterBar, FilterCheck, FilterSelect, SearchBox } from '../../components/FilterBar';
import { withoutEmpty } from '../../components/listQuery';
import { useLoad } from '../../useLoad';

const cardFilterKeys = ['requestedOfMe', 'verifiableByMe', 'authoredByMe', 'held'] as const;

interface HoldingFilterBarProps {
  filters: HoldingFilters;
  onFilters(filters: HoldingFilters): void;
  /** Why main refused the search text, shown at the search box. */
  searchError?: string | undefined;
}

/** Search, 課等 (for roles that see the whole organisation), 管理区分, 状態 and the three marks. */
export function HoldingFilterBar({ filters, onFilters, searchError }: HoldingFilterBarProps) {
  const { t } = useTranslation();
  const { session } = useSession();
  const organizationWide = roleScope(session.role) === 'organization';
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);
  const set = (patch: Partial<HoldingFilters>) => onFilters(withoutEmpty({ ...filters, ...patch }));

  const checks = (
    <>
      <FilterCheck label={t('holdings.filterMyNumber')} checked={filters.containsMyNumber === true} onChange={(v) => set({ containsMyNumber: v || undefined })} testId="holdings-filter-mynumber" />
      <FilterCheck label={t('holdings.filterSensitive')} checked={filters.containsSensitive === true} onChange={(v) => set({ containsSensitive: v || undefined })} testId="holdings-filter-sensitive" />
      <FilterCheck label={t('holdings.filterReviewDue')} checked={filters.reviewDue === true} onChange={(v) => set({ reviewDue: v || undefined })} testId="holdings-filter-review-due" />
      <span className="spacer" />
      <button type="button" className="button-link" onClick={() => set({ reviewDue: true })} data-testid="holdings-review-due-link">
        {t('holdings.reviewDueLink')}
      </button>
      <button type="button" className="button-small" onClick={() => onFilters({})} data-testid="holdings-clear">
        {t('common.clear')}
      </button>
    </>
  );

  // The home cards' filters have no field of their own: each shows as a condition that can be removed.
  const cardFilters = cardFilterKeys.filter((k) => filters[k] === true);
  return (
    <FilterBar checks={checks}>
      {cardFilters.length > 0 && (
        <ul className="chips filter-conditions" aria-label={t('holdingFilters.applied')} data-testid="holdings-card-filters">
          {cardFilters.map((k) => (
            <li key={k} className="chip" data-testid={`holdings-filter-${k}`}>
              {t(`holdingFilters.${k}`)}
              <button type="button" className="chip-remove" onClick={() => set({ [k]: undefined })} aria-label={t('holdingFilters.remove', { label: t(`holdingFilters.${k}`) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <SearchBox label={t('holdings.searchLabel')} hint={t('holdings.searchHint')} value={filters.text ?? ''} onSearch={(text) => set({ text })} error={searchError} testId="holdings-search" />
      {organizationWide && (
        <FilterSelect
          label={t('holdingFields.department')}
          value={filters.departmentId === undefined ? '' : String(filters.departmentId)}
          onChange={(v) => set({ departmentId: v === '' ? undefined : Number(v) })}
          options={[{ value: '', label: t('holdings.allDepartments') }, ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
          testId="holdings-filter-department"
        />
      )}
      <FilterSelect
        label={t('holdingFields.category')}
        value={filters.category ?? ''}
        onChange={(v) => set({ category: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('holdings.allCategories') }, ...holdingCategories.map((c) => ({ value: c, label: c })), { value: 'undecided' as const, label: t('holdings.undecided') }]}
        testId="holdings-filter-category"
      />
      <FilterSelect
        label={t('holdingFields.status')}
        value={filters.status ?? ''}
        onChange={(v) => set({ status: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('holdings.allStatuses') }, ...holdingStatuses.map((s) => ({ value: s, label: t(`holdingStatus.${s}`) }))]}
        testId="holdings-filter-status"
      />
    </FilterBar>
  );
}
