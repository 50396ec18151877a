import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupVerifyReport } from '../../../../db/contract';
import { useApi } from '../../../api';
import { FormButtons, FormFailure } from '../../../components/forms';
import { useSubmit } from '../../../components/useSubmit';
import { BackupSummaryFacts, formatBytes } from './BackupSummaryFacts';
import { SecretFields, emptySecret, secretInput, type Secret } from './SecretFields';
import { BackupProgressBar, useBackupProgress } from './useBackupProgress';

/** バックアップの検証: main asks for the file; the report says each check in words, not only a mark. */
export function BackupVerify({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const { progress, reset } = useBackupProgress('verify');
  const [secret, setSecret] = useState<Secret>(emptySecret);
  const [report, setReport] = useState<BackupVerifyReport | null>(null);

  function run() {
    setReport(null);
    reset();
    void submit.run(
      () => api('backup.verify', secretInput(secret)),
      (r) => {
        setReport(r);
        setSecret((s) => ({ ...s, value: '' }));
        onDone();
      },
    );
  }

  return (
    <form className="subpanel" onSubmit={submit.onSubmit(run)} noValidate data-testid="backup-verify-form">
      <h2>{t('backup.verifyTitle')}</h2>
      <p>{t('backup.verifyIntro')}</p>
      <FormFailure failure={submit.failure} fields={['passphrase', 'recoveryKey']} />
      <SecretFields secret={secret} onChange={setSecret} submit={submit} testId="backup-verify" />
      <BackupProgressBar progress={submit.busy ? progress : null} testId="backup-verify-progress" />
      <FormButtons busy={submit.busy} submitLabel={t('backup.verifySubmit')} testId="backup-verify-submit" />
      {report && <VerifyReport report={report} />}
    </form>
  );
}

function VerifyReport({ report }: { report: BackupVerifyReport }) {
  const { t } = useTranslation();
  return (
    <div className={`alert ${report.ok ? 'alert-ok' : 'alert-error'}`} role="status" data-testid="backup-verify-result" data-ok={report.ok}>
      <p>
        <strong>{t(report.ok ? 'backup.verifyOk' : 'backup.verifyFailed', { file: report.fileName, size: formatBytes(report.bytes) })}</strong>
      </p>
      <ul className="backup-checks" data-testid="backup-verify-checks">
        {report.checks.map((c) => (
          <li key={c.id} data-testid={`backup-check-${c.id}`} data-ok={c.ok}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {t(`backup.check_${c.id}`)}: {t(c.ok ? 'backup.checkPassed' : 'backup.checkFailed')} — {t(c.messageKey, c.params)}
          </li>
        ))}
      </ul>
      {report.manifest && <BackupSummaryFacts summary={report.manifest} testId="backup-verify-manifest" />}
    </div>
  );
}
