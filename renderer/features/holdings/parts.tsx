import { useTranslation } from 'react-i18next';
import type { HoldingCategory, HoldingStatus, SuggestionReason } from '../../../db/contract';
import { StatusBadge, type Tone } from '../../components/StatusBadge';

const statusTone: Record<HoldingStatus, Tone> = { draft: 'warning', verified: 'ok', retired: 'muted', disposed: 'muted' };

/** 要照合 / 照合済 / 保有終了 / 廃棄済. */
export function HoldingStatusBadge({ status }: { status: HoldingStatus }) {
  const { t } = useTranslation();
  return <StatusBadge label={t(`holdingStatus.${status}`)} tone={statusTone[status]} testId="holding-status" />;
}

/** The decided 管理区分, or 「未決定（推奨 B）」. */
export function CategoryCell({ category, suggested }: { category: HoldingCategory | null; suggested: HoldingCategory }) {
  const { t } = useTranslation();
  if (category) return <span className={`category category-${category}`}>{category}</span>;
  return <span className="muted">{t('holdings.categoryUndecided', { suggested })}</span>;
}

/** 「推奨される管理区分：B」 and 「理由：本人の数が1,000人以上」 (METI §16; information only). */
export function SuggestionText({ category, reasons }: { category: HoldingCategory; reasons: readonly SuggestionReason[] }) {
  const { t } = useTranslation();
  const because = reasons.length ? reasons.map((r) => t(`suggestion.${r}`)).join(t('timeline.listSeparator')) : t('suggestion.none');
  return (
    <>
      <strong>{t('suggestion.title', { category })}</strong> {t('suggestion.because', { reasons: because })}
    </>
  );
}
