import { statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { BackupSummary } from '../../contract';
import { schemaVersion, type Db } from '../../store/database';
import { keyConnection } from '../../store/secrets';
import { auditHead } from '../audit';
import { readSettings } from '../settings';
import { backupFormatVersion } from './format';

/**
 * A consistent snapshot of daicho.db without stopping work (issue #8; measured against
 * `VACUUM INTO` in scripts/benchBackup.ts). In one synchronous step — no write can run in
 * between, since every write of this app runs on this thread — the WAL is checkpointed
 * into the file and truncated, and a second connection begins a read transaction. That
 * reader's snapshot is the file itself (an empty WAL), and SQLite never checkpoints past a
 * reader's snapshot, so the file's bytes stay exactly as they are while the reader holds
 * it, however many commits land in the WAL meanwhile. The file's pages are already
 * encrypted: copying them is a plain file copy, never plaintext.
 */
export interface Snapshot {
  /** Bytes of daicho.db that form the snapshot. */
  length: number;
  summary: Omit<BackupSummary, 'createdAt' | 'createdBy' | 'appVersion'>;
  release(): void;
}

export async function takeSnapshot(db: Db, file: string, masterKey: Buffer, attempts = 25): Promise<Snapshot> {
  for (let attempt = 1; ; attempt++) {
    // busy = 1 when another reader (an audit verification worker) keeps the checkpoint from finishing.
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (result && result.busy === 0) {
      const reader = openReader(file, masterKey);
      try {
        reader.prepare('BEGIN').run();
        const pageCount = reader.pragma('page_count', { simple: true }) as number;
        const pageSize = reader.pragma('page_size', { simple: true }) as number;
        const length = statSync(file).size;
        // The snapshot must be the file alone: a frame in the WAL would mean a commit slipped in.
        if (length === pageCount * pageSize) {
          const summary = summarize(reader);
          return {
            length,
            summary,
            release: () => {
              try {
                reader.prepare('COMMIT').run();
              } finally {
                reader.close();
              }
            },
          };
        }
      } catch (error) {
        reader.close();
        throw error;
      }
      reader.close();
    }
    if (attempt >= attempts) throw new Error('backup: no consistent snapshot (the database stayed busy)');
    // Each attempt is one synchronous step; between them other work (a verification's reader) may finish.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function openReader(file: string, masterKey: Buffer): Db {
  const reader = new Database(file, { fileMustExist: true });
  keyConnection(reader, masterKey);
  reader.pragma('temp_store=MEMORY');
  return reader;
}

/** Rows per table, the access-log head and who the data belongs to (one read transaction). */
export function summarize(db: Db): Snapshot['summary'] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number;
  const head = auditHead(db);
  return {
    formatVersion: backupFormatVersion,
    schemaVersion: schemaVersion(db),
    organizationName: readSettings(db).organizationName,
    databaseId: (db.prepare(`SELECT value FROM meta WHERE key = 'databaseId'`).pluck().get() as string | undefined) ?? '',
    counts,
    auditHead: { seq: head.seq, hash: head.hash },
  };
}
