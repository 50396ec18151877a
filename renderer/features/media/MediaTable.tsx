import { useTranslation } from 'react-i18next';
import type { MediumSummary } from '../../../db/contract';
import { isClosedMediumStatus, type MediaSortKey } from '../../../db/contract/mediaValues';
import { useFormat } from '../../appContext';
import { DataTable, type Column, type SortDirection } from '../../components/DataTable';
import { MediumStatusBadge } from './parts';
import { BackupBesideTerminalMark } from './BackupRule';

interface MediaTableProps {
  rows: MediumSummary[];
  loading: boolean;
  sort: MediaSortKey;
  direction: SortDirection;
  onSort(key: MediaSortKey): void;
  onOpen(id: number): void;
  /** A column before the others (the checkboxes that choose media for ラベル印刷). */
  leadingColumn?: Column<MediumSummary, MediaSortKey> | undefined;
}

/** One line per medium; a click (or Enter on its 管理番号) opens it. */
export function MediaTable({ rows, loading, sort, direction, onSort, onOpen, leadingColumn }: MediaTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<MediumSummary, MediaSortKey>[] = [
    {
      id: 'mediaNo',
      sortKey: 'mediaNo',
      header: t('mediaFields.mediaNo'),
      className: 'monospace',
      headerClassName: '',
      cell: (m) => (
        <button type="button" className="button-link" onClick={() => onOpen(m.id)} aria-label={t('media.openDetail', { mediaNo: m.mediaNo })}>
          {m.mediaNo}
        </button>
      ),
    },
    {
      id: 'type',
      sortKey: 'type',
      header: t('mediaFields.type'),
      className: 'cell-text',
      headerClassName: '',
      cell: (m) => (
        <>
          {t(`mediaTypes.${m.type}`)}
          {m.makeModel && <span className="muted tag-block">{m.makeModel}</span>}
        </>
      ),
    },
    { id: 'department', sortKey: 'department', header: t('mediaFields.departmentId'), className: 'cell-text', headerClassName: '', cell: (m) => m.departmentName },
    {
      id: 'storageLocation',
      sortKey: 'storageLocation',
      header: t('mediaFields.storageLocationId'),
      className: 'cell-text',
      headerClassName: '',
      cell: (m) => m.storageLocationName ?? <span className="muted">{t('media.noLocation')}</span>,
    },
    { id: 'custodian', header: t('mediaFields.custodian'), className: 'cell-text', headerClassName: '', cell: (m) => m.custodian },
    {
      id: 'status',
      sortKey: 'status',
      header: t('mediaFields.status'),
      cell: (m) => (
        <>
          <MediumStatusBadge status={m.status} />
          {m.isBackupMedium && <span className="flag tag-block">{t('media.backupMark')}</span>}
          <BackupBesideTerminalMark medium={m} />
        </>
      ),
    },
    {
      id: 'lastSeenAt',
      sortKey: 'lastSeenAt',
      header: t('mediaFields.lastSeenAt'),
      className: 'cell-datetime',
      headerClassName: '',
      cell: (m) => (m.lastSeenAt ? fmt.dateLike(m.lastSeenAt) : <span className="muted">{t('media.neverSeen')}</span>),
    },
    { id: 'registeredAt', sortKey: 'registeredAt', header: t('mediaFields.registeredAt'), className: 'cell-datetime', headerClassName: '', cell: (m) => fmt.dateLike(m.registeredAt) },
  ];
  return (
    <DataTable
      columns={leadingColumn ? [leadingColumn, ...columns] : columns}
      rows={rows}
      rowKey={(m) => m.id}
      rowProps={(m) => ({ className: isClosedMediumStatus(m.status) ? 'row-link row-inactive' : 'row-link', onClick: () => onOpen(m.id), 'data-testid': `medium-row-${m.mediaNo}` })}
      busy={loading}
      className="media-table"
      sort={{ key: sort, direction, onSort, testId: 'media-sort' }}
      testId="media-table"
    />
  );
}
