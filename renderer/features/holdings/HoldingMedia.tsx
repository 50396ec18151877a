import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediumOfHolding } from '../../../db/contract';
import { useCan } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormFailure } from '../../components/forms';
import { useLoad } from '../../useLoad';

/**
 * 格納媒体: the media of the 媒体管理台帳 that carry this entry (issue #10: links both ways).
 * Read through main's media.ofHolding (the media area's contract), never the media screens'
 * code (an area never imports another); who may not read media sees nothing of them.
 */
export function HoldingMedia({ holdingId }: { holdingId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const headingId = useId();
  const media = useLoad('media.ofHolding', can('media.read') ? { holdingId } : null);
  if (!can('media.read')) return null;
  const columns: Column<MediumOfHolding>[] = [
    { id: 'mediaNo', header: t('mediaFields.mediaNo'), className: 'monospace', headerClassName: '', cell: (m) => m.mediaNo },
    { id: 'type', header: t('mediaFields.type'), className: 'cell-text', headerClassName: '', cell: (m) => t(`mediaTypes.${m.type}`) },
    { id: 'department', header: t('mediaFields.departmentId'), className: 'cell-text', headerClassName: '', cell: (m) => m.departmentName },
    { id: 'location', header: t('mediaFields.storageLocationId'), className: 'cell-text', headerClassName: '', cell: (m) => m.storageLocationName ?? t('media.noLocation') },
    {
      id: 'status',
      header: t('mediaFields.status'),
      cell: (m) => (
        <>
          {t(`mediaStatus.${m.status}`)}
          {m.isBackupMedium && <span className="flag tag-block">{t('media.backupMark')}</span>}
        </>
      ),
    },
  ];
  return (
    <section className="subpanel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('media.ofHoldingTitle')}</h2>
      <FormFailure failure={media.failure} />
      <DataTable columns={columns} rows={media.data ?? []} rowKey={(m) => m.mediumId} emptyText={t('media.ofHoldingNone')} busy={media.loading} testId="holding-media" />
    </section>
  );
}
