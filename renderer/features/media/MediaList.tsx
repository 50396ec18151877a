import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../appContext';
import { useKeysetList } from '../../components/listQuery';
import { ListResults } from '../../components/ListResults';
import { MediaFilterBar } from './MediaFilterBar';
import { MediaTable } from './MediaTable';
import { MediumFormDialog } from './MediumForm';
import { StorageLocationsDialog } from './StorageLocations';
import type { ListQuery } from './model';

interface MediaListProps {
  query: ListQuery;
  onQuery(q: ListQuery): void;
  onOpen(id: number, notice?: string | null): void;
  /** The screen's tabs (register / 持出管理簿), under the heading. */
  tabs?: ReactNode;
}

/** The register as a list: filters, keyset pages of 50, sortable columns. */
export function MediaList({ query, onQuery, onOpen, tabs }: MediaListProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [dialog, setDialog] = useState<'create' | 'locations' | null>(null);
  const { filters, sort, direction } = query;
  const { list, pager, issue, onFilters, onSort } = useKeysetList('media.list', query, onQuery);

  return (
    <section className="panel" data-testid="media-screen">
      <h1>{t('nav.media')}</h1>
      {tabs}
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
      <MediaFilterBar filters={filters} onFilters={onFilters} searchError={issue('text')} />
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="media">
        <MediaTable rows={list.data?.rows ?? []} loading={list.loading} sort={sort} direction={direction} onSort={onSort} onOpen={(id) => onOpen(id)} />
      </ListResults>
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
