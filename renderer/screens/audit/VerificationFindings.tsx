import { useTranslation } from 'react-i18next';
import type { VerificationFinding } from '../../../db/contract';

/**
 * What 改ざん検査 found beyond the chain's own hashes (db/core/auditFindings.ts), each in
 * words naming it: the pin that no longer matches (a review, a backup, the anchor file) and
 * how many events are missing, or the ledger row and the fields that differ from the log.
 */
export function VerificationFindings({ findings }: { findings: VerificationFinding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <div data-testid="audit-findings">
      <p>
        <strong>{t('tamperFindings.title', { count: findings.length })}</strong>
      </p>
      <ul>
        {findings.map((f, i) => (
          <li key={i} data-testid={`audit-finding-${f.kind}`}>
            {findingWords(t, f)}
          </li>
        ))}
      </ul>
      <p>{t('tamperFindings.whatToDo')}</p>
    </div>
  );
}

function findingWords(t: (key: string, params?: Record<string, unknown>) => string, f: VerificationFinding): string {
  const { source, ledger, more, ...rest } = f.params;
  // Beyond the listed few of one kind, only their number.
  if (more !== undefined) return t('tamperFindings.more', { count: more });
  // A pin's words say which record pinned it (a review, a backup, the anchor file).
  const key = typeof source === 'string' ? `${f.kind}_${source}` : f.kind === 'rowChanged' && f.fieldKeys.length === 0 ? 'rowChangedOther' : f.kind;
  return t(`tamperFindings.${key}`, {
    ...rest,
    ledger: typeof ledger === 'string' ? t(ledger) : '',
    fields: f.fieldKeys.map((field) => t(field)).join(t('common.listSeparator')),
  });
}
