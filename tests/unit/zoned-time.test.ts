import { describe, expect, it } from 'vitest';
import { zonedIso } from '../../db/core/time';

describe('zonedIso (instants in the organisation’s time zone)', () => {
  it('writes the wall-clock time with its offset, to the millisecond', () => {
    expect(zonedIso('2026-11-30T00:36:00.000Z', 'Asia/Tokyo')).toBe('2026-11-30T09:36:00.000+09:00');
    expect(zonedIso('2026-11-29T23:59:59.999Z', 'Asia/Tokyo')).toBe('2026-11-30T08:59:59.999+09:00');
    expect(zonedIso(Date.parse('2026-11-30T00:36:00.042Z'), 'UTC')).toBe('2026-11-30T00:36:00.042+00:00');
  });

  it('follows a zone’s daylight saving and negative or half-hour offsets', () => {
    expect(zonedIso('2026-07-01T12:00:00.000Z', 'America/New_York')).toBe('2026-07-01T08:00:00.000-04:00');
    expect(zonedIso('2026-12-01T12:00:00.000Z', 'America/New_York')).toBe('2026-12-01T07:00:00.000-05:00');
    expect(zonedIso('2026-12-01T12:00:00.000Z', 'Asia/Kolkata')).toBe('2026-12-01T17:30:00.000+05:30');
  });

  it('converts back to the same instant', () => {
    for (const at of ['2026-03-08T06:59:59.999Z', '2026-03-08T07:00:00.000Z', '2026-11-01T05:30:00.123Z', '1999-12-31T15:00:00.000Z']) {
      for (const zone of ['Asia/Tokyo', 'America/New_York', 'Europe/London']) expect(new Date(zonedIso(at, zone)).toISOString()).toBe(at);
    }
  });
});
