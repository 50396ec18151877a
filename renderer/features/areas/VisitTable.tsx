import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../db/contract/areaVisits';
import type { VisitSortKey } from '../../../db/contract/areaValues';
import { useFormat, type Formatters } from '../../appContext';
import { DataTable, type Column, type SortDirection } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { useVisitWords } from './bookWords';

interface VisitTableProps {
  rows: Visit[];
  loading: boolean;
  sort: VisitSortKey;
  direction: SortDirection;
  onSort(key: VisitSortKey): void;
  onOpen(id: number): void;
}

/**
 * 退室時刻: the time alone when the visit ended on the day it began (the book's usual case, and
 * a narrower column), the day too when it did not — in the organisation's calendar either way.
 */
function exitText(fmt: Formatters, enteredAt: string, exitedAt: string): string {
  const full = fmt.instant(exitedAt);
  const day = fmt.day(exitedAt);
  if (day !== fmt.day(enteredAt) || !full.startsWith(day)) return full;
  return full.slice(day.length).replace(/^[\s,]+/, '');
}

/** 例外: each exception by name and whether a manager has confirmed it (words, not colour alone). */
export function ExceptionCell({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const w = useVisitWords();
  if (v.exceptions.length === 0) return null;
  return (
    <>
      <StatusBadge label={t('areaBook.exceptionMark')} tone="danger" />
      {v.exceptionConfirmedAt === null ? <StatusBadge label={t('areaBook.unconfirmed')} tone="warning" /> : <StatusBadge label={t('areaBook.confirmed')} tone="ok" />}
      {v.exceptions.map((e) => (
        <span key={e} className="visit-exception-name" data-exception={e}>
          {w.exception(e)}
        </span>
      ))}
    </>
  );
}

/**
 * One line per visit of the 入退室管理簿, newest entry first; a row with exceptions stands out
 * (domain.md §4 Alerts: a class, the word 例外 and the exceptions' names). A click, or Enter on
 * the name, opens the visit.
 */
export function VisitTable({ rows, loading, sort, direction, onSort, onOpen }: VisitTableProps) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const fmt = useFormat();
  const columns: Column<Visit, VisitSortKey>[] = [
    { id: 'enteredAt', sortKey: 'enteredAt', header: w.field('enteredAt'), className: 'cell-datetime', headerClassName: '', cell: (v) => fmt.instant(v.enteredAt) },
    {
      id: 'exitedAt',
      header: w.field('exitedAt'),
      className: 'cell-datetime',
      cell: (v) => (v.exitedAt === null ? <StatusBadge label={w.status('inside')} tone="warning" /> : exitText(fmt, v.enteredAt, v.exitedAt)),
    },
    { id: 'area', header: w.field('areaId'), className: 'cell-text', headerClassName: '', cell: (v) => v.areaName },
    {
      id: 'person',
      header: w.field('person'),
      cell: (v) => (
        <button type="button" className="button-link" onClick={() => onOpen(v.id)} aria-label={t('areaBook.openDetail', { name: v.personName, enteredAt: fmt.instant(v.enteredAt) })}>
          {v.personName}
        </button>
      ),
    },
    { id: 'affiliation', header: w.field('affiliation'), className: 'cell-text', headerClassName: '', cell: (v) => v.affiliation },
    { id: 'kind', header: w.field('personKind'), cell: (v) => w.personKind(v.personKind) },
    { id: 'purpose', header: w.field('purpose'), className: 'cell-text', headerClassName: '', cell: (v) => v.purpose },
    { id: 'escort', header: w.field('escort'), className: 'cell-text', headerClassName: '', cell: (v) => <span className="nowrap">{v.escortName}</span> },
    {
      id: 'badge',
      header: w.field('badgeNo'),
      className: 'cell-text',
      headerClassName: '',
      cell: (v) => (
        <>
          {v.badgeNo !== '' && <span className="monospace">{v.badgeNo}</span>}
          {w.badgeState(v) !== null && <span className={v.badgeNo === '' ? 'muted' : 'cell-note'}>{w.badgeState(v)}</span>}
        </>
      ),
    },
    { id: 'exceptions', header: w.field('exceptions'), className: 'cell-text visit-exceptions', headerClassName: '', cell: (v) => <ExceptionCell visit={v} /> },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(v) => v.id}
      rowProps={(v) => ({
        className: v.exceptions.length > 0 ? 'row-link row-flagged row-exception' : 'row-link',
        onClick: () => onOpen(v.id),
        'data-testid': `visit-row-${v.id}`,
      })}
      busy={loading}
      emptyText={t('areaBook.empty')}
      className="visit-table"
      sort={{ key: sort, direction, onSort, testId: 'book-sort' }}
      testId="book-table"
    />
  );
}
