import { isInstantInRange } from '../contract/dateRange';
import { defaultTimeZone } from '../contract/timeZone';

/**
 * Dates as printed on Japanese forms, in the organisation's time zone (the `timeZone`
 * setting; Asia/Tokyo by default) — never the terminal's, so a record printed at 08:00 is
 * never dated the previous day because a standalone terminal was left on UTC. Calendar
 * dates (利用期限, 取扱日: YYYY-MM-DD) are days already and are never shifted.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'wareki' | 'dateTime', zone: string): Intl.DateTimeFormat {
  const key = `${kind} ${zone}`;
  let f = formatters.get(key);
  if (!f) {
    const day = { timeZone: zone, year: 'numeric', month: 'long', day: 'numeric' } as const;
    f =
      kind === 'wareki'
        ? // The -u-ca-japanese calendar gives the era (和暦): 令和8年11月22日, and 令和元年 for year 1.
          new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...day, era: 'long' })
        : new Intl.DateTimeFormat('ja-JP', kind === 'date' ? day : { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/** An instant, or a calendar date read as that day (in UTC, so no zone can move it). */
function toDate(value: string): { date: Date; zone: string | null } {
  if (calendarDate.test(value)) return { date: new Date(`${value}T00:00:00Z`), zone: 'UTC' };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO instant or date: ${value}`);
  return { date, zone: null };
}

function format(kind: 'date' | 'wareki' | 'dateTime', value: string, zone: string): string {
  const d = toDate(value);
  // Intl writes year 0000 as 「1年」 (it is 1 BC): the stored text is the honest answer.
  if (d.date.getUTCFullYear() < 1) return value;
  return formatter(warekiOrNot(kind, d.date), d.zone ?? zone).format(d.date);
}

/**
 * 和暦 only for dates in the range a record may hold (contract/dateRange.ts): a row stored
 * before that check with year 0000 printed as 「大化-644年」; outside it the date is 西暦.
 */
function warekiOrNot(kind: 'date' | 'wareki' | 'dateTime', date: Date): 'date' | 'wareki' | 'dateTime' {
  return kind === 'wareki' && !isInstantInRange(date) ? 'date' : kind;
}

/** 2026年11月22日 */
export function formatDate(value: string, zone = defaultTimeZone): string {
  return format('date', value, zone);
}

/** 令和8年11月22日 */
export function formatWarekiDate(value: string, zone = defaultTimeZone): string {
  return format('wareki', value, zone);
}

/** 2026年11月22日（令和8年11月22日） — the form used on certificates and key sheets. */
export function formatDateWithWareki(value: string, zone = defaultTimeZone): string {
  if (!isInstantInRange(toDate(value).date)) return formatDate(value, zone);
  return `${formatDate(value, zone)}（${formatWarekiDate(value, zone)}）`;
}

/** 2026年11月22日 09:05 */
export function formatDateTime(value: string, zone = defaultTimeZone): string {
  return format('dateTime', value, zone);
}

/** 令和8年11月22日 09:05 (西暦 outside the range a record may hold, as formatWarekiDate). */
export function formatWarekiDateTime(value: string, zone = defaultTimeZone): string {
  const time = formatDateTime(value, zone).split(' ').at(-1) ?? '';
  return `${formatWarekiDate(value, zone)} ${time}`;
}
