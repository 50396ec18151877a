import { dayStartMs, localDateIn, zonedParts } from '../contract/timeZone';

/**
 * Instants are stored as UTC ISO-8601; business dates (validity, filters, file names,
 * review cutoffs, fiscal years) are calendar days in the organisation's time zone (the
 * `timeZone` setting, default Asia/Tokyo) — never the terminal's, so paper, CSV and screen
 * agree even on a terminal left on UTC.
 */
/** A calendar day (YYYY-MM-DD) moved by whole days: no zone applies, a day is a day. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
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
  const [y, m, d] = localDateIn(ms, zone).split('-').map(Number) as [number, number, number];
  const date = `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
  return new Date(dayStartMs(date, zone, d - 1)).toISOString();
}

/**
 * An instant as the zone's wall-clock time with its offset, to the millisecond:
 * 2026-11-30T00:36:00.000Z in Asia/Tokyo is 2026-11-30T09:36:00.000+09:00. Unambiguous
 * (it converts back to the stored UTC instant exactly), yet reads as the office's time.
 */
export function zonedIso(instant: string | number, zone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const p = zonedParts(ms, zone);
  const offsetMinutes = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const millis = ((ms % 1000) + 1000) % 1000;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(millis, 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
