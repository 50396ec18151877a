import { useTranslation } from 'react-i18next';
import type { HoldingHistoryEntry } from '../../../db/contract';
import { useFormat } from '../../appContext';
import { dayOf } from './parts';

interface TimelineProps {
  /** Newest first, as holdings.get returns it. */
  history: HoldingHistoryEntry[];
  /** A draft that was verified before: entries after this version are highlighted. */
  highlightAfter: number | null;
  departmentNames: Map<number, string>;
}

/** 変更履歴: every action on the entry, newest first; for changes, 項目 / 変更前 / 変更後. */
export function Timeline({ history, highlightAfter, departmentNames }: TimelineProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();

  const label = (field: string) => (i18n.exists(`holdingFields.${field}`) ? t(`holdingFields.${field}`) : field);
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('timeline.empty');
    if (typeof v === 'boolean') return v ? t('timeline.yes') : t('timeline.no');
    if (Array.isArray(v)) return v.map(String).join(t('timeline.listSeparator'));
    if (field === 'departmentId' && typeof v === 'number') return departmentNames.get(v) ?? String(v);
    if (field === 'medium' && typeof v === 'string' && i18n.exists(`holdingMedia.${v}`)) return t(`holdingMedia.${v}`);
    if (field === 'status' && typeof v === 'string' && i18n.exists(`holdingStatus.${v}`)) return t(`holdingStatus.${v}`);
    if (field === 'lastReviewedAt' && typeof v === 'string') return dayOf(fmt, v);
    if ((field === 'useUntil' || field === 'retentionUntil') && typeof v === 'string') return fmt.date(v);
    if (typeof v === 'number') return v.toLocaleString('ja-JP');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };

  return (
    <section className="subpanel" aria-labelledby="holding-timeline-title">
      <h2 id="holding-timeline-title">{t('timeline.title')}</h2>
      {history.length === 0 && <p className="muted">{t('timeline.none')}</p>}
      <ol className="timeline" data-testid="holding-timeline">
        {history.map((e) => {
          const highlighted = highlightAfter !== null && e.version > highlightAfter;
          const registered = e.action === 'create' || e.action === 'import';
          const shown = registered ? e.changes.filter((c) => value(c.field, c.after) !== t('timeline.empty')) : e.changes;
          return (
            <li key={e.id} className={`timeline-entry action-${e.action}${highlighted ? ' timeline-highlight' : ''}`} data-testid="timeline-entry" data-action={e.action}>
              <div className="timeline-head">
                <span className={`flag timeline-action`}>{t(`historyActions.${e.action}`)}</span>
                <span className="timeline-at">{fmt.instant(e.at)}</span>
                <span className="timeline-who">{e.userName}</span>
                <span className="muted">{t('timeline.version', { version: e.version })}</span>
                {highlighted && <span className="flag flag-expiringSoon">{t('timeline.sinceVerified')}</span>}
              </div>
              {e.note && <p className="timeline-note">{t('timeline.note', { note: e.note })}</p>}
              {shown.length > 0 && registered && (
                <details className="timeline-registered">
                  <summary>{t('timeline.registeredContent', { count: shown.length })}</summary>
                  <table className="data-table change-table">
                    <tbody>
                      {shown.map((c) => (
                        <tr key={c.field}>
                          <th scope="row">{label(c.field)}</th>
                          <td className="wrap">{value(c.field, c.after)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              )}
              {shown.length > 0 && !registered && (
                <table className="data-table change-table">
                  <thead>
                    <tr>
                      <th>{t('timeline.field')}</th>
                      <th>{t('timeline.before')}</th>
                      <th>{t('timeline.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((c) => (
                      <tr key={c.field}>
                        <td className="cell-text">{label(c.field)}</td>
                        <td className="wrap change-before">{value(c.field, c.before)}</td>
                        <td className="wrap change-after">{value(c.field, c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
