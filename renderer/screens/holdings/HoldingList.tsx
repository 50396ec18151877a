import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoldingFilters, HoldingSummary } from '../../../db/contract';
import { roleScope } from '../../../db/contract/permissions';
import { useApi } from '../../api';
import { useCan, useFormat, useSession } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { HoldingFormDialog } from './HoldingForm';
import { ImportWizard } from './ImportWizard';
import { categories, pageSize, statuses, type ListQuery, type SortKey } from './model';
import { OutputNotice, printOutcome, useOutput } from './output';
import { CategoryCell, StatusBadge, dayOf } from './parts';

interface HoldingListProps {
  query: ListQuery;
  onQuery(q: ListQuery): void;
  onOpen(id: number, notice?: string | null): void;
}

const searchDelayMs = 300;

export function HoldingList({ query, onQuery, onOpen }: HoldingListProps) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const { session } = useSession();
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const output = useOutput();
  const { filters, sort, direction, page } = query;
  const list = useLoad('holdings.list', { ...filters, sort, direction, page, pageSize });
  const organizationWide = roleScope(session.role) === 'organization';
  const departments = useLoad('departments.list', organizationWide ? { includeInactive: false } : null);

  // The search box: typing filters after a pause, Enter at once.
  const [text, setText] = useState(filters.text ?? '');
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    const current = latest.current.filters.text ?? '';
    if (text.trim() === current) return;
    const timer = setTimeout(() => applyText(text), searchDelayMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text starts the timer
  }, [text]);

  function setFilters(patch: Partial<HoldingFilters>) {
    const next: HoldingFilters = { ...latest.current.filters, ...patch };
    for (const k of Object.keys(next) as (keyof HoldingFilters)[]) if (next[k] === undefined || next[k] === '' || next[k] === false) delete next[k];
    onQuery({ ...latest.current, filters: next, page: 1 });
  }
  function applyText(value: string) {
    const trimmed = value.trim();
    setFilters({ text: trimmed === '' ? undefined : trimmed });
  }
  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      applyText(text);
    }
  }
  function sortBy(key: SortKey) {
    onQuery({ ...query, sort: key, direction: sort === key && direction === 'asc' ? 'desc' : 'asc', page: 1 });
  }
  function clearFilters() {
    setText('');
    onQuery({ ...query, filters: {}, page: 1 });
  }

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  const exportCsv = () =>
    output.run(async () => {
      const r = await api('holdings.exportCsv', { filters });
      return r.ok ? { kind: 'saved', path: r.data.savedTo, rowCount: r.data.rowCount } : { kind: 'failed', failure: r };
    });
  const printList = (target: 'printer' | 'pdf') => output.run(async () => printOutcome(await api('holdings.printList', { filters, sort, target }), target));

  const departmentOptions = departments.data ?? [];
  return (
    <section className="panel" data-testid="holdings-screen">
      <h1>{t('nav.holdings')}</h1>
      <div className="toolbar toolbar-wrap">
        <div className="toolbar-group">
          {can('holdings.write') && (
            <button type="button" className="button-primary" onClick={() => setDialog('create')} data-testid="holdings-create">
              {t('holdings.create')}
            </button>
          )}
          {can('holdings.write') && (
            <button type="button" onClick={() => setDialog('import')} data-testid="holdings-import">
              {t('holdings.importCsv')}
            </button>
          )}
        </div>
        <div className="toolbar-group">
          <button type="button" onClick={() => void exportCsv()} disabled={output.busy} data-testid="holdings-export">
            {t('holdings.exportCsv')}
          </button>
          <button type="button" onClick={() => void printList('printer')} disabled={output.busy} data-testid="holdings-print">
            {t('holdings.printList')}
          </button>
          <button type="button" onClick={() => void printList('pdf')} disabled={output.busy} data-testid="holdings-pdf">
            {t('holdings.pdfList')}
          </button>
        </div>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="holdings-notice">
          {notice}
        </p>
      )}
      <OutputNotice result={output.result} testId="holdings-output" />

      <div className="filters" role="search">
        <div className="filter-row">
          <div className="field field-search">
            <div className="field-label">
              <label htmlFor="holdings-search">{t('holdings.searchLabel')}</label>
            </div>
            <input
              id="holdings-search"
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onSearchKey}
              maxLength={100}
              aria-describedby="holdings-search-hint"
              data-testid="holdings-search"
            />
            <p className="field-hint" id="holdings-search-hint">
              {t('holdings.searchHint')}
            </p>
          </div>
          {organizationWide && (
            <FilterSelect
              label={t('holdingFields.department')}
              value={filters.departmentId === undefined ? '' : String(filters.departmentId)}
              onChange={(v) => setFilters({ departmentId: v === '' ? undefined : Number(v) })}
              options={[{ value: '', label: t('holdings.allDepartments') }, ...departmentOptions.map((d) => ({ value: String(d.id), label: d.name }))]}
              testId="holdings-filter-department"
            />
          )}
          <FilterSelect
            label={t('holdingFields.category')}
            value={filters.category ?? ''}
            onChange={(v) => setFilters({ category: v === '' ? undefined : (v as HoldingFilters['category']) })}
            options={[
              { value: '', label: t('holdings.allCategories') },
              ...categories.map((c) => ({ value: c, label: c })),
              { value: 'undecided', label: t('holdings.undecided') },
            ]}
            testId="holdings-filter-category"
          />
          <FilterSelect
            label={t('holdingFields.status')}
            value={filters.status ?? ''}
            onChange={(v) => setFilters({ status: v === '' ? undefined : (v as HoldingFilters['status']) })}
            options={[
              { value: '', label: t('holdings.allStatuses') },
              ...statuses.map((s) => ({ value: s, label: s === 'draft' ? t('holdingStatus.draftFilter') : t(`holdingStatus.${s}`) })),
            ]}
            testId="holdings-filter-status"
          />
        </div>
        <div className="filter-checks">
          <FilterCheck label={t('holdings.filterMyNumber')} checked={filters.containsMyNumber === true} onChange={(v) => setFilters({ containsMyNumber: v || undefined })} testId="holdings-filter-mynumber" />
          <FilterCheck label={t('holdings.filterSensitive')} checked={filters.containsSensitive === true} onChange={(v) => setFilters({ containsSensitive: v || undefined })} testId="holdings-filter-sensitive" />
          <FilterCheck label={t('holdings.filterReviewDue')} checked={filters.reviewDue === true} onChange={(v) => setFilters({ reviewDue: v || undefined })} testId="holdings-filter-review-due" />
          <span className="spacer" />
          <button type="button" className="button-link" onClick={() => setFilters({ reviewDue: true })} data-testid="holdings-review-due-link">
            {t('holdings.reviewDueLink')}
          </button>
          <button type="button" className="button-small" onClick={clearFilters} data-testid="holdings-clear">
            {t('common.clear')}
          </button>
        </div>
      </div>

      <FormFailure failure={list.failure} />
      <div className="pager">
        <span data-testid="holdings-total">{total === 0 ? t('holdings.rangeEmpty') : t('holdings.range', { total, first, last })}</span>
        <button type="button" onClick={() => onQuery({ ...query, page: page - 1 })} disabled={page <= 1 || list.loading} data-testid="holdings-prev">
          {t('common.previous')}
        </button>
        <span>{t('holdings.pageOf', { page, pages })}</span>
        <button type="button" onClick={() => onQuery({ ...query, page: page + 1 })} disabled={page >= pages || list.loading} data-testid="holdings-next">
          {t('common.next')}
        </button>
      </div>
      <HoldingTable rows={list.data?.rows ?? []} loading={list.loading} sort={sort} direction={direction} onSort={sortBy} onOpen={(id) => onOpen(id)} />

      {dialog === 'create' && (
        <HoldingFormDialog
          onDone={(h) => {
            setDialog(null);
            if (h) onOpen(h.id, t('holdings.created', { ledgerNo: h.ledgerNo, name: h.name }));
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportWizard
          onClose={(created) => {
            setDialog(null);
            if (created !== null) {
              setNotice(t('holdingImport.committed', { count: created }));
              list.reload();
            }
          }}
        />
      )}
    </section>
  );
}

function FilterSelect({ label, value, onChange, options, testId }: { label: string; value: string; onChange(v: string): void; options: { value: string; label: string }[]; testId: string }) {
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={testId}>{label}</label>
      </div>
      <select id={testId} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function FilterCheck({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange(v: boolean): void; testId: string }) {
  return (
    <label className="inline-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

interface HoldingTableProps {
  rows: HoldingSummary[];
  loading: boolean;
  sort: SortKey;
  direction: 'asc' | 'desc';
  onSort(key: SortKey): void;
  onOpen(id: number): void;
}

function HoldingTable({ rows, loading, sort, direction, onSort, onOpen }: HoldingTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort === key;
    return (
      <th className={className} aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort-button" onClick={() => onSort(key)} data-testid={`holdings-sort-${key}`}>
          {label}
          <span className={active ? 'sort-mark sort-active' : 'sort-mark'} aria-hidden="true">
            {active && direction === 'desc' ? '▼' : '▲'}
          </span>
          {active && <span className="visually-hidden">{t(direction === 'asc' ? 'holdings.sortedAsc' : 'holdings.sortedDesc')}</span>}
        </button>
      </th>
    );
  };
  return (
    <div className="table-wrap">
      <table className="data-table holdings-table" data-testid="holdings-table" aria-busy={loading}>
        <thead>
          <tr>
            {header('ledgerNo', t('holdingFields.ledgerNo'))}
            {header('name', t('holdingFields.shortName'))}
            {header('department', t('holdingFields.department'))}
            {header('category', t('holdingFields.category'))}
            {header('status', t('holdingFields.status'))}
            <th>{t('holdings.marks')}</th>
            {header('updatedAt', t('holdingFields.updatedAt'))}
            {header('lastReviewedAt', t('holdingFields.lastReviewedAt'))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && !loading && (
            <tr>
              <td colSpan={8} className="empty">
                {t('common.noRows')}
              </td>
            </tr>
          )}
          {rows.map((h) => (
            <tr key={h.id} className={`row-link${h.status === 'retired' || h.status === 'disposed' ? ' row-inactive' : ''}`} onClick={() => onOpen(h.id)} data-testid={`holding-row-${h.ledgerNo}`}>
              <td className="monospace">
                <button type="button" className="button-link" onClick={() => onOpen(h.id)} aria-label={t('holdings.openDetail', { ledgerNo: h.ledgerNo })}>
                  {h.ledgerNo}
                </button>
              </td>
              <td className="cell-text cell-name">{h.name}</td>
              <td className="cell-text">{h.departmentName}</td>
              <td className="cell-text">
                <CategoryCell category={h.category} suggested={h.suggestedCategory} />
              </td>
              <td>
                <StatusBadge status={h.status} />
              </td>
              <td className="cell-text">
                {h.containsMyNumber && <span className="flag flag-mynumber">{t('holdings.markMyNumber')}</span>}
                {h.containsSensitive && <span className="flag flag-sensitive">{t('holdings.markSensitive')}</span>}
              </td>
              <td className="cell-datetime">{dayOf(fmt, h.updatedAt)}</td>
              <td className="cell-datetime">
                {h.lastReviewedAt ? dayOf(fmt, h.lastReviewedAt) : <span className="muted">{t('holdings.notReviewed')}</span>}
                {h.reviewDue && <span className="flag flag-expired tag-block">{t('holdings.reviewDue')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
