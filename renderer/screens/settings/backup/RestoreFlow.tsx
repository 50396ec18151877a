import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestorePreview } from '../../../../db/contract';
import { call, useApi } from '../../../api';
import { useFormat } from '../../../appContext';
import { FormButtons, FormFailure } from '../../../components/forms';
import { Modal } from '../../../components/Modal';
import { useSubmit } from '../../../components/useSubmit';
import { BackupSummaryFacts } from './BackupSummaryFacts';
import { RestoreComparison } from './RestoreComparison';
import { SecretFields, emptySecret, secretInput, type Secret } from './SecretFields';
import { BackupProgressBar, useBackupProgress } from './useBackupProgress';

/**
 * 復元: open a file with its passphrase, see what it holds beside the current data, confirm
 * naming the backup's date, restore. In 設定 (`mode: 'settings'`, the chief, re-authenticated)
 * main ends the session afterwards; on a fresh install (`mode: 'setup'`) there is no session,
 * nor on the login screen over a database a login found damaged (`mode: 'damaged'`, issue #9, 7).
 * Either way the app then goes to the login screen, told by `onRestored`.
 */
export function RestoreFlow({ mode, onRestored, onCancel }: { mode: 'settings' | 'setup' | 'damaged'; onRestored(): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const open = useSubmit();
  const commit = useSubmit();
  const { progress, reset } = useBackupProgress('restore');
  const [secret, setSecret] = useState<Secret>(emptySecret);
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [confirming, setConfirming] = useState(false);

  function openFile() {
    setPreview(null);
    void open.run(
      () => (mode === 'settings' ? api('backup.restore.open', secretInput(secret)) : call('setup.restore.open', secretInput(secret))),
      (p) => {
        setPreview(p);
        setSecret((s) => ({ ...s, value: '' }));
      },
    );
  }

  function restore() {
    if (!preview) return;
    setConfirming(false);
    reset();
    const input = { restoreId: preview.restoreId };
    void commit.run(() => (mode === 'settings' ? api('backup.restore.commit', input) : call('setup.restore.commit', input)), onRestored);
  }

  return (
    <div className="subpanel" data-testid="backup-restore">
      {mode === 'settings' && <h2>{t('backup.restoreTitle')}</h2>}
      <p>{t({ settings: 'backup.restoreIntro', setup: 'backup.setupRestoreIntro', damaged: 'backup.damagedRestoreIntro' }[mode])}</p>
      {!preview && (
        <form onSubmit={open.onSubmit(openFile)} noValidate data-testid="backup-restore-open-form">
          <FormFailure failure={open.failure} fields={['passphrase', 'recoveryKey']} />
          <SecretFields secret={secret} onChange={setSecret} submit={open} testId="backup-restore" />
          <FormButtons busy={open.busy} submitLabel={t('backup.restoreOpen')} onCancel={onCancel} cancelLabel={t('common.back')} testId="backup-restore-open" />
        </form>
      )}
      {preview && (
        <>
          <p data-testid="backup-restore-file">{t('backup.restoreFile', { file: preview.fileName })}</p>
          {!preview.current && <BackupSummaryFacts summary={preview.backup} />}
          <RestoreComparison preview={preview} />
          <FormFailure failure={commit.failure} />
          <BackupProgressBar progress={commit.busy ? progress : null} testId="backup-restore-progress" />
          <div className="actions">
            <button type="button" className="button-danger" onClick={() => setConfirming(true)} disabled={commit.busy} data-testid="backup-restore-start">
              {t('backup.restoreSubmit')}
            </button>
            <button type="button" onClick={() => setPreview(null)} disabled={commit.busy}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
      {confirming && preview && (
        <Modal title={t('backup.restoreTitle')} onClose={() => setConfirming(false)} testId="backup-restore-confirm-dialog">
          <p>{t(preview.current ? 'backup.restoreConfirm' : 'backup.setupRestoreConfirm', { date: fmt.instant(preview.backup.createdAt) })}</p>
          <div className="actions">
            <button type="button" className="button-danger" onClick={restore} data-testid="backup-restore-confirm">
              {t('backup.restoreConfirmButton', { date: fmt.instant(preview.backup.createdAt) })}
            </button>
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
