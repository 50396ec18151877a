import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../appContext';

export interface TimelineChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface TimelineEntry {
  id: number | string;
  /** The action's code (data-action, CSS) and its words. */
  action: string;
  actionLabel: string;
  /** When (an instant) and who. */
  at: string;
  who: string;
  version?: number;
  note?: string;
  /** What the note is, when it is no reason (a closing record's number: 「証明書番号：R8-0001」); absent: 理由. */
  noteLabel?: string;
  /** Only the fields that changed, before and after. */
  changes: TimelineChange[];
  /** The entry registered the record: its values are shown folded, without a before. */
  registered?: boolean;
  /** A mark beside the entry (「照合後の変更」), highlighting it; absent: not highlighted. */
  highlight?: string;
}

interface TimelineProps {
  title: string;
  /** Newest first. */
  entries: TimelineEntry[];
  fieldLabel(field: string): string;
  /** A value in the record's own words (a department's name, a medium); undefined: shown as it is. */
  formatValue?(field: string, value: unknown): string | undefined;
  testId: string;
}

/** 変更履歴: every action on a record, newest first; for changes, 項目 / 変更前 / 変更後. */
export function Timeline({ title, entries, fieldLabel, formatValue, testId }: TimelineProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const empty = t('timeline.empty');
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return empty;
    const own = formatValue?.(field, v);
    if (own !== undefined) return own;
    if (typeof v === 'boolean') return v ? t('timeline.yes') : t('timeline.no');
    if (Array.isArray(v)) return v.map(String).join(t('timeline.listSeparator'));
    if (typeof v === 'number') return v.toLocaleString('ja-JP');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return (
    <section className="subpanel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {entries.length === 0 && <p className="muted">{t('timeline.none')}</p>}
      <ol className="timeline" data-testid={testId}>
        {entries.map((e) => (
          <TimelineItem key={e.id} entry={e} label={fieldLabel} value={value} empty={empty} />
        ))}
      </ol>
    </section>
  );
}

interface ItemProps {
  entry: TimelineEntry;
  label(field: string): string;
  value(field: string, v: unknown): string;
  empty: string;
}

function TimelineItem({ entry: e, label, value, empty }: ItemProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // A registration lists what was filled in; empty fields say nothing.
  const shown = e.registered ? e.changes.filter((c) => value(c.field, c.after) !== empty) : e.changes;
  return (
    <li className={`timeline-entry action-${e.action}${e.highlight ? ' timeline-highlight' : ''}`} data-testid="timeline-entry" data-action={e.action}>
      <div className="timeline-head">
        <span className="flag timeline-action">{e.actionLabel}</span>
        <span className="timeline-at">{fmt.instant(e.at)}</span>
        <span className="timeline-who">{e.who}</span>
        {e.version !== undefined && <span className="muted">{t('timeline.version', { version: e.version })}</span>}
        {e.highlight && <span className="flag flag-expiringSoon">{e.highlight}</span>}
      </div>
      {e.note && <p className="timeline-note">{e.noteLabel ? t('timeline.noteAs', { label: e.noteLabel, note: e.note }) : t('timeline.note', { note: e.note })}</p>}
      {shown.length > 0 && e.registered && (
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
      {shown.length > 0 && !e.registered && <ChangeTable changes={shown} label={label} value={value} />}
    </li>
  );
}

function ChangeTable({ changes, label, value }: { changes: TimelineChange[]; label(field: string): string; value(field: string, v: unknown): string }) {
  const { t } = useTranslation();
  return (
    <table className="data-table change-table">
      <thead>
        <tr>
          <th>{t('timeline.field')}</th>
          <th>{t('timeline.before')}</th>
          <th>{t('timeline.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <td className="cell-text">{label(c.field)}</td>
            <td className="wrap change-before">{value(c.field, c.before)}</td>
            <td className="wrap change-after">{value(c.field, c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
