import { useTranslation } from 'react-i18next';
import type { MediaFilters } from '../../../db/contract';
import { mediaStatuses, mediaTypes } from '../../../db/contract/mediaValues';
import { roleScope } from '../../../db/contract/permissions';
import { useSession } from '../../appContext';
import { FilterBar, FilterCheck, FilterSelect, SearchBox } from '../../components/FilterBar';
import { withoutEmpty } from '../../components/listQuery';
import { TextField } from '../../components/forms';
import { useLoad } from '../../useLoad';

const idOrUndefined = (v: string) => (v === '' ? undefined : Number(v));

interface MediaFilterBarProps {
  filters: MediaFilters;
  onFilters(filters: MediaFilters): void;
  /** Why main refused the search text, shown at the search box. */
  searchError?: string | undefined;
}

/** Search, 課等 (for roles that see the whole organisation), 種別, 状態, 保管場所 and the backup mark. */
export function MediaFilterBar({ filters, onFilters, searchError }: MediaFilterBarProps) {
  const { t } = useTranslation();
  const { session } = useSession();
  const organizationWide = roleScope(session.role) === 'organization';
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);
  const locations = useLoad('media.storageLocations.list', { includeInactive: true });
  const set = (patch: Partial<MediaFilters>) => onFilters(withoutEmpty({ ...filters, ...patch }));

  const checks = (
    <>
      <FilterCheck label={t('media.filterBackup')} checked={filters.isBackupMedium === true} onChange={(v) => set({ isBackupMedium: v || undefined })} testId="media-filter-backup" />
      <FilterCheck label={t('mediaWatch.filterBesideTerminal')} checked={filters.backupBesideTerminal === true} onChange={(v) => set({ backupBesideTerminal: v || undefined })} testId="media-filter-beside-terminal" />
      <span className="spacer" />
      <button type="button" className="button-small" onClick={() => onFilters({})} data-testid="media-clear">
        {t('common.clear')}
      </button>
    </>
  );
  return (
    <FilterBar checks={checks}>
      <SearchBox label={t('media.searchLabel')} hint={t('media.searchHint')} value={filters.text ?? ''} onSearch={(text) => set({ text })} error={searchError} testId="media-search" />
      {organizationWide && (
        <FilterSelect
          label={t('mediaFields.departmentId')}
          value={filters.departmentId === undefined ? '' : String(filters.departmentId)}
          onChange={(v) => set({ departmentId: idOrUndefined(v) })}
          options={[{ value: '', label: t('media.allDepartments') }, ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
          testId="media-filter-department"
        />
      )}
      <FilterSelect
        label={t('mediaFields.type')}
        value={filters.type ?? ''}
        onChange={(v) => set({ type: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('media.allTypes') }, ...mediaTypes.map((m) => ({ value: m, label: t(`mediaTypes.${m}`) }))]}
        testId="media-filter-type"
      />
      <FilterSelect
        label={t('mediaFields.status')}
        value={filters.status ?? ''}
        onChange={(v) => set({ status: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('media.allStatuses') }, ...mediaStatuses.map((s) => ({ value: s, label: t(`mediaStatus.${s}`) }))]}
        testId="media-filter-status"
      />
      <FilterSelect
        label={t('mediaFields.storageLocationId')}
        value={filters.storageLocationId === undefined ? '' : String(filters.storageLocationId)}
        onChange={(v) => set({ storageLocationId: idOrUndefined(v) })}
        options={[{ value: '', label: t('media.allLocations') }, ...(locations.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))]}
        testId="media-filter-location"
      />
      {/* MIC §42: the home card 点検されていない媒体 sets this day (today less the inventory interval). */}
      <TextField label={t('mediaWatch.filterUnseenSince')} type="date" value={filters.unseenSince ?? ''} onChange={(v) => set({ unseenSince: v === '' ? undefined : v })} testId="media-filter-unseen-since" />
    </FilterBar>
  );
}
