import type { HoldingFields, HoldingFilters, ImportableField } from '../../../db/contract';

/*
 * The holdings ledger's field lists, repeated from db/contract/holdings.ts as plain arrays:
 * importing the contract's values would pull zod into the renderer bundle (types are free).
 */
export const media = ['paper', 'electronic', 'both'] as const;
export const statuses = ['draft', 'verified', 'retired', 'disposed'] as const;
export const categories = ['A', 'B', 'C'] as const;
export const usageKinds = ['use', 'copy', 'transmit', 'takeout', 'provide', 'outsource', 'correct', 'dispose'] as const;
export const sortKeys = ['ledgerNo', 'name', 'department', 'category', 'status', 'updatedAt', 'lastReviewedAt'] as const;
export type SortKey = (typeof sortKeys)[number];
export type Category = (typeof categories)[number];
export type UsageKind = (typeof usageKinds)[number];

export const listFields = ['handlers', 'recordItems', 'authorizedPersons', 'recipients', 'contractors'] as const;
export type ListFieldName = (typeof listFields)[number];

/** Every field of the form, in the order of domain.md §1 (and of the printed sheet). */
export const fieldOrder: (keyof HoldingFields)[] = [
  'ledgerNo',
  'name',
  'departmentId',
  'owner',
  'handlers',
  'purpose',
  'recordItems',
  'recordScope',
  'collectionMethod',
  'subjectCount',
  'subjectCountApproximate',
  'containsSensitive',
  'containsMyNumber',
  'medium',
  'storageLocation',
  'storageMethod',
  'authorizedPersons',
  'recipients',
  'contractors',
  'foreignHandling',
  'useUntil',
  'retentionUntil',
  'disposalMethod',
];

export const importableFields: ImportableField[] = [
  'ledgerNo', 'name', 'department', 'owner', 'handlers', 'purpose', 'recordItems', 'recordScope', 'collectionMethod',
  'subjectCount', 'containsSensitive', 'containsMyNumber', 'medium', 'storageLocation', 'storageMethod',
  'authorizedPersons', 'recipients', 'contractors', 'foreignHandling', 'useUntil', 'retentionUntil', 'disposalMethod',
];

export type SuggestionReason = 'myNumber' | 'sensitive' | 'subjects1000';

/**
 * The suggested 管理区分 (METI §16), the same rules as the backend: 個人番号 or 要配慮 → A,
 * 本人の数 ≥ 1,000 → at least B, else C. Information only; the manager decides.
 */
export function suggestCategory(f: { containsMyNumber: boolean; containsSensitive: boolean; subjectCount: number | null }): { category: Category; reasons: SuggestionReason[] } {
  const reasons: SuggestionReason[] = [];
  if (f.containsMyNumber) reasons.push('myNumber');
  if (f.containsSensitive) reasons.push('sensitive');
  if (f.subjectCount !== null && f.subjectCount >= 1000) reasons.push('subjects1000');
  const category: Category = f.containsMyNumber || f.containsSensitive ? 'A' : f.subjectCount !== null && f.subjectCount >= 1000 ? 'B' : 'C';
  return { category, reasons };
}

/** The list's state: filters as the server takes them, plus sort and page. */
export interface ListQuery {
  filters: HoldingFilters;
  sort: SortKey;
  direction: 'asc' | 'desc';
  page: number;
}

export const pageSize = 50;

export const initialQuery: ListQuery = { filters: {}, sort: 'ledgerNo', direction: 'asc', page: 1 };
