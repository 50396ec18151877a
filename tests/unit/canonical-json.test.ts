import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../db/store/canonicalJson';

/** Each rule docs/SECURITY.md "Canonical JSON" states, so another program can reproduce a checksum or a chain hash. */
describe('canonical JSON (docs/SECURITY.md)', () => {
  it('sorts object members by UTF-16 code units at every depth and leaves out undefined members', () => {
    expect(canonicalJson({ a: 1, B: 2, é: 3, Z: 4 })).toBe('{"B":2,"Z":4,"a":1,"é":3}');
    // U+1F600 is the surrogate pair D83D DE00: it sorts before U+FF5E although its code point is larger.
    expect(canonicalJson({ '～': 1, '😀': 2 })).toBe('{"😀":2,"～":1}');
    expect(canonicalJson({ outer: { z: [{ b: 1, a: 2 }], y: null }, u: undefined })).toBe('{"outer":{"y":null,"z":[{"a":2,"b":1}]}}');
  });

  it('keeps array order and writes an undefined element as null', () => {
    expect(canonicalJson([3, 1, undefined, 'x'])).toBe('[3,1,null,"x"]');
  });

  it('writes strings and numbers as JSON.stringify does, with no whitespace', () => {
    expect(canonicalJson('a"b\\c\b\t\n\f\r\u0001/\u2028日本')).toBe('"a\\"b\\\\c\\b\\t\\n\\f\\r\\u0001/\u2028日本"');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
    expect(canonicalJson([1, 0.1, 1e21, -0, true, false, null])).toBe('[1,0.1,1e+21,0,true,false,null]');
  });

  it('refuses what JSON cannot hold instead of changing it', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => canonicalJson({ x: bad })).toThrow(TypeError);
      expect(() => canonicalJson([bad])).toThrow(TypeError);
    }
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('writes a non-plain object by its own enumerable members, not toJSON', () => {
    expect(canonicalJson(new Date(0))).toBe('{}');
    expect(canonicalJson(new Map([['a', 1]]))).toBe('{}');
  });
});
