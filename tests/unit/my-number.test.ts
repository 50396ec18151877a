import { describe, expect, it } from 'vitest';
import { containsMyNumber, isValidMyNumber, myNumberCheckDigit } from '../../db/contract';

describe('個人番号 check digit (番号法施行令 §8)', () => {
  it('computes the documented example', () => {
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(isValidMyNumber('123456789018')).toBe(true);
    expect(isValidMyNumber('123456789012')).toBe(false);
  });

  it('maps remainders 0 and 1 to check digit 0', () => {
    // Brute force: every check digit is 0..9 and only one final digit validates.
    for (let n = 0; n < 2000; n++) {
      const first11 = String(n * 7919 + 10_000_000_000).slice(0, 11);
      const digit = myNumberCheckDigit(first11);
      expect(digit).toBeGreaterThanOrEqual(0);
      expect(digit).toBeLessThanOrEqual(9);
      const valid = [...'0123456789'].filter((d) => isValidMyNumber(first11 + d));
      expect(valid).toEqual([String(digit)]);
    }
  });

  it('finds a 個人番号 in free text, full-width or grouped, but not inside longer numbers', () => {
    expect(containsMyNumber('番号 123456789018 を確認')).toBe(true);
    expect(containsMyNumber('１２３４５６７８９０１８')).toBe(true);
    expect(containsMyNumber('1234-5678-9018')).toBe(true);
    expect(containsMyNumber('1234 5678 9018')).toBe(true);
    // The dashes an IME gives for "-": the long-vowel mark, the minus sign, the hyphen.
    expect(containsMyNumber('１２３４ー５６７８ー９０１８')).toBe(true);
    expect(containsMyNumber('1234−5678−9018')).toBe(true);
    expect(containsMyNumber('1234‐5678‐9018')).toBe(true);
    expect(containsMyNumber('1123456789018')).toBe(false);
    expect(containsMyNumber('1234567890181')).toBe(false);
    expect(containsMyNumber('123456789012')).toBe(false);
    expect(containsMyNumber('令和8年11月22日 住民基本台帳')).toBe(false);
  });
});
