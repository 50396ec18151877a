import { useTranslation } from 'react-i18next';
import type { Medium, MediumSummary } from '../../../db/contract';
import { useLoad } from '../../useLoad';

/**
 * MIC §29 分散保管 (seed 004 case 7-1: backup media kept beside the server are a finding): a
 * backup medium kept at a place in the same room as this terminal is flagged — a warning on its
 * detail, a mark in the list, and a warning (never a refusal) in the form before it is saved so.
 * Main decides the flag (`backupBesideTerminal`); the form's warning reads the places' flags.
 */
export function BackupBesideTerminalWarning({ medium }: { medium: Pick<Medium, 'backupBesideTerminal'> }) {
  const { t } = useTranslation();
  if (!medium.backupBesideTerminal) return null;
  return (
    <div className="alert alert-warning" role="status" data-testid="medium-backup-beside-terminal">
      {t('mediaWatch.backupBesideTerminalWarning')}
    </div>
  );
}

export function BackupBesideTerminalMark({ medium }: { medium: Pick<MediumSummary, 'backupBesideTerminal'> }) {
  const { t } = useTranslation();
  if (!medium.backupBesideTerminal) return null;
  return (
    <span className="flag tag-block tone-warning" data-testid="medium-beside-terminal-mark">
      {t('mediaWatch.backupBesideTerminalMark')}
    </span>
  );
}

/** In the form: the chosen place is in the terminal's room and the medium is a backup one. */
export function BackupBesideTerminalFormWarning({ isBackupMedium, storageLocationId }: { isBackupMedium: boolean; storageLocationId: string }) {
  const locations = useLoad('media.storageLocations.list', isBackupMedium && storageLocationId !== '' ? { includeInactive: true } : null);
  const place = (locations.data ?? []).find((l) => String(l.id) === storageLocationId);
  return <BackupBesideTerminalWarning medium={{ backupBesideTerminal: isBackupMedium && place?.besideTerminal === true }} />;
}
