import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppCore } from '../../db/core/appCore';
import { login, logout } from '../../db/core/sessions';
import { withoutUserSlot } from '../../db/keyring/keyring';
import type { HostPorts } from '../../db/ports';
import { japaneseText } from '../../db/print/labels';
import { appsPerTest } from './support/apps';
import { chief, createUser, setUpOrganization, setupInput, testKdfCost, type TestApp } from './support/backend';
import { databaseKeyFromPassword, openWithRawKey } from './support/documentedFormat';

/**
 * Issue #9, 8: keyring.json has a verified copy of the same generation (keyring.backup.json);
 * a damaged or missing one is read from the other and put back, logged at that login.
 */
const { open: start, restart } = appsPerTest();

const primaryOf = (a: TestApp) => path.join(a.dir, 'keyring.json');
const copyOf = (a: TestApp) => path.join(a.dir, 'keyring.backup.json');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function setUpAndLeave(): Promise<TestApp> {
  const a = start();
  await setUpOrganization(a);
  await a.ok('auth.logout');
  return a;
}

async function findings(a: TestApp): Promise<string[]> {
  const rows = (await a.ok('audit.query', { action: 'keys.reconcile' })).rows;
  return rows.map((e) => String(e.detail.finding)).sort();
}

const damages: [string, (file: string) => void][] = [
  ['truncated', (file) => writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100))],
  ['deleted', (file) => rmSync(file)],
  ['garbage', (file) => writeFileSync(file, Buffer.from([0xff, 0x00, 0x7b, 0x22]))],
  ['with a changed value (checksum)', (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/"createdAt": "\d/, '"createdAt": "9'))],
];

describe('keyring.json and its copy', () => {
  it('writes the same generation into both files with every keyring change', async () => {
    const a = start();
    await setUpOrganization(a);
    expect(readFileSync(copyOf(a), 'utf8')).toBe(readFileSync(primaryOf(a), 'utf8'));
    await createUser(a, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    const text = readFileSync(primaryOf(a), 'utf8');
    expect((JSON.parse(text) as { slots: unknown[] }).slots).toHaveLength(3);
    expect(readFileSync(copyOf(a), 'utf8')).toBe(text);
  });

  it.each(damages)('keyring.json %s: login reads the copy, puts keyring.json back and logs it', async (how, damage) => {
    let a = await setUpAndLeave();
    a = restart(a);
    const good = readFileSync(copyOf(a), 'utf8');
    damage(primaryOf(a));
    expect((await a.ok('app.status')).setUp).toBe(true);
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect(readFileSync(primaryOf(a), 'utf8')).toBe(good);
    expect(readFileSync(copyOf(a), 'utf8')).toBe(good);
    expect(await findings(a)).toEqual([how === 'deleted' ? 'keyring-missing' : 'keyring-damaged']);
    expect((await a.ok('audit.verify')).ok).toBe(true);
  });

  it('the recovery key opens with a truncated keyring.json too (its slot is in the copy)', async () => {
    const a = start();
    const recoveryKey = await setUpOrganization(a);
    await a.ok('auth.logout');
    const b = restart(a);
    damages[0]![1](primaryOf(b));
    await b.ok('auth.recover', { recoveryKey, loginId: chief.loginId, newPassword: 'Kanri-2026-jiro' });
    expect(await findings(b)).toEqual(['keyring-damaged']);
    expect(readFileSync(copyOf(b), 'utf8')).toBe(readFileSync(primaryOf(b), 'utf8'));
  });

  it.each([
    ['missing', (file: string) => rmSync(file), 'keyring-copy-missing'],
    ['damaged', (file: string) => writeFileSync(file, '{'), 'keyring-copy-damaged'],
  ])('a %s copy is written again at the next login', async (_how, damage, finding) => {
    let a = await setUpAndLeave();
    a = restart(a);
    damage(copyOf(a));
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect(readFileSync(copyOf(a), 'utf8')).toBe(readFileSync(primaryOf(a), 'utf8'));
    expect(await findings(a)).toEqual([finding]);
  });

  it('a copy one generation behind (a crash between the two writes) is made equal; keyring.json wins', async () => {
    const a = start();
    await setUpOrganization(a);
    const older = readFileSync(copyOf(a));
    const tanaka = await createUser(a, { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk', password: 'Shokuin-2026a' });
    await a.ok('auth.logout');
    const b = restart(a);
    writeFileSync(copyOf(b), older);
    await b.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    const slots = (JSON.parse(readFileSync(copyOf(b), 'utf8')) as { slots: { userId?: number }[] }).slots;
    expect(slots.map((s) => s.userId)).toContain(tanaka);
    expect(await findings(b)).toEqual(['keyring-copy-differs']);
  });

  it('both copies damaged: KEYRING_DAMAGED saying what helps, and nothing is written', async () => {
    let a = await setUpAndLeave();
    const recoveryKey = 'ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD';
    a = restart(a);
    damages[0]![1](primaryOf(a));
    damages[2]![1](copyOf(a));
    const before = [primaryOf(a), copyOf(a), path.join(a.dir, 'daicho.db')].map(sha);
    const login = await a.fail('auth.login', { loginId: chief.loginId, password: chief.password });
    expect(login).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringLost' });
    const recover = await a.fail('auth.recover', { recoveryKey, loginId: chief.loginId, newPassword: 'Kanri-2026-jiro' });
    expect(recover).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringLost' });
    expect([primaryOf(a), copyOf(a), path.join(a.dir, 'daicho.db')].map(sha)).toEqual(before);
    // The message says the recovery key cannot help and what does: a copy of the file, or a backup.
    const text = japaneseText('errors.keyringLost', {});
    expect(text).toContain('回復キーでも開けません');
    expect(text).toContain('バックアップから復元');
  });

  it('both copies deleted: the wizard says a database has no keyring; setup refuses and keeps it', async () => {
    let a = await setUpAndLeave();
    a = restart(a);
    rmSync(primaryOf(a));
    rmSync(copyOf(a));
    const db = sha(path.join(a.dir, 'daicho.db'));
    a = restart(a);
    expect(await a.ok('app.status')).toMatchObject({ setUp: false, setupNotice: 'databaseWithoutKeyring' });
    expect(await a.fail('setup.initialize', setupInput)).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringMissing' });
    expect(sha(path.join(a.dir, 'daicho.db'))).toBe(db);
  });
});

describe('a keyring change that does not commit', () => {
  it('puts both copies back as they were', async () => {
    let a = await setUpAndLeave();
    a = restart(a);
    a.close();
    const unused = () => Promise.reject(new Error('not used here'));
    const ports: HostPorts = { clock: { now: () => a.clock.now() }, printer: { toPdf: unused, print: unused }, dialogs: { chooseSavePath: unused, chooseOpenPath: unused } };
    const core = new AppCore(a.dir, ports, '0.0.0-test', testKdfCost);
    await login(core, { loginId: chief.loginId, password: chief.password });
    const before = [primaryOf(a), copyOf(a)].map(sha);
    expect(() =>
      core.write((tx) => {
        tx.saveKeyring(withoutUserSlot(tx.keyring, 1));
        expect([primaryOf(a), copyOf(a)].map(sha)).not.toEqual(before);
        tx.db.prepare('INSERT INTO no_such_table VALUES (1)').run();
      }),
    ).toThrow(/no such table/);
    expect([primaryOf(a), copyOf(a)].map(sha)).toEqual(before);
    logout(core);
  });
});

describe('a keyring of another database', () => {
  it('two whole copies naming different databases are refused, and neither is copied over the other', async () => {
    let ours = await setUpAndLeave();
    const theirs = await setUpAndLeave();
    ours = restart(ours);
    copyFileSync(primaryOf(theirs), primaryOf(ours));
    const before = [primaryOf(ours), copyOf(ours), path.join(ours.dir, 'daicho.db')].map(sha);
    expect(await ours.fail('auth.login', { loginId: chief.loginId, password: chief.password })).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringOtherDatabase' });
    expect([primaryOf(ours), copyOf(ours), path.join(ours.dir, 'daicho.db')].map(sha)).toEqual(before);
  });

  it('a keyring whose databaseId is not the database’s is refused after its slot opens (SECURITY.md step 6)', async () => {
    let a = await setUpAndLeave();
    a = restart(a);
    a.close();
    const key = databaseKeyFromPassword(primaryOf(a), chief.loginId, chief.password);
    const db = openWithRawKey(path.join(a.dir, 'daicho.db'), key);
    db.prepare(`UPDATE meta SET value = '00000000-0000-4000-8000-000000000000' WHERE key = 'databaseId'`).run();
    db.close();
    a = restart(a);
    expect(await a.fail('auth.login', { loginId: chief.loginId, password: chief.password })).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringOtherDatabase' });
    expect(await nothingWritten(a)).toBe(true);
  });

  it('another organisation’s keyring in both places opens nothing here', async () => {
    let ours = await setUpAndLeave();
    const theirs = await setUpAndLeave();
    ours = restart(ours);
    copyFileSync(primaryOf(theirs), primaryOf(ours));
    copyFileSync(copyOf(theirs), copyOf(ours));
    const db = sha(path.join(ours.dir, 'daicho.db'));
    const r = await ours.fail('auth.login', { loginId: chief.loginId, password: chief.password });
    expect(['KEYRING_DAMAGED', 'DATABASE_DAMAGED']).toContain(r.code);
    expect(sha(path.join(ours.dir, 'daicho.db'))).toBe(db);
  });
});

/** Nothing was written beside the files: no -wal holding a login, no temp left. */
async function nothingWritten(a: TestApp): Promise<boolean> {
  const wal = path.join(a.dir, 'daicho.db-wal');
  return (!existsSync(wal) || readFileSync(wal).length === 0) && !readdirSync(a.dir).some((n) => n.endsWith('.tmp'));
}

describe('stray temp files', () => {
  it('are removed when the backend starts; nothing else is', async () => {
    let a = await setUpAndLeave();
    a.close();
    const strays = ['.keyring.json.0123456789ab.tmp', '.keyring.backup.json.abcdef012345.tmp', '.lockout.json.00ff00ff00ff.tmp', '.audit-anchor.json.a1b2c3d4e5f6.tmp'];
    for (const name of strays) writeFileSync(path.join(a.dir, name), '{"slots":["old"]}');
    writeFileSync(path.join(a.dir, 'notes.tmp'), 'kept');
    a = restart(a);
    const names = readdirSync(a.dir);
    for (const name of strays) expect(names).not.toContain(name);
    expect(names).toContain('notes.tmp');
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
  });
});
