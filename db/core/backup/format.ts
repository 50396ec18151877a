import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { createCipheriv, createDecipheriv, hash, randomBytes } from 'node:crypto';
import type { BackupSummary } from '../../contract';
import { parseRecoveryKey } from '../../keyring/recoveryKey';
import { slotAad, type RecoverySlot } from '../../keyring/keyring';
import { deriveFromPassword, deriveFromRecoveryKey, newScryptParams, unwrapKey, wrapKey, type ScryptParams, type WrappedKey } from '../../keyring/slotCrypto';
import { decryptSecret, hexInto, secretBuffer, utf8Secret } from '../../store/secrets';
import { AppError } from '../appError';

/**
 * The backup file, byte for byte (docs/SECURITY.md "Backup files"):
 *
 *   0      8  magic "DAICHOBK"
 *   8      4  format version, uint32 big-endian (1)
 *   12     4  H = header length, uint32 BE
 *   16     H  header: UTF-8 JSON (KDF parameters, the wrapped backup key, the recovery slot)
 *   16+H  32  SHA-256 of bytes [0, 16+H): tells accidental damage from a wrong passphrase
 *   48+H   4  M = manifest length, uint32 BE
 *   52+H  12  manifest IV
 *   64+H   M  manifest: AES-256-GCM ciphertext of UTF-8 JSON under the backup key,
 *             AAD = bytes [0, 52+H) (everything before the IV)
 *   64+H+M 16 GCM tag
 *   80+H+M L  payload: the SQLCipher 4 database file as on disk (pages encrypted under the
 *             database key); L and SHA-256 are in the manifest; the file ends here.
 */
export const backupMagic = Buffer.from('DAICHOBK', 'ascii');
export const backupFormatVersion = 1;
export const backupExtension = 'daicho-backup';
const maxHeaderBytes = 64 * 1024;
const maxManifestBytes = 16 * 1024 * 1024;

export interface BackupHeader {
  format: 'daicho-backup';
  version: 1;
  databaseId: string;
  createdAt: string;
  /** The backup key wrapped under scrypt(passphrase). */
  passphrase: { kdf: ScryptParams; wrap: WrappedKey };
  /**
   * The recovery key opens the backup too: `slot` is keyring.json's recovery slot as it was
   * (it wraps the database key), and `wrap` is the backup key wrapped under the database key.
   */
  recovery: { slot: RecoverySlot; wrap: WrappedKey };
}

export interface BackupManifest {
  summary: BackupSummary;
  payload: { length: number; sha256: string };
  /**
   * The database key (raw SQLCipher key). In the file: 64 hex digits; in memory a secret
   * buffer (store/secrets.ts) that its holder wipes — the hex is never a JS string.
   */
  databaseKey: Buffer;
  /** keyring.json's exact text at backup time: users' passwords work after a restore. */
  keyringJson: string;
}

export const passphraseAad = (databaseId: string) => `daicho-backup-v1|passphrase|${databaseId}`;
export const databaseKeyAad = (databaseId: string) => `daicho-backup-v1|database-key|${databaseId}`;

export function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Bytes [0, 52+H): magic, version, header, its hash and the manifest length — the manifest's AAD. */
export function encodePreamble(header: BackupHeader, manifestLength: number): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.concat([backupMagic, uint32(backupFormatVersion), uint32(json.length), json]);
  return Buffer.concat([head, hash('sha256', head, 'buffer'), uint32(manifestLength)]);
}

export function newHeader(input: {
  databaseId: string;
  createdAt: string;
  backupKey: Buffer;
  passphraseKek: Buffer;
  kdf: ScryptParams;
  recoverySlot: RecoverySlot;
  databaseKey: Buffer;
}): BackupHeader {
  return {
    format: 'daicho-backup',
    version: 1,
    databaseId: input.databaseId,
    createdAt: input.createdAt,
    passphrase: { kdf: input.kdf, wrap: wrapKey(input.passphraseKek, input.backupKey, passphraseAad(input.databaseId)) },
    recovery: { slot: input.recoverySlot, wrap: wrapKey(input.databaseKey, input.backupKey, databaseKeyAad(input.databaseId)) },
  };
}

/**
 * The backup passphrase's scrypt cost: 64 MiB per lane, two lanes — the keyring's work per
 * guess (N·r·p as N=2^17, r=8, p=1) at half its memory, so an export stays under 100 MB
 * above idle (issue #8) while a thief with the medium pays the same time per guess.
 */
export const backupScryptCost = { N: 2 ** 16, r: 8, p: 2 } as const;

export async function passphraseKek(passphrase: string, cost: { N: number; r: number; p: number } = backupScryptCost): Promise<{ kdf: ScryptParams; kek: Buffer }> {
  const kdf = newScryptParams(cost);
  return { kdf, kek: await deriveFromPassword(passphrase, kdf) };
}

export function sealManifest(backupKey: Buffer, preamble: Buffer, manifest: BackupManifest): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', backupKey, iv);
  cipher.setAAD(preamble);
  const plain = manifestBytes(manifest);
  try {
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { iv, ciphertext, tag: cipher.getAuthTag() };
  } finally {
    plain.fill(0);
  }
}

/** The JSON with the key's place held by zeros: the same length as the real one, and no secret. */
const manifestText = (manifest: BackupManifest): string => JSON.stringify({ ...manifest, databaseKey: '0'.repeat(64) });
const keyField = Buffer.from('"databaseKey":"', 'latin1');

export function manifestLength(manifest: BackupManifest): number {
  return Buffer.byteLength(manifestText(manifest), 'utf8');
}

/**
 * The manifest's UTF-8 JSON in a secret buffer, the key's hex digits written into the bytes
 * (issue #9, 6: as a JS string they would outlive the export). The first `"databaseKey":"`
 * is the field: no JSON string value can hold an unescaped quote.
 */
function manifestBytes(manifest: BackupManifest): Buffer {
  const bytes = utf8Secret(manifestText(manifest));
  hexInto(bytes, bytes.indexOf(keyField) + keyField.length, manifest.databaseKey);
  return bytes;
}

/** Takes the key's 64 hex digits out of the plaintext (overwriting them) into a secret buffer; null if absent. */
function takeDatabaseKey(plain: Buffer): Buffer | null {
  const at = plain.indexOf(keyField);
  if (at < 0 || plain[at + keyField.length + 64] !== 0x22) return null;
  const key = secretBuffer(32);
  const nibble = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);
  for (let i = 0; i < 32; i++) {
    const start = at + keyField.length + 2 * i;
    const high = nibble(plain[start]!);
    const low = nibble(plain[start + 1]!);
    if (high < 0 || low < 0) {
      key.fill(0);
      return null;
    }
    key[i] = (high << 4) | low;
    plain.fill(0x30, start, start + 2);
  }
  return key;
}

/** The parts of an opened file, before any secret is used. */
export interface BackupFileLayout {
  fileSize: number;
  header: BackupHeader;
  preamble: Buffer;
  manifestIv: Buffer;
  manifestCiphertext: Buffer;
  manifestTag: Buffer;
  payloadOffset: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/**
 * Reads the plaintext parts. Not a backup (empty, another kind of file): BACKUP_NOT_A_BACKUP.
 * A backup whose header or framing is cut short or altered: BACKUP_DAMAGED.
 */
export function readLayout(file: string): BackupFileLayout {
  let fd: number;
  try {
    // A FIFO would block this (main) thread in open() until someone writes to it; a folder or a device is no backup either.
    if (!statSync(file).isFile()) throw new AppError('BACKUP_NOT_A_BACKUP');
    fd = openSync(file, 'r');
  } catch {
    throw new AppError('BACKUP_NOT_A_BACKUP');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new AppError('BACKUP_NOT_A_BACKUP');
    const fileSize = stat.size;
    const start = readAt(fd, 0, 16);
    if (start.length < 8 || !start.subarray(0, 8).equals(backupMagic)) throw new AppError('BACKUP_NOT_A_BACKUP');
    if (start.length < 16) throw new AppError('BACKUP_DAMAGED');
    const version = start.readUInt32BE(8);
    const headerLength = start.readUInt32BE(12);
    if (version !== backupFormatVersion || headerLength > maxHeaderBytes || 52 + headerLength > fileSize) throw new AppError('BACKUP_DAMAGED');
    const rest = readAt(fd, 16, headerLength + 36);
    if (rest.length !== headerLength + 36) throw new AppError('BACKUP_DAMAGED');
    const headBytes = Buffer.concat([start, rest.subarray(0, headerLength)]);
    if (!hash('sha256', headBytes, 'buffer').equals(rest.subarray(headerLength, headerLength + 32))) throw new AppError('BACKUP_DAMAGED');
    const header = JSON.parse(rest.subarray(0, headerLength).toString('utf8')) as BackupHeader;
    if (!wellFormedHeader(header)) throw new AppError('BACKUP_DAMAGED');
    const mLength = rest.readUInt32BE(headerLength + 32);
    const payloadOffset = 80 + headerLength + mLength;
    if (mLength > maxManifestBytes || payloadOffset > fileSize) throw new AppError('BACKUP_DAMAGED');
    const sealed = readAt(fd, 52 + headerLength, 12 + mLength + 16);
    return {
      fileSize,
      header,
      preamble: Buffer.concat([headBytes, rest.subarray(headerLength, headerLength + 36)]),
      manifestIv: sealed.subarray(0, 12),
      manifestCiphertext: sealed.subarray(12, 12 + mLength),
      manifestTag: sealed.subarray(12 + mLength),
      payloadOffset,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BACKUP_DAMAGED');
  } finally {
    closeSync(fd);
  }
}

/**
 * The scrypt cost a backup may ask for. The header is read before anything is authenticated,
 * so a crafted file must not make the app spend gigabytes or hours (N=2^30, p=2^20, a
 * keyLength of 2^30) before the passphrase is even checked: 8× our own cost at most.
 */
const maxScrypt = { N: 2 ** 20, r: 32, p: 16, memory: 256 * 1024 * 1024, work: 2 ** 16 * 8 * 2 * 8 };

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1024;
const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isBase64Of = (v: unknown, bytes: number): boolean => isText(v) && /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === bytes;

function wellFormedWrap(w: unknown): boolean {
  const wrap = w as Partial<WrappedKey> | null;
  return typeof wrap === 'object' && wrap !== null && wrap.name === 'aes-256-gcm' && isBase64Of(wrap.iv, 12) && isBase64Of(wrap.ciphertext, 32) && isBase64Of(wrap.tag, 16);
}

/** Every field a secret is derived or unwrapped with, bounded (the cost above) and of the right shape. */
function wellFormedHeader(h: unknown): h is BackupHeader {
  const header = h as Partial<BackupHeader> | null;
  if (typeof header !== 'object' || header === null || header.format !== 'daicho-backup' || header.version !== 1) return false;
  if (!isText(header.databaseId) || !isText(header.createdAt)) return false;
  const kdf = header.passphrase?.kdf as Partial<ScryptParams> | undefined;
  if (!kdf || kdf.name !== 'scrypt' || kdf.keyLength !== 32 || !isBase64Of(kdf.salt, 16)) return false;
  if (!isInt(kdf.N, 2, maxScrypt.N) || (kdf.N & (kdf.N - 1)) !== 0 || !isInt(kdf.r, 1, maxScrypt.r) || !isInt(kdf.p, 1, maxScrypt.p)) return false;
  if (128 * kdf.N * kdf.r > maxScrypt.memory || kdf.N * kdf.r * kdf.p > maxScrypt.work) return false;
  const slot = header.recovery?.slot as Partial<RecoverySlot> | undefined;
  const hkdf = slot?.kdf as Partial<RecoverySlot['kdf']> | undefined;
  if (!slot || !hkdf || hkdf.name !== 'hkdf-sha256' || hkdf.keyLength !== 32 || !isBase64Of(hkdf.salt, 16) || !isText(hkdf.info)) return false;
  return wellFormedWrap(header.passphrase?.wrap) && wellFormedWrap(slot.wrap) && wellFormedWrap(header.recovery?.wrap);
}

/** What opens a backup: its passphrase or the organisation's recovery key. */
export type BackupSecret = { passphrase: string } | { recoveryKey: string };

/** The backup key, or null for a wrong passphrase / recovery key. */
export async function unwrapBackupKey(header: BackupHeader, secret: BackupSecret): Promise<Buffer | null> {
  // Every intermediate secret is wiped as soon as the next one is made (issue #9, 6).
  if ('passphrase' in secret) {
    const kek = await deriveFromPassword(secret.passphrase, header.passphrase.kdf);
    const backupKey = unwrapKey(kek, header.passphrase.wrap, passphraseAad(header.databaseId));
    kek.fill(0);
    return backupKey;
  }
  const bytes = parseRecoveryKey(secret.recoveryKey);
  if (!bytes) return null;
  const slot = header.recovery.slot;
  const kek = deriveFromRecoveryKey(bytes, slot.kdf);
  bytes.fill(0);
  const databaseKey = unwrapKey(kek, slot.wrap, slotAad(header.databaseId, slot));
  kek.fill(0);
  const backupKey = databaseKey ? unwrapKey(databaseKey, header.recovery.wrap, databaseKeyAad(header.databaseId)) : null;
  databaseKey?.fill(0);
  return backupKey;
}

/** The manifest, or null when the GCM tag fails (the header, framing or manifest was altered). */
/**
 * The manifest, or null when the GCM tag fails (the header, framing or manifest was altered).
 * Its `databaseKey` is a secret buffer the caller wipes; the plaintext is decrypted with no
 * unwiped copy behind it (store/secrets.ts) and wiped here.
 */
export function openManifest(layout: BackupFileLayout, backupKey: Buffer): BackupManifest | null {
  let plain: Buffer | null = null;
  let databaseKey: Buffer | null = null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', backupKey, layout.manifestIv);
    decipher.setAAD(layout.preamble);
    decipher.setAuthTag(layout.manifestTag);
    plain = decryptSecret(decipher, layout.manifestCiphertext);
    if (decipher.final().length !== 0) return null;
    databaseKey = takeDatabaseKey(plain);
    if (!databaseKey) return null;
    const manifest = JSON.parse(plain.toString('utf8')) as Omit<BackupManifest, 'databaseKey'>;
    return { ...manifest, databaseKey };
  } catch {
    databaseKey?.fill(0);
    return null;
  } finally {
    plain?.fill(0);
  }
}
