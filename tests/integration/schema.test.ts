import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../../db/store/migrations';
import { openEncryptedDatabase, schemaVersion } from '../../db/store/database';

const snapshotFile = path.join(import.meta.dirname, '../../db/store/schema.snapshot.sql');

function dumpSchema(file: string, key: Buffer): string {
  const db = openEncryptedDatabase(file, key, { create: true });
  const rows = db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name`).all() as { sql: string }[];
  const version = schemaVersion(db);
  db.close();
  return `-- user_version ${version}\n${rows.map((r) => `${r.sql.trim()};`).join('\n\n')}\n`;
}

describe('schema', () => {
  it('matches the committed snapshot (a schema change must be a new migration)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daicho-schema-'));
    const schema = dumpSchema(path.join(dir, 'daicho.db'), randomBytes(32));
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(snapshotFile, schema);
    expect(schema).toBe(readFileSync(snapshotFile, 'utf8'));
  });

  it('numbers migrations 1..N and sets user_version to the latest', () => {
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: latestSchemaVersion }, (_, i) => i + 1));
    const dir = mkdtempSync(path.join(tmpdir(), 'daicho-schema-'));
    const key = randomBytes(32);
    const file = path.join(dir, 'daicho.db');
    openEncryptedDatabase(file, key, { create: true }).close();
    const db = openEncryptedDatabase(file, key, { create: false });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a wrong key as a damaged database, without changing the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daicho-schema-'));
    const file = path.join(dir, 'daicho.db');
    openEncryptedDatabase(file, randomBytes(32), { create: true }).close();
    const before = readFileSync(file);
    expect(() => openEncryptedDatabase(file, randomBytes(32), { create: false })).toThrow(expect.objectContaining({ code: 'DATABASE_DAMAGED' }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('enforces its constraints even if a service forgets to', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daicho-schema-'));
    const db = openEncryptedDatabase(path.join(dir, 'daicho.db'), randomBytes(32), { create: true });
    db.prepare(`INSERT INTO departments (name, created_at) VALUES ('総務課', 'x')`).run();
    const insert = (role: string, validUntil: string | null) =>
      db.prepare(`INSERT INTO users (login_id, display_name, role, department_id, valid_until, created_at) VALUES (?, 'x', ?, 1, ?, 'x')`).run(`u${Math.random()}`, role, validUntil);
    expect(() => insert('admin', null)).toThrow(/CHECK/);
    expect(() => insert('clerk', '2026/11/22')).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO users (login_id, display_name, role, department_id, created_at) VALUES ('a', 'x', 'clerk', 99, 'x')`).run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`INSERT INTO settings (key, value) VALUES ('a', 'not json')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
