import { createHash, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../keyring/keyring';
import { isDatabaseDamage } from '../store/damage';
import { AppError } from './appError';
import type { AppCore } from './appCore';

/**
 * A database found damaged at login or unlock (issue #9, 7). Nobody can log in to reach
 * 設定 → バックアップ → 復元, so the login screen offers the setup wizard's restore instead;
 * main allows it only while this record says a login proved the damage: the password
 * opened this folder's keyring (so the person holds an account), and the database that key
 * opens could not be read. The restore then also needs the backup's passphrase (or the
 * recovery key), and only a backup of this very database — same databaseId, same key — is
 * accepted: the folder is repaired, never replaced by another organisation's data.
 * The key itself is not kept: only its SHA-256, to compare with the backup's.
 */
export interface DamageRecord {
  databaseId: string;
  keyDigest: Buffer;
  /** Who proved it, named in the restored database's backup register. */
  loginId: string;
}

const damaged = new WeakMap<AppCore, DamageRecord>();

/**
 * Called with the error of opening or first reading the database after a good password:
 * damage is remembered and becomes DATABASE_DAMAGED; any other error passes unchanged.
 */
export function noteDamage(core: AppCore, keyring: Keyring, masterKey: Buffer, loginId: string, error: unknown): unknown {
  if (!isDatabaseDamage(error)) return error;
  if (!(error instanceof AppError)) console.error('daicho: the database is damaged', error);
  damaged.set(core, { databaseId: keyring.databaseId, keyDigest: createHash('sha256').update(masterKey).digest(), loginId });
  // An AppError already says which damage (e.g. errors.databaseEmpty): its words stand.
  return error instanceof AppError ? error : new AppError('DATABASE_DAMAGED');
}

export function damageRecord(core: AppCore): DamageRecord | null {
  return damaged.get(core) ?? null;
}

/**
 * A session started (login, recovery key) or unlocked, or a restore completed: the folder is
 * usable again, so the restore without a password ends (a record left behind would let anyone
 * at the login screen with a backup and its passphrase put the organisation back to it).
 */
export function forgetDamage(core: AppCore): void {
  damaged.delete(core);
}

/** Whether a backup's database is the damaged one (same id, same key): only that may replace it. */
export function isSameDatabase(record: DamageRecord, databaseId: string, databaseKey: Buffer): boolean {
  const digest = createHash('sha256').update(databaseKey).digest();
  return record.databaseId === databaseId && timingSafeEqual(digest, record.keyDigest);
}
