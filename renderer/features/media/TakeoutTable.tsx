import { useTranslation } from 'react-i18next';
import type { Takeout } from '../../../db/contract';
import type { TakeoutStatus } from '../../../db/contract/mediaValues';
import { takeoutSafeguards } from '../../../db/contract/mediaValues';
import { useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { StatusBadge, type Tone } from '../../components/StatusBadge';

// Waiting on someone (承認待ち, out) is a warning; a refusal reads as a problem; the rest is over.
const statusTone: Record<TakeoutStatus, Tone> = { requested: 'warning', approved: 'neutral', refused: 'danger', out: 'warning', returned: 'ok', cancelled: 'muted' };

/** 承認待ち / 承認済 / 却下 / 持出中 / 返却済 / 取消し, and 返却予定日超過 beside an overdue one. */
export function TakeoutStatusBadge({ takeout }: { takeout: Takeout }) {
  const { t } = useTranslation();
  return (
    <>
      <StatusBadge label={t(`mediaTakeoutStatus.${takeout.status}`)} tone={statusTone[takeout.status]} testId="takeout-status" />
      {takeout.overdue && <StatusBadge label={t('mediaTakeout.overdue')} tone="danger" testId="takeout-overdue" />}
    </>
  );
}

interface TakeoutTableProps {
  rows: Takeout[];
  loading?: boolean;
  /** In the 持出管理簿, the medium's 管理番号 opens it; on a medium's detail the column is left out. */
  onOpenMedium?: ((mediumId: number) => void) | undefined;
  emptyText: string;
  testId: string;
}

/** One line per take-out: who asked, for what and where, what was decided (and why), out and back. */
export function TakeoutTable({ rows, loading = false, onOpenMedium, emptyText, testId }: TakeoutTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<Takeout>[] = [];
  if (onOpenMedium) {
    columns.push({
      id: 'medium',
      header: t('mediaTakeout.medium'),
      className: 'monospace',
      headerClassName: '',
      cell: (r) => (
        <button type="button" className="button-link" onClick={() => onOpenMedium(r.mediumId)} aria-label={t('mediaTakeout.openMedium', { mediaNo: r.mediaNo })}>
          {r.mediaNo}
        </button>
      ),
    });
  }
  const safeguards = (r: Takeout) => takeoutSafeguards.filter((s) => r.safeguards[s]).map((s) => t(`mediaSafeguards.${s}`)).join(t('common.listSeparator'));
  columns.push(
    { id: 'status', header: t('mediaTakeout.status'), cell: (r) => <TakeoutStatusBadge takeout={r} /> },
    {
      id: 'requested',
      header: t('mediaTakeout.requestedBy'),
      className: 'cell-text',
      headerClassName: '',
      cell: (r) => (
        <>
          {r.requestedByName}
          <span className="muted tag-block">{fmt.dateLike(r.requestedAt)}</span>
        </>
      ),
    },
    {
      id: 'purpose',
      header: t('mediaTakeout.purpose'),
      className: 'cell-text',
      headerClassName: '',
      cell: (r) => (
        <>
          {r.purpose}
          <span className="muted tag-block">
            {r.destination} {safeguards(r) && t('mediaTakeout.safeguardList', { list: safeguards(r) })}
          </span>
        </>
      ),
    },
    { id: 'dueBack', header: t('mediaTakeout.dueBack'), className: 'cell-datetime', headerClassName: '', cell: (r) => fmt.date(r.dueBack) },
    {
      id: 'decision',
      header: t('mediaTakeout.decidedBy'),
      className: 'cell-text',
      headerClassName: '',
      cell: (r) => (
        <>
          {r.decidedByName ?? ''}
          {r.decisionNote && (
            <span className="tag-block" data-testid="takeout-decision-note">
              {r.decisionNote}
            </span>
          )}
        </>
      ),
    },
    { id: 'outAt', header: t('mediaTakeout.outAt'), className: 'cell-datetime', headerClassName: '', cell: (r) => (r.outAt ? fmt.dateLike(r.outAt) : '') },
    {
      id: 'returnedAt',
      header: t('mediaTakeout.returnedAt'),
      className: 'cell-datetime',
      headerClassName: '',
      cell: (r) => (
        <>
          {r.returnedAt ? fmt.dateLike(r.returnedAt) : ''}
          {r.returnCheckedByName && <span className="muted tag-block">{t('mediaTakeout.checkedByName', { name: r.returnCheckedByName })}</span>}
          {r.returnNote && <span className="tag-block">{r.returnNote}</span>}
        </>
      ),
    },
  );
  return <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} busy={loading} emptyText={emptyText} rowProps={(r) => ({ 'data-testid': `takeout-row-${r.id}` })} testId={testId} />;
}
