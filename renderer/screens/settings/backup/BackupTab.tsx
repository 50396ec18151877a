import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../appContext';
import { useLoad } from '../../../useLoad';
import { BackupExport } from './BackupExport';
import { BackupRegister } from './BackupRegister';
import { BackupVerify } from './BackupVerify';
import { RestoreFlow } from './RestoreFlow';

/**
 * 設定 → バックアップ (the chief only, 'backup.manage'): export to removable media, verify,
 * restore, and the register of all three. After a restore main ends the session
 * (`session.ended`, reason 'restored') and App shows the login screen with a notice.
 */
export function BackupTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const status = useLoad('backup.status', {});
  const register = useLoad('backup.register', { limit: 200 });
  const changed = () => {
    status.reload();
    register.reload();
  };
  return (
    <div data-testid="backup-tab">
      {status.data && (
        <p className="muted" data-testid="backup-status">
          {t('backup.statusLine', {
            exported: status.data.lastExportAt ? fmt.instant(status.data.lastExportAt) : t('backup.never'),
            verified: status.data.lastVerifiedAt ? fmt.instant(status.data.lastVerifiedAt) : t('backup.never'),
          })}
        </p>
      )}
      <BackupExport onDone={changed} />
      <BackupVerify onDone={changed} />
      {/* Nothing to do here on success: the session ends and App moves to the login screen. */}
      <RestoreFlow mode="settings" onRestored={changed} />
      <BackupRegister register={register} />
    </div>
  );
}
