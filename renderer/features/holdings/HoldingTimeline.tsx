import { useTranslation } from 'react-i18next';
import type { HoldingHistoryEntry } from '../../../db/contract';
import { renamedHoldingFields } from '../../../db/contract/holdingValues';
import { retentionWords } from '../../../db/contract/retention';
import { useFormat } from '../../appContext';
import { Timeline } from '../../components/Timeline';

interface HoldingTimelineProps {
  /** Newest first, as holdings.get returns it. */
  history: HoldingHistoryEntry[];
  /** A draft that was verified before: entries after this version are highlighted. */
  highlightAfter: number | null;
  departmentNames: Map<number, string>;
}

/** 変更履歴 of one entry, its values in the ledger's words (課等 by name, 媒体 and 状態 as labels). */
export function HoldingTimeline({ history, highlightAfter, departmentNames }: HoldingTimelineProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  // History is never rewritten: a field renamed since (retentionUntil → retention) reads as it is now.
  const current = (field: string) => renamedHoldingFields[field] ?? field;
  const formatValue = (recorded: string, v: unknown): string | undefined => {
    const field = current(recorded);
    if (field === 'departmentId' && typeof v === 'number') return departmentNames.get(v) ?? String(v);
    if (field === 'medium' && typeof v === 'string' && i18n.exists(`holdingMedia.${v}`)) return t(`holdingMedia.${v}`);
    if (field === 'status' && typeof v === 'string' && i18n.exists(`holdingStatus.${v}`)) return t(`holdingStatus.${v}`);
    // Whether a step kept the 照合, and why (rules.ts stepKeepingVerification).
    if (field === 'verification' && typeof v === 'string' && i18n.exists(`holdingVerification.${v}`)) return t(`holdingVerification.${v}`);
    if (field === 'lastReviewedAt' && typeof v === 'string') return fmt.day(v);
    if (field === 'useUntil' && typeof v === 'string') return fmt.date(v);
    if (field === 'retention' && typeof v === 'string') return retentionWords(v, { text: (key, params) => t(key, params), formatDate: fmt.date });
    return undefined;
  };
  const entries = history.map((e) => ({
    id: e.id,
    action: e.action,
    actionLabel: t(`historyActions.${e.action}`),
    at: e.at,
    who: e.userName,
    version: e.version,
    note: e.note,
    // The dispose step's note is the 廃棄・消去証明書's number (disposalTarget.ts), not a reason.
    ...(e.action === 'dispose' ? { noteLabel: t('disposalFields.certificateNo') } : {}),
    changes: e.changes,
    registered: e.action === 'create' || e.action === 'import',
    ...(highlightAfter !== null && e.version > highlightAfter ? { highlight: t('holdingDetail.sinceVerified') } : {}),
  }));
  return (
    <Timeline
      title={t('timeline.title')}
      entries={entries}
      fieldLabel={(field) => (i18n.exists(`holdingFields.${current(field)}`) ? t(`holdingFields.${current(field)}`) : field)}
      formatValue={formatValue}
      testId="holding-timeline"
    />
  );
}
