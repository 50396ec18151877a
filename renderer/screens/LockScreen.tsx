import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, SessionInfo } from '../../db/contract';
import { call } from '../api';
import { FormFailure, TextField, useIssue } from '../components/forms';
import { LanguageSwitch } from '../components/LanguageSwitch';

interface LockScreenProps {
  session: SessionInfo;
  onUnlocked(session: SessionInfo): void;
  onLoggedOut(): void;
}

/**
 * MIC §33: while locked nothing of the app is rendered, only who holds the session and a
 * password field. Calls go straight to `call`, not through the prompt flows.
 */
export function LockScreen({ session, onUnlocked, onLoggedOut }: LockScreenProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function unlock(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('session.unlock', { password });
    setBusy(false);
    setPassword('');
    if (r.ok) onUnlocked(r.data);
    else if (r.code === 'NOT_AUTHENTICATED') onLoggedOut();
    else setFailure(r);
  }

  async function switchUser() {
    setBusy(true);
    await call('auth.logout', {});
    setBusy(false);
    onLoggedOut();
  }

  return (
    <div className="page-center lock-screen" data-testid="lock-screen">
      <div className="card">
        <div className="card-topline">
          <h1>{t('lock.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="lock-user" data-testid="lock-user">
          {t('lock.lockedBy', { name: session.displayName, loginId: session.loginId })}
        </p>
        <form onSubmit={unlock} noValidate>
          <FormFailure failure={failure} fields={['password']} />
          <TextField label={t('fields.password')} type="password" value={password} onChange={setPassword} error={issue('password')} required autoFocus autoComplete="current-password" testId="lock-password" />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy} data-testid="lock-unlock">
              {t('lock.unlock')}
            </button>
            <button type="button" onClick={() => void switchUser()} disabled={busy} data-testid="lock-switch-user">
              {t('lock.switchUser')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
