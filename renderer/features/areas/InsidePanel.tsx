import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../db/contract/areaVisits';
import { useCan } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { CheckOutDialog } from './CheckOutDialog';
import { DayCloseDialog } from './DayCloseDialog';
import { filterInside, InsideFilter } from './InsideFilter';
import { InsideTable } from './InsideTable';

/** How often the list asks again on its own: the door may be another terminal. */
const refreshMs = 30_000;

/**
 * 在室者 (issue #12 item 5): who is inside now, per area or in every area of the reader's scope,
 * refreshed after each action and every 30 s. Each row 退室; at day's end the open visits are closed
 * in bulk with a reason (an exception each: domain.md §4 Alerts).
 */
export function InsidePanel({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  const selectId = useId();
  const areas = useLoad('areas.list', {});
  const [areaId, setAreaId] = useState<number | null>(null);
  const inside = useLoad('areas.visits.inside', areaId === null ? {} : { areaId });
  const [leaving, setLeaving] = useState<Visit | null>(null);
  const [closingDay, setClosingDay] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  const [finished, setFinished] = useState(0);
  const { reload } = inside;
  // After the dialog's own clean-up (which gives the focus back to the row's button, about to go).
  useEffect(() => {
    if (finished > 0) filterRef.current?.focus();
  }, [finished]);
  useEffect(() => {
    const timer = window.setInterval(reload, refreshMs);
    return () => window.clearInterval(timer);
  }, [reload]);
  const done = (message: string) => {
    setLeaving(null);
    setClosingDay(false);
    setNotice(message);
    reload();
    // The next one leaving: the filter emptied and the focus back in it (the row's button is gone).
    setFilter('');
    setFinished((n) => n + 1);
  };
  const rows = inside.data?.rows ?? [];
  const shownRows = filterInside(rows, filter);
  const logs = can('areas.log');
  return (
    <section className="panel" data-testid="areas-InsidePanel">
      <h1>{t('nav.areas')}</h1>
      {tabs}
      <div className="toolbar">
        <div className="field">
          <div className="field-label">
            <label htmlFor={selectId}>{t('areaDoor.area')}</label>
          </div>
          <select id={selectId} value={areaId ?? ''} onChange={(e) => setAreaId(e.target.value === '' ? null : Number(e.target.value))} data-testid="inside-area">
            <option value="">{t('areaInside.allAreas')}</option>
            {(areas.data ?? []).filter((a) => a.active).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <InsideFilter value={filter} onChange={setFilter} inputRef={filterRef} onEnter={logs && shownRows.length === 1 && filter !== '' ? () => setLeaving(shownRows[0]!) : undefined} />
        <button type="button" onClick={reload} data-testid="inside-refresh">
          {t('areaInside.refresh')}
        </button>
        {logs && (
          <button type="button" onClick={() => setClosingDay(true)} disabled={rows.length === 0} data-testid="inside-day-close">
            {t('areaInside.dayClose')}
          </button>
        )}
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="inside-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={inside.failure ?? areas.failure} />
      {inside.data && (
        <p data-testid="inside-count" aria-live="polite">
          {t('areaInside.count', { count: inside.data.total })}
          {filter.trim() !== '' && t('areaInside.filtered', { count: shownRows.length })}
        </p>
      )}
      <InsideTable rows={shownRows} onCheckOut={logs ? setLeaving : undefined} />
      {leaving && <CheckOutDialog visit={leaving} devicesOut={(areas.data ?? []).find((a) => a.id === leaving.areaId)?.devicesOut ?? 'inspect'} onClose={() => setLeaving(null)} onDone={done} />}
      {closingDay && <DayCloseDialog visits={rows} areaId={areaId} onClose={() => setClosingDay(false)} onDone={done} />}
    </section>
  );
}
