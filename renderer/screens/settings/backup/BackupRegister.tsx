import { useTranslation } from 'react-i18next';
import type { BackupRegisterRow } from '../../../../db/contract';
import { useFormat } from '../../../appContext';
import { DataTable, type Column } from '../../../components/DataTable';
import { FormFailure } from '../../../components/forms';
import type { LoadState } from '../../../useLoad';
import type { ChannelOutput } from '../../../../db/contract';
import { formatBytes, groupedHash } from './BackupSummaryFacts';

/** バックアップ記録簿: every export, verification and restore, newest first (MIC §29). */
export function BackupRegister({ register }: { register: LoadState<ChannelOutput<'backup.register'>> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<BackupRegisterRow>[] = [
    { id: 'at', header: t('backup.registerAt'), cell: (r) => fmt.instant(r.at) },
    { id: 'operation', header: t('backup.registerOperation'), cell: (r) => t(`backup.operation_${r.operation}`) },
    { id: 'actor', header: t('backup.registerActor'), cell: (r) => r.actorName },
    { id: 'file', header: t('backup.fileName'), cell: (r) => r.fileName },
    { id: 'size', header: t('backup.size'), cell: (r) => (r.bytes === null ? '—' : formatBytes(r.bytes)) },
    { id: 'sha256', header: t('backup.sha256'), cell: (r) => (r.sha256 ? <span className="monospace" title={groupedHash(r.sha256)}>{r.sha256.slice(0, 16)}…</span> : '—') },
    { id: 'medium', header: t('backup.mediumLabel'), cell: (r) => r.mediumLabel || '—' },
    { id: 'location', header: t('backup.mediumLocation'), cell: (r) => r.mediumLocation || '—' },
    { id: 'result', header: t('backup.registerResult'), cell: (r) => `${t(r.result === 'ok' ? 'backup.resultOk' : 'backup.resultFailed')}${r.messageKey ? `（${t(r.messageKey)}）` : ''}` },
  ];
  return (
    <div className="subpanel">
      <h2>{t('backup.registerTitle')}</h2>
      <FormFailure failure={register.failure} />
      <DataTable columns={columns} rows={register.data?.rows ?? []} rowKey={(r) => r.id} busy={register.loading} emptyText={t('backup.registerEmpty')} testId="backup-register-table" rowProps={(r) => ({ 'data-testid': `backup-register-${r.operation}` })} />
      {register.data && register.data.total > register.data.rows.length && <p className="muted">{t('backup.registerCapped', { shown: register.data.rows.length, total: register.data.total })}</p>}
    </div>
  );
}
