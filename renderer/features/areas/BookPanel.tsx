import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../db/contract/areas';
import type { VisitFilters } from '../../../db/contract/areaVisits';
import type { BookPeriod } from '../../../db/contract/areaValues';
import { useApi } from '../../api';
import { useFormat } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useKeysetList } from '../../components/listQuery';
import { ListResults } from '../../components/ListResults';
import { OutputNotice, exportOutcome, useOutput } from '../../components/output';
import { firstPage } from '../../components/Pager';
import { useLoad } from '../../useLoad';
import { BookFilterBar } from './BookFilterBar';
import { BookPrintDialog } from './BookPrintDialog';
import { initialBookQuery, type BookQuery } from './bookQuery';
import { VisitDetail } from './VisitDetail';
import { VisitTable } from './VisitTable';

interface BookPanelProps {
  /** The screen's tabs, under the heading. */
  tabs: ReactNode;
  /** A home card's filters (未確認の例外のみ, 前日以前から在室中), applied when the book opens. */
  initialFilters?: VisitFilters | undefined;
  /** The book's state, kept by AreasScreen across a visit's detail and the other tabs (absent: kept here). */
  query?: BookQuery | undefined;
  onQuery?: ((query: BookQuery) => void) | undefined;
}

/**
 * 入退室管理簿 (issue #12 item 6; MIC §35): every visit of the reader's scope (MIC §9, main
 * decides), newest entry first, in keyset pages of 50 — a busy server room holds a million rows,
 * so pages are never counted by OFFSET. A row opens the visit; 日報・月報 print one area's book.
 */
export function BookPanel({ tabs, initialFilters, query: kept, onQuery: keep }: BookPanelProps) {
  const fmt = useFormat();
  const [own, setOwn] = useState<BookQuery>(() => initialBookQuery(fmt.today(), initialFilters));
  const [open, setOpen] = useState<number | null>(null);
  const query = kept ?? own;
  const onQuery = keep ?? setOwn;
  // The detail replaces the list, which loads again on the way back (a confirmed exception shows so).
  if (open !== null) return <VisitDetail key={open} visitId={open} onBack={() => setOpen(null)} />;
  return <BookList tabs={tabs} query={query} onQuery={onQuery} onOpen={setOpen} />;
}

interface BookListProps {
  tabs: ReactNode;
  query: BookQuery;
  onQuery(query: BookQuery): void;
  onOpen(visitId: number): void;
}

function BookList({ tabs, query, onQuery, onOpen }: BookListProps) {
  const { t } = useTranslation();
  const { list, pager, issue, onSort } = useKeysetList('areas.visits.list', query, onQuery);
  const areas = useLoad('areas.list', { includeRetired: true });
  const [printing, setPrinting] = useState<BookPeriod | null>(null);
  const onFilters = (filters: VisitFilters, personName?: string) => onQuery({ ...query, filters, personName, position: firstPage });
  return (
    <section className="panel" data-testid="areas-BookPanel">
      <h1>{t('nav.areas')}</h1>
      {tabs}
      <BookToolbar filters={query.filters} onPrint={setPrinting} />
      <FormFailure failure={areas.failure} />
      <BookFilterBar filters={query.filters} personName={query.personName} onFilters={onFilters} areas={areas.data ?? []} issue={issue} />
      <ListResults failure={list.failure} pager={pager} busy={list.loading} testId="book">
        <VisitTable rows={list.data?.rows ?? []} loading={list.loading} sort={query.sort} direction={query.direction} onSort={onSort} onOpen={onOpen} />
      </ListResults>
      {printing && <BookPrintDialog period={printing} areas={activeFirst(areas.data ?? [])} filters={query.filters} onClose={() => setPrinting(null)} />}
    </section>
  );
}

/** Areas in use first: the print dialog offers them before retired ones. */
function activeFirst(areas: Area[]): Area[] {
  return [...areas.filter((a) => a.active), ...areas.filter((a) => !a.active)];
}

/**
 * 日報を印刷 / 月報を印刷 open the dialog (one area, one day or month on A4); CSV出力 takes the
 * rows the filters show. Main asks the password again and, past the threshold, a reason (MIC §22).
 */
function BookToolbar({ filters, onPrint }: { filters: VisitFilters; onPrint(period: BookPeriod): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const output = useOutput();
  return (
    <>
      <div className="toolbar toolbar-wrap">
        <div className="toolbar-group">
          <button type="button" onClick={() => onPrint('day')} data-testid="book-print-day">
            {t('areaBook.printDay')}
          </button>
          <button type="button" onClick={() => onPrint('month')} data-testid="book-print-month">
            {t('areaBook.printMonth')}
          </button>
          <button type="button" onClick={() => void output.run(async () => exportOutcome(await api('areas.visits.exportCsv', { filters })))} disabled={output.busy} data-testid="book-export">
            {t('areaBook.exportCsv')}
          </button>
        </div>
      </div>
      <OutputNotice result={output.result} testId="book-output" />
    </>
  );
}
