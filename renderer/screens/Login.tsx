import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, SessionInfo } from '../../db/contract';
import { useApi } from '../api';
import { FormButtons, FormFailure, TextField } from '../components/forms';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import { useSubmit } from '../components/useSubmit';
import { RestoreFlow } from './settings/backup/RestoreFlow';

interface LoginProps {
  onLoggedIn(session: SessionInfo): void;
  /** After the restore a damaged database offers (issue #9, 7): back to this screen with a notice. */
  onRestored?(): void;
  /** A notice to show above the form, e.g. after an idle logout. */
  notice?: string | null;
}

export function Login({ onLoggedIn, onRestored, notice }: LoginProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'login' | 'recover' | 'restore'>('login');
  if (mode === 'restore') return <RestoreDamaged onRestored={() => (setMode('login'), onRestored?.())} onCancel={() => setMode('login')} />;
  return (
    <div className="page-center">
      <div className="card" data-testid={mode === 'login' ? 'login-screen' : 'recover-screen'}>
        <div className="card-topline">
          <h1 className="app-title">{t('app.title')}</h1>
          <LanguageSwitch />
        </div>
        {mode === 'login' ? (
          <LoginForm onLoggedIn={onLoggedIn} notice={notice} onRecover={() => setMode('recover')} onRestore={() => setMode('restore')} />
        ) : (
          <RecoverForm onLoggedIn={onLoggedIn} onBack={() => setMode('login')} onRestore={() => setMode('restore')} />
        )}
      </div>
    </div>
  );
}

function LoginForm({ onLoggedIn, notice, onRecover, onRestore }: LoginProps & { onRecover(): void; onRestore(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');

  async function login() {
    await submit.run(() => api('auth.login', { loginId, password }), onLoggedIn, {
      // At login, do not tell which of the two was wrong.
      shown: (f) => (f.code === 'WRONG_PASSWORD' ? { ...f, messageKey: 'login.wrongCredentials' } : f),
    });
    setPassword('');
  }

  return (
    <form onSubmit={submit.onSubmit(login)} noValidate>
      <h2>{t('login.title')}</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <FormFailure failure={submit.failure} fields={['loginId', 'password']} />
      <TextField label={t('fields.loginId')} value={loginId} onChange={setLoginId} error={submit.issue('loginId')} required autoFocus autoComplete="username" testId="login-id" />
      <TextField label={t('fields.password')} type="password" value={password} onChange={setPassword} error={submit.issue('password')} required autoComplete="current-password" testId="login-password" />
      <FormButtons busy={submit.busy} submitLabel={t('login.submit')} block testId="login-submit" />
      <RestoreLink failure={submit.failure} onRestore={onRestore} />
      <p className="card-footer-link">
        <button type="button" className="button-link" onClick={onRecover} data-testid="login-recover-link">
          {t('login.forgot')}
        </button>
      </p>
    </form>
  );
}

function RecoverForm({ onLoggedIn, onBack, onRestore }: { onLoggedIn(session: SessionInfo): void; onBack(): void; onRestore(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [loginId, setLoginId] = useState('');
  const pw = useNewPassword();
  const recover = () => submit.run(() => api('auth.recover', { recoveryKey, loginId, newPassword: pw.password }), onLoggedIn, { check: pw.mismatch() });

  return (
    <form onSubmit={submit.onSubmit(recover)} noValidate>
      <h2>{t('recover.title')}</h2>
      <p>{t('recover.explanation')}</p>
      <FormFailure failure={submit.failure} fields={['recoveryKey', 'loginId', 'newPassword', 'confirm']} />
      <TextField label={t('fields.recoveryKey')} value={recoveryKey} onChange={setRecoveryKey} error={submit.issue('recoveryKey')} required autoFocus autoComplete="off" inputClassName="monospace" testId="recover-key" />
      <TextField label={t('fields.chiefLoginId')} value={loginId} onChange={setLoginId} error={submit.issue('loginId')} required autoComplete="off" testId="recover-login-id" />
      <NewPasswordFields fields={pw} issue={submit.issue} label={t('fields.newPassword')} path="newPassword" testId="recover-password" confirmTestId="recover-password-confirm" />
      <FormButtons busy={submit.busy} submitLabel={t('recover.submit')} onCancel={onBack} cancelLabel={t('recover.back')} testId="recover-submit" />
      <RestoreLink failure={submit.failure} onRestore={onRestore} />
    </form>
  );
}

/** Shown after DATABASE_DAMAGED: main allows the restore only once a login found the damage (db/core/damagedDatabase.ts). */
function RestoreLink({ failure, onRestore }: { failure: Failure | null; onRestore(): void }) {
  const { t } = useTranslation();
  if (failure?.code !== 'DATABASE_DAMAGED') return null;
  return (
    <p className="card-footer-link">
      <button type="button" className="button-primary" onClick={onRestore} data-testid="login-restore-link">
        {t('login.restoreDamaged')}
      </button>
    </p>
  );
}

/** The setup wizard's restore, for a folder whose database a login found damaged. */
function RestoreDamaged({ onRestored, onCancel }: { onRestored(): void; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <div className="page-center">
      <div className="card card-wide" data-testid="login-restore">
        <div className="card-topline">
          <h1>{t('login.restoreDamagedTitle')}</h1>
          <LanguageSwitch />
        </div>
        <RestoreFlow mode="damaged" onRestored={onRestored} onCancel={onCancel} />
      </div>
    </div>
  );
}
