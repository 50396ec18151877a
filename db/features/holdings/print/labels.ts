import type { Holding, HoldingHistoryEntry, UsageEntry } from '../../../contract/holdings';
import { formatDate } from '../../../print/dates';

/**
 * Japanese wording of the holdings ledger (保有個人情報等台帳, domain.md §1) as it appears on
 * paper: field labels and enum values, shared by the list (一覧) and the sheet (個票). The
 * CSV module and the renderer keep their own copies; this one follows print conventions
 * (full-width parentheses, 〇 for yes).
 */

type HoldingField = keyof Holding;

/** Field labels: the 日本語 column of domain.md §1, plus the fields that actions set. */
export const holdingFieldLabels: Partial<Record<HoldingField | 'department', string>> = {
  ledgerNo: '管理番号',
  name: '個人情報ファイルの名称',
  department: '担当課等',
  departmentId: '担当課等',
  departmentName: '担当課等',
  owner: '管理責任者',
  handlers: '担当者',
  purpose: '利用目的',
  recordItems: '記録項目',
  recordScope: '記録範囲',
  collectionMethod: '収集方法',
  subjectCount: '本人の数',
  subjectCountApproximate: '本人の数（概数）',
  containsSensitive: '要配慮個人情報を含む',
  containsMyNumber: '特定個人情報（個人番号）を含む',
  medium: '媒体',
  storageLocation: '保管場所',
  storageMethod: '保管方法',
  authorizedPersons: 'アクセス権を有する者',
  recipients: '経常的提供先',
  contractors: '委託先',
  foreignHandling: '外国での取扱い',
  useUntil: '利用期限',
  retentionUntil: '保存期間・保存期限',
  disposalMethod: '廃棄方法',
  category: '管理区分',
  categoryReason: '管理区分の理由',
  categoryDecidedBy: '管理区分の決定者',
  categoryDecidedAt: '管理区分の決定日',
  suggestedCategory: '推奨される管理区分',
  status: '状態',
  verifiedBy: '照合者',
  verifiedAt: '照合日',
  lastReviewedAt: '最終見直し日',
  createdAt: '作成日',
  updatedAt: '更新日',
};

/** The label of a field named in the history; an unknown name prints as it is (escaped by the caller). */
export function fieldLabel(field: string): string {
  return (holdingFieldLabels as Record<string, string | undefined>)[field] ?? field;
}

export const holdingStatusLabels: Record<Holding['status'], string> = {
  draft: '下書き',
  verified: '照合済',
  retired: '保有終了',
  disposed: '廃棄済',
};

/** In the list a draft is what still waits for its second person (照合, MIC §28). */
export const holdingListStatusLabels: Record<Holding['status'], string> = {
  ...holdingStatusLabels,
  draft: '要照合',
};

export const holdingMediumLabels: Record<Holding['medium'], string> = {
  paper: '紙',
  electronic: '電子',
  both: '両方',
};

/** 管理区分 (METI §16), in the wording of the rule. */
export const holdingCategoryDescriptions: Record<NonNullable<Holding['category']>, string> = {
  A: '秘匿性を有し、漏えいした場合に重大な支障が生じるおそれがあるため、厳重に管理するもの',
  B: '管理A以外で、本人の数が千人以上のもの及びこれに準ずる管理が適当なもの',
  C: '管理A又は管理B以外のもの',
};

export const suggestionReasonLabels: Record<Holding['suggestionReasons'][number], string> = {
  myNumber: '特定個人情報（個人番号）を含む',
  sensitive: '要配慮個人情報を含む',
  subjects1000: '本人の数が千人以上',
};

/** 取扱状況の記録 (MIC §14). */
export const usageKindLabels: Record<UsageEntry['kind'], string> = {
  use: '利用',
  copy: '複製',
  transmit: '送信',
  takeout: '持出し',
  provide: '提供',
  outsource: '委託',
  correct: '訂正',
  dispose: '廃棄',
};

export const historyActionLabels: Record<HoldingHistoryEntry['action'], string> = {
  create: '作成',
  update: '変更',
  verify: '照合',
  categorize: '管理区分の決定',
  review: '見直し',
  retire: '保有終了',
  import: 'CSV取込み',
  dispose: '廃棄',
};

/** 該当 / 非該当, as on ministry ledgers. */
export function yesNo(value: boolean): string {
  return value ? '該当' : '非該当';
}

/** 3,000人, or 約3,000人 when the figure is approximate; empty when unknown. */
export function formatSubjectCount(count: number | null, approximate = false): string {
  if (count === null) return '';
  return `${approximate ? '約' : ''}${count.toLocaleString('ja-JP')}人`;
}

/** 1,234 (件数); empty when not given. */
export function formatCount(count: number | null): string {
  return count === null ? '' : count.toLocaleString('ja-JP');
}

const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A ledger date, which is either a local date (`YYYY-MM-DD`: 利用期限, 取扱日) or a UTC
 * instant (更新日, 照合日): both print as the day in Japan, 2026年11月22日. A local date is
 * read as midnight in Japan so it is never shifted to another day.
 */
export function toInstant(value: string): string {
  return localDatePattern.test(value) ? `${value}T00:00:00+09:00` : value;
}

export function formatLedgerDate(value: string | null): string {
  return value ? formatDate(toInstant(value)) : '';
}
