import { createDecipheriv, createHash, hkdfSync, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

/**
 * An independent reader of Daicho's files, written from docs/SECURITY.md alone: it imports
 * nothing from db/. If the documentation and the code drift apart, the tests using it fail.
 */
interface Slot {
  id: string;
  kind: 'user' | 'recovery';
  userId?: number;
  loginHash?: string;
  kdf: { name: string; N?: number; r?: number; p?: number; salt: string; info?: string; keyLength: number };
  wrap: { iv: string; ciphertext: string; tag: string };
}
interface KeyringFile {
  databaseId: string;
  slots: Slot[];
}

function unwrap(keyring: KeyringFile, slot: Slot, kek: Buffer): Buffer {
  const aad = ['daicho-keyring-v1', keyring.databaseId, slot.id, slot.kind, slot.userId ?? '', slot.loginHash ?? ''].join('|');
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.wrap.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(slot.wrap.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(slot.wrap.ciphertext, 'base64')), decipher.final()]);
}

export function databaseKeyFromPassword(keyringPath: string, loginId: string, password: string): Buffer {
  const keyring = JSON.parse(readFileSync(keyringPath, 'utf8')) as KeyringFile;
  const hash = createHash('sha256')
    .update(Buffer.concat([Buffer.from('daicho-login'), Buffer.of(0), Buffer.from(keyring.databaseId), Buffer.of(0), Buffer.from(loginId.normalize('NFKC').toLowerCase())]))
    .digest('hex');
  const slot = keyring.slots.find((s) => s.kind === 'user' && s.loginHash === hash);
  if (!slot) throw new Error('no slot for that login');
  const { N, r, p } = slot.kdf as { N: number; r: number; p: number };
  const kek = scryptSync(Buffer.from(password.normalize('NFC')), Buffer.from(slot.kdf.salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r + (16 << 20) });
  return unwrap(keyring, slot, kek);
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function databaseKeyFromRecoveryKey(keyringPath: string, recoveryKey: string): Buffer {
  const keyring = JSON.parse(readFileSync(keyringPath, 'utf8')) as KeyringFile;
  const chars = recoveryKey.replace(/[-\s]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  const bits = [...chars].map((c) => crockford.indexOf(c).toString(2).padStart(5, '0')).join('');
  const bytes = Buffer.from(Array.from({ length: 20 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2)));
  const slot = keyring.slots.find((s) => s.kind === 'recovery')!;
  const kek = Buffer.from(hkdfSync('sha256', bytes, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf.info!, 32));
  return unwrap(keyring, slot, kek);
}

/** Opens daicho.db with stock SQLCipher 4 settings and the raw key (SECURITY.md step 5). */
export function openWithRawKey(databasePath: string, key: Buffer): Database.Database {
  const db = new Database(databasePath, { fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  return db;
}
