import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bidiControls } from '../../db/contract/bidi';
import { loginId, localDate, password, requiredText, retention } from '../../db/contract/fields';
import { retentionProblem } from '../../db/contract/retention';
import { toFieldIssues } from '../../db/core/fieldIssues';
import { plainPayload } from '../../db/ipc/plainPayload';
import { parseDateCell } from '../../db/ledger/csv/cells';
import { formatDateWithWareki, formatWarekiDate } from '../../db/print/dates';
import { formatInstant, formatLocalDate } from '../../renderer/format/dates';

/**
 * Issue #9 item 13, the pure parts: dates in 1900–2200, one message per wrong type, bidi
 * controls refused, only plain data past the router, and printing of a date stored before.
 */
function issuesOf(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value, { reportInput: true });
  return r.success ? [] : toFieldIssues(r.error.issues).map((i) => i.messageKey);
}

describe('dates a record may hold: 1900-01-01 to 2200-12-31', () => {
  it('accepts the bounds and refuses what lies outside, with its own message', () => {
    for (const ok of ['1900-01-01', '2026-11-22', '2200-12-31']) expect(issuesOf(localDate, ok), ok).toEqual([]);
    for (const out of ['0000-01-01', '0001-01-01', '1899-12-31', '2201-01-01', '9999-12-31']) expect(issuesOf(localDate, out), out).toEqual(['validation.dateOutOfRange']);
    // A day that does not exist says so, once.
    expect(issuesOf(localDate, '0000-02-30')).toEqual(['validation.invalidDate']);
    expect(issuesOf(localDate, '2026-02-30')).toEqual(['validation.invalidDate']);
  });

  it('holds 保存期限 given as a date to the same range; 永年 and periods are untouched', () => {
    expect(retentionProblem('0000-01-01')).toBe('validation.dateOutOfRange');
    expect(retentionProblem('2201-01-01')).toBe('validation.dateOutOfRange');
    expect(retentionProblem('2200-12-31')).toBeNull();
    expect(retentionProblem('permanent')).toBeNull();
    expect(retentionProblem('P5Y')).toBeNull();
    expect(issuesOf(retention, '0000-01-01')).toEqual(['validation.dateOutOfRange']);
  });

  it('reads CSV dates (和暦 too) as before; the schema then judges the range', () => {
    expect(parseDateCell('R10.3.31')).toBe('2028-03-31');
    expect(parseDateCell('令和99年3月31日')).toBe('2117-03-31');
    expect(parseDateCell('0000/1/1')).toBe('0000-01-01');
    expect(issuesOf(localDate, parseDateCell('0000/1/1'))).toEqual(['validation.dateOutOfRange']);
    expect(issuesOf(localDate, parseDateCell('R10.3.31'))).toEqual([]);
  });
});

describe('printing a date stored before the range check', () => {
  it('prints 西暦 where 和暦 has no era, never 「大化-644年」 or year 1 for 0000', () => {
    expect(formatWarekiDate('2026-11-22')).toBe('令和8年11月22日');
    expect(formatWarekiDate('1899-12-31')).toBe('1899年12月31日');
    expect(formatWarekiDate('9999-12-31')).toBe('9999年12月31日');
    expect(formatWarekiDate('0000-01-01')).toBe('0000-01-01');
    expect(formatDateWithWareki('2300-01-01')).toBe('2300年1月1日');
    expect(formatDateWithWareki('2026-11-22')).toBe('2026年11月22日（令和8年11月22日）');
  });

  it('shows the same on screen in 和暦 display', () => {
    const opts = { locale: 'ja', display: 'wareki' as const, timeZone: 'Asia/Tokyo' };
    expect(formatLocalDate('2026-11-22', opts)).toBe('令和8年11月22日');
    expect(formatLocalDate('1850-01-01', opts)).toBe('1850年1月1日');
    expect(formatLocalDate('0000-01-01', opts)).toBe('0000-01-01');
    expect(formatInstant('9999-12-31T00:00:00Z', opts)).toBe('9999年12月31日 09:00');
    for (const shown of [formatLocalDate('0000-01-01', opts), formatLocalDate('1850-01-01', opts)]) expect(shown).not.toMatch(/大化|-\d+年/);
  });
});

describe('a value of the wrong type in a text field', () => {
  it('says invalidType for a number, an object or an array, and required only when nothing was given', () => {
    for (const schema of [loginId, password, requiredText(10), localDate, retention]) {
      for (const wrong of [12345, {}, [], ['a'], true]) expect(issuesOf(schema, wrong), JSON.stringify(wrong)).toEqual(['validation.invalidType']);
      expect(issuesOf(schema, undefined)).toEqual(['validation.required']);
      expect(issuesOf(schema, null)).toEqual(['validation.required']);
    }
    expect(issuesOf(loginId, '')).toContain('validation.required');
    expect(issuesOf(password, '')).toEqual(['validation.required']);
  });
});

describe('bidi controls', () => {
  const controls = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];

  it('are refused in free text and login IDs, each one', () => {
    for (const c of controls) {
      expect(issuesOf(requiredText(100), `請求書${c}fdp.exe`), c.codePointAt(0)!.toString(16)).toEqual(['validation.bidiControl']);
      expect(issuesOf(loginId, `tanaka${c}`)).toContain('validation.bidiControl');
    }
  });

  it('leave other text alone: Japanese, joiners used by emoji and variation selectors, Arabic letters', () => {
    for (const text of ['住民基本台帳', '👨\u200d👩\u200d👧', '葛\u{E0100}城', 'مرحبا', 'R8-0001', 'a\u200bb']) expect(bidiControls.test(text), text).toBe(false);
    expect(issuesOf(requiredText(100), '👨\u200d👩\u200d👧 名簿')).toEqual([]);
  });
});

describe('only plain data reaches a schema', () => {
  class Holder {
    name = 'x';
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const withGetter = Object.defineProperty({}, 'loginId', { get: () => 'x', enumerable: true });

  it('refuses what structured clone carries and JSON has not, naming where', () => {
    const refused: [string, unknown, (string | number)[]][] = [
      ['Date', new Date(), []],
      ['Map', new Map([['a', 1]]), []],
      ['Set', new Set(), []],
      ['RegExp', /x/, []],
      ['Uint8Array', new Uint8Array(2), []],
      ['ArrayBuffer', new ArrayBuffer(2), []],
      ['class instance', new Holder(), []],
      ['null prototype', Object.create(null), []],
      ['boxed string', new String('x'), []],
      ['BigInt', 1n, []],
      ['NaN', { pageSize: Number.NaN }, ['pageSize']],
      ['Infinity', { page: Number.POSITIVE_INFINITY }, ['page']],
      ['nested Date', { filters: { from: new Date() } }, ['filters', 'from']],
      ['Date in a list', { handlers: ['a', new Date()] }, ['handlers', 1]],
      ['cycle', cyclic, Array(32).fill('self')],
      ['getter', withGetter, ['loginId']],
      ['symbol key', { [Symbol('k')]: 1 }, []],
    ];
    for (const [label, value, path] of refused) expect(plainPayload(value), label).toEqual({ issue: { path, messageKey: 'validation.invalidType' } });
  });

  it('copies plain data as it is; a missing payload is {}', () => {
    const payload = { loginId: 'tanaka', list: [1, 'a', null, true, { x: undefined }], nested: { deep: [[]] } };
    const checked = plainPayload(payload);
    expect(checked).toEqual({ value: payload });
    expect('value' in checked && checked.value).not.toBe(payload);
    expect(plainPayload(undefined)).toEqual({ value: {} });
    expect(plainPayload(null)).toEqual({ value: {} });
    expect(plainPayload([])).toEqual({ value: [] });
  });

  it('keeps a key named __proto__ an own key, so a strict schema refuses it instead of it changing the prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"admin": true}}') as object;
    const checked = plainPayload(hostile) as { value: Record<string, unknown> };
    expect(Object.getPrototypeOf(checked.value)).toBe(Object.prototype);
    expect(Object.hasOwn(checked.value, '__proto__')).toBe(true);
    expect(z.strictObject({}).safeParse(checked.value).success).toBe(false);
  });
});
