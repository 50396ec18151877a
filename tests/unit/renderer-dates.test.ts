import { describe, expect, it } from 'vitest';
import { formatDateLike, formatDay, formatInstant, formatLocalDate, todayIn } from '../../renderer/format/dates';

const ja = { locale: 'ja', display: 'gregorian' as const, timeZone: 'Asia/Tokyo' };
const wareki = { ...ja, display: 'wareki' as const };
const en = { locale: 'en', display: 'gregorian' as const, timeZone: 'Asia/Tokyo' };

describe('formatLocalDate', () => {
  it('shows a Gregorian Japanese date', () => {
    expect(formatLocalDate('2026-11-22', ja)).toBe('2026年11月22日');
  });

  it('shows 和暦', () => {
    expect(formatLocalDate('2026-11-22', wareki)).toBe('令和8年11月22日');
    expect(formatLocalDate('2019-04-30', wareki)).toBe('平成31年4月30日');
  });

  it('writes the first year of an era as 元年', () => {
    expect(formatLocalDate('2019-05-01', wareki)).toBe('令和元年5月1日');
    expect(formatLocalDate('1989-01-08', wareki)).toBe('平成元年1月8日');
  });

  it('never shifts a calendar date by the time zone', () => {
    expect(formatLocalDate('2026-01-01', { ...ja, timeZone: 'America/Los_Angeles' })).toBe('2026年1月1日');
  });

  it('uses en-GB style in English, whatever the display setting', () => {
    expect(formatLocalDate('2026-11-22', en)).toBe('22 Nov 2026');
    expect(formatLocalDate('2026-11-22', { ...en, display: 'wareki' })).toBe('22 Nov 2026');
  });

  it('returns empty or malformed input unchanged', () => {
    expect(formatLocalDate(null, ja)).toBe('');
    expect(formatLocalDate('', ja)).toBe('');
    expect(formatLocalDate('22/11/2026', ja)).toBe('22/11/2026');
  });
});

describe('formatInstant', () => {
  it('shows date and 24-hour time in the local zone', () => {
    expect(formatInstant('2026-11-22T05:05:00Z', ja)).toBe('2026年11月22日 14:05');
    expect(formatInstant('2026-11-22T15:30:00.123Z', ja)).toBe('2026年11月23日 00:30');
  });

  it('shows 和暦 with time', () => {
    expect(formatInstant('2026-11-22T05:05:00Z', wareki)).toBe('令和8年11月22日 14:05');
    expect(formatInstant('2019-04-30T20:00:00Z', wareki)).toBe('令和元年5月1日 05:00');
  });

  it('uses en-GB style in English', () => {
    expect(formatInstant('2026-11-22T05:05:00Z', en)).toBe('22 Nov 2026, 14:05');
  });

  it('returns garbage unchanged', () => {
    expect(formatInstant('not a date', ja)).toBe('not a date');
    expect(formatInstant(undefined, ja)).toBe('');
  });
});

describe('formatDateLike, formatDay and todayIn', () => {
  it('picks the right formatter', () => {
    expect(formatDateLike('2026-11-22', ja)).toBe('2026年11月22日');
    expect(formatDateLike('2026-11-22T05:05:00Z', ja)).toBe('2026年11月22日 14:05');
  });

  it('gives the day of an instant in the organisation\'s zone', () => {
    expect(formatDay('2026-11-22T15:30:00Z', ja)).toBe('2026年11月23日');
    expect(formatDay('2026-11-22T15:30:00Z', { ...ja, timeZone: 'UTC' })).toBe('2026年11月22日');
    expect(formatDay(null, ja)).toBe('');
  });

  it('gives today as YYYY-MM-DD in the organisation\'s zone, not the terminal\'s', () => {
    const lateEveningUtc = Date.parse('2026-01-05T23:59:00Z');
    expect(todayIn('Asia/Tokyo', lateEveningUtc)).toBe('2026-01-06');
    expect(todayIn('UTC', lateEveningUtc)).toBe('2026-01-05');
  });
});
