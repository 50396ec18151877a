import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, Result } from '../../db/contract';
import { useApi } from '../api';
import { FormFailure } from '../components/forms';
import { RecoveryKeyPanel } from '../components/RecoveryKeyPanel';
import { useActivity } from '../useActivity';

interface PendingRecoveryKeyProps {
  /** The key was acknowledged (or main no longer has one waiting): go on to the app. */
  onDone(): void;
  onSessionProblem(): void;
}

/**
 * A recovery key was issued (at setup, or reissued from 設定) and its printing and storage
 * not yet acknowledged when the screen locked or the window reloaded. Main keeps it in
 * memory until then; the user comes back here, to the same panel, before anything else.
 */
export function PendingRecoveryKey({ onDone, onSessionProblem }: PendingRecoveryKeyProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<{ version: number; result: Result<ChannelOutput<'keys.pendingRecoveryKey'>> } | null>(null);
  useActivity(true, onSessionProblem);

  useEffect(() => {
    let cancelled = false;
    void api('keys.pendingRecoveryKey', {}).then((result) => {
      if (cancelled) return;
      // Nothing waiting after all (acknowledged elsewhere): there is nothing to show.
      if (!result.ok && result.code === 'NO_PENDING_RECOVERY_KEY') onDone();
      else setLoaded({ version, result });
    });
    return () => {
      cancelled = true;
    };
  }, [api, version, onDone]);

  const current = loaded?.version === version ? loaded.result : null;

  return (
    <div className="page-center">
      <div className="card card-wide" data-testid="recovery-pending" aria-busy={current === null}>
        <h1>{t('recoveryKey.pendingTitle')}</h1>
        <p className="lead">{t('recoveryKey.pendingIntro')}</p>
        {current === null && <p>{t('common.loading')}</p>}
        {current && !current.ok && (
          <>
            <FormFailure failure={current} />
            <div className="actions">
              <button type="button" onClick={() => setVersion((v) => v + 1)}>
                {t('common.retry')}
              </button>
            </div>
          </>
        )}
        {current?.ok && <RecoveryKeyPanel recoveryKey={current.data.recoveryKey} onAcknowledged={onDone} />}
      </div>
    </div>
  );
}
