import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChainVerification, Result } from '../../db/contract';
import { chief, makeTestApp, reauth, removeTestDir, setUpOrganization, type TestApp } from './support/backend';
import { exportTo, mediumDir, passphrase } from './support/backup';
import { flipPageByte, leafPages as leafPagesOf, pageSize } from './support/damage';
import { copyDataFolder } from './support/fixtures';
import { holdingInput, ledgerOrganization, loginAs, people } from './support/holdings';

/**
 * Adversarial pass on a damaged database (issue #9, 7): one flipped byte in the encrypted
 * area of a page fails its SQLCipher HMAC. Whatever page it hits, no call answers INTERNAL:
 * login says DATABASE_DAMAGED or works, 改ザん検査 names the page, reading what lies on it
 * says DATABASE_DAMAGED, and a login that proves the damage may restore the folder from a
 * backup of this same database (the login screen's way out).
 */
let pristine: string;
let medium: string;
let backupFile: string;
let recoveryKey: string;
let app: TestApp;

beforeAll(async () => {
  const built = makeTestApp();
  const { citizens } = await ledgerOrganization(built);
  await loginAs(built, people.clerk);
  for (let i = 1; i <= 30; i++) {
    await built.ok('holdings.create', holdingInput(citizens, { ledgerNo: `R8-${String(i).padStart(4, '0')}`, name: `住民記録ファイル第${i}号`, purpose: `証明書の交付事務 その${i}` }));
  }
  await loginAs(built, chief);
  await reauth(built, chief.password);
  recoveryKey = (await built.ok('keys.regenerateRecoveryKey', {})).recoveryKey;
  medium = mediumDir();
  backupFile = (await exportTo(built, medium)).file;
  await built.ok('auth.logout');
  built.close();
  pristine = built.dir;
});

afterAll(() => {
  removeTestDir(pristine);
  removeTestDir(medium);
});

beforeEach(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-test-'));
  copyDataFolder(pristine, dir);
  app = makeTestApp({ dir });
});

afterEach(() => {
  app.close();
  removeTestDir(app.dir);
});

const databaseFile = () => path.join(app.dir, 'daicho.db');

/** The leaf pages of a table in this test's copy. */
const leafPages = (table: string) => leafPagesOf(app.dir, table);

/** Flips one bit of `page` (1-based) at `offset` (support/damage.ts). */
const flip = (page: number, offset?: number) => flipPageByte(databaseFile(), page, offset);

const lastPage = () => statSync(databaseFile()).size / pageSize;

function okOrDamaged(result: Result<unknown>): 'ok' | 'damaged' {
  if (result.ok) return 'ok';
  expect(result.code, JSON.stringify(result)).toBe('DATABASE_DAMAGED');
  expect(result.messageKey).toBe('errors.DATABASE_DAMAGED');
  return 'damaged';
}

/** Every read a chief can make, each answered with data or DATABASE_DAMAGED — never INTERNAL. */
async function readEverything(): Promise<Record<string, ('ok' | 'damaged')[]>> {
  const seen: Record<string, ('ok' | 'damaged')[]> = {};
  const note = (name: string, r: Result<unknown>) => (seen[name] ??= []).push(okOrDamaged(r));
  note('holdings.list', await app.call('holdings.list', {}));
  note('search', await app.call('holdings.list', { text: '住民記録' }));
  note('search', await app.call('holdings.list', { text: '交付事務' }));
  for (let id = 1; id <= 30; id++) note('holdings.get', await app.call('holdings.get', { holdingId: id }));
  for (let page = 1; page <= 3; page++) note('audit.query', await app.call('audit.query', { page, pageSize: 50 }));
  note('users.list', await app.call('users.list', { includeInactive: true }));
  note('departments.list', await app.call('departments.list', { includeInactive: true }));
  note('home.cards', await app.call('home.cards', {}));
  note('backup.status', await app.call('backup.status', {}));
  return seen;
}

async function verification(): Promise<ChainVerification> {
  return app.ok('audit.verify', {});
}

function expectPageNamed(v: ChainVerification, page: number): void {
  const [pages, sqlite] = v.integrity!;
  expect(pages).toMatchObject({ check: 'cipher_integrity_check', ok: false, problems: 1, findings: [{ kind: 'hmac', page }] });
  expect(sqlite).toMatchObject({ check: 'integrity_check', ok: false });
}

describe('a damaged page: never INTERNAL, 改ざん検査 names it', () => {
  it('an intact database passes both checks of the file', async () => {
    await loginAs(app, chief);
    const v = await verification();
    expect(v.ok).toBe(true);
    expect(v.integrity).toEqual([
      { check: 'cipher_integrity_check', ok: true, problems: 0, findings: [] },
      { check: 'integrity_check', ok: true, problems: 0, findings: [] },
    ]);
  });

  it('(a) the last page of the file', async () => {
    const page = lastPage();
    flip(page);
    const login = await app.call('auth.login', { loginId: chief.loginId, password: chief.password });
    if (okOrDamaged(login) === 'damaged') return;
    expectPageNamed(await verification(), page);
    const seen = await readEverything();
    expect(Object.values(seen).flat()).toContain('damaged');
  });

  it("(b) an access-log page in the middle: login works, 改ざん検査 reports the unreadable events instead of failing", async () => {
    const pages = leafPages('audit_events');
    const page = pages[Math.floor(pages.length / 2)]!;
    flip(page);
    await loginAs(app, chief);
    const v = await verification();
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ reason: 'unreadable' });
    expect(v.headSeq).toBe(v.firstBroken!.seq - 1);
    expect(v.checked).toBe(v.headSeq);
    expectPageNamed(v, page);
    expect((await readEverything())['audit.query']).toContain('damaged');
  });

  it("(b') the access log's newest page: login says DATABASE_DAMAGED, as does unlocking a locked screen", async () => {
    await loginAs(app, chief);
    await app.ok('session.lock');
    flip(leafPages('audit_events').at(-1)!);
    const unlock = await app.fail('session.unlock', { password: chief.password });
    expect(unlock.code).toBe('DATABASE_DAMAGED');
    expect((await app.ok('session.current'))?.locked).toBe(true);
    await app.ok('auth.logout');
    expect((await app.fail('auth.login', { loginId: chief.loginId, password: chief.password })).code).toBe('DATABASE_DAMAGED');
    expect(await app.ok('session.current')).toBeNull();
  });

  it('(c) a page of the holdings history: reading those holdings says DATABASE_DAMAGED, the rest reads', async () => {
    const page = leafPages('holding_history')[0]!;
    flip(page);
    await loginAs(app, chief);
    expectPageNamed(await verification(), page);
    const gets = (await readEverything())['holdings.get']!;
    expect(gets).toContain('damaged');
    expect(gets).toContain('ok');
  });

  it('(d) a page of the search index: a search says DATABASE_DAMAGED, the list without a search reads', async () => {
    const page = leafPages('holding_search_data').at(-1)!;
    flip(page);
    await loginAs(app, chief);
    expectPageNamed(await verification(), page);
    const seen = await readEverything();
    expect(seen['search']).toContain('damaged');
    expect(seen['holdings.list']).toEqual(['ok']);
  });

  it('(e) page 1 (the schema) and its salt: login says DATABASE_DAMAGED', async () => {
    flip(1, 200);
    expect((await app.fail('auth.login', { loginId: chief.loginId, password: chief.password })).code).toBe('DATABASE_DAMAGED');
    flip(1, 200);
    flip(1, 3); // the salt (bytes 0–15, stored in the clear): every page's key changes
    expect((await app.fail('auth.login', { loginId: chief.loginId, password: chief.password })).code).toBe('DATABASE_DAMAGED');
  });

  it('a backup of a damaged database is refused with DATABASE_DAMAGED, not INTERNAL', async () => {
    flip(leafPages('holding_history')[0]!);
    await loginAs(app, chief);
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(medium, 'damaged.daicho-backup');
    const r = await app.call('backup.export', { passphrase, passphraseConfirm: passphrase, mediumLabel: 'USB-2', mediumLocation: '金庫' });
    expect(r.ok ? 'ok' : r.code).toBe('DATABASE_DAMAGED');
    expect(existsSync(path.join(medium, 'damaged.daicho-backup'))).toBe(false);
  });
});

describe('the way out: restore from the login screen, only after a login proved the damage', () => {
  it('restores this database’s backup, keeping the damaged files aside', async () => {
    flip(leafPages('audit_events').at(-1)!);
    app.openAnswer.path = backupFile;
    // Not before: an intact-looking folder is set up, and a wrong password proves nothing.
    expect((await app.fail('setup.restore.open', { passphrase })).code).toBe('ALREADY_SET_UP');
    expect((await app.fail('auth.login', { loginId: chief.loginId, password: 'wrong-password-1' })).code).toBe('WRONG_PASSWORD');
    expect((await app.fail('setup.restore.open', { passphrase })).code).toBe('ALREADY_SET_UP');

    expect((await app.fail('auth.login', { loginId: people.clerk.loginId, password: people.clerk.password })).code).toBe('DATABASE_DAMAGED');
    expect((await app.fail('setup.restore.open', { passphrase: 'not-the-passphrase' })).code).toBe('BACKUP_WRONG_PASSPHRASE');
    const preview = await app.ok('setup.restore.open', { passphrase });
    await app.ok('setup.restore.commit', { restoreId: preview.restoreId });

    const kept = readdirSync(app.dir).filter((n) => n.startsWith('backup-before-restore-'));
    expect(kept).toHaveLength(1);
    expect(existsSync(path.join(app.dir, kept[0]!, 'daicho.db'))).toBe(true);
    await loginAs(app, chief);
    expect((await app.ok('holdings.list', {})).total).toBe(30);
    const v = await verification();
    expect(v.ok && v.integrity!.every((c) => c.ok)).toBe(true);
    // Once restored, the folder is set up again: no second restore without a session.
    await app.ok('auth.logout');
    expect((await app.fail('setup.restore.open', { passphrase })).code).toBe('ALREADY_SET_UP');
  });

  it('a recovery-key login proves the damage as a password does', async () => {
    flip(leafPages('audit_events').at(-1)!);
    const recover = await app.fail('auth.recover', { recoveryKey, loginId: chief.loginId, newPassword: 'Atarashii-2026-pw' });
    expect(recover.code).toBe('DATABASE_DAMAGED');
    app.openAnswer.path = backupFile;
    const preview = await app.ok('setup.restore.open', { passphrase });
    await app.ok('setup.restore.commit', { restoreId: preview.restoreId });
    await loginAs(app, chief);
  });

  it("refuses another organisation's backup over the damaged folder", async () => {
    const other = makeTestApp();
    const otherMedium = mediumDir();
    try {
      await setUpOrganization(other);
      const { file } = await exportTo(other, otherMedium);
      flip(1, 200);
      expect((await app.fail('auth.login', { loginId: chief.loginId, password: chief.password })).code).toBe('DATABASE_DAMAGED');
      app.openAnswer.path = file;
      expect((await app.fail('setup.restore.open', { passphrase })).code).toBe('BACKUP_OTHER_ORGANIZATION');
    } finally {
      other.close();
      removeTestDir(other.dir);
      removeTestDir(otherMedium);
    }
  });
});
