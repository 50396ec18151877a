import { useTranslation } from 'react-i18next';
import type { HoldingSortKey, HoldingSummary } from '../../../db/contract';
import { isClosedStatus } from '../../../db/contract/holdingValues';
import { useFormat } from '../../appContext';
import { DataTable, type Column, type SortDirection } from '../../components/DataTable';
import { CategoryCell, HoldingStatusBadge } from './parts';

interface HoldingTableProps {
  rows: HoldingSummary[];
  loading: boolean;
  sort: HoldingSortKey;
  direction: SortDirection;
  onSort(key: HoldingSortKey): void;
  onOpen(id: number): void;
}

/** One line per entry; a click (or Enter on its 管理番号) opens it. */
export function HoldingTable({ rows, loading, sort, direction, onSort, onOpen }: HoldingTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<HoldingSummary, HoldingSortKey>[] = [
    {
      id: 'ledgerNo',
      sortKey: 'ledgerNo',
      header: t('holdingFields.ledgerNo'),
      className: 'monospace',
      headerClassName: '',
      cell: (h) => (
        <button type="button" className="button-link" onClick={() => onOpen(h.id)} aria-label={t('holdings.openDetail', { ledgerNo: h.ledgerNo })}>
          {h.ledgerNo}
        </button>
      ),
    },
    { id: 'name', sortKey: 'name', header: t('holdingFields.shortName'), className: 'cell-text cell-name', headerClassName: '', cell: (h) => h.name },
    { id: 'department', sortKey: 'department', header: t('holdingFields.department'), className: 'cell-text', headerClassName: '', cell: (h) => h.departmentName },
    { id: 'category', sortKey: 'category', header: t('holdingFields.category'), className: 'cell-text', headerClassName: '', cell: (h) => <CategoryCell category={h.category} suggested={h.suggestedCategory} /> },
    { id: 'status', sortKey: 'status', header: t('holdingFields.status'), cell: (h) => <HoldingStatusBadge status={h.status} /> },
    {
      id: 'marks',
      header: t('holdings.marks'),
      className: 'cell-text',
      headerClassName: '',
      cell: (h) => (
        <>
          {h.containsMyNumber && <span className="flag flag-mynumber">{t('holdings.markMyNumber')}</span>}
          {h.containsSensitive && <span className="flag flag-sensitive">{t('holdings.markSensitive')}</span>}
        </>
      ),
    },
    { id: 'updatedAt', sortKey: 'updatedAt', header: t('holdingFields.updatedAt'), className: 'cell-datetime', headerClassName: '', cell: (h) => fmt.day(h.updatedAt) },
    {
      id: 'lastReviewedAt',
      sortKey: 'lastReviewedAt',
      header: t('holdingFields.lastReviewedAt'),
      className: 'cell-datetime',
      headerClassName: '',
      cell: (h) => (
        <>
          {h.lastReviewedAt ? fmt.day(h.lastReviewedAt) : <span className="muted">{t('holdings.notReviewed')}</span>}
          {h.reviewDue && <span className="flag flag-expired tag-block">{t('holdings.reviewDue')}</span>}
        </>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(h) => h.id}
      rowProps={(h) => ({ className: isClosedStatus(h.status) ? 'row-link row-inactive' : 'row-link', onClick: () => onOpen(h.id), 'data-testid': `holding-row-${h.ledgerNo}` })}
      busy={loading}
      className="holdings-table"
      sort={{ key: sort, direction, onSort, testId: 'holdings-sort' }}
      testId="holdings-table"
    />
  );
}
