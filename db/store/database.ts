import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../core/appError';
import { latestSchemaVersion, migrations } from './migrations';
import { keyConnection } from './secrets';

export type Db = Database.Database;

export const databaseFileName = 'daicho.db';

/**
 * Opens (or creates) the SQLCipher 4 database with a raw 256-bit key.
 * Order matters: cipher and legacy must be set before the key, and the key before any
 * other statement (engineering notes; keyConnection does the first two). A raw key skips SQLCipher's own PBKDF2: the key
 * is already random, and the password hardening happens once, in the keyring.
 */
export function openEncryptedDatabase(file: string, masterKey: Buffer, options: { create: boolean }): Db {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  const db = new Database(file, { fileMustExist: !options.create });
  try {
    // Never `PRAGMA key` text: its hex would stay in freed memory after the lock (secrets.ts).
    keyConnection(db, masterKey);
    try {
      // The first read is where a wrong key or a damaged file shows (SQLITE_NOTADB).
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new AppError('DATABASE_DAMAGED');
    }
    db.pragma('journal_mode=WAL');
    // Records must survive a power cut: FULL syncs the WAL on every commit.
    db.pragma('synchronous=FULL');
    db.pragma('foreign_keys=ON');
    // Temporary tables and sort spills stay in memory so no plaintext temp file is written.
    db.pragma('temp_store=MEMORY');
    // Every page read from disk is decrypted; a 64 MiB cache keeps the ledgers' hot pages
    // decrypted in memory (a desktop can spare it; no mmap with encryption).
    db.pragma('cache_size=-65536');
    // Freed pages are zeroed, so deleted rows do not linger even in ciphertext form.
    db.pragma('secure_delete=ON');
    // An existing file at schema 0 was never the app's (setup migrates before anything else):
    // typically daicho.db copied without its -wal (docs/SECURITY.md). It is refused untouched,
    // never migrated into an empty database that would then pass for this one.
    if (!options.create && schemaVersion(db) === 0) throw new AppError('DATABASE_DAMAGED', undefined, undefined, 'errors.databaseEmpty');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations the file has not seen, each in its own transaction. A file
 * newer than this code is refused, never "repaired": an older app must not rewrite data
 * it does not understand (Signal's DBVersionFromFutureError; CNIL's PIA lost data there).
 */
export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new AppError('DATABASE_TOO_NEW', { found: current, supported: latestSchemaVersion });
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version=${migration.version}`);
    }).immediate();
  }
}
