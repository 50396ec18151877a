import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditReview } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormButtons, FormFailure, TextAreaField, TextField, localIssues } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
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
  const columns: Column<AuditReview>[] = [
    { id: 'createdAt', header: t('reviews.createdAt'), className: 'nowrap', headerClassName: '', cell: (r) => fmt.instant(r.createdAt) },
    { id: 'reviewer', header: t('reviews.reviewer'), cell: (r) => r.reviewerName },
    { id: 'period', header: t('reviews.period'), className: 'nowrap', headerClassName: '', cell: (r) => t('reviews.periodRange', { from: fmt.date(r.periodFrom), to: fmt.date(r.periodTo) }) },
    { id: 'throughSeq', header: t('reviews.throughSeq'), className: 'monospace', headerClassName: '', cell: (r) => r.reviewedThroughSeq },
    {
      id: 'chain',
      header: t('reviews.chain'),
      cell: (r) => (
        <span className={r.chainOk ? 'flag flag-ok' : 'flag flag-expired'} title={r.headHash}>
          {r.chainOk ? t('reviews.chainOkShort') : t('reviews.chainBrokenShort')}
        </span>
      ),
    },
    { id: 'findings', header: t('reviews.findings'), className: 'wrap prewrap', headerClassName: '', cell: (r) => r.findings },
  ];

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
      <DataTable columns={columns} rows={reviews.data ?? []} rowKey={(r) => r.id} emptyText={t('reviews.none')} busy={reviews.loading || !reviews.data} testId="audit-reviews-table" />
    </div>
  );
}

function ReviewForm({ onCreated }: { onCreated(review: AuditReview): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const submit = useSubmit();
  const [periodFrom, setFrom] = useState('');
  const [periodTo, setTo] = useState(() => fmt.today());
  const [findings, setFindings] = useState('');

  const record = () =>
    submit.run(
      () => api('audit.reviews.create', { periodFrom, periodTo, findings }),
      (review) => {
        setFindings('');
        onCreated(review);
      },
      { check: periodFrom && periodTo && periodFrom > periodTo ? localIssues([{ path: 'periodTo', messageKey: 'validation.dateRangeOrder' }]) : null },
    );

  return (
    <form onSubmit={submit.onSubmit(record)} noValidate className="subpanel">
      <h2>{t('reviews.formTitle')}</h2>
      <p className="muted">{t('reviews.formExplanation')}</p>
      <FormFailure failure={submit.failure} fields={['periodFrom', 'periodTo', 'findings']} />
      <div className="filter-row">
        <TextField label={t('reviews.periodFrom')} type="date" value={periodFrom} onChange={setFrom} error={submit.issue('periodFrom')} required testId="audit-review-from" />
        <TextField label={t('reviews.periodTo')} type="date" value={periodTo} onChange={setTo} error={submit.issue('periodTo')} required testId="audit-review-to" />
      </div>
      <TextAreaField label={t('reviews.findings')} value={findings} onChange={setFindings} error={submit.issue('findings')} hint={t('reviews.findingsHint')} rows={4} testId="audit-review-findings" />
      <FormButtons busy={submit.busy} submitLabel={t('reviews.submit')} testId="audit-review-submit" />
    </form>
  );
}
