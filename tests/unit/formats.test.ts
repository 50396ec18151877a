import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from '../../db/keyring/recoveryKey';
import { writeFileAtomic } from '../../db/store/atomicFile';
import { canonicalJson } from '../../db/store/canonicalJson';
import { csvCell, csvDocument } from '../../db/core/output/csv';
import { characterClasses } from '../../db/core/passwordPolicy';

describe('recovery key text', () => {
  it('round-trips and forgives how people copy it from paper', () => {
    for (let i = 0; i < 50; i++) {
      const { text, bytes } = newRecoveryKey();
      expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseRecoveryKey(text)).toEqual(bytes);
      const sloppy = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'O').replace(/1/g, 'l');
      expect(parseRecoveryKey(sloppy)).toEqual(bytes);
    }
    expect(formatRecoveryKey(Buffer.alloc(20))).toBe('0000-0000-0000-0000-0000-0000-0000-0000');
    expect(parseRecoveryKey('0000-0000')).toBeNull();
    expect(parseRecoveryKey('UUUU-0000-0000-0000-0000-0000-0000-0000')).toBeNull();
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: '日本' }, u: undefined })).toBe('{"a":{"c":"日本","d":[1,{"y":2,"z":1}]},"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });
});

describe('CSV for Excel', () => {
  it('writes a BOM and CRLF, quotes what needs it, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+81-3')).toBe("'+81-3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(null)).toBe('');
    expect(csvDocument(['氏名'], [['田中\n花子']])).toBe('\uFEFF氏名\r\n"田中\n花子"\r\n');
  });
});

describe('atomic file writes', () => {
  it('replaces the file whole and leaves no temp file behind', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daicho-atomic-'));
    const file = path.join(dir, 'keyring.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, '新しい内容');
    expect(readFileSync(file, 'utf8')).toBe('新しい内容');
    expect(readdirSync(dir)).toEqual(['keyring.json']);
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'x.json'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['keyring.json']);
  });
});

describe('password character classes', () => {
  it('counts lower, upper, digits and everything else', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('abcD1')).toBe(3);
    expect(characterClasses('あいうえおabc')).toBe(2);
  });
});
