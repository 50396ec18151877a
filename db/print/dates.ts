/**
 * Dates as printed on Japanese forms. The database stores UTC instants; paper shows the
 * Japanese calendar day. The zone is fixed to Asia/Tokyo rather than taken from the
 * terminal, so a record printed at 08:00 JST is never dated the previous day because a
 * standalone terminal was left on UTC (and tests print the same on every machine).
 */
const timeZone = 'Asia/Tokyo';

const gregorianDate = new Intl.DateTimeFormat('ja-JP', { timeZone, year: 'numeric', month: 'long', day: 'numeric' });
// The -u-ca-japanese calendar gives the era (和暦): 令和8年11月22日, and 令和元年 for year 1.
const warekiDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { timeZone, era: 'long', year: 'numeric', month: 'long', day: 'numeric' });
const gregorianDateTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function toDate(isoInstant: string): Date {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO instant: ${isoInstant}`);
  return date;
}

/** 2026年11月22日 */
export function formatDate(isoInstant: string): string {
  return gregorianDate.format(toDate(isoInstant));
}

/** 令和8年11月22日 */
export function formatWarekiDate(isoInstant: string): string {
  return warekiDate.format(toDate(isoInstant));
}

/** 2026年11月22日（令和8年11月22日） — the form used on certificates and key sheets. */
export function formatDateWithWareki(isoInstant: string): string {
  return `${formatDate(isoInstant)}（${formatWarekiDate(isoInstant)}）`;
}

/** 2026年11月22日 09:05 */
export function formatDateTime(isoInstant: string): string {
  return gregorianDateTime.format(toDate(isoInstant));
}
