import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../appContext';
import { useReopenDraft } from '../../components/drafts';
import { useKeysetList } from '../../components/listQuery';
import { ListResults } from '../../components/ListResults';
import { MediaFilterBar } from './MediaFilterBar';
import { MediaOutputToolbar } from './MediaOutput';
import { MediaTable } from './MediaTable';
import { MediumFormDialog } from './MediumForm';
import { StorageLocationsDialog } from './StorageLocations';
import { LabelPrintDialog, labelSelectColumn, useLabelSelection } from './LabelPrint';
import { NumberingRulesDialog } from './NumberingRules';
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
  const [dialog, setDialog] = useState<'create' | 'locations' | 'rules' | 'labels' | null>(null);
  // Media chosen for ラベル印刷, kept across pages (issue #10 item 2).
  const selection = useLabelSelection();
  // 復元する after a lock: 新規登録 opens again with what was typed (issue #7).
  useReopenDraft(['media.create'], () => setDialog('create'));
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
            <button type="button" onClick={() => setDialog('rules')} data-testid="media-numbering-rules">
              {t('mediaLabels.rules.open')}
            </button>
          </div>
          <div className="toolbar-group">
            <button type="button" onClick={() => setDialog('labels')} disabled={selection.selected.size === 0} data-testid="media-print-labels">
              {t('mediaLabels.printSelected', { count: selection.selected.size })}
            </button>
            {selection.selected.size > 0 && (
              <button type="button" className="button-link" onClick={selection.clear} data-testid="media-clear-selection">
                {t('mediaLabels.clearSelection')}
              </button>
            )}
          </div>
        </div>
      )}
      <MediaOutputToolbar query={query} onImported={() => list.reload()} />
      <MediaFilterBar filters={filters} onFilters={onFilters} searchError={issue('text')} />
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="media">
        <MediaTable rows={list.data?.rows ?? []} loading={list.loading} sort={sort} direction={direction} onSort={onSort} onOpen={(id) => onOpen(id)} leadingColumn={can('media.master') ? labelSelectColumn(selection, (mediaNo) => t('mediaLabels.select', { mediaNo })) : undefined} />
      </ListResults>
      {dialog === 'create' && (
        <MediumFormDialog
          onDone={(m) => {
            setDialog(null);
            if (m) onOpen(m.id, t('media.created', { mediaNo: m.mediaNo }));
          }}
        />
      )}
      {dialog === 'rules' && <NumberingRulesDialog onClose={() => setDialog(null)} />}
      {dialog === 'labels' && <LabelPrintDialog media={[...selection.selected.values()]} onClose={() => setDialog(null)} />}
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
