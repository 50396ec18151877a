import { useTranslation } from 'react-i18next';
import type { DisposalSummary } from '../../../db/contract/disposal';
import type { DisposalSortKey } from '../../../db/contract/disposalValues';
import { useFormat } from '../../appContext';
import { DataTable, type Column, type SortDirection } from '../../components/DataTable';
import { DisposalStatusBadge } from './parts';
import { useDisposalWords } from './words';

interface DisposalTableProps {
  rows: DisposalSummary[];
  loading: boolean;
  sort: DisposalSortKey;
  direction: SortDirection;
  onSort(key: DisposalSortKey): void;
  onOpen(id: number): void;
}

/** One line per record of the 廃棄記録簿; a click (or Enter on its number) opens it. */
export function DisposalTable({ rows, loading, sort, direction, onSort, onOpen }: DisposalTableProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const fmt = useFormat();
  const number = (d: DisposalSummary) => d.certificateNo ?? t('disposalScreens.unnumberedShort');
  const columns: Column<DisposalSummary, DisposalSortKey>[] = [
    {
      id: 'certificateNo',
      sortKey: 'certificateNo',
      header: w.field('certificateNo'),
      className: 'monospace',
      headerClassName: '',
      cell: (d) => (
        <button type="button" className="button-link" onClick={() => onOpen(d.id)} aria-label={t('disposalScreens.openDetail', { number: number(d), date: fmt.date(d.performedOn) })}>
          {number(d)}
        </button>
      ),
    },
    { id: 'performedOn', sortKey: 'performedOn', header: w.field('performedOn'), className: 'cell-datetime', headerClassName: '', cell: (d) => fmt.date(d.performedOn) },
    { id: 'department', sortKey: 'department', header: w.field('departmentId'), className: 'cell-text', headerClassName: '', cell: (d) => d.departmentName },
    { id: 'targets', header: w.field('targets'), className: 'cell-text', headerClassName: '', cell: (d) => d.targetsText },
    {
      id: 'method',
      header: w.field('method'),
      className: 'cell-text',
      headerClassName: '',
      cell: (d) => (
        <>
          {w.method(d.method)}
          <span className="muted tag-block">{w.nistClass(d.nistClass)}</span>
        </>
      ),
    },
    { id: 'place', header: w.field('placeKind'), className: 'cell-text', headerClassName: '', cell: (d) => w.place(d.placeKind) },
    { id: 'operator', header: w.field('operatorId'), className: 'cell-text', headerClassName: '', cell: (d) => d.operatorName },
    { id: 'result', header: w.field('result'), className: 'cell-text', headerClassName: '', cell: (d) => w.result(d.result) },
    {
      id: 'status',
      sortKey: 'status',
      header: w.field('status'),
      cell: (d) => (
        <>
          <DisposalStatusBadge status={d.status} />
          {d.amendsCertificateNo && <span className="muted tag-block">{t('disposalScreens.amendsShort', { number: d.amendsCertificateNo })}</span>}
        </>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(d) => d.id}
      rowProps={(d) => ({ className: d.status === 'cancelled' || d.status === 'amended' ? 'row-link row-inactive' : 'row-link', onClick: () => onOpen(d.id), 'data-testid': `disposal-row-${d.id}` })}
      busy={loading}
      emptyText={t('disposalScreens.empty')}
      className="disposal-table"
      sort={{ key: sort, direction, onSort, testId: 'disposal-sort' }}
      testId="disposal-table"
    />
  );
}
