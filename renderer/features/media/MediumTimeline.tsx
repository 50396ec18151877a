import { useTranslation } from 'react-i18next';
import type { MediumHistoryEntry } from '../../../db/contract';
import { useFormat } from '../../appContext';
import { Timeline } from '../../components/Timeline';

interface MediumTimelineProps {
  /** Newest first, as media.get returns it. */
  history: MediumHistoryEntry[];
  departmentNames: Map<number, string>;
  locationNames: Map<number, string>;
}

/** 変更履歴 of one medium, its values in the register's words (課等 and 保管場所 by name, codes as labels). */
export function MediumTimeline({ history, departmentNames, locationNames }: MediumTimelineProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const label = (namespace: string, v: unknown) => (typeof v === 'string' && i18n.exists(`${namespace}.${v}`) ? t(`${namespace}.${v}`) : undefined);
  const formatValue = (field: string, v: unknown): string | undefined => {
    if (field === 'departmentId' && typeof v === 'number') return departmentNames.get(v) ?? String(v);
    if (field === 'storageLocationId' && typeof v === 'number') return locationNames.get(v) ?? String(v);
    if (field === 'type') return label('mediaTypes', v);
    if (field === 'encrypted') return label('mediaEncryption', v);
    if (field === 'status') return label('mediaStatus', v);
    if (field === 'takeoutStatus') return label('mediaTakeoutStatus', v);
    if (field === 'registeredAt' && typeof v === 'string') return fmt.date(v);
    if (field === 'lastSeenAt' && typeof v === 'string') return fmt.dateLike(v);
    return undefined;
  };
  const entries = history.map((e) => ({
    id: e.id,
    action: e.action,
    actionLabel: t(`mediaHistory.${e.action}`),
    at: e.at,
    who: e.userName,
    version: e.version,
    note: e.note,
    // The dispose step's note is the 廃棄・消去証明書's number (disposalTarget.ts), not a reason.
    ...(e.action === 'dispose' ? { noteLabel: t('disposalFields.certificateNo') } : {}),
    changes: e.changes,
    // An imported medium's first entry carries its values as a 'create' does (rules.ts insertImported).
    registered: e.action === 'create' || e.action === 'import',
  }));
  return (
    <Timeline
      title={t('timeline.title')}
      entries={entries}
      fieldLabel={(field) => (i18n.exists(`mediaFields.${field}`) ? t(`mediaFields.${field}`) : field)}
      formatValue={formatValue}
      testId="medium-timeline"
    />
  );
}
