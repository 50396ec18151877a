/**
 * Business dates are the organisation's calendar days, not the terminal's: one zone (a
 * setting, default Asia/Tokyo) decides them on screen, on paper, in CSV and in filters.
 * Pure (Intl only), so every process uses the same rule.
 */
export const defaultTimeZone = 'Asia/Tokyo';

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    return false;
  }
}

/**
 * The zone as IANA spells it ('asia/tokyo' → 'Asia/Tokyo'), so one zone is stored one way.
 * Only the letter case is corrected: ICU's own canonical names are older aliases
 * (Asia/Kolkata → Asia/Calcutta) that a clerk would not recognise.
 */
export function canonicalTimeZone(zone: string): string {
  const known = ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return known.find((name) => name.toLowerCase() === zone.toLowerCase()) ?? zone;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function zonedParts(ms: number, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const get = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = partsFormatter(zone).formatToParts(new Date(ms));
  return { year: get(parts, 'year'), month: get(parts, 'month'), day: get(parts, 'day'), hour: get(parts, 'hour') % 24, minute: get(parts, 'minute'), second: get(parts, 'second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day (YYYY-MM-DD) of an instant in the zone. */
export function localDateIn(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The zone's offset from UTC at an instant, in ms (Asia/Tokyo: +9 h). */
function offsetAt(ms: number, zone: string): number {
  const p = zonedParts(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant (ms) at which a calendar day (YYYY-MM-DD, may overflow: day 32 is fine) begins in the zone. */
export function dayStartMs(date: string, zone: string, addDays = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // A day the zone skipped altogether (Apia, 2011-12-30) is empty: it begins where the next one does.
  for (const skip of [0, 1]) {
    const wall = Date.UTC(y, m - 1, d + addDays + skip);
    const w = new Date(wall);
    const day = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
    // The day begins at midnight under the offset in force just before it — or, where the
    // clocks jump over midnight (Santiago, Havana …), at that jump: the earliest instant, of
    // those the offsets around the day give, whose date is the day. Japan has no such days.
    const starts = [-1, 0, 1].map((shift) => wall - offsetAt(wall + shift * 86_400_000, zone)).filter((ms) => localDateIn(ms, zone) === day);
    if (starts.length) return Math.min(...starts);
  }
  // Not reached for any zone in the tz database; midnight under the offset found at it.
  const wall = Date.UTC(y, m - 1, d + addDays);
  return wall - offsetAt(wall - offsetAt(wall, zone), zone);
}

/** 年度 (fiscal year, 1 April – 31 March) of a calendar day: 2027-03-31 → 2026. */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}
