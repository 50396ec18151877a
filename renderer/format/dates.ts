import { isInstantInRange } from '../../db/contract/dateRange';
import { localDateIn } from '../../db/contract/timeZone';

/**
 * Dates as a Japanese office reads them. The database stores UTC instants
 * (2026-11-22T05:05:00Z) and local calendar dates (2026-11-22); the screen shows
 * 2026年11月22日 14:05, or in 和暦 令和8年11月22日 14:05 when the setting says so.
 * English shows en-GB style (22 Nov 2026, 14:05) and always the Gregorian calendar.
 * Instants are shown in the organisation's zone (a setting), not the terminal's.
 */
export type DateDisplay = 'gregorian' | 'wareki';

export interface DateFormatOptions {
  locale: string;
  display: DateDisplay;
  /** The organisation's IANA zone (session.timeZone); the system zone when absent. */
  timeZone?: string;
}

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function isJapanese(locale: string): boolean {
  return locale === 'ja' || locale.startsWith('ja-');
}

function formatter(opts: DateFormatOptions, withTime: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  const time: Intl.DateTimeFormatOptions = withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {};
  if (!isJapanese(opts.locale)) {
    return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', ...time, timeZone });
  }
  if (opts.display === 'wareki') {
    return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', ...time, timeZone });
  }
  return new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'long', day: 'numeric', ...time, timeZone });
}

// 元 ("first"), as in 令和元年; escaped so that only locale files hold Japanese text.
const firstYearOfEra = '\u5143';

/**
 * The formatter for this date: 和暦 only within the range a record may hold (dateRange.ts) —
 * a row stored before that check with year 0000 showed as 「大化-644年」; outside it, 西暦.
 */
function formatterFor(opts: DateFormatOptions, withTime: boolean, timeZone: string | undefined, date: Date): Intl.DateTimeFormat {
  const display = opts.display === 'wareki' && !isInstantInRange(date) ? 'gregorian' : opts.display;
  return formatter({ ...opts, display }, withTime, timeZone);
}

/** Joins the parts, writing the first year of an era as 元年 (some ICU builds print 1年). */
function render(f: Intl.DateTimeFormat, date: Date): string {
  const japaneseCalendar = f.resolvedOptions().calendar === 'japanese';
  return f
    .formatToParts(date)
    .map((p) => (p.type === 'year' && p.value === '1' && japaneseCalendar ? firstYearOfEra : p.value))
    .join('');
}

/** "2026-11-22" → 2026年11月22日 / 令和8年11月22日 / 22 Nov 2026. Invalid input is returned as is. */
export function formatLocalDate(value: string | null | undefined, opts: DateFormatOptions): string {
  if (!value) return '';
  const m = localDatePattern.exec(value);
  if (!m) return value;
  const date = new Date(`${value}T00:00:00Z`);
  // Intl writes year 0000 as year 1 (it is 1 BC): the stored text is the honest answer.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) return value;
  // A calendar date has no zone: format it in UTC so it never shifts by a day.
  return render(formatterFor(opts, false, 'UTC', date), date);
}

/** An ISO instant → 2026年11月22日 14:05 in the local zone (or `opts.timeZone`). */
export function formatInstant(value: string | null | undefined, opts: DateFormatOptions): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) return value;
  return render(formatterFor(opts, true, opts.timeZone, date), date);
}

/** The calendar day of an instant in the zone, without the time: 2026年11月22日. */
export function formatDay(value: string | null | undefined, opts: DateFormatOptions): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) return value;
  return render(formatterFor(opts, false, opts.timeZone, date), date);
}

/** A local date or an instant, whichever `value` is. */
export function formatDateLike(value: string | null | undefined, opts: DateFormatOptions): string {
  if (!value) return '';
  return localDatePattern.test(value) ? formatLocalDate(value, opts) : formatInstant(value, opts);
}

/** Today as YYYY-MM-DD in the organisation's zone (for date inputs' defaults). */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  return localDateIn(now, timeZone);
}
