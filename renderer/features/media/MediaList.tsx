import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../appContext';
import { nextSort } from '../../components/DataTable';
import { FormFailure, useIssue } from '../../components/forms';
import { Pager, firstPage, keysetPager } from '../../components/Pager';
import { useLoad } from '../../useLoad';
import { MediaFilterBar } from './MediaFilterBar';
import { MediaTable } from './MediaTable';
import { MediumFormDialog } from './MediumForm';
import { StorageLocationsDialog } from './StorageLocations';
import { pageSize, type ListQuery } from './model';

interface MediaListProps {
  query: ListQuery;
  onQuery(q: ListQuery): void;
  onOpen(id: number, notice?: string | null): void;
}

/** The register as a list: filters, keyset pages of 50, sortable columns. */
export function MediaList({ query, onQuery, onOpen }: MediaListProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [dialog, setDialog] = useState<'create' | 'locations' | null>(null);
  const { filters, sort, direction, position } = query;
  const list = useLoad('media.list', { ...filters, sort, direction, pageSize, ...(position.cursor ? { cursor: position.cursor } : {}) });
  const pager = keysetPager(position, list.data, pageSize, (p) => onQuery({ ...query, position: p }));
  const issue = useIssue(list.failure);

  return (
    <section className="panel" data-testid="media-screen">
      <h1>{t('nav.media')}</h1>
      {/* Registering media and keeping the list of places is the 保護担当者's (media.master); main checks again. */}
      {can('media.master') && (
        <div className="toolbar toolbar-wrap">
          <div className="toolbar-group">
            <button type="button" className="button-primary" onClick={() => setDialog('create')} data-testid="media-create">
              {t('media.create')}
            </button>
            <button type="button" onClick={() => setDialog('locations')} data-testid="media-locations">
              {t('media.manageLocations')}
            </button>
          </div>
        </div>
      )}
      <MediaFilterBar filters={filters} onFilters={(f) => onQuery({ ...query, filters: f, position: firstPage })} searchError={issue('text')} />
      <FormFailure failure={list.failure} fields={['text']} />
      {/* A refused search shows the refusal alone: the last list under it would read as its result. */}
      {!list.failure && (
        <>
          <Pager {...pager} busy={list.loading} testId="media" />
          <MediaTable
            rows={list.data?.rows ?? []}
            loading={list.loading}
            sort={sort}
            direction={direction}
            onSort={(key) => onQuery({ ...query, ...nextSort(query, key), position: firstPage })}
            onOpen={(id) => onOpen(id)}
          />
        </>
      )}
      {dialog === 'create' && (
        <MediumFormDialog
          onDone={(m) => {
            setDialog(null);
            if (m) onOpen(m.id, t('media.created', { mediaNo: m.mediaNo }));
          }}
        />
      )}
      {dialog === 'locations' && (
        <StorageLocationsDialog
          onClose={() => {
            setDialog(null);
            list.reload();
          }}
        />
      )}
    </section>
  );
}
