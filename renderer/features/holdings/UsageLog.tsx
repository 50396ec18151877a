import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageCursor, UsageEntry } from '../../../db/contract';
import { useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormFailure } from '../../components/forms';
import { Pager, keysetPager, type KeysetPosition } from '../../components/Pager';
import { useLoad } from '../../useLoad';
import { pageSize } from './model';
import { UsageForm } from './UsageForm';

interface UsageLogProps {
  holdingId: number;
  /** The first page, the total and the next page's cursor, as holdings.get returned them. */
  firstRows: UsageEntry[];
  firstTotal: number;
  firstNextCursor: PageCursor | null;
  canRecord: boolean;
  onAdded(): void;
}

/** Where the log stands: on holdings.get's first page (null), or on a page of holdings.usage.list. */
type UsagePosition = KeysetPosition | null;

/** 取扱状況の記録 (MIC §14): 利用, 複製, 送信, 持出し … with date, person, purpose, count. */
export function UsageLog({ holdingId, firstRows, firstTotal, firstNextCursor, canRecord, onAdded }: UsageLogProps) {
  const { t } = useTranslation();
  const [position, setPosition] = useState<UsagePosition>(null);
  const [recording, setRecording] = useState(false);
  // Page 1 came with holdings.get (one audited read for the detail); later pages are read on demand.
  const later = useLoad('holdings.usage.list', position ? { holdingId, pageSize, ...(position.cursor ? { cursor: position.cursor } : {}) } : null);
  const onFirstPage = position === null;
  const firstInfo = { total: firstTotal, previousCursor: null, nextCursor: firstNextCursor };
  // Until a later page is there, the first one stays on screen (busy), as any list does while it pages.
  const shown = onFirstPage || !later.data ? { ...firstInfo, rows: firstRows } : later.data;
  const busy = !onFirstPage && later.loading;
  const pager = keysetPager(position ?? { page: 1 }, shown, pageSize, setPosition);

  return (
    <section className="subpanel" aria-labelledby="holding-usage-title">
      <div className="section-heading">
        <h2 id="holding-usage-title">{t('usage.title')}</h2>
        {canRecord && !recording && (
          <button type="button" onClick={() => setRecording(true)} data-testid="usage-record">
            {t('usage.record')}
          </button>
        )}
      </div>
      {recording && (
        <UsageForm
          holdingId={holdingId}
          onCancel={() => setRecording(false)}
          onAdded={() => {
            setRecording(false);
            setPosition(null);
            onAdded();
          }}
        />
      )}
      <Pager
        {...pager}
        onFirst={() => setPosition(null)}
        busy={busy}
        hideWhenSinglePage
        testId="usage"
      />
      <FormFailure failure={later.failure} />
      <UsageTable rows={shown.rows} busy={busy} />
    </section>
  );
}

function UsageTable({ rows, busy }: { rows: UsageEntry[]; busy: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<UsageEntry>[] = [
    { id: 'usedOn', header: t('usage.usedOn'), cell: (u) => fmt.date(u.usedOn) },
    { id: 'kind', header: t('usage.kind'), cell: (u) => t(`usageKinds.${u.kind}`) },
    { id: 'person', header: t('usage.person'), className: 'cell-text', headerClassName: '', cell: (u) => u.personName },
    { id: 'purpose', header: t('usage.purpose'), className: 'wrap', headerClassName: '', cell: (u) => u.purpose },
    { id: 'count', header: t('usage.count'), className: 'col-number', cell: (u) => (u.count === null ? '' : u.count.toLocaleString('ja-JP')) },
    { id: 'note', header: t('usage.note'), className: 'wrap', headerClassName: '', cell: (u) => u.note },
    {
      id: 'recordedBy',
      header: t('usage.recordedBy'),
      className: 'cell-text',
      headerClassName: '',
      cell: (u) => (
        <>
          {u.recordedBy}
          <span className="cell-note">{fmt.instant(u.recordedAt)}</span>
        </>
      ),
    },
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(u) => u.id} emptyText={t('usage.none')} busy={busy} testId="usage-table" />;
}
