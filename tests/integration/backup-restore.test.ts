import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { readKeyring } from '../../db/keyring/keyring';
import { openManifest, readLayout, unwrapBackupKey } from '../../db/core/backup/format';
import { summarize } from '../../db/core/backup/snapshot';
import { writeBackupFile } from '../../db/core/backup/writeFile';
import { latestSchemaVersion } from '../../db/store/migrations';
import { chief, makeTestApp, reauth, removeTestDir, testKdfCost, type TestApp } from './support/backend';
import { holdingInput } from './support/holdings';
import { backedUpAppPerTest, bundleForNode, childEnv, exportTo, passphrase, projectNode } from './support/backup';

const root = path.resolve(import.meta.dirname, '../..');
let app: TestApp;
let medium: string;
let backupFile: string;

backedUpAppPerTest(async (t) => {
  app = t.app;
  medium = t.medium;
  backupFile = t.backupFile;
  await t.app.ok('holdings.create', holdingInput(t.departmentId, { ledgerNo: 'R8-0002', name: '後から追加した台帳' }));
}, () => app);

/** Builds the child script once per file (the app's sources, bundled like the tools). */
let childScript: string | null = null;
async function childBundle(): Promise<string> {
  childScript ??= await bundleForNode('tests/integration/support/restoreChild.ts');
  return childScript;
}

afterAll(() => {
  if (childScript) removeTestDir(path.dirname(childScript));
});

/** Runs the restore in a child process and kills it (SIGKILL) at `hook`. */
async function restoreKilledAt(hook: 'beforeSwap' | 'betweenRenames'): Promise<void> {
  app.close();
  const marker = path.join(medium, `marker-${hook}`);
  const child = spawn(projectNode, [await childBundle(), app.dir, backupFile, passphrase, hook, marker, chief.loginId, chief.password], {
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 600 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 50));
  expect(readFileSync(marker, 'utf8'), stderr).toBe('at hook');
  child.kill('SIGKILL');
  await exited;
  app = makeTestApp({ dir: app.dir });
}

describe('restore', () => {
  it('killed before the swap: the current data opens and is unchanged', async () => {
    await restoreKilledAt('beforeSwap');
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await app.ok('holdings.list', {})).rows).toHaveLength(2);
    expect((await app.ok('audit.verify')).ok).toBe(true);
    // A later restore clears the staged copy the killed one left.
    await reauth(app, chief.password);
    app.openAnswer.path = backupFile;
    const preview = await app.ok('backup.restore.open', { passphrase });
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.daicho-restore-'))).toHaveLength(1);
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await app.ok('holdings.list', {})).rows).toHaveLength(1);
  });

  it('killed between the two renames: the restored database opens with the current keyring (same key)', async () => {
    await restoreKilledAt('betweenRenames');
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await app.ok('holdings.list', {})).rows).toHaveLength(1);
    expect((await app.ok('audit.verify')).ok).toBe(true);
    expect(readdirSync(app.dir).some((n) => n.startsWith('backup-before-restore-'))).toBe(true);
  });

  it('refuses a backup from a newer app version, and migrates an older one forward', async () => {
    // Craft backups of the same database with another user_version, as another app version would write them.
    const layout = readLayout(backupFile);
    const manifest = openManifest(layout, (await unwrapBackupKey(layout.header, { passphrase }))!)!;
    const key = manifest.databaseKey;
    const craft = async (name: string, change: (db: Database.Database) => void) => {
      const dbFile = path.join(medium, `${name}.db`);
      copyFileSync(path.join(app.dir, 'daicho.db'), dbFile);
      const db = new Database(dbFile);
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${key.toString('hex')}'"`);
      db.pragma('wal_checkpoint(TRUNCATE)');
      change(db);
      db.pragma('journal_mode=DELETE');
      const summary = { ...summarize(db), appVersion: '9.9.9', createdAt: '2026-11-22T01:00:00.000Z', createdBy: '佐藤 一郎' };
      db.close();
      const target = path.join(medium, `${name}.daicho-backup`);
      const keyringJson = readFileSync(path.join(app.dir, 'keyring.json'), 'utf8');
      const recoverySlot = readKeyring(path.join(app.dir, 'keyring.json')).slots.find((s) => s.kind === 'recovery')!;
      await writeBackupFile(target, { databaseFile: dbFile, length: statSync(dbFile).size, summary, databaseKey: key, keyringJson, recoverySlot: recoverySlot as never }, passphrase, { kdfCost: testKdfCost });
      return target;
    };
    const newer = await craft('newer', (db) => db.pragma(`user_version=${latestSchemaVersion + 1}`));
    app.openAnswer.path = newer;
    const report = await app.ok('backup.verify', { passphrase });
    expect(report.checks.find((c) => c.id === 'schemaVersion')).toMatchObject({ ok: false, messageKey: 'backupReport.checks.schemaVersionTooNew' });
    await reauth(app, chief.password);
    expect(await app.fail('backup.restore.open', { passphrase })).toMatchObject({
      code: 'BACKUP_TOO_NEW',
      params: { found: latestSchemaVersion + 1, supported: latestSchemaVersion },
    });

    // An older backup: as an app of schema 7 wrote it (the tables of 0008 and later dropped); opened,
    // it is migrated and its ledger rows get their baseline for 改ざん検査 (db/ledger/integrity.ts).
    const older = await craft('older', (db) => {
      db.exec('DROP TABLE area_visit_history; DROP TABLE area_visits; DROP TABLE area_authorization_history; DROP TABLE area_authorization_areas; DROP TABLE area_authorizations; DROP TABLE area_people; DROP TABLE area_history; DROP TABLE areas');
      db.exec('DROP INDEX audit_events_disposal_approvals; DROP INDEX audit_events_disposal_certificates');
      db.exec('DROP TABLE disposal_search; DROP TABLE disposal_certificate_prints; DROP TABLE disposal_certificate_key; DROP TABLE disposal_attachments; DROP TABLE disposal_targets; DROP TABLE disposal_history; DROP TABLE disposals');
      db.exec('DROP TABLE media_inventory_scans; DROP TABLE media_inventories; DROP TABLE media_numbering_rules; DROP TABLE media_takeouts; DROP TABLE media_search; DROP TABLE media_contents; DROP TABLE media_history; DROP TABLE media; DROP TABLE storage_locations');
      db.exec('DROP TABLE integrity_baseline; DROP TABLE backup_register');
      db.pragma('user_version=7');
    });
    app.openAnswer.path = older;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    expect(preview.backup.schemaVersion).toBe(7);
    expect(preview.warnings.map((w) => w.messageKey)).toContain('backupReport.warnings.willMigrate');
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await app.ok('backup.register', {})).rows.map((r) => r.operation)).toEqual(['restore']);
    // This crafted file is not a genuine older database: its log already holds a baseline taken at
    // this schema version, so the second one (re-run migration 0009) is reported, and nothing else is.
    const verification = await app.ok('audit.verify');
    expect(verification.firstBroken).toBeNull();
    expect(verification.findings?.map((f) => f.kind)).toEqual(['baselineRepeated']);
  });

  it('keeps the newest generations of this organisation only', async () => {
    const names = ['Daicho_a.daicho-backup', 'Daicho_b.daicho-backup', 'Daicho_c.daicho-backup'];
    for (const name of names) {
      app.clock.advance(60_000);
      await exportTo(app, medium, name, { keepGenerations: 2 });
    }
    copyFileSync(path.join(root, 'package.json'), path.join(medium, 'unrelated.daicho-backup'));
    app.clock.advance(60_000);
    const { out } = await exportTo(app, medium, 'Daicho_d.daicho-backup', { keepGenerations: 2, mediumLocation: '総務課 同じ部屋' });
    expect(out.removed).toEqual(['Daicho_b.daicho-backup']);
    expect(out.warnings.map((w) => w.messageKey)).toEqual(['backupReport.warnings.sameLocation']);
    expect(readdirSync(medium).filter((n) => n.endsWith('.daicho-backup')).sort()).toEqual(['Daicho_c.daicho-backup', 'Daicho_d.daicho-backup', 'unrelated.daicho-backup']);
    const status = await app.ok('backup.status');
    expect(status).toMatchObject({ warnAfterDays: 30 });
    expect(status.lastExportAt).toBe(status.lastVerifiedAt);
    const events = await app.ok('audit.query', { action: 'backup.export' });
    expect(events.total).toBe(5);
  });
});
