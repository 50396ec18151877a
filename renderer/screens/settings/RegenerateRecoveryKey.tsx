import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api';
import { FormFailure } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { RecoveryKeyPanel } from '../../components/RecoveryKeyPanel';
import { useSubmit } from '../../components/useSubmit';

/**
 * 回復キーの再発行: the new key replaces the old one at once (a single recovery slot), and
 * can be printed until it is acknowledged. Needs a fresh password (reauth), which the
 * prompt flow in useApi asks for.
 */
export function RegenerateRecoveryKey() {
  const { t } = useTranslation();
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = useSubmit();

  function regenerate() {
    setConfirming(false);
    setDone(false);
    submit.fail(null);
    void submit.run(() => api('keys.regenerateRecoveryKey', {}), (r) => setRecoveryKey(r.recoveryKey));
  }

  return (
    <div className="subpanel">
      <h2>{t('settings.recoveryKeyTitle')}</h2>
      <p>{t('settings.recoveryKeyExplanation')}</p>
      <FormFailure failure={submit.failure} />
      {done && (
        <p className="notice" role="status">
          {t('settings.recoveryKeyDone')}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => setConfirming(true)} disabled={submit.busy} data-testid="settings-regenerate-key">
          {t('settings.regenerate')}
        </button>
      </div>
      {confirming && (
        <Modal title={t('settings.recoveryKeyTitle')} onClose={() => setConfirming(false)}>
          <p>{t('settings.regenerateConfirm')}</p>
          <div className="actions">
            <button type="button" className="button-primary" onClick={regenerate} autoFocus data-testid="settings-regenerate-confirm">
              {t('settings.regenerate')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </Modal>
      )}
      {recoveryKey && (
        // No way to dismiss it: the new key is already in force and the old one is gone, so it
        // must be printed and put away before the dialog can close.
        <Modal title={t('settings.newRecoveryKey')} wide testId="recovery-key-dialog">
          <RecoveryKeyPanel
            recoveryKey={recoveryKey}
            onAcknowledged={() => {
              setRecoveryKey(null);
              setDone(true);
            }}
          />
        </Modal>
      )}
    </div>
  );
}
