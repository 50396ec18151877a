import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appsPerTest } from './support/apps';
import { chief, setUpOrganization, setupInput, type TestApp } from './support/backend';
import { exportTo, passphrase } from './support/backup';

/**
 * Issue #9, 8: a setup cut short must leave a folder the wizard can start over from, and
 * never cost a folder that holds data (SECURITY.md, Setup). crash-kill.test.ts kills real
 * setups; these tests make each leftover exactly.
 */
const apps = appsPerTest();
const open = apps.open;

const marker = (a: TestApp) => path.join(a.dir, 'setup-in-progress.json');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a setup cut short', () => {
  it('a marker beside a finished setup (killed after the commit): cleared at start, the wizard says so, setup runs again', async () => {
    const a = open();
    await setUpOrganization(a);
    a.close();
    writeFileSync(marker(a), '{"format":"daicho-setup-marker"}\n');
    writeFileSync(path.join(a.dir, 'lockout.json'), '{"version":1,"accounts":{},"pending":[]}');
    const b = open(a.dir);
    expect(await b.ok('app.status')).toMatchObject({ setUp: false, setupNotice: 'halfMadeCleared' });
    // Moved aside, never deleted: the finished setup's files are all in setup-interrupted-<time>/.
    const aside = readdirSync(b.dir).filter((n) => n.startsWith('setup-interrupted-'));
    expect(readdirSync(b.dir).sort()).toEqual(['lockout.json', ...aside]);
    expect(aside).toHaveLength(1);
    expect(readdirSync(path.join(b.dir, aside[0]!)).sort()).toEqual(expect.arrayContaining(['anchor.json', 'daicho.db', 'keyring.backup.json', 'keyring.json', 'setup-in-progress.json']));
    await setUpOrganization(b);
    expect((await b.ok('app.status')).setupNotice).toBeUndefined();
    expect(existsSync(marker(b))).toBe(false);
    await b.ok('auth.logout');
    await b.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await b.ok('audit.verify')).ok).toBe(true);
  });

  it.each([
    ['a database and no keyring', ['daicho.db', 'daicho.db-wal']],
    ['a database and its rollback journal (killed before WAL mode)', ['daicho.db', 'daicho.db-journal']],
    ['keyring.json and no copy', ['daicho.db', 'keyring.json']],
    ['the marker alone', []],
  ])('a marker with %s: cleared, and setup succeeds', async (_what, files) => {
    const a = open();
    for (const name of files) writeFileSync(path.join(a.dir, name), Buffer.from('half-made by a killed setup'));
    writeFileSync(marker(a), '{}');
    a.close();
    const b = open(a.dir);
    expect(await b.ok('app.status')).toMatchObject({ setUp: false, setupNotice: 'halfMadeCleared' });
    expect(readdirSync(b.dir)).toEqual(files.length ? [expect.stringMatching(/^setup-interrupted-/)] : []);
    await setUpOrganization(b);
  });

  it('a finished setup leaves no marker; a refused one creates nothing', async () => {
    const a = open();
    expect((await a.fail('setup.initialize', { ...setupInput, chief: { ...chief, password: 'short1' } })).code).toBe('PASSWORD_POLICY');
    expect(readdirSync(a.dir)).toEqual([]);
    await setUpOrganization(a);
    expect(readdirSync(a.dir).filter((n) => n.includes('setup') || n.endsWith('.tmp'))).toEqual([]);
  });

  it('a database without keyring and without marker is never removed; a restore from the wizard keeps it aside', async () => {
    // A backup of an organisation, to restore on a "new PC" whose folder holds an orphaned database.
    const source = open();
    await setUpOrganization(source);
    const medium = apps.extraDir('daicho-medium-');
    const { file } = await exportTo(source, medium);
    const a = open();
    writeFileSync(path.join(a.dir, 'daicho.db'), Buffer.from('records of an office, keyring lost'));
    const orphan = sha(path.join(a.dir, 'daicho.db'));
    a.close();
    const b = open(a.dir);
    expect(await b.ok('app.status')).toMatchObject({ setUp: false, setupNotice: 'databaseWithoutKeyring' });
    expect(await b.fail('setup.initialize', setupInput)).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringMissing' });
    expect(sha(path.join(b.dir, 'daicho.db'))).toBe(orphan);

    b.openAnswer.path = file;
    const preview = await b.ok('setup.restore.open', { passphrase });
    await b.ok('setup.restore.commit', { restoreId: preview.restoreId });
    const kept = readdirSync(b.dir).filter((n) => n.startsWith('backup-before-restore-'));
    expect(kept).toHaveLength(1);
    expect(sha(path.join(b.dir, kept[0]!, 'daicho.db'))).toBe(orphan);
    await b.ok('auth.login', { loginId: chief.loginId, password: chief.password });
  });
});
