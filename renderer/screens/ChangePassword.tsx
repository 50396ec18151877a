import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../db/contract';
import { useApi } from '../api';
import { useSession } from '../appContext';
import { FormButtons, FormFailure, TextField } from '../components/forms';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Modal } from '../components/Modal';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import { useSubmit } from '../components/useSubmit';

/** Current password, new password twice → auth.changePassword. */
export function ChangePasswordForm({ policy, onChanged, onCancel }: { policy: PasswordPolicy; onChanged(): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [currentPassword, setCurrent] = useState('');
  const pw = useNewPassword();
  const submit = useSubmit();
  const issue = submit.issue;
  const change = () => submit.run(() => api('auth.changePassword', { currentPassword, newPassword: pw.password }), onChanged, { check: pw.mismatch() });

  return (
    <form onSubmit={submit.onSubmit(change)} noValidate>
      <FormFailure failure={submit.failure} fields={['currentPassword', 'newPassword', 'confirm']} />
      <TextField label={t('fields.currentPassword')} type="password" value={currentPassword} onChange={setCurrent} error={issue('currentPassword')} required autoFocus autoComplete="current-password" testId="change-password-current" />
      {/* Every rule of the policy up front: no rule met only at the second try. */}
      <NewPasswordFields fields={pw} issue={issue} label={t('fields.newPassword')} path="newPassword" hint={t('validation.passwordPolicy', policy)} testId="change-password-new" confirmTestId="change-password-confirm" />
      <FormButtons busy={submit.busy} submitLabel={t('changePassword.submit')} onCancel={onCancel} testId="change-password-submit" />
    </form>
  );
}

/** Forced after an administrator reset or a first login (session.mustChangePassword). */
export function MustChangePassword({ displayName, policy, onChanged, onLogout }: { displayName: string; policy: PasswordPolicy; onChanged(): void; onLogout(): void }) {
  const { t } = useTranslation();
  return (
    <div className="page-center">
      <div className="card" data-testid="must-change-password">
        <div className="card-topline">
          <h1>{t('changePassword.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="lead">{t('changePassword.forced', { name: displayName })}</p>
        <ChangePasswordForm policy={policy} onChanged={onChanged} />
        <p className="card-footer-link">
          <button type="button" className="button-link" onClick={onLogout}>
            {t('header.logout')}
          </button>
        </p>
      </div>
    </div>
  );
}

export function ChangePasswordDialog({ onClose }: { onClose(changed: boolean): void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <Modal title={t('changePassword.title')} onClose={() => onClose(false)} testId="change-password-dialog">
      <ChangePasswordForm policy={session.passwordPolicy} onChanged={() => onClose(true)} onCancel={() => onClose(false)} />
    </Modal>
  );
}
