import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api';
import { FormButtons, FormFailure, TextField } from '../components/forms';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Modal } from '../components/Modal';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import { useSubmit } from '../components/useSubmit';

/** Current password, new password twice → auth.changePassword. */
export function ChangePasswordForm({ onChanged, onCancel }: { onChanged(): void; onCancel?: () => void }) {
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
      <NewPasswordFields fields={pw} issue={issue} label={t('fields.newPassword')} path="newPassword" testId="change-password-new" confirmTestId="change-password-confirm" />
      <FormButtons busy={submit.busy} submitLabel={t('changePassword.submit')} onCancel={onCancel} testId="change-password-submit" />
    </form>
  );
}

/** Forced after an administrator reset or a first login (session.mustChangePassword). */
export function MustChangePassword({ displayName, onChanged, onLogout }: { displayName: string; onChanged(): void; onLogout(): void }) {
  const { t } = useTranslation();
  return (
    <div className="page-center">
      <div className="card" data-testid="must-change-password">
        <div className="card-topline">
          <h1>{t('changePassword.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="lead">{t('changePassword.forced', { name: displayName })}</p>
        <ChangePasswordForm onChanged={onChanged} />
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
  return (
    <Modal title={t('changePassword.title')} onClose={() => onClose(false)} testId="change-password-dialog">
      <ChangePasswordForm onChanged={() => onClose(true)} onCancel={() => onClose(false)} />
    </Modal>
  );
}
