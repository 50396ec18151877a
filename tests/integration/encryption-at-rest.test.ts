import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chief, createUser, makeTestApp, removeTestDir, setUpOrganization, setupInput, type TestApp } from './support/backend';
import { databaseKeyFromPassword, databaseKeyFromRecoveryKey, openWithRawKey } from './support/documentedFormat';
import { latestSchemaVersion } from '../../db/store/migrations';

let app: TestApp;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('encryption at rest', () => {
  it('leaves no Japanese text it was given in the database, WAL or keyring files', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await createUser(app, { loginId: 'tanaka', displayName: '田中 花子（住民基本台帳担当）', role: 'clerk', password: 'Shokuin-2026a' });
    await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-11-22', findings: '不審なアクセスなし。住民基本台帳の閲覧は業務上必要な範囲。' });
    const secrets = [setupInput.organizationName, setupInput.departmentName, chief.displayName, '田中 花子', '住民基本台帳', '不審なアクセス', 'tanaka', chief.password];
    const scan = (expected: string[]) => {
      const files = readdirSync(app.dir).filter((f) => /^(daicho\.db(-wal|-shm)?|keyring\.json|lockout\.json)$/.test(f));
      expect(files).toEqual(expect.arrayContaining(expected));
      for (const file of files) {
        const bytes = readFileSync(path.join(app.dir, file));
        for (const text of secrets) {
          expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${file}`).toBe(false);
          expect(bytes.includes(Buffer.from(text, 'utf16le')), `${text} (UTF-16) in ${file}`).toBe(false);
        }
      }
    };
    scan(['daicho.db', 'daicho.db-wal', 'keyring.json']); // while open, the WAL holding the latest pages
    app.close();
    scan(['daicho.db', 'keyring.json']); // closing checkpoints the WAL into the database
  });

  it('refuses, untouched, a daicho.db copied without its -wal (an empty database that would open without error)', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    // Copied while the app runs: the setup's pages are still in daicho.db-wal, not in daicho.db.
    const copy = makeTestApp();
    for (const name of ['daicho.db', 'keyring.json', 'keyring.backup.json']) writeFileSync(path.join(copy.dir, name), readFileSync(path.join(app.dir, name)));
    const before = sha(path.join(copy.dir, 'daicho.db'));
    try {
      const refused = await copy.fail('auth.login', { loginId: chief.loginId, password: chief.password });
      expect([refused.code, refused.messageKey]).toEqual(['DATABASE_DAMAGED', 'errors.databaseEmpty']);
      copy.close();
      // Never migrated into a fresh, empty schema that would then pass for the office's database.
      expect(sha(path.join(copy.dir, 'daicho.db'))).toBe(before);
    } finally {
      copy.close();
      removeTestDir(copy.dir);
    }
  });

  it('opens with the derivation in docs/SECURITY.md, from a password and from the recovery key', async () => {
    app = makeTestApp();
    const recoveryKey = await setUpOrganization(app);
    app.close();
    const keyringPath = path.join(app.dir, 'keyring.json');
    const databasePath = path.join(app.dir, 'daicho.db');
    for (const key of [databaseKeyFromPassword(keyringPath, chief.loginId, chief.password), databaseKeyFromRecoveryKey(keyringPath, recoveryKey.toLowerCase())]) {
      const db = openWithRawKey(databasePath, key);
      const org = db.prepare(`SELECT value FROM settings WHERE key = 'organizationName'`).get() as { value: string };
      expect(JSON.parse(org.value)).toBe(setupInput.organizationName);
      const databaseId = (db.prepare(`SELECT value FROM meta WHERE key = 'databaseId'`).get() as { value: string }).value;
      expect(databaseId).toBe(JSON.parse(readFileSync(keyringPath, 'utf8')).databaseId);
      db.close();
    }
  });

  it('uses the documented scrypt cost for real slots (N=2^17, r=8, p=1)', async () => {
    const { preparePassword } = await import('../../db/keyring/keyring');
    const prepared = await preparePassword('Kanri-2026-ichiro');
    expect(prepared.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1, keyLength: 32 });
    app = makeTestApp();
  });
});

describe('damaged, missing or newer files', () => {
  it('reports a damaged keyring (both copies) clearly and does not touch the database', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    await app.ok('auth.logout');
    app.close();
    const keyringPath = path.join(app.dir, 'keyring.json');
    const databasePath = path.join(app.dir, 'daicho.db');
    const before = sha(databasePath);
    const original = readFileSync(keyringPath, 'utf8');
    const damages = [
      original.slice(0, original.length / 2), // truncated
      original.replace(/"N": 16384/, '"N": 16385'), // a changed parameter fails the checksum
      '{"format":"something-else"}',
    ];
    for (const damaged of damages) {
      // One damaged copy is read from the other (keyring-copies.test.ts); both lost is this case.
      writeFileSync(keyringPath, damaged);
      writeFileSync(path.join(app.dir, 'keyring.backup.json'), damaged);
      app = makeTestApp({ dir: app.dir });
      const r = await app.fail('auth.login', { loginId: 'sato', password: chief.password });
      expect(r).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringLost' });
      expect((await app.fail('setup.initialize', setupInput)).code).toBe('ALREADY_SET_UP');
      app.close();
    }
    expect(sha(databasePath)).toBe(before);
    expect(existsSync(`${databasePath}-wal`) ? readFileSync(`${databasePath}-wal`).length : 0).toBe(0);
  });

  it('refuses setup over a database whose keyring is missing, rather than overwrite it', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    app.close();
    const databasePath = path.join(app.dir, 'daicho.db');
    const before = sha(databasePath);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(app.dir, 'keyring.json'));
    rmSync(path.join(app.dir, 'keyring.backup.json'));
    app = makeTestApp({ dir: app.dir });
    const r = await app.fail('setup.initialize', setupInput);
    expect(r).toMatchObject({ code: 'KEYRING_DAMAGED', messageKey: 'errors.keyringMissing' });
    expect(sha(databasePath)).toBe(before);
  });

  it('refuses a database newer than the code, and leaves it as it was', async () => {
    app = makeTestApp();
    await setUpOrganization(app);
    app.close();
    const databasePath = path.join(app.dir, 'daicho.db');
    const db = openWithRawKey(databasePath, databaseKeyFromPassword(path.join(app.dir, 'keyring.json'), chief.loginId, chief.password));
    db.pragma('user_version = 99');
    db.close();
    const before = sha(databasePath);
    app = makeTestApp({ dir: app.dir });
    const r = await app.fail('auth.login', { loginId: 'sato', password: chief.password });
    expect(r).toMatchObject({ code: 'DATABASE_TOO_NEW', params: { found: 99, supported: latestSchemaVersion } });
    expect(sha(databasePath)).toBe(before);
    expect((await app.ok('app.status')).session).toBeNull();
  });
});
