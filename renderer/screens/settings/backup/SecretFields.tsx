import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/forms';
import type { Submit } from '../../../components/useSubmit';

/** What opens a backup: its passphrase, or the organisation's 回復キー at backup time. */
export interface Secret {
  kind: 'passphrase' | 'recoveryKey';
  value: string;
}

export const emptySecret: Secret = { kind: 'passphrase', value: '' };

export function secretInput(s: Secret): { passphrase: string } | { recoveryKey: string } {
  return s.kind === 'passphrase' ? { passphrase: s.value } : { recoveryKey: s.value };
}

/** The passphrase field, or the recovery key field, and the switch between them. */
export function SecretFields({ secret, onChange, submit, testId }: { secret: Secret; onChange(s: Secret): void; submit: Submit; testId: string }) {
  const { t } = useTranslation();
  const other = secret.kind === 'passphrase' ? 'recoveryKey' : 'passphrase';
  return (
    <>
      {secret.kind === 'passphrase' ? (
        <TextField label={t('backup.passphrase')} type="password" value={secret.value} onChange={(value) => onChange({ kind: 'passphrase', value })} error={submit.issue('passphrase')} required autoComplete="off" maxLength={256} testId={`${testId}-passphrase`} />
      ) : (
        <TextField label={t('backup.recoveryKey')} value={secret.value} onChange={(value) => onChange({ kind: 'recoveryKey', value })} error={submit.issue('recoveryKey')} hint={t('backup.recoveryKeyHint')} required autoComplete="off" maxLength={200} testId={`${testId}-recovery-key`} />
      )}
      <p>
        <button type="button" className="button-link" onClick={() => onChange({ kind: other, value: '' })} data-testid={`${testId}-secret-switch`}>
          {t(other === 'recoveryKey' ? 'backup.useRecoveryKey' : 'backup.usePassphrase')}
        </button>
      </p>
    </>
  );
}
