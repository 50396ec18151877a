import { describe, expect, it } from 'vitest';
import { containsMyNumber, isValidMyNumber, maskDigits } from '../../db/contract';
import { digitsOf, holdsValidDigits, nearMisses, spellings, validNumbers } from '../fixtures/myNumberCorpus';

/**
 * The 個人番号 guard over the whole corpus (issue #9 item 2): every spelling of a valid
 * number refused, every near miss accepted — including those built so that their digits,
 * strung together, pass the check digit.
 */
describe('個人番号 corpus', () => {
  it('is built from valid numbers', () => {
    for (const n of validNumbers) expect(isValidMyNumber(n), n).toBe(true);
    expect(spellings.length).toBeGreaterThan(250);
  });

  it('refuses every spelling', () => {
    const accepted = spellings.filter((s) => !containsMyNumber(s.text)).map((s) => `${s.how}: ${JSON.stringify(s.text)}`);
    expect(accepted).toEqual([]);
  });

  it('accepts every near miss', () => {
    const refused = nearMisses.filter((m) => containsMyNumber(m.text)).map((m) => `${m.what}: ${JSON.stringify(m.text)}`);
    expect(refused).toEqual([]);
  });

  it('has adversarial near misses whose digits strung together are a valid 個人番号', () => {
    const adversarial = nearMisses.filter((m) => m.adversarial);
    expect(adversarial.length).toBeGreaterThanOrEqual(15);
    for (const m of adversarial) expect(holdsValidDigits(m.text), m.text).toBe(true);
    // The date range of the issue, its twelve digits a valid number, is still a date range.
    const range = adversarial.find((m) => m.what.startsWith('a date range 2024/4/1-2025/5/1'))!;
    expect(isValidMyNumber(digitsOf(range.text))).toBe(true);
  });

  it('masks every digit of a refused text, whatever its script', () => {
    for (const s of spellings) {
      const masked = maskDigits(s.text);
      expect(containsMyNumber(masked), s.how).toBe(false);
      expect(/[\p{Nd}〇零一二三四五六七八九壱弐参]/u.test(masked), s.how).toBe(false);
    }
  });
});
