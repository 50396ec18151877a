import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../db/contract';
import { TextField, localIssues } from './forms';

/** A new password typed twice: the two values, and the check that they match. */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return {
    password,
    setPassword,
    confirm,
    setConfirm,
    /** The local failure (on 'confirm') when the two entries differ, else null. */
    mismatch(): Failure | null {
      return password !== confirm ? localIssues([{ path: 'confirm', messageKey: 'validation.passwordMismatch' }]) : null;
    },
    clear() {
      setPassword('');
      setConfirm('');
    },
  };
}

interface NewPasswordFieldsProps {
  fields: ReturnType<typeof useNewPassword>;
  issue(path: string): string | undefined;
  /** Label of the first field; the second is always fields.passwordConfirm. */
  label: string;
  /** Issue path of the first field (the confirmation's is 'confirm'). */
  path: string;
  hint?: string | undefined;
  autoFocus?: boolean;
  testId?: string;
  confirmTestId?: string;
}

/** The "new password" and "confirm password" fields. */
export function NewPasswordFields({ fields, issue, label, path, hint, autoFocus, testId, confirmTestId }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={label} type="password" value={fields.password} onChange={fields.setPassword} error={issue(path)} hint={hint} required autoFocus={autoFocus} autoComplete="new-password" testId={testId} />
      <TextField label={t('fields.passwordConfirm')} type="password" value={fields.confirm} onChange={fields.setConfirm} error={issue('confirm')} required autoComplete="new-password" testId={confirmTestId} />
    </>
  );
}
