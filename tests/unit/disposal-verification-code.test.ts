import { describe, expect, it } from 'vitest';
import { channels } from '../../db/contract';
import { formatCode, parseCode } from '../../db/features/disposal/verificationCode';

/**
 * Reading a certificate's verification code as a clerk types it or a reader scans it (issue #11
 * item 6): the printed form comes back whatever the width, case or dash; a typo or a made-up
 * string is told apart from a well-formed code (its check characters).
 */
const code = formatCode('7K2Q', 'R8-0001', '9F3AKD72M1XPQ0ZB');

describe('verification code', () => {
  it('is printed as tag, number, four groups and two check characters', () => {
    expect(code).toMatch(/^7K2Q-R8-0001-9F3A-KD72-M1XP-Q0ZB-[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(parseCode(code)).toEqual({ code, tag: '7K2Q', certificateNo: 'R8-0001', mac: '9F3AKD72M1XPQ0ZB' });
  });

  it('reads back full width, lower case, spaces, ー and O/I/L typed for 0/1', () => {
    const fullWidth = code.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(parseCode(fullWidth)?.code).toBe(code);
    expect(parseCode(code.toLowerCase())?.code).toBe(code);
    expect(parseCode(code.replaceAll('-', 'ー'))?.code).toBe(code);
    expect(parseCode(` ${code.replaceAll('-', ' - ')} `)?.code).toBe(code);
    expect(parseCode(code.replace('Q0ZB', 'QOZB').replace('M1XP', 'MlXP'))?.code).toBe(code);
  });

  it('refuses a typo, a wrong shape and a made-up string', () => {
    expect(parseCode(code.replace('9F3A', '9F3B'))).toBeNull();
    expect(parseCode(code.replace('R8-0001', 'R8-0002'))).toBeNull();
    expect(parseCode(code.slice(0, -3))).toBeNull();
    expect(parseCode(code.replaceAll('-', ''))).toBeNull();
    expect(parseCode('R8-0001')).toBeNull();
    expect(parseCode('ABCD-R8-0001-AAAA-AAAA-AAAA-AAAA-AA')).toBeNull();
    expect(parseCode('')).toBeNull();
  });

  it('refuses letters outside the alphabet (U) instead of guessing', () => {
    expect(parseCode(code.replace('9F3A', '9F3U'))).toBeNull();
  });
});

describe('the code field at the boundary (an audited read: its input is logged)', () => {
  const input = channels['disposal.verifyCode'].input;
  const refusal = (code: string) => {
    const r = input.safeParse({ code });
    return r.success ? null : r.error.issues.map((i) => i.message);
  };

  it('takes a printed code whose 証明書番号 stands beside groups of digits', () => {
    // 0001 and the next two groups read as 000123456785, a 12-digit number with a valid check digit.
    const digits = formatCode('7K2Q', 'R8-0001', '23456785ABCDEFGH');
    expect(refusal(digits)).toBeNull();
    expect(refusal(digits.replaceAll('-', 'ー'))).toBeNull();
  });

  it('refuses a 個人番号, also written into a code’s shape', () => {
    expect(refusal('987654321093')).toEqual(['validation.myNumber']);
    expect(refusal('9876-5432-1093')).toEqual(['validation.myNumber']);
    expect(refusal(formatCode('7K2Q', 'R8-0001', '9876543210937K2Q'))).toEqual(['validation.myNumber']);
  });
});
