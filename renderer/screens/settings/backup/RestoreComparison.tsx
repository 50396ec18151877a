import { useTranslation } from 'react-i18next';
import type { RestorePreview } from '../../../../db/contract';
import { useFormat } from '../../../appContext';
import { AuditHead } from './BackupSummaryFacts';

/**
 * What a restore would do, said before it is done: the backup beside the current data (dates,
 * rows per table, access-log heads), and in plain words what is lost. On a fresh install
 * there is no current data and only the backup's column is shown.
 */
export function RestoreComparison({ preview }: { preview: RestorePreview }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { backup, current, differences } = preview;
  const rows = comparedRows(differences.tables, (table) => i18n.exists(`backup.table_${table}`));
  const shown = (n: number | null) => (n === null ? '—' : String(n));
  return (
    <div data-testid="backup-restore-comparison">
      <table className="data-table backup-comparison">
        <thead>
          <tr>
            <th scope="col">{t('backup.compareItem')}</th>
            <th scope="col">{t('backup.compareBackup')}</th>
            {current && <th scope="col">{t('backup.compareCurrent')}</th>}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('backup.createdAt')}</th>
            <td data-testid="backup-compare-backup-date">{fmt.instant(backup.createdAt)}</td>
            {current && <td>{fmt.instant(current.createdAt)}</td>}
          </tr>
          <tr>
            <th scope="row">{t('fields.organizationName')}</th>
            <td>{backup.organizationName}</td>
            {current && <td>{current.organizationName}</td>}
          </tr>
          <tr>
            <th scope="row">{t('backup.auditHeadLabel')}</th>
            <td>
              <AuditHead head={backup.auditHead} />
            </td>
            {current && (
              <td>
                <AuditHead head={current.auditHead} />
              </td>
            )}
          </tr>
          {rows.map((row) => (
            <tr key={row.table} data-testid={`backup-compare-table-${row.table}`} className={current && row.backup !== row.current ? 'backup-compare-changed' : undefined}>
              <th scope="row">{row.table === internal ? t('backup.tableInternal') : t(`backup.table_${row.table}`)}</th>
              <td>{shown(row.backup)}</td>
              {current && <td>{shown(row.current)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <RestoreConsequences preview={preview} />
    </div>
  );
}

type TableRow = RestorePreview['differences']['tables'][number];
const internal = 'internal';

/**
 * The tables a clerk knows by name (those with a label), then one row for the rest (search
 * indexes, numbering, metadata): their sum, so a difference there still shows.
 */
export function comparedRows(tables: TableRow[], named: (table: string) => boolean): TableRow[] {
  const rest = tables.filter((r) => !named(r.table));
  const sum = (pick: (r: TableRow) => number | null) => (rest.every((r) => pick(r) === null) ? null : rest.reduce((n, r) => n + (pick(r) ?? 0), 0));
  const labelled = tables.filter((r) => named(r.table));
  return rest.length ? [...labelled, { table: internal, backup: sum((r) => r.backup), current: sum((r) => r.current) }] : labelled;
}

/** What will be lost, in words: the work recorded after the backup, and which tables shrink. */
function RestoreConsequences({ preview }: { preview: RestorePreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { backup, current, differences, warnings } = preview;
  const fewer = differences.tables.filter((r) => r.current !== null && (r.backup ?? 0) < r.current);
  return (
    <div data-testid="backup-restore-consequences">
      {current && (
        <p className="alert alert-warning" data-testid="backup-restore-loss">
          {differences.backupIsOlder || differences.eventsSinceBackup > 0
            ? t('backup.lossOlder', { date: fmt.instant(backup.createdAt), count: differences.eventsSinceBackup })
            : t('backup.lossReplace', { date: fmt.instant(backup.createdAt) })}
          {fewer.length > 0 && ` ${t('backup.lossTables', { count: fewer.length })}`}
        </p>
      )}
      {/* Main's own word for the lost events is said above, with the backup's date. */}
      {warnings
        .filter((w) => !(current && w.messageKey === 'backupReport.warnings.backupIsOlder'))
        .map((w) => (
          <p key={w.messageKey} className="alert alert-warning" data-testid="backup-restore-warning">
            {t(w.messageKey, w.params)}
          </p>
        ))}
      <p>{t('backup.passwordsAsAtBackup')}</p>
    </div>
  );
}
