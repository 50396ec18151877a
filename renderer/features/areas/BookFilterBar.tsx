import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../db/contract/areas';
import type { VisitFilters } from '../../../db/contract/areaVisits';
import { visitStatuses } from '../../../db/contract/areaValues';
import { roleScope } from '../../../db/contract/permissions';
import { useSession } from '../../appContext';
import { FilterBar, FilterCheck, FilterSelect } from '../../components/FilterBar';
import { withoutEmpty } from '../../components/listQuery';
import { TextField } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { useVisitWords } from './bookWords';
import { PersonPicker, type PersonPickerHandle } from './PersonPicker';

interface BookFilterBarProps {
  filters: VisitFilters;
  /** The person the 氏名 filter names (kept beside the filters: main takes the id only). */
  personName: string | undefined;
  onFilters(filters: VisitFilters, personName?: string): void;
  /** The scope's areas (areas.list), retired ones too: their old visits stay in the book. */
  areas: Area[];
  /** Why main refused a filter (a day), shown at its field. */
  issue(path: string): string | undefined;
}

/**
 * 区域, 入室日 from–to (the organisation's calendar), 氏名, 状態, 課等 (for organisation-wide roles,
 * MIC §9), and 外部の者のみ / 例外のみ / 未確認の例外のみ (issue #12 item 6); 前日以前から在室中 shows
 * while a home card's link has set it.
 */
export function BookFilterBar({ filters, personName, onFilters, areas, issue }: BookFilterBarProps) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const { session } = useSession();
  const organizationWide = roleScope(session.role) === 'organization';
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);
  const set = (patch: Partial<VisitFilters>, name = personName) => onFilters(withoutEmpty({ ...filters, ...patch }), name);
  const day = (v: string) => (v === '' ? undefined : v);
  const check = (key: 'outsidersOnly' | 'exceptionsOnly' | 'unconfirmedOnly' | 'openBeforeToday') => (
    <FilterCheck label={w.field(key)} checked={filters[key] === true} onChange={(v) => set({ [key]: v || undefined })} testId={`book-filter-${key}`} />
  );

  const checks = (
    <>
      {check('outsidersOnly')}
      {check('exceptionsOnly')}
      {check('unconfirmedOnly')}
      {filters.openBeforeToday === true && check('openBeforeToday')}
      <span className="spacer" />
      <button type="button" className="button-small" onClick={() => onFilters({})} data-testid="book-clear">
        {t('common.clear')}
      </button>
    </>
  );
  return (
    <FilterBar checks={checks}>
      <FilterSelect
        label={w.field('areaId')}
        value={filters.areaId === undefined ? '' : String(filters.areaId)}
        onChange={(v) => set({ areaId: v === '' ? undefined : Number(v) })}
        options={[{ value: '', label: t('areaBook.allAreas') }, ...areas.map((a) => ({ value: String(a.id), label: a.active ? a.name : t('areaBook.retiredArea', { name: a.name }) }))]}
        testId="book-filter-area"
      />
      <TextField label={w.field('from')} type="date" value={filters.from ?? ''} onChange={(v) => set({ from: day(v) })} error={issue('from')} testId="book-filter-from" />
      <TextField label={w.field('to')} type="date" value={filters.to ?? ''} onChange={(v) => set({ to: day(v) })} error={issue('to')} testId="book-filter-to" />
      <PersonFilter personId={filters.personId} personName={personName} onChange={(personId, name) => set({ personId }, name)} />
      <FilterSelect
        label={w.field('status')}
        value={filters.status ?? ''}
        onChange={(v) => set({ status: v === '' ? undefined : v })}
        options={[{ value: '' as const, label: t('areaBook.allStatuses') }, ...visitStatuses.map((s) => ({ value: s, label: w.status(s) }))]}
        testId="book-filter-status"
      />
      {organizationWide && (
        <FilterSelect
          label={t('areaFields.departmentId')}
          value={filters.departmentId === undefined ? '' : String(filters.departmentId)}
          onChange={(v) => set({ departmentId: v === '' ? undefined : Number(v) })}
          options={[{ value: '', label: t('areaBook.allDepartments') }, ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))]}
          testId="book-filter-department"
        />
      )}
    </FilterBar>
  );
}

interface PersonFilterProps {
  personId: number | undefined;
  personName: string | undefined;
  onChange(personId: number | undefined, personName: string | undefined): void;
}

/**
 * 氏名: the door's search as you type. Only a person met at the door has visits: a staff member
 * never met yet matches none, and the picker's 「新しい外部の者」 is no filter — both leave the book
 * as it was and the search empty.
 */
function PersonFilter({ personId, personName, onChange }: PersonFilterProps) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const picker = useRef<PersonPickerHandle>(null);
  // A staff member picked who has never been met at the door: said at the field, the book unchanged.
  const [neverMet, setNeverMet] = useState<string | null>(null);
  if (personId !== undefined) {
    return (
      <div className="field" data-testid="book-filter-person">
        <div className="field-label">
          <span>{w.field('person')}</span>
        </div>
        <p className="book-person-chosen">
          <span data-testid="book-filter-person-name">{personName ?? ''}</span>{' '}
          <button type="button" className="button-small" onClick={() => onChange(undefined, undefined)} data-testid="book-filter-person-clear">
            {t('areaBook.clearPerson')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <PersonPicker
      ref={picker}
      label={w.field('person')}
      testId="book-filter-person"
      hint={neverMet === null ? undefined : t('areaBook.neverMet', { name: neverMet })}
      onPick={(ref, shown) => {
        setNeverMet(ref.kind === 'staff' ? shown.name : null);
        if (ref.kind === 'known') onChange(ref.personId, shown.name);
        picker.current?.clear();
      }}
    />
  );
}
