import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../db/contract';
import { call } from '../api';
import { FormFailure, TextField } from '../components/forms';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useSubmit } from '../components/useSubmit';

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
  const submit = useSubmit();

  async function unlock() {
    await submit.run(() => call('session.unlock', { password }), onUnlocked, {
      // The session ended meanwhile (expired): there is nothing left to unlock.
      shown: (f) => {
        if (f.code !== 'NOT_AUTHENTICATED') return f;
        onLoggedOut();
        return null;
      },
    });
    setPassword('');
  }
  async function switchUser() {
    // Whatever main answers, this terminal goes back to the login screen.
    await submit.run(() => call('auth.logout', {}), undefined, { shown: () => null });
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
        <form onSubmit={submit.onSubmit(unlock)} noValidate>
          <FormFailure failure={submit.failure} fields={['password']} />
          <TextField label={t('fields.password')} type="password" value={password} onChange={setPassword} error={submit.issue('password')} required autoFocus autoComplete="current-password" testId="lock-password" />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={submit.busy} data-testid="lock-unlock">
              {t('lock.unlock')}
            </button>
            <button type="button" onClick={() => void switchUser()} disabled={submit.busy} data-testid="lock-switch-user">
              {t('lock.switchUser')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
