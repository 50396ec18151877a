import { dayStartMs, localDateIn } from '../contract/timeZone';

/**
 * Instants are stored as UTC ISO-8601; business dates (validity, filters, file names,
 * review cutoffs, fiscal years) are calendar days in the organisation's time zone (the
 * `timeZone` setting, default Asia/Tokyo) — never the terminal's, so paper, CSV and screen
 * agree even on a terminal left on UTC.
 */
export function localDateOf(ms: number, zone: string): string {
  return localDateIn(ms, zone);
}

/** The UTC instant at which a calendar day begins in the zone. */
export function localDayStartIso(date: string, zone: string): string {
  return new Date(dayStartMs(date, zone)).toISOString();
}

/** The UTC instant at which the day after `date` begins (an exclusive upper bound). */
export function localDayEndExclusiveIso(date: string, zone: string): string {
  return new Date(dayStartMs(date, zone, 1)).toISOString();
}

/** The start of the same calendar day one year earlier (29 February → 1 March). */
export function oneYearBeforeIso(ms: number, zone: string): string {
  const [y, m, d] = localDateOf(ms, zone).split('-').map(Number) as [number, number, number];
  const date = `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
  return new Date(dayStartMs(date, zone, d - 1)).toISOString();
}
