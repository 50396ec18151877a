import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../db/contract/areaVisits';
import type { ChannelOutput } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { Fact, useFactWords } from '../../components/Facts';
import { FormButtons, FormFailure, TextAreaField } from '../../components/forms';
import { StatusBadge } from '../../components/StatusBadge';
import { Timeline } from '../../components/Timeline';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { useVisitWords } from './bookWords';
import { VisitDevices, VisitFacts } from './VisitFacts';

/** One visit of the 入退室管理簿: every field, the devices in and out, its exceptions and their 確認, and its history. */
export function VisitDetail({ visitId, onBack }: { visitId: number; onBack(): void }) {
  const { t } = useTranslation();
  const loaded = useLoad('areas.visits.get', { visitId });
  const [notice, setNotice] = useState<string | null>(null);
  const back = (
    <button type="button" className="button-link back-link" onClick={onBack} data-testid="visit-back">
      {t('areaBook.backToList')}
    </button>
  );
  const data = loaded.data;
  if (!data) {
    return (
      <section className="panel" data-testid="visit-detail-loading" aria-busy={loaded.loading}>
        {back}
        <FormFailure failure={loaded.failure} />
        {!loaded.failure && <p>{t('areaBook.loading')}</p>}
      </section>
    );
  }
  const v = data.visit;
  return (
    <section className="panel holding-detail" data-testid="visit-detail">
      {back}
      <div className="detail-heading">
        <h1 data-testid="visit-detail-title">
          {t('areaBook.detailTitle', { name: v.personName })}
        </h1>
        {v.exceptions.length > 0 && <StatusBadge label={t('areaBook.exceptionMark')} tone="danger" />}
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="visit-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={loaded.failure} />
      <VisitFacts visit={v} />
      <VisitDevices visit={v} />
      <VisitExceptions
        visit={v}
        onConfirmed={() => {
          setNotice(t('areaBook.confirmDone'));
          loaded.reload();
        }}
      />
      <VisitTimeline visit={v} history={data.history} />
    </section>
  );
}

/**
 * 例外 (domain.md §4 Alerts): what made the visit stand out, who approved it at the door and why
 * (MIC §12-2), and the manager's 確認 afterwards — offered to areas.grant only; main refuses the
 * clerk who recorded it and the visitor.
 */
function VisitExceptions({ visit: v, onConfirmed }: { visit: Visit; onConfirmed(): void }) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const fmt = useFormat();
  const can = useCan();
  const { none, text } = useFactWords();
  const headingId = useId();
  const confirmed = v.exceptionConfirmedAt !== null;
  return (
    <section className="subpanel" aria-labelledby={headingId} data-testid="visit-exceptions">
      <h2 id={headingId}>{t('areaBook.exceptionsTitle')}</h2>
      {v.exceptions.length === 0 ? (
        <p className="muted">{t('areaBook.noExceptions')}</p>
      ) : (
        <>
          <div className={confirmed ? 'alert' : 'alert alert-warning'}>
            <ul data-testid="visit-exception-list">
              {v.exceptions.map((e) => (
                <li key={e} data-exception={e}>
                  {w.exception(e)}
                </li>
              ))}
            </ul>
          </div>
          <dl className="holding-facts">
            <Fact label={w.field('exceptionApprovedBy')}>{v.exceptionApprovedByName ?? none}</Fact>
            <Fact label={w.field('exceptionNote')} wide>
              {text(v.exceptionNote)}
            </Fact>
            <Fact label={w.field('exceptionConfirmedBy')}>
              {confirmed ? <span data-testid="visit-confirmed-by">{t('areaBook.byAt', { name: v.exceptionConfirmedByName ?? '', at: fmt.instant(v.exceptionConfirmedAt) })}</span> : <StatusBadge label={t('areaBook.unconfirmed')} tone="warning" />}
            </Fact>
            {confirmed && (
              <Fact label={w.field('exceptionConfirmNote')} wide>
                {text(v.exceptionConfirmNote)}
              </Fact>
            )}
          </dl>
          {!confirmed && can('areas.grant') && <ConfirmForm visit={v} onConfirmed={onConfirmed} />}
        </>
      )}
    </section>
  );
}

function ConfirmForm({ visit: v, onConfirmed }: { visit: Visit; onConfirmed(): void }) {
  const { t } = useTranslation();
  const w = useVisitWords();
  const api = useApi();
  const submit = useSubmit();
  const [note, setNote] = useState('');
  return (
    <form onSubmit={submit.onSubmit(() => submit.run(() => api('areas.visits.confirmException', { visitId: v.id, version: v.version, note }), onConfirmed))} data-testid="visit-confirm-form">
      <h3>{t('areaBook.confirmTitle')}</h3>
      <p className="field-hint">{t('areaBook.confirmHint')}</p>
      <FormFailure failure={submit.failure} fields={['note']} />
      <TextAreaField label={w.field('exceptionConfirmNote')} value={note} onChange={setNote} maxLength={500} rows={2} error={submit.issue('note')} testId="visit-confirm-note" />
      <FormButtons busy={submit.busy} submitLabel={t('areaBook.confirmSubmit')} testId="visit-confirm-submit" />
    </form>
  );
}

type VisitHistory = ChannelOutput<'areas.visits.get'>['history'];

// The check-in's entry stores ids beside the names the door showed: the name says it once.
const shownByName = new Set(['personId', 'escortUserId']);
const fieldKeys: Record<string, string> = {
  departmentId: 'areaFields.departmentId',
  personName: 'visitFields.person',
  escortName: 'visitFields.escort',
  authorizationId: 'visitFields.permitNo',
};

/** 変更履歴: 入室, 退室 or 一括退室, 例外の確認 — newest first, values in the book's words (ids by the visit's names). */
function VisitTimeline({ visit: v, history }: { visit: Visit; history: VisitHistory }) {
  const { t, i18n } = useTranslation();
  const w = useVisitWords();
  const fmt = useFormat();
  const word = (key: string, x: unknown) => (typeof x === 'string' && i18n.exists(`${key}.${x}`) ? t(`${key}.${x}`) : undefined);
  const names: Record<string, [number | null, string | null]> = {
    areaId: [v.areaId, v.areaName],
    departmentId: [v.departmentId, v.departmentName],
    authorizationId: [v.authorizationId, v.permitNo],
    exceptionApprovedBy: [null, v.exceptionApprovedByName],
    recordedBy: [null, v.recordedByName],
  };
  const formatValue = (field: string, x: unknown): string | undefined => {
    const named = names[field];
    // Only the check-in writes these, and a visit never changes them: the visit's own names.
    if (named && typeof x === 'number') return named[1] ?? undefined;
    if ((field === 'enteredAt' || field === 'exitedAt') && typeof x === 'string') return fmt.instant(x);
    if (field === 'enteredOn' && typeof x === 'string') return fmt.date(x);
    if (field === 'personKind') return word('personKind', x);
    if (field === 'badgeReturned' && typeof x === 'boolean') return t(x ? 'badgeReturned.returned' : 'badgeReturned.notReturned');
    if (field === 'exceptions' && Array.isArray(x)) return x.map((e) => word('visitException', e) ?? String(e)).join(t('timeline.listSeparator'));
    if ((field === 'devicesIn' || field === 'devicesOut') && Array.isArray(x)) return x.map((d) => deviceText(d, (r) => word('inspectionResult', r))).join(t('timeline.listSeparator'));
    return undefined;
  };
  const fieldLabel = (field: string) => (fieldKeys[field] ? t(fieldKeys[field]) : w.historyField(field));
  const entries = history.map((e) => ({
    id: e.id,
    action: e.action,
    actionLabel: w.history(e.action),
    at: e.at,
    who: e.userName,
    version: e.version,
    note: e.note,
    changes: e.changes.filter((c) => !shownByName.has(c.field)),
    registered: e.action === 'checkIn',
  }));
  return <Timeline title={t('timeline.title')} entries={entries} fieldLabel={fieldLabel} formatValue={formatValue} testId="visit-timeline" />;
}

/** A device in a history entry: its label and, when known, the inspection's word. */
function deviceText(d: unknown, inspection: (r: unknown) => string | undefined): string {
  if (typeof d !== 'object' || d === null) return String(d);
  const { label, inspection: result } = d as { label?: unknown; inspection?: unknown };
  const said = inspection(result);
  return said ? `${String(label)} (${said})` : String(label);
}
