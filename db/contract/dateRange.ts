/**
 * The calendar dates a record may hold: 1900-01-01 to 2200-12-31. A ledger's dates (利用期限,
 * 保存期限, 取扱日, an account's 有効期限, a review's period) lie within a few generations of
 * today; year 0000 or 9999 is a typing slip, and 和暦 has no era for it (0000 printed as
 * 「大化-644年」). Zod-free, so the contract, CSV import, print and the renderer agree.
 */
export const earliestDate = '1900-01-01';
export const latestDate = '2200-12-31';

/** Whether a 'YYYY-MM-DD' text lies in the range (text order is date order for four-digit years). */
export function isDateInRange(date: string): boolean {
  return date >= earliestDate && date <= latestDate;
}

/** Whether an instant or a date (any ISO text Date reads) falls on a day in the range, in UTC. */
export function isInstantInRange(value: string | Date): boolean {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  return !Number.isNaN(ms) && ms >= Date.parse(`${earliestDate}T00:00:00Z`) && ms < Date.parse(`${latestDate}T00:00:00Z`) + 86_400_000;
}
