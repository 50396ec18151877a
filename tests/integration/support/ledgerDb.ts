import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Tx } from '../../../db/core/appCore';
import type { AuditEntry } from '../../../db/core/audit';
import { openEncryptedDatabase, type Db } from '../../../db/store/database';

/**
 * A migrated SQLCipher database in a temp folder with one 課等 and two users, for testing
 * the ledger kit directly (no router, no session). `write` runs a change the way
 * AppCore.write does: one IMMEDIATE transaction, audit entries collected.
 */
export function kitDatabase(): { db: Db; dir: string; audits: AuditEntry[]; write<T>(change: (tx: Tx) => T, at?: string): T } {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-kit-'));
  const db = openEncryptedDatabase(path.join(dir, 'daicho.db'), randomBytes(32), { create: true });
  db.prepare(`INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', '2026-01-01T00:00:00Z')`).run();
  const user = db.prepare(`INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (?, ?, ?, ?, 1, '2026-01-01T00:00:00Z')`);
  user.run(1, 'tanaka', '田中 花子', 'clerk');
  user.run(2, 'suzuki', '鈴木 次郎', 'officer');
  const audits: AuditEntry[] = [];
  return {
    db,
    dir,
    audits,
    write: (change, at = '2026-11-22T01:00:00.000Z') =>
      db.transaction(() => change({ db, at, audit: (entry) => audits.push(entry), afterCommit: (action) => action() })).immediate(),
  };
}

export const clerk = { userId: 1, name: '田中 花子', role: 'clerk' as const, departmentId: 1 };
export const officer = { userId: 2, name: '鈴木 次郎', role: 'officer' as const, departmentId: 1 };
export const chief = { userId: 3, name: '佐藤 一郎', role: 'chief' as const, departmentId: 1 };

export type KitDatabase = ReturnType<typeof kitDatabase>;

/**
 * kitDatabase for tests that each open their own: the returned maker adds the chief (佐藤 一郎, id 3)
 * to it, and every database made during a test is closed and its folder removed after it.
 * Call at the top of the file.
 */
export function kitDatabasePerTest(): () => KitDatabase {
  const open: KitDatabase[] = [];
  afterEach(() => {
    for (const kit of open.splice(0)) {
      kit.db.close();
      rmSync(kit.dir, { recursive: true, force: true });
    }
  });
  return () => {
    const kit = kitDatabase();
    open.push(kit);
    kit.db.prepare(`INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (3, 'sato', '佐藤 一郎', 'chief', 1, '2026-01-01T00:00:00Z')`).run();
    return kit;
  };
}
