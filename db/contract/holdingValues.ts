/**
 * The 保有個人情報等台帳's values and rules without zod, so the renderer can import them
 * (db/contract/holdings.ts builds its schemas from these; nothing is copied).
 */
export const holdingMedia = ['paper', 'electronic', 'both'] as const;
export const holdingStatuses = ['draft', 'verified', 'retired', 'disposed'] as const;
export const holdingCategories = ['A', 'B', 'C'] as const;
/** 取扱状況の記録 (MIC §14): 利用, 複製, 送信, 持出し, 提供, 委託, 訂正, 廃棄. */
export const usageKinds = ['use', 'copy', 'transmit', 'takeout', 'provide', 'outsource', 'correct', 'dispose'] as const;
export const holdingSortKeys = ['ledgerNo', 'name', 'department', 'category', 'status', 'updatedAt', 'lastReviewedAt'] as const;
export const holdingHistoryActions = ['create', 'update', 'verify', 'categorize', 'review', 'retire', 'import', 'dispose', 'requestVerification'] as const;
export const suggestionReasons = ['myNumber', 'sensitive', 'subjects1000'] as const;

export type HoldingMedium = (typeof holdingMedia)[number];
export type HoldingStatus = (typeof holdingStatuses)[number];
export type HoldingCategory = (typeof holdingCategories)[number];
export type UsageKind = (typeof usageKinds)[number];
export type HoldingSortKey = (typeof holdingSortKeys)[number];
export type SuggestionReason = (typeof suggestionReasons)[number];

/** Fields that hold a list of short texts (記録項目, アクセス権を有する者 …). */
export const holdingListFields = ['handlers', 'recordItems', 'authorizedPersons', 'recipients', 'contractors'] as const;

/** Every field a clerk fills in, in the order of domain.md §1 (form, sheet, CSV). */
export const holdingFieldOrder = [
  'ledgerNo', 'name', 'departmentId', 'owner', 'handlers', 'purpose', 'recordItems', 'recordScope', 'collectionMethod',
  'subjectCount', 'subjectCountApproximate', 'containsSensitive', 'containsMyNumber', 'medium', 'storageLocation',
  'storageMethod', 'authorizedPersons', 'recipients', 'contractors', 'foreignHandling', 'useUntil', 'retention',
  'disposalMethod', 'remarks',
] as const;

/**
 * Fields renamed since history rows were written: 保存期限 was a date field `retentionUntil`
 * until it also took 永年 and periods (migration 0004). History and the access log are never
 * rewritten, so their old entries are read through this.
 */
export const renamedHoldingFields: Readonly<Record<string, (typeof holdingFieldOrder)[number]>> = { retentionUntil: 'retention' };

/** CSV columns an import can map to: the fields, with 担当課等 by name and 本人の数 with its 約. */
export const importableFields = [
  'ledgerNo', 'name', 'department', 'owner', 'handlers', 'purpose', 'recordItems', 'recordScope', 'collectionMethod',
  'subjectCount', 'containsSensitive', 'containsMyNumber', 'medium', 'storageLocation', 'storageMethod',
  'authorizedPersons', 'recipients', 'contractors', 'foreignHandling', 'useUntil', 'retention', 'disposalMethod', 'remarks',
] as const;
export type ImportableField = (typeof importableFields)[number];

/** Retired and disposed rows are closed: no edits, no 照合. */
export function isClosedStatus(status: HoldingStatus): boolean {
  return status === 'retired' || status === 'disposed';
}

/**
 * 管理区分 as METI §16 suggests it: A for 個人番号 or 要配慮, at least B from 1,000 people,
 * else C. Information only; the manager decides. Backend and form use this one rule.
 */
export function suggestCategory(f: { containsMyNumber: boolean; containsSensitive: boolean; subjectCount: number | null }): { category: HoldingCategory; reasons: SuggestionReason[] } {
  const reasons: SuggestionReason[] = [];
  if (f.containsMyNumber) reasons.push('myNumber');
  if (f.containsSensitive) reasons.push('sensitive');
  if ((f.subjectCount ?? 0) >= 1000) reasons.push('subjects1000');
  const category: HoldingCategory = f.containsMyNumber || f.containsSensitive ? 'A' : reasons.length ? 'B' : 'C';
  return { category, reasons };
}
