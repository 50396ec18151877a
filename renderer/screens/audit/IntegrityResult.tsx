import { useTranslation } from 'react-i18next';
import type { IntegrityCheck } from '../../../db/contract';

/**
 * 改ざん検査 of the database file (issue #9, 7): each check in words — which check, how many
 * problems, the first few (a page whose HMAC fails, SQLite's own message), and what to do.
 */
export function IntegrityResult({ checks }: { checks: IntegrityCheck[] }) {
  const { t } = useTranslation();
  const damaged = checks.some((c) => !c.ok);
  return (
    <div data-testid="audit-integrity">
      <p>
        <strong>{t('auditIntegrity.title')}</strong>
      </p>
      <ul>
        {checks.map((c) => {
          const check = t(`auditIntegrity.check_${c.check}`);
          return (
            <li key={c.check} data-testid={`audit-integrity-${c.check}`}>
              {c.ok ? t('auditIntegrity.ok', { check }) : t('auditIntegrity.problems', { check, count: c.problems })}
              {c.findings.length > 0 && (
                <ul>
                  {c.findings.map((f, i) => (
                    <li key={i}>{finding(t, f)}</li>
                  ))}
                  {c.problems > c.findings.length && <li>{t('auditIntegrity.more', { count: c.problems - c.findings.length })}</li>}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {damaged && <p data-testid="audit-integrity-what-to-do">{t('auditIntegrity.whatToDo')}</p>}
    </div>
  );
}

function finding(t: (key: string, params?: Record<string, unknown>) => string, f: IntegrityCheck['findings'][number]): string {
  if (f.kind === 'hmac') return t('auditIntegrity.hmac', { page: f.page });
  if (f.kind === 'aborted') return t('auditIntegrity.aborted', { text: f.text });
  return f.page !== null ? t('auditIntegrity.sqlitePage', { page: f.page, text: f.text }) : t('auditIntegrity.sqlite', { text: f.text });
}
