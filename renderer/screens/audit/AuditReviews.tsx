import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditReview, Failure } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { FormFailure, TextAreaField, TextField, localIssues, useIssue } from '../../components/forms';
import { todayLocal } from '../../format/dates';
import { useLoad } from '../../useLoad';

/**
 * Access-log reviews, themselves recorded (seed 004 case 5: reviews that left no record).
 * Each review pins the chain head it looked at, so a later change to the log shows.
 */
export function AuditReviews() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const reviews = useLoad('audit.reviews.list', {});
  const [created, setCreated] = useState<AuditReview | null>(null);

  return (
    <div>
      {can('audit.review') && (
        <ReviewForm
          onCreated={(r) => {
            setCreated(r);
            reviews.reload();
          }}
        />
      )}
      {created && (
        <div className={created.chainOk ? 'alert alert-ok' : 'alert alert-error'} role="status" data-testid="audit-review-result">
          <p>{t('reviews.recorded', { from: fmt.date(created.periodFrom), to: fmt.date(created.periodTo), seq: created.reviewedThroughSeq })}</p>
          <p>{created.chainOk ? t('reviews.chainOk') : t('reviews.chainBroken')}</p>
          <p className="muted">
            {t('reviews.headHash')} <code className="hash">{created.headHash}</code>
          </p>
        </div>
      )}
      <h2>{t('reviews.listTitle')}</h2>
      <FormFailure failure={reviews.failure} />
      <div className="table-wrap">
        <table className="data-table" data-testid="audit-reviews-table" aria-busy={reviews.loading}>
          <thead>
            <tr>
              <th>{t('reviews.createdAt')}</th>
              <th>{t('reviews.reviewer')}</th>
              <th>{t('reviews.period')}</th>
              <th>{t('reviews.throughSeq')}</th>
              <th>{t('reviews.chain')}</th>
              <th>{t('reviews.findings')}</th>
            </tr>
          </thead>
          <tbody>
            {reviews.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  {t('reviews.none')}
                </td>
              </tr>
            )}
            {reviews.data?.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{fmt.instant(r.createdAt)}</td>
                <td>{r.reviewerName}</td>
                <td className="nowrap">{t('reviews.periodRange', { from: fmt.date(r.periodFrom), to: fmt.date(r.periodTo) })}</td>
                <td className="monospace">{r.reviewedThroughSeq}</td>
                <td>
                  <span className={r.chainOk ? 'flag flag-ok' : 'flag flag-expired'} title={r.headHash}>
                    {r.chainOk ? t('reviews.chainOkShort') : t('reviews.chainBrokenShort')}
                  </span>
                </td>
                <td className="wrap prewrap">{r.findings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ReviewForm({ onCreated }: { onCreated(review: AuditReview): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [periodFrom, setFrom] = useState('');
  const [periodTo, setTo] = useState(() => todayLocal());
  const [findings, setFindings] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (periodFrom && periodTo && periodFrom > periodTo) {
      setFailure(localIssues([{ path: 'periodTo', messageKey: 'validation.dateRangeOrder' }]));
      return;
    }
    setBusy(true);
    const r = await api('audit.reviews.create', { periodFrom, periodTo, findings });
    setBusy(false);
    if (r.ok) {
      setFailure(null);
      setFindings('');
      onCreated(r.data);
    } else setFailure(r);
  }

  return (
    <form onSubmit={submit} noValidate className="subpanel">
      <h2>{t('reviews.formTitle')}</h2>
      <p className="muted">{t('reviews.formExplanation')}</p>
      <FormFailure failure={failure} fields={['periodFrom', 'periodTo', 'findings']} />
      <div className="filter-row">
        <TextField label={t('reviews.periodFrom')} type="date" value={periodFrom} onChange={setFrom} error={issue('periodFrom')} required testId="audit-review-from" />
        <TextField label={t('reviews.periodTo')} type="date" value={periodTo} onChange={setTo} error={issue('periodTo')} required testId="audit-review-to" />
      </div>
      <TextAreaField label={t('reviews.findings')} value={findings} onChange={setFindings} error={issue('findings')} hint={t('reviews.findingsHint')} rows={4} testId="audit-review-findings" />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy} data-testid="audit-review-submit">
          {t('reviews.submit')}
        </button>
      </div>
    </form>
  );
}
