import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../db/contract';
import { useApi } from '../../../api';
import { FormButtons, FormFailure, SelectField, TextField, localIssues } from '../../../components/forms';
import { useLoad } from '../../../useLoad';
import { useSubmit } from '../../../components/useSubmit';
import { formatBytes, groupedHash } from './BackupSummaryFacts';
import { BackupProgressBar, useBackupProgress } from './useBackupProgress';

/** The passphrase rule of db/contract/backup.ts (backupPassphrase), shown beside the field. */
export const passphraseMinLength = 12;

interface ExportDraft {
  passphrase: string;
  passphraseConfirm: string;
  keepGenerations: string;
  mediumLabel: string;
  mediumLocation: string;
  /** A registered backup medium (issue #10 item 6): main records its 管理番号 and place. */
  mediumId: string;
}

const fields = ['passphrase', 'passphraseConfirm', 'keepGenerations', 'mediumLabel', 'mediumLocation', 'mediumId'];

/**
 * バックアップの作成: main asks where to write (the removable drive) and does the work in a
 * worker; the bar follows its progress events. The result is what goes on the medium's label.
 */
export function BackupExport({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const { progress, reset } = useBackupProgress('export');
  const [draft, setDraft] = useState<ExportDraft>({ passphrase: '', passphraseConfirm: '', keepGenerations: '5', mediumLabel: '', mediumLocation: '', mediumId: '' });
  // The backup media of the 媒体管理台帳 in storage (MIC §29): the chief may name the one the backup goes on.
  const backupMedia = useLoad('media.list', { isBackupMedium: true, status: 'in_storage', pageSize: 200 });
  const chosen = draft.mediumId !== '';
  const [result, setResult] = useState<ChannelOutput<'backup.export'> | null>(null);
  const set = (k: keyof ExportDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  function check() {
    const problems: Parameters<typeof localIssues>[0] = [];
    if (draft.passphrase.length < passphraseMinLength) problems.push({ path: 'passphrase', messageKey: 'validation.tooShort', params: { minimum: passphraseMinLength } });
    if (draft.passphrase !== draft.passphraseConfirm) problems.push({ path: 'passphraseConfirm', messageKey: 'validation.passphraseMismatch' });
    return localIssues(problems);
  }

  function run() {
    setResult(null);
    reset();
    void submit.run(
      () =>
        api('backup.export', {
          passphrase: draft.passphrase,
          passphraseConfirm: draft.passphraseConfirm,
          keepGenerations: Number(draft.keepGenerations),
          ...(chosen ? { mediumId: Number(draft.mediumId) } : {}),
          ...(!chosen && draft.mediumLabel.trim() ? { mediumLabel: draft.mediumLabel } : {}),
          ...(!chosen && draft.mediumLocation.trim() ? { mediumLocation: draft.mediumLocation } : {}),
        }),
      (r) => {
        setResult(r);
        // The passphrase is not kept on screen once it has done its work.
        setDraft((d) => ({ ...d, passphrase: '', passphraseConfirm: '' }));
        onDone();
      },
      { check: check() },
    );
  }

  return (
    <form className="subpanel" onSubmit={submit.onSubmit(run)} noValidate data-testid="backup-export-form">
      <h2>{t('backup.exportTitle')}</h2>
      <p>{t('backup.exportIntro')}</p>
      <FormFailure failure={submit.failure} fields={fields} />
      <div className="filter-row">
        <TextField label={t('backup.passphrase')} type="password" value={draft.passphrase} onChange={set('passphrase')} error={submit.issue('passphrase')} hint={t('backup.passphraseRule', { minLength: passphraseMinLength })} required autoComplete="new-password" maxLength={256} testId="backup-passphrase" />
        <TextField label={t('backup.passphraseConfirm')} type="password" value={draft.passphraseConfirm} onChange={set('passphraseConfirm')} error={submit.issue('passphraseConfirm')} required autoComplete="new-password" maxLength={256} testId="backup-passphrase-confirm" />
      </div>
      <div className="filter-row">
        <TextField label={t('backup.keepGenerations')} type="number" min={1} max={20} value={draft.keepGenerations} onChange={set('keepGenerations')} error={submit.issue('keepGenerations')} hint={t('backup.keepGenerationsHint')} testId="backup-keep-generations" />
      </div>
      <div className="filter-row">
        <SelectField
          label={t('mediaWatch.backupMedium')}
          value={draft.mediumId}
          onChange={set('mediumId')}
          options={[{ value: '', label: t('mediaWatch.backupMediumNone') }, ...(backupMedia.data?.rows ?? []).map((m) => ({ value: String(m.id), label: m.storageLocationName ? `${m.mediaNo}（${m.storageLocationName}）` : m.mediaNo }))]}
          error={submit.issue('mediumId')}
          hint={t('mediaWatch.backupMediumHint')}
          testId="backup-medium-id"
        />
        <TextField label={t('backup.mediumLabel')} value={draft.mediumLabel} onChange={set('mediumLabel')} error={submit.issue('mediumLabel')} hint={t('backup.mediumLabelHint')} maxLength={100} disabled={chosen} testId="backup-medium-label" />
        <TextField label={t('backup.mediumLocation')} value={draft.mediumLocation} onChange={set('mediumLocation')} error={submit.issue('mediumLocation')} hint={t('backup.mediumLocationHint')} maxLength={200} disabled={chosen} testId="backup-medium-location" />
      </div>
      <BackupProgressBar progress={submit.busy || result ? progress : null} testId="backup-export-progress" />
      <FormButtons busy={submit.busy} submitLabel={t('backup.exportSubmit')} testId="backup-export-submit" />
      {result && <ExportResult result={result} />}
    </form>
  );
}

function ExportResult({ result }: { result: ChannelOutput<'backup.export'> }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-ok" role="status" data-testid="backup-export-result">
      <p>{t('backup.exportDone')}</p>
      <dl className="facts">
        <dt>{t('backup.fileName')}</dt>
        <dd data-testid="backup-export-file">{result.fileName}</dd>
        <dt>{t('backup.size')}</dt>
        <dd>{formatBytes(result.bytes)}</dd>
        <dt>{t('backup.sha256')}</dt>
        <dd className="monospace" data-testid="backup-export-sha256">
          {groupedHash(result.sha256)}
        </dd>
      </dl>
      <p className="muted">{t('backup.sha256Hint')}</p>
      {result.removed.length > 0 && <p data-testid="backup-export-removed">{t('backup.removedGenerations', { count: result.removed.length, files: result.removed.join(t('common.listSeparator')) })}</p>}
      {result.warnings.map((w) => (
        <p key={w.messageKey} className="alert alert-warning" data-testid="backup-export-warning">
          {t(w.messageKey, w.params)}
        </p>
      ))}
    </div>
  );
}
