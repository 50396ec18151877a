import { randomSecret, secretBuffer } from '../store/secrets';

/**
 * The recovery key: 20 random bytes (160 bits) written in Crockford base32 as eight groups
 * of four, e.g. "7K2M-Q9XD-…". Crockford leaves out I, L, O and U so a key copied from
 * paper by hand is not misread; when typed back, O reads as 0 and I/L as 1.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const recoveryKeyBytes = 20;

/** The bytes are a secret buffer (store/secrets.ts): the caller wipes them once the slot is made. */
export function newRecoveryKey(): { text: string; bytes: Buffer } {
  const bytes = randomSecret(recoveryKeyBytes);
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

/**
 * Parses what a person typed; null if it cannot be a recovery key. The bytes go straight into
 * a secret buffer (no array of numbers, no copy), which the caller wipes after use.
 */
export function parseRecoveryKey(typed: string): Buffer | null {
  const cleaned = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== Math.ceil((recoveryKeyBytes * 8) / 5)) return null;
  // 32 characters of 5 bits are exactly the 20 bytes (checked above), so `length` never overruns.
  let bits = 0;
  let value = 0;
  let length = 0;
  const out = secretBuffer(recoveryKeyBytes);
  for (const ch of cleaned) {
    const digit = alphabet.indexOf(ch);
    if (digit < 0) {
      out.fill(0);
      return null;
    }
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[length++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}
