import { fiscalYearOf } from '../../../db/contract/timeZone';

/**
 * The last day of the fiscal year (年度: 1 April – 31 March) that holds `today`, a calendar day
 * in the organisation's zone (fmt.today(), never the terminal's): an authorization's default
 * 有効期限 (issue #12 item 2). 2026-11-22 → 2027-03-31; 2027-03-31 → 2027-03-31; 2027-04-01 → 2028-03-31.
 */
export function fiscalYearEnd(today: string): string {
  return `${fiscalYearOf(today) + 1}-03-31`;
}
