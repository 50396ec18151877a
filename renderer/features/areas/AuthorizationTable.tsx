import { useTranslation } from 'react-i18next';
import type { Authorization, AuthorizationFilters } from '../../../db/contract/areas';
import { authorizationKinds, authorizationStates, type AuthorizationSortKey } from '../../../db/contract/areaValues';
import { roleScope } from '../../../db/contract/permissions';
import { useFormat, useSession } from '../../appContext';
import { DataTable, type Column, type SortDirection } from '../../components/DataTable';
import { FilterBar, FilterSelect, SearchBox } from '../../components/FilterBar';
import { withoutEmpty } from '../../components/listQuery';
import { StatusBadge } from '../../components/StatusBadge';
import { useLoad } from '../../useLoad';
import { authorizationStateTone, useAreaWords } from './areaWords';

interface AuthorizationTableProps {
  rows: Authorization[];
  loading: boolean;
  sort: AuthorizationSortKey;
  direction: SortDirection;
  onSort(key: AuthorizationSortKey): void;
  onOpen(id: number): void;
}

/** One line per authorization (MIC §35 list of who may enter); a click, or Enter on its number, opens it. */
export function AuthorizationTable({ rows, loading, sort, direction, onSort, onOpen }: AuthorizationTableProps) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const fmt = useFormat();
  const { session } = useSession();
  const organizationWide = roleScope(session.role) === 'organization';
  const columns: Column<Authorization, AuthorizationSortKey>[] = [
    {
      id: 'permitNo',
      sortKey: 'permitNo',
      header: w.authField('permitNo'),
      className: 'monospace',
      headerClassName: '',
      cell: (a) => (
        <button type="button" className="button-link" onClick={() => onOpen(a.id)} aria-label={t('areaScreens.authorizations.openDetail', { permitNo: a.permitNo, name: a.personName })}>
          {a.permitNo}
        </button>
      ),
    },
    {
      id: 'person',
      sortKey: 'person',
      header: w.personField('name'),
      className: 'cell-text',
      headerClassName: '',
      cell: (a) => (
        <>
          {a.personName}
          {a.personKana && <span className="muted tag-block">{a.personKana}</span>}
        </>
      ),
    },
    { id: 'kind', header: w.authField('kind'), className: 'cell-text', headerClassName: '', cell: (a) => w.authKind(a.kind) },
    { id: 'affiliation', header: w.authField('affiliation'), className: 'cell-text', headerClassName: '', cell: (a) => a.affiliation },
    ...(organizationWide ? [{ id: 'department', header: w.authField('departmentId'), className: 'cell-text', cell: (a: Authorization) => a.departmentName }] : []),
    { id: 'areas', header: w.authField('areaIds'), className: 'cell-text', headerClassName: '', cell: (a) => a.areas.map((x) => x.name).join(t('common.listSeparator')) },
    { id: 'validUntil', sortKey: 'validUntil', header: w.authField('validUntil'), className: 'cell-datetime', headerClassName: '', cell: (a) => fmt.date(a.validUntil) },
    { id: 'grantedAt', sortKey: 'grantedAt', header: w.authField('grantedAt'), className: 'cell-datetime', headerClassName: '', cell: (a) => fmt.day(a.grantedAt) },
    { id: 'state', header: w.authField('state'), cell: (a) => <StatusBadge label={w.authState(a.state)} tone={authorizationStateTone[a.state]} testId={`authorization-state-${a.id}`} /> },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(a) => a.id}
      rowProps={(a) => ({ className: a.state === 'revoked' || a.state === 'expired' ? 'row-link row-inactive' : 'row-link', onClick: () => onOpen(a.id), 'data-testid': `authorization-row-${a.id}` })}
      busy={loading}
      emptyText={t('areaScreens.authorizations.empty')}
      sort={{ key: sort, direction, onSort, testId: 'authorization-sort' }}
      testId="authorization-table"
    />
  );
}

interface AuthorizationFilterBarProps {
  filters: AuthorizationFilters;
  onFilters(filters: AuthorizationFilters): void;
  issue(path: string): string | undefined;
}

/** Search, 状態 (the home cards link here with まもなく期限 / 期限切れ), 区域, 区分 and, for organisation-wide roles, 課等. */
export function AuthorizationFilterBar({ filters, onFilters, issue }: AuthorizationFilterBarProps) {
  const { t } = useTranslation();
  const w = useAreaWords();
  const { session } = useSession();
  const organizationWide = roleScope(session.role) === 'organization';
  const areas = useLoad('areas.list', { includeRetired: true });
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);
  const set = (patch: Partial<AuthorizationFilters>) => onFilters(withoutEmpty({ ...filters, ...patch }));
  const checks = (
    <>
      <span className="spacer" />
      <button type="button" className="button-small" onClick={() => onFilters({})} data-testid="authorization-clear">
        {t('common.clear')}
      </button>
    </>
  );
  return (
    <FilterBar checks={checks}>
      <SearchBox
        label={t('areaScreens.authorizations.searchLabel')}
        hint={t('areaScreens.authorizations.searchHint')}
        value={filters.text ?? ''}
        onSearch={(text) => set({ text })}
        error={issue('text')}
        testId="authorization-search"
      />
      <FilterSelect
        label={w.authField('state')}
        value={filters.state ?? ''}
        onChange={(v) => set({ state: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('areaScreens.authorizations.allStates') }, ...authorizationStates.map((s) => ({ value: s, label: w.authState(s) }))]}
        testId="authorization-filter-state"
      />
      <FilterSelect
        label={w.authField('areaIds')}
        value={filters.areaId === undefined ? '' : String(filters.areaId)}
        onChange={(v) => set({ areaId: v === '' ? undefined : Number(v) })}
        options={[{ value: '', label: t('areaScreens.authorizations.allAreas') }, ...(areas.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))]}
        testId="authorization-filter-area"
      />
      <FilterSelect
        label={w.authField('kind')}
        value={filters.kind ?? ''}
        onChange={(v) => set({ kind: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('areaScreens.authorizations.allKinds') }, ...authorizationKinds.map((k) => ({ value: k, label: w.authKind(k) }))]}
        testId="authorization-filter-kind"
      />
      {organizationWide && (
        <FilterSelect
          label={w.authField('departmentId')}
          value={filters.departmentId === undefined ? '' : String(filters.departmentId)}
          onChange={(v) => set({ departmentId: v === '' ? undefined : Number(v) })}
          options={[{ value: '', label: t('areaScreens.authorizations.allDepartments') }, ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
          testId="authorization-filter-department"
        />
      )}
    </FilterBar>
  );
}
