import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Tx } from '../../../db/core/appCore';
import { appendAuditEvent, type AuditEntry } from '../../../db/core/audit';
import { discardStatePins, settleStatePins } from '../../../db/core/statePins';
import type { Db } from '../../../db/store/database';
import { migrations } from '../../../db/store/migrations';
import { openWithRawKey } from './documentedFormat';

/**
 * A database as an older app left it: migrations up to `version` only, then `seedSql` (a 課等,
 * an account). Returned open with its raw key, in a folder of its own the caller removes.
 */
export function databaseAtVersion(version: number, seedSql: string): { dir: string; file: string; key: Buffer; old: Db } {
  const dir = mkdtempSync(path.join(tmpdir(), `daicho-v${version}-`));
  const file = path.join(dir, 'daicho.db');
  const key = randomBytes(32);
  writeFileSync(file, '');
  const old = openWithRawKey(file, key);
  for (const m of migrations.filter((m) => m.version <= version)) old.exec(m.sql);
  old.pragma(`user_version = ${version}`);
  old.exec(seedSql);
  return { dir, file, key, old };
}

/**
 * A write as AppCore.write makes it (one transaction, its events, the row states settled),
 * without a session, by user 1; `preTamperEvidence` writes as the app before 0009 did (no row states).
 */
export function kitWrite<T>(db: Db, actorName: string, change: (tx: Tx) => T, preTamperEvidence = false): T {
  return db.transaction(() => {
    const at = '2026-11-22T01:00:00.000Z';
    const actor = { userId: 1, name: actorName };
    const audit = (entry: AuditEntry) => {
      if (preTamperEvidence) discardStatePins(db);
      appendAuditEvent(db, at, actor, entry);
    };
    const result = change({ db, at, audit, afterCommit: (action) => action() });
    if (!preTamperEvidence) settleStatePins(db, (entry) => appendAuditEvent(db, at, actor, entry));
    return result;
  }).immediate();
}
