import { randomBytes } from 'node:crypto';

/**
 * The recovery key: 20 random bytes (160 bits) written in Crockford base32 as eight groups
 * of four, e.g. "7K2M-Q9XD-…". Crockford leaves out I, L, O and U so a key copied from
 * paper by hand is not misread; when typed back, O reads as 0 and I/L as 1.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const recoveryKeyBytes = 20;

export function newRecoveryKey(): { text: string; bytes: Buffer } {
  const bytes = randomBytes(recoveryKeyBytes);
  return { text: formatRecoveryKey(bytes), bytes };
}

export function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Parses what a person typed; null if it cannot be a recovery key. */
export function parseRecoveryKey(typed: string): Buffer | null {
  const cleaned = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== Math.ceil((recoveryKeyBytes * 8) / 5)) return null;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of cleaned) {
    const digit = alphabet.indexOf(ch);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out.length === recoveryKeyBytes ? Buffer.from(out) : null;
}
