import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { decryptSecret, utf8Secret } from '../store/secrets';

/**
 * The cryptography of one key slot: derive a key-encryption key (KEK) from a password
 * (scrypt) or from the recovery key (HKDF-SHA256), and wrap the 32-byte database key with
 * AES-256-GCM. Every parameter is stored in the slot, so parameters can be raised later
 * without breaking old slots. Format: docs/SECURITY.md.
 */

export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  keyLength: 32;
  salt: string; // base64, 16 bytes
}

export interface HkdfParams {
  name: 'hkdf-sha256';
  info: string;
  keyLength: 32;
  salt: string; // base64, 16 bytes
}

export interface WrappedKey {
  name: 'aes-256-gcm';
  iv: string; // base64, 12 bytes
  ciphertext: string; // base64, 32 bytes
  tag: string; // base64, 16 bytes
}

/**
 * scrypt N=2^17, r=8, p=1 uses 128 MiB and about half a second here: costly for a thief
 * guessing offline, bearable once per login. Raise N for new slots as machines get faster.
 */
export const defaultScryptCost = { N: 2 ** 17, r: 8, p: 1 } as const;

export const recoveryHkdfInfo = 'daicho recovery key v1';

export function newScryptParams(cost: { N: number; r: number; p: number } = defaultScryptCost): ScryptParams {
  return { name: 'scrypt', ...cost, keyLength: 32, salt: randomBytes(16).toString('base64') };
}

export function newHkdfParams(): HkdfParams {
  return { name: 'hkdf-sha256', info: recoveryHkdfInfo, keyLength: 32, salt: randomBytes(16).toString('base64') };
}

export function deriveFromPassword(password: string, params: ScryptParams): Promise<Buffer> {
  // NFC so the same password typed through different IMEs gives the same bytes. The bytes are
  // made once, off the V8 heap, and wiped when scrypt is done (issue #9, 6; store/secrets.ts).
  const secret = utf8Secret(password.normalize('NFC'));
  return new Promise<Buffer>((resolve, reject) => {
    scryptCb(
      secret,
      Buffer.from(params.salt, 'base64'),
      params.keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  }).finally(() => secret.fill(0));
}

export function deriveFromRecoveryKey(recoveryKeyBytes: Buffer, params: HkdfParams): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryKeyBytes, Buffer.from(params.salt, 'base64'), params.info, params.keyLength));
}

export function wrapKey(kek: Buffer, masterKey: Buffer, aad: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(masterKey), cipher.final()]);
  return {
    name: 'aes-256-gcm',
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/**
 * Returns the master key, or null if the KEK is wrong or the slot was altered. The key is
 * decrypted into a secret buffer with no unwiped copy behind it (store/secrets.ts, issue #9,
 * 6); a failed tag wipes it.
 */
export function unwrapKey(kek: Buffer, wrapped: WrappedKey, aad: string): Buffer | null {
  let key: Buffer | null = null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    key = decryptSecret(decipher, Buffer.from(wrapped.ciphertext, 'base64'));
    if (decipher.final().length !== 0) throw new Error('unexpected GCM output');
    return key;
  } catch {
    key?.fill(0);
    return null;
  }
}
