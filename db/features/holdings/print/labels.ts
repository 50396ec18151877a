import { holdingHistoryActions, holdingMedia, holdingStatuses, renamedHoldingFields, suggestionReasons, usageKinds, type HoldingCategory } from '../../../contract';
import { japaneseLabel, japaneseLabels } from '../../../print/labels';

/**
 * The holdings ledger's words on paper: the same labels as the screen and the CSV
 * (renderer/i18n/ja/holdings.ts), plus the wording only paper needs.
 */
/**
 * A field's label; a field renamed since an older history row was written reads as it is
 * now (retentionUntil → 保存期限), and a name the locale does not know prints as it is.
 */
export function fieldLabel(field: string): string {
  const key = `holdingFields.${renamedHoldingFields[field] ?? field}`;
  const label = japaneseLabel(key);
  return label === key ? field : label;
}

export const statusLabels = japaneseLabels('holdingStatus', holdingStatuses);
export const mediumLabels = japaneseLabels('holdingMedia', holdingMedia);
export const usageKindLabels = japaneseLabels('usageKinds', usageKinds);
export const historyActionLabels = japaneseLabels('historyActions', holdingHistoryActions);
export const suggestionReasonLabels = japaneseLabels('suggestion', suggestionReasons);

/** 管理区分 (METI §16), in the wording of the rule. */
export const categoryDescriptions: Record<HoldingCategory, string> = {
  A: '秘匿性を有し、漏えいした場合に重大な支障が生じるおそれがあるため、厳重に管理するもの',
  B: '管理A以外で、本人の数が千人以上のもの及びこれに準ずる管理が適当なもの',
  C: '管理A又は管理B以外のもの',
};

/** 3,000人, or 約3,000人 when the figure is approximate; empty when unknown. */
export function formatSubjectCount(count: number | null, approximate = false): string {
  if (count === null) return '';
  return `${approximate ? '約' : ''}${count.toLocaleString('ja-JP')}人`;
}
