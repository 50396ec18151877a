import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../../../db/contract';
import { useFormat } from '../../../appContext';

/** The access-log head as it can be read aloud: 第N件 and the hash's first 16 hex digits. */
export function AuditHead({ head }: { head: BackupSummary['auditHead'] }) {
  const { t } = useTranslation();
  return <span title={head.hash}>{t('backup.auditHead', { seq: head.seq, hash: head.hash.slice(0, 16) })}</span>;
}

/** What a backup holds, from its authenticated manifest. */
export function BackupSummaryFacts({ summary, testId }: { summary: BackupSummary; testId?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <dl className="facts" data-testid={testId}>
      <dt>{t('fields.organizationName')}</dt>
      <dd>{summary.organizationName}</dd>
      <dt>{t('backup.createdAt')}</dt>
      <dd>{fmt.instant(summary.createdAt)}</dd>
      <dt>{t('backup.createdBy')}</dt>
      <dd>{summary.createdBy}</dd>
      <dt>{t('backup.versions')}</dt>
      <dd>{t('backup.versionsValue', { app: summary.appVersion, schema: summary.schemaVersion, format: summary.formatVersion })}</dd>
      <dt>{t('backup.auditHeadLabel')}</dt>
      <dd>
        <AuditHead head={summary.auditHead} />
      </dd>
      <dt>{t('backup.recordCount')}</dt>
      <dd>{t('backup.tablesValue', { tables: Object.keys(summary.counts).length, rows: Object.values(summary.counts).reduce((a, b) => a + b, 0) })}</dd>
    </dl>
  );
}

/** A SHA-256 in groups of eight hex digits, so it can be copied by hand onto the medium's label. */
export function groupedHash(hex: string): string {
  return (hex.match(/.{1,8}/g) ?? []).join(' ');
}

/** Bytes as the clerk reads them: 12.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
