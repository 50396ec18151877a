import { isDateInRange } from './dateRange';

/**
 * 保存期限 of a record (台帳, and later 媒体 or 廃棄 records): a date, 永年 (kept with no
 * end date: 永年・常用・無期限 in the ledgers offices keep) or a period of whole years as a
 * 文書管理規程 states it (「5年」), kept as a period and not turned into a date — when a
 * period starts (年度末, 完結日 …) is the office's rule, not the ledger's.
 *
 * Zod-free so the renderer, the kit and the contract read it alike. One text carries it,
 * in the database, over IPC and in the history: 'YYYY-MM-DD', 'permanent' or 'P5Y'
 * (ISO 8601 duration); an old date-only value is the first form, so it reads unchanged.
 */
export type RetentionParts = { kind: 'date'; date: string } | { kind: 'permanent' } | { kind: 'years'; years: number };
export type RetentionKind = RetentionParts['kind'];

export const retentionKinds = ['date', 'permanent', 'years'] as const satisfies readonly RetentionKind[];
export const permanentRetention = 'permanent';
/** A period from 1 to 99 years: 100年 or more is 永年 in every 文書管理規程 we know. */
export const retentionYearsMin = 1;
export const retentionYearsMax = 99;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const periodPattern = /^P(\d+)Y$/;

/** The stored text of a period of whole years. */
export function retentionOfYears(years: number): string {
  return `P${years}Y`;
}

/** What a stored or sent value says; null for none; undefined when it is none of the forms. */
export function retentionParts(value: string | null | undefined): RetentionParts | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (value === permanentRetention) return { kind: 'permanent' };
  if (datePattern.test(value)) return { kind: 'date', date: value };
  const period = periodPattern.exec(value);
  if (period) return { kind: 'years', years: Number(period[1]) };
  return undefined;
}

/** The i18n key of what is wrong with a value, or null when it is a retention (or none). */
export function retentionProblem(value: string): string | null {
  const parts = retentionParts(value);
  if (parts === undefined) return 'validation.invalidRetention';
  if (parts?.kind === 'years' && !(parts.years >= retentionYearsMin && parts.years <= retentionYearsMax && /^P[1-9]\d?Y$/.test(value))) {
    return 'validation.retentionYears';
  }
  if (parts?.kind === 'date') {
    const d = new Date(`${parts.date}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== parts.date) return 'validation.invalidDate';
    // As every date a record holds (dateRange.ts): year 0000 would print as 「大化-644年」.
    if (!isDateInRange(parts.date)) return 'validation.dateOutOfRange';
  }
  return null;
}

/** The date of a retention given as a date (the only form compared with 利用期限). */
export function retentionDate(value: string | null | undefined): string | null {
  const parts = retentionParts(value);
  return parts?.kind === 'date' ? parts.date : null;
}

/**
 * The words of a retention, from the one label of each form (i18n `retention.permanent`
 * 「永年」, `retention.years` 「{{years}}年」): screen, paper, CSV and history say the same.
 * `formatDate` prints a date as the caller does (ISO in CSV, 和暦 on paper …).
 */
export function retentionWords(
  value: string | null | undefined,
  words: { text(key: 'retention.permanent' | 'retention.years', params?: { years: number }): string; formatDate(date: string): string },
): string {
  const parts = retentionParts(value);
  if (!parts) return value ?? '';
  if (parts.kind === 'permanent') return words.text('retention.permanent');
  if (parts.kind === 'years') return words.text('retention.years', { years: parts.years });
  return words.formatDate(parts.date);
}
