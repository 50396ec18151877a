import { useTranslation } from 'react-i18next';
import type { DisposalFilters } from '../../../db/contract/disposal';
import { disposalMethods, disposalStatuses, disposalTargetKinds } from '../../../db/contract/disposalValues';
import { roleScope } from '../../../db/contract/permissions';
import { useCan, useSession } from '../../appContext';
import { FilterBar, FilterCheck, FilterSelect, SearchBox } from '../../components/FilterBar';
import { withoutEmpty } from '../../components/listQuery';
import { TextField } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { useDisposalWords } from './words';

interface DisposalFilterBarProps {
  filters: DisposalFilters;
  onFilters(filters: DisposalFilters): void;
  /** Why main refused a filter (the search text, a day), shown at its field. */
  issue(path: string): string | undefined;
}

/** Search, 実施日 from–to, 方法, 課等 (for organisation-wide roles), 対象種別, 状態, and 承認待ち for those who approve. */
export function DisposalFilterBar({ filters, onFilters, issue }: DisposalFilterBarProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const { session } = useSession();
  const can = useCan();
  const organizationWide = roleScope(session.role) === 'organization';
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);
  const set = (patch: Partial<DisposalFilters>) => onFilters(withoutEmpty({ ...filters, ...patch }));
  const day = (v: string) => (v === '' ? undefined : v);

  const checks = (
    <>
      {/* The home card 承認待ちの廃棄・消去記録 opens the book with this (MIC §13: the manager approves). */}
      {can('disposal.approve') && (
        <FilterCheck label={w.field('awaitingMyApproval')} checked={filters.awaitingMyApproval === true} onChange={(v) => set({ awaitingMyApproval: v || undefined })} testId="disposal-filter-awaiting" />
      )}
      <span className="spacer" />
      <button type="button" className="button-small" onClick={() => onFilters({})} data-testid="disposal-clear">
        {t('common.clear')}
      </button>
    </>
  );
  return (
    <FilterBar checks={checks}>
      <SearchBox label={t('disposalScreens.searchLabel')} hint={t('disposalScreens.searchHint')} value={filters.text ?? ''} onSearch={(text) => set({ text })} error={issue('text')} testId="disposal-search" />
      <TextField label={w.field('performedFrom')} type="date" value={filters.performedFrom ?? ''} onChange={(v) => set({ performedFrom: day(v) })} error={issue('performedFrom')} testId="disposal-filter-from" />
      <TextField label={w.field('performedTo')} type="date" value={filters.performedTo ?? ''} onChange={(v) => set({ performedTo: day(v) })} error={issue('performedTo')} testId="disposal-filter-to" />
      <FilterSelect
        label={w.field('method')}
        value={filters.method ?? ''}
        onChange={(v) => set({ method: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('disposalScreens.allMethods') }, ...disposalMethods.map((m) => ({ value: m, label: w.method(m) }))]}
        testId="disposal-filter-method"
      />
      {organizationWide && (
        <FilterSelect
          label={w.field('departmentId')}
          value={filters.departmentId === undefined ? '' : String(filters.departmentId)}
          onChange={(v) => set({ departmentId: v === '' ? undefined : Number(v) })}
          options={[{ value: '', label: t('disposalScreens.allDepartments') }, ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
          testId="disposal-filter-department"
        />
      )}
      <FilterSelect
        label={w.field('targetKind')}
        value={filters.targetKind ?? ''}
        onChange={(v) => set({ targetKind: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('disposalScreens.allTargetKinds') }, ...disposalTargetKinds.map((k) => ({ value: k, label: w.targetKind(k) }))]}
        testId="disposal-filter-target-kind"
      />
      <FilterSelect
        label={w.field('status')}
        value={filters.status ?? ''}
        onChange={(v) => set({ status: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('disposalScreens.allStatuses') }, ...disposalStatuses.map((s) => ({ value: s, label: w.status(s) }))]}
        testId="disposal-filter-status"
      />
    </FilterBar>
  );
}
