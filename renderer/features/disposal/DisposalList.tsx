import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { useReopenDraft } from '../../components/drafts';
import { useKeysetList } from '../../components/listQuery';
import { ListResults } from '../../components/ListResults';
import { OutputButtons } from '../../components/OutputButtons';
import { DisposalFilterBar } from './DisposalFilterBar';
import { DisposalFormDialog } from './DisposalForm';
import { DisposalTable } from './DisposalTable';
import type { DisposalQuery } from './model';

interface DisposalListProps {
  query: DisposalQuery;
  onQuery(q: DisposalQuery): void;
  onOpen(id: number, notice?: string | null): void;
  /** The screen's tabs (廃棄記録簿 / 証明書の照合), under the heading. */
  tabs: ReactNode;
}

/** The 廃棄記録簿 (issue #11 item 7): filters, keyset pages of 50, sortable columns, its CSV and print. */
export function DisposalList({ query, onQuery, onOpen, tabs }: DisposalListProps) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  // 復元する after a lock: 新規作成 opens again with what was typed (issue #7).
  useReopenDraft(['disposal.create'], () => setCreating(true));
  const { filters, sort, direction } = query;
  const { list, pager, issue, onFilters, onSort } = useKeysetList('disposal.list', query, onQuery);

  return (
    <section className="panel" data-testid="disposal-screen">
      <h1>{t('nav.disposal')}</h1>
      {tabs}
      <div className="toolbar toolbar-wrap">
        {/* Recording is disposal.write (clerks and above); main checks again. */}
        {can('disposal.write') && (
          <div className="toolbar-group">
            <button type="button" className="button-primary" onClick={() => setCreating(true)} data-testid="disposal-create">
              {t('disposalScreens.create')}
            </button>
          </div>
        )}
        {/* The book as the filters show it: the password and, past the threshold, a reason (MIC §22) are asked by the api client. */}
        <OutputButtons
          exportCsv={() => api('disposal.exportCsv', { filters, sort, direction })}
          printList={(target) => api('disposal.printBook', { filters, sort, direction, target })}
          labels={{ csv: t('disposalScreens.exportCsv'), print: t('disposalScreens.printBook'), pdf: t('disposalScreens.pdfBook') }}
          testId="disposal"
        />
      </div>
      <DisposalFilterBar filters={filters} onFilters={onFilters} issue={issue} />
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="disposal">
        <DisposalTable rows={list.data?.rows ?? []} loading={list.loading} sort={sort} direction={direction} onSort={onSort} onOpen={(id) => onOpen(id)} />
      </ListResults>
      {creating && (
        <DisposalFormDialog
          onDone={(d) => {
            setCreating(false);
            if (d) onOpen(d.id, t('disposalScreens.created'));
          }}
        />
      )}
    </section>
  );
}
