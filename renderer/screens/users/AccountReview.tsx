import { useTranslation } from 'react-i18next';
import type { AccountReviewRow } from '../../../db/contract';
import { useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormFailure } from '../../components/forms';
import { useLoad } from '../../useLoad';

/**
 * The periodic account review: who should no longer have access (seed 004 case 4: a
 * transferred employee kept access). Accounts with findings come first.
 */
export function AccountReview() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const review = useLoad('users.accountReview', {});
  const rows = [...(review.data ?? [])].sort((a, b) => b.flags.length - a.flags.length);
  const flagged = rows.filter((r) => r.flags.length > 0).length;
  const columns: Column<AccountReviewRow>[] = [
    { id: 'loginId', header: t('fields.loginId'), className: 'monospace', headerClassName: '', cell: (r) => r.loginId },
    { id: 'displayName', header: t('fields.displayName'), cell: (r) => r.displayName },
    { id: 'role', header: t('fields.role'), cell: (r) => t(`roles.${r.role}`) },
    { id: 'department', header: t('fields.department'), cell: (r) => r.departmentName },
    { id: 'validUntil', header: t('fields.validUntil'), cell: (r) => fmt.date(r.validUntil) },
    { id: 'lastLoginAt', header: t('fields.lastLoginAt'), cell: (r) => (r.lastLoginAt ? fmt.instant(r.lastLoginAt) : t('users.neverLoggedIn')) },
    {
      id: 'findings',
      header: t('review.findings'),
      cell: (r) =>
        r.flags.length === 0 ? (
          <span className="muted">{t('review.noFindings')}</span>
        ) : (
          r.flags.map((f) => (
            <span key={f} className={`flag flag-${f}`}>
              {t(`review.flag_${f}`)}
            </span>
          ))
        ),
    },
  ];

  return (
    <div>
      <p className="lead">{t('review.explanation')}</p>
      <FormFailure failure={review.failure} />
      {review.data && (
        <p role="status" data-testid="account-review-summary">
          {t('review.summary', { total: rows.length, flagged })}
        </p>
      )}
      <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} rowProps={(r) => ({ className: r.flags.length ? 'row-flagged' : undefined })} busy={review.loading} testId="account-review-table" />
    </div>
  );
}
