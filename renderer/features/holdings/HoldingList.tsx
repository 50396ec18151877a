import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { useReopenDraft } from '../../components/drafts';
import { useKeysetList } from '../../components/listQuery';
import { ListResults } from '../../components/ListResults';
import { OutputButtons } from '../../components/OutputButtons';
import { HoldingFilterBar } from './HoldingFilterBar';
import { HoldingFormDialog } from './HoldingForm';
import { HoldingImport } from './HoldingImport';
import { HoldingTable } from './HoldingTable';
import type { ListQuery } from './model';

interface HoldingListProps {
  query: ListQuery;
  onQuery(q: ListQuery): void;
  onOpen(id: number, notice?: string | null): void;
}

/** The ledger as a list: filters, keyset pages of 50, sortable columns; print and CSV of what is shown. */
export function HoldingList({ query, onQuery, onOpen }: HoldingListProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  useReopenDraft(['holdings.create'], () => setDialog('create'));
  const [notice, setNotice] = useState<string | null>(null);
  const { filters, sort, direction } = query;
  const { list, pager, issue, onFilters, onSort } = useKeysetList('holdings.list', query, onQuery);

  return (
    <section className="panel" data-testid="holdings-screen">
      <h1>{t('nav.holdings')}</h1>
      <HoldingToolbar query={query} notice={notice} onCreate={() => setDialog('create')} onImport={() => setDialog('import')} />
      <HoldingFilterBar filters={filters} onFilters={onFilters} searchError={issue('text')} />
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="holdings">
        <HoldingTable rows={list.data?.rows ?? []} loading={list.loading} sort={sort} direction={direction} onSort={onSort} onOpen={(id) => onOpen(id)} />
      </ListResults>
      {dialog === 'create' && (
        <HoldingFormDialog
          onDone={(h) => {
            setDialog(null);
            if (h) onOpen(h.id, t('holdings.created', { ledgerNo: h.ledgerNo, name: h.name }));
          }}
        />
      )}
      {dialog === 'import' && (
        <HoldingImport
          onClose={(created) => {
            setDialog(null);
            if (created !== null) {
              setNotice(t('holdings.importCommitted', { count: created }));
              list.reload();
            }
          }}
        />
      )}
    </section>
  );
}

interface HoldingToolbarProps {
  query: ListQuery;
  notice: string | null;
  onCreate(): void;
  onImport(): void;
}

/** 新規登録 and CSV取込み for those who may write; CSV, print and PDF of the filtered list, in its order, for all. */
function HoldingToolbar({ query, notice, onCreate, onImport }: HoldingToolbarProps) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const { filters, sort, direction } = query;
  return (
    <>
      <div className="toolbar toolbar-wrap">
        <div className="toolbar-group">
          {can('holdings.write') && (
            <button type="button" className="button-primary" onClick={onCreate} data-testid="holdings-create">
              {t('holdings.create')}
            </button>
          )}
          {can('holdings.write') && (
            <button type="button" onClick={onImport} data-testid="holdings-import">
              {t('holdings.importCsv')}
            </button>
          )}
        </div>
        <OutputButtons
          exportCsv={() => api('holdings.exportCsv', { filters, sort, direction })}
          printList={(target) => api('holdings.printList', { filters, sort, direction, target })}
          labels={{ csv: t('holdings.exportCsv'), print: t('holdings.printList'), pdf: t('holdings.pdfList') }}
          testId="holdings"
        />
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="holdings-notice">
          {notice}
        </p>
      )}
    </>
  );
}
