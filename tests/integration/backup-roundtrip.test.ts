import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3-multiple-ciphers';
import { openBackup } from '../../db/core/backup/verify';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chief, createUser, firstLogin, makeTestApp, reauth, removeTestDir, setUpOrganization, type TestApp } from './support/backend';
import { holdingInput } from './support/holdings';
import { exportTo, mediumDir, passphrase } from './support/backup';

let app: TestApp;
let medium: string;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
  removeTestDir(medium);
});

async function firstDepartment(a: TestApp): Promise<number> {
  return (await a.ok('departments.list', {}))[0]!.id;
}

describe('backup round trip', () => {
  it('exports, verifies, and restores the earlier data with the access-log chain; the session ends', async () => {
    app = makeTestApp();
    medium = mediumDir();
    await setUpOrganization(app);
    const dep = await firstDepartment(app);
    const first = await app.ok('holdings.create', holdingInput(dep));
    const { out, file } = await exportTo(app, medium);
    expect(out.fileName).toBe('Daicho_test.daicho-backup');
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.warnings).toEqual([]);
    const progress = app.events.filter((e) => e.type === 'backup.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(readdirSync(medium)).toEqual(['Daicho_test.daicho-backup']);

    app.openAnswer.path = file;
    const report = await app.ok('backup.verify', { passphrase });
    expect(report.checks.map((c) => [c.id, c.ok])).toEqual([
      ['passphrase', true],
      ['authenticity', true],
      ['payloadHash', true],
      ['integrity', true],
      ['schemaVersion', true],
      ['counts', true],
      ['auditChain', true],
      ['auditHead', true],
    ]);
    expect(report.ok).toBe(true);
    expect(report.manifest?.counts.holdings).toBe(1);

    // Change the data after the backup.
    await app.ok('holdings.create', holdingInput(dep, { ledgerNo: 'R8-0002', name: '後から追加した台帳' }));
    const before = await app.ok('backup.status');
    expect(before.lastExportAt).not.toBeNull();

    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    expect(preview.backup.counts.holdings).toBe(1);
    expect(preview.current?.counts.holdings).toBe(2);
    expect(preview.differences.sameHistory).toBe(true);
    expect(preview.differences.eventsSinceBackup).toBeGreaterThan(0);
    expect(preview.differences.tables.find((t) => t.table === 'holdings')).toEqual({ table: 'holdings', backup: 1, current: 2 });
    expect(preview.warnings.map((w) => w.messageKey)).toContain('backupReport.warnings.backupIsOlder');

    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    expect(app.events.at(-1)).toEqual({ type: 'session.ended', reason: 'restored' });
    expect(await app.ok('session.current')).toBeNull();
    const safety = readdirSync(app.dir).filter((n) => n.startsWith('backup-before-restore-'));
    expect(safety).toHaveLength(1);
    expect(readdirSync(path.join(app.dir, safety[0]!)).sort()).toEqual(expect.arrayContaining(['daicho.db', 'keyring.json']));
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.daicho-restore-'))).toEqual([]);

    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    const list = await app.ok('holdings.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([first.id]);
    expect((await app.ok('audit.verify')).ok).toBe(true);
    const register = await app.ok('backup.register', {});
    expect(register.rows[0]).toMatchObject({ operation: 'restore', result: 'ok', fileName: 'Daicho_test.daicho-backup' });
    const events = await app.ok('audit.query', { action: 'backup.restore' });
    expect(events.rows).toHaveLength(1);
  });

  it('restores onto a fresh data folder from the setup wizard; users log in with their passwords at backup time', async () => {
    app = makeTestApp();
    medium = mediumDir();
    await setUpOrganization(app);
    const dep = await firstDepartment(app);
    await app.ok('holdings.create', holdingInput(dep));
    const { file } = await exportTo(app, medium);
    app.close();
    removeTestDir(app.dir);

    app = makeTestApp();
    expect((await app.ok('app.status')).setUp).toBe(false);
    app.openAnswer.path = file;
    expect((await app.fail('setup.restore.open', { passphrase: 'wrong passphrase!!' })).code).toBe('BACKUP_WRONG_PASSPHRASE');
    const preview = await app.ok('setup.restore.open', { passphrase });
    expect(preview.current).toBeNull();
    expect(preview.backup.organizationName).toBe('総務省 行政管理局');
    await app.ok('setup.restore.commit', { restoreId: preview.restoreId });
    expect((await app.ok('app.status')).setUp).toBe(true);
    expect(existsSync(path.join(app.dir, 'keyring.json'))).toBe(true);
    expect((await app.fail('setup.restore.open', { passphrase })).code).toBe('ALREADY_SET_UP');
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await app.ok('holdings.list', {})).rows).toHaveLength(1);
    expect((await app.ok('audit.verify')).ok).toBe(true);
  });

  it('opens a backup with the recovery key instead of the passphrase', async () => {
    app = makeTestApp();
    medium = mediumDir();
    const recoveryKey = await setUpOrganization(app);
    const { file } = await exportTo(app, medium);
    app.openAnswer.path = file;
    const report = await app.ok('backup.verify', { recoveryKey });
    expect(report.ok).toBe(true);
  });

  it('is the chief’s alone, and export and restore need the password again', async () => {
    app = makeTestApp();
    medium = mediumDir();
    await setUpOrganization(app);
    app.clock.advance(10 * 60_000);
    app.saveAnswer.path = `${medium}/x.daicho-backup`;
    expect((await app.fail('backup.export', { passphrase, passphraseConfirm: passphrase })).code).toBe('REAUTH_REQUIRED');
    expect((await app.fail('backup.restore.open', { passphrase })).code).toBe('REAUTH_REQUIRED');
    await createUser(app, { loginId: 'yamada', displayName: '山田 課長', role: 'manager', password: 'Initial-2026-c' });
    await app.ok('auth.logout');
    await firstLogin(app, 'yamada', 'Initial-2026-c', 'Kacho-2026-pw-y');
    await reauth(app, 'Kacho-2026-pw-y');
    for (const channel of ['backup.export', 'backup.verify', 'backup.restore.open', 'backup.register'] as const) {
      const input = channel === 'backup.export' ? { passphrase, passphraseConfirm: passphrase } : channel === 'backup.register' ? {} : { passphrase };
      expect((await app.fail(channel, input as never)).code, channel).toBe('PERMISSION_DENIED');
    }
    expect(readdirSync(medium)).toEqual([]);
  });

  it('preserves every row of every table (the access log and the register up to the backup)', async () => {
    app = makeTestApp();
    medium = mediumDir();
    await setUpOrganization(app);
    const dep = await firstDepartment(app);
    const h = await app.ok('holdings.create', holdingInput(dep));
    await app.ok('holdings.create', holdingInput(dep, { ledgerNo: 'R8-0002', name: '二件目' }));
    expect(h.id).toBeGreaterThan(0);
    const { file } = await exportTo(app, medium);
    const opened = await openBackup(file, { passphrase }, { stageDir: tmpdir(), keepPayload: true });
    await reauth(app, chief.password);
    app.openAnswer.path = file;
    const preview = await app.ok('backup.restore.open', { passphrase });
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    const open = (f: string) => {
      const db = new Database(f, { fileMustExist: true });
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${opened.manifest!.databaseKey.toString('hex')}'"`);
      return db;
    };
    const before = open(opened.stagedFile!);
    const after = open(path.join(app.dir, 'daicho.db'));
    try {
      const tables = before.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
      expect(tables.length).toBeGreaterThan(15);
      for (const table of tables) {
        const grows = ['audit_events', 'backup_register'].includes(table);
        // WITHOUT ROWID tables have no rowid: compare them as sorted sets of rows.
        const rows = (db: Database.Database) =>
          grows
            ? db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all()
            : db.prepare(`SELECT * FROM "${table}"`).raw().all().map((r) => JSON.stringify(r, (_, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
        const was = rows(before);
        // The restore itself is recorded in the restored data: those two tables only grow.
        const now = grows ? rows(after).slice(0, was.length) : rows(after);
        expect(now, table).toEqual(was);
      }
    } finally {
      before.close();
      after.close();
      rmSync(opened.stagedFile!, { force: true });
    }
  });
});
