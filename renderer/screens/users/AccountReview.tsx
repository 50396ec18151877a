import { useTranslation } from 'react-i18next';
import { useFormat } from '../../appContext';
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

  return (
    <div>
      <p className="lead">{t('review.explanation')}</p>
      <FormFailure failure={review.failure} />
      {review.data && (
        <p role="status" data-testid="account-review-summary">
          {t('review.summary', { total: rows.length, flagged })}
        </p>
      )}
      <div className="table-wrap">
        <table className="data-table" data-testid="account-review-table" aria-busy={review.loading}>
          <thead>
            <tr>
              <th>{t('fields.loginId')}</th>
              <th>{t('fields.displayName')}</th>
              <th>{t('fields.role')}</th>
              <th>{t('fields.department')}</th>
              <th>{t('fields.validUntil')}</th>
              <th>{t('fields.lastLoginAt')}</th>
              <th>{t('review.findings')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && !review.loading && (
              <tr>
                <td colSpan={7} className="empty">
                  {t('common.noRows')}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className={r.flags.length ? 'row-flagged' : undefined}>
                <td className="monospace">{r.loginId}</td>
                <td>{r.displayName}</td>
                <td>{t(`roles.${r.role}`)}</td>
                <td>{r.departmentName}</td>
                <td>{fmt.date(r.validUntil)}</td>
                <td>{r.lastLoginAt ? fmt.instant(r.lastLoginAt) : t('users.neverLoggedIn')}</td>
                <td>
                  {r.flags.length === 0 ? (
                    <span className="muted">{t('review.noFindings')}</span>
                  ) : (
                    r.flags.map((f) => (
                      <span key={f} className={`flag flag-${f}`}>
                        {t(`review.flag_${f}`)}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
