import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appsPerTest } from './support/apps';
import { chief, createUser, firstLogin, reauth, setUpOrganization, type TestApp } from './support/backend';
import { exportTo, passphrase } from './support/backup';
import { flipPageByte, leafPages } from './support/damage';

/**
 * Adversarial pass on issue #9, item 8 (keyring.json and its copy). An old generation of
 * keyring.json (from a safety copy, a USB stick, a copied folder) still holds the slot of an
 * account deactivated since, and lacks the slots made since. Put in place of keyring.json
 * while keyring.backup.json is current, it must not win: the database says which generation
 * is current, so the copy that agrees with it is kept.
 */
const apps = appsPerTest();
const { restart } = apps;

const primaryOf = (a: TestApp) => path.join(a.dir, 'keyring.json');
const copyOf = (a: TestApp) => path.join(a.dir, 'keyring.backup.json');
const userIds = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { slots: { userId?: number }[] }).slots.map((s) => s.userId);

const tanaka = { loginId: 'tanaka', displayName: '田中 花子', role: 'clerk' as const, password: 'Shokuin-2026a' };
const suzuki = { loginId: 'suzuki', displayName: '鈴木 次郎', role: 'clerk' as const, password: 'Shokuin-2026b' };

/** An organisation whose keyring.json was swapped for the generation before tanaka left and suzuki came. */
async function oldGenerationInPlace(): Promise<{ a: TestApp; tanakaId: number; suzukiId: number; current: string }> {
  const first = apps.open();
  await setUpOrganization(first);
  const tanakaId = await createUser(first, tanaka);
  const old = readFileSync(primaryOf(first), 'utf8');
  await first.ok('users.deactivate', { userId: tanakaId, reason: '退職' });
  const suzukiId = await createUser(first, suzuki);
  await first.ok('auth.logout');
  const current = readFileSync(copyOf(first), 'utf8');
  const a = restart(first);
  writeFileSync(primaryOf(a), old);
  return { a, tanakaId, suzukiId, current };
}

async function reconcileFindings(a: TestApp): Promise<unknown[]> {
  const rows = (await a.ok('audit.query', { action: 'keys.reconcile' })).rows;
  return rows.map((e) => e.detail.finding);
}

describe('an old generation of keyring.json beside a current copy', () => {
  it('the deactivated account stays refused, and its attempt does not overwrite the current copy with the old one', async () => {
    const { a, tanakaId, suzukiId, current } = await oldGenerationInPlace();
    expect(await a.fail('auth.login', { loginId: tanaka.loginId, password: tanaka.password })).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    // Before the fix: keyring.json "won", so the refusal's catch-up wrote the old generation
    // into both files; suzuki's slot was gone and tanaka's (removed as stray) had been used.
    expect(await a.call('auth.login', { loginId: suzuki.loginId, password: suzuki.password })).toMatchObject({ ok: true });
    expect(readFileSync(primaryOf(a), 'utf8')).toBe(current);
    expect(readFileSync(copyOf(a), 'utf8')).toBe(current);
    expect(userIds(primaryOf(a))).toContain(suzukiId);
    expect(userIds(primaryOf(a))).not.toContain(tanakaId);
    await a.ok('auth.logout');
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect(await reconcileFindings(a)).toEqual(['keyring-behind']);
  });

  it('an account made since opens with its password at once (its slot is only in the copy)', async () => {
    const { a, suzukiId, current } = await oldGenerationInPlace();
    await a.ok('auth.login', { loginId: suzuki.loginId, password: suzuki.password });
    expect(readFileSync(primaryOf(a), 'utf8')).toBe(current);
    expect(userIds(copyOf(a))).toContain(suzukiId);
  });

  it('the old generation in the copy instead: keyring.json (current) stays, the copy is made equal', async () => {
    const { a, current } = await oldGenerationInPlace();
    const old = readFileSync(primaryOf(a), 'utf8');
    writeFileSync(primaryOf(a), current);
    writeFileSync(copyOf(a), old);
    await a.ok('auth.login', { loginId: suzuki.loginId, password: suzuki.password });
    expect(readFileSync(copyOf(a), 'utf8')).toBe(current);
    expect(readFileSync(primaryOf(a), 'utf8')).toBe(current);
  });
});

/** The access log's newest leaf page, whose damage every login meets (adversarial-damage.test.ts). */
const newestLogPage = (a: TestApp) => leafPages(a.dir, 'audit_events').at(-1)!;

/** Flips one bit in the encrypted area of `page`; flipping it again puts the byte back. */
const flip = (a: TestApp, page: number) => flipPageByte(path.join(a.dir, 'daicho.db'), page);

/**
 * The login screen's restore (damagedDatabase.ts) is allowed only while a login's proof of
 * damage stands. Damage that was seen once and then is gone (the file put back, a USB disk
 * re-seated) must not leave that door open: otherwise, after the chief got in with the
 * recovery key, anyone at the login screen with a backup and its passphrase could put the
 * organisation back to that backup, no password asked (undoing deactivations, deleting records).
 */
describe('a damage record outlived by a working database', () => {
  async function backedUp(): Promise<{ a: TestApp; backupFile: string; recoveryKey: string; page: number }> {
    const first = apps.open();
    const recoveryKey = await setUpOrganization(first);
    await reauth(first, chief.password);
    const medium = apps.extraDir('daicho-medium-');
    const backupFile = (await exportTo(first, medium)).file;
    await first.ok('auth.logout');
    const a = restart(first);
    a.openAnswer.path = backupFile;
    return { a, backupFile, recoveryKey, page: newestLogPage(a) };
  }

  it('a recovery-key login afterwards ends it: no restore from the login screen', async () => {
    const { a, recoveryKey, page } = await backedUp();
    flip(a, page);
    expect((await a.fail('auth.login', { loginId: chief.loginId, password: chief.password })).code).toBe('DATABASE_DAMAGED');
    flip(a, page);
    await a.ok('auth.recover', { recoveryKey, loginId: chief.loginId, newPassword: 'Atarashii-2026-pw' });
    await a.ok('auth.logout');
    expect((await a.fail('setup.restore.open', { passphrase })).code).toBe('ALREADY_SET_UP');
  });

  it('an unlock afterwards ends it too', async () => {
    const { a, page } = await backedUp();
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    await a.ok('session.lock');
    flip(a, page);
    expect((await a.fail('session.unlock', { password: chief.password })).code).toBe('DATABASE_DAMAGED');
    flip(a, page);
    await a.ok('session.unlock', { password: chief.password });
    await a.ok('auth.logout');
    expect((await a.fail('setup.restore.open', { passphrase })).code).toBe('ALREADY_SET_UP');
  });

  it('still open while the damage stands (the way out is kept)', async () => {
    const { a, page } = await backedUp();
    flip(a, page);
    expect((await a.fail('auth.login', { loginId: chief.loginId, password: chief.password })).code).toBe('DATABASE_DAMAGED');
    const preview = await a.ok('setup.restore.open', { passphrase });
    await a.ok('setup.restore.commit', { restoreId: preview.restoreId });
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
  });
});

/**
 * setup-in-progress.json that did not come from this folder's setup (a stray file, a folder
 * copied back over a used one). Before: the folder's records were moved into
 * setup-interrupted-<time>/ and the wizard said only setup's own data had been there,
 * inviting the office to start a new organisation. A folder used after its setup stays.
 */
describe('a setup marker beside a folder in use', () => {
  const marker = (a: TestApp) => path.join(a.dir, 'setup-in-progress.json');
  const genuineLooking = (a: TestApp) => `${JSON.stringify({ format: 'daicho-setup-marker', startedAt: new Date(a.clock.now()).toISOString() })}\n`;

  async function expectStillInUse(a: TestApp): Promise<void> {
    expect(await a.ok('app.status')).toMatchObject({ setUp: true });
    expect(readdirSync(a.dir).filter((n) => n.startsWith('setup-interrupted-'))).toEqual([]);
    expect(existsSync(marker(a))).toBe(false);
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await a.ok('audit.verify')).ok).toBe(true);
  }

  it('accounts were added since setup (its keyring changed): nothing is moved', async () => {
    const first = apps.open();
    await setUpOrganization(first);
    const tanakaId = await createUser(first, tanaka);
    await first.ok('auth.logout');
    writeFileSync(marker(first), genuineLooking(first));
    const a = restart(first);
    await expectStillInUse(a);
    expect((await a.ok('users.list', {})).map((u) => u.id)).toContain(tanakaId);
  });

  it('only the chief, keyring unchanged, but locked and logged out on a later day: nothing is moved', async () => {
    const first = apps.open();
    await setUpOrganization(first);
    first.clock.advance(3 * 24 * 60 * 60 * 1000);
    await first.ok('session.lock');
    await first.ok('session.unlock', { password: chief.password });
    await first.ok('auth.logout');
    writeFileSync(marker(first), genuineLooking(first));
    await expectStillInUse(restart(first));
  });
});

/** Stray temp files are removed at start (dataFolder.ts); only those, and never at the cost of starting. */
describe('stray temp cleanup', () => {
  it('a folder or a link named like a temp is left alone, and the app starts', async () => {
    const first = apps.open();
    await setUpOrganization(first);
    await first.ok('auth.logout');
    const folder = path.join(first.dir, '.keyring.json.0123456789ab.tmp');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'memo.txt'), '職員のメモ');
    const target = path.join(first.outDir, 'own.txt');
    writeFileSync(target, '自分のファイル');
    symlinkSync(target, path.join(first.dir, '.own.txt.abcdef012345.tmp'));
    writeFileSync(path.join(first.dir, '.keyring.backup.json.a1b2c3d4e5f6.tmp'), '{"slots":["old"]}');
    // Before: rm of the folder threw (EISDIR) and the backend never started.
    const a = restart(first);
    const names = readdirSync(a.dir);
    expect(names).toContain('.keyring.json.0123456789ab.tmp');
    expect(names).toContain('.own.txt.abcdef012345.tmp');
    expect(names).not.toContain('.keyring.backup.json.a1b2c3d4e5f6.tmp');
    expect(readFileSync(path.join(folder, 'memo.txt'), 'utf8')).toBe('職員のメモ');
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
  });
});

/**
 * A password changed (or reset, say because it leaked) must not open a session again because
 * an old keyring was put back, in the copy or in both files: the database records when the
 * current password was set, and the slot that opened is older.
 */
describe('a replaced password in an old keyring', () => {
  async function changedSince(): Promise<{ a: TestApp; old: string }> {
    const first = apps.open();
    await setUpOrganization(first);
    await createUser(first, tanaka);
    await first.ok('auth.logout');
    const old = readFileSync(primaryOf(first), 'utf8');
    first.clock.advance(24 * 60 * 60 * 1000);
    await firstLogin(first, tanaka.loginId, tanaka.password, 'Atarashii-2026-tk');
    await first.ok('auth.logout');
    return { a: restart(first), old };
  }

  async function refusals(a: TestApp): Promise<unknown[]> {
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    return (await a.ok('audit.query', { action: 'auth.login.refused' })).rows.map((e) => e.detail.reason);
  }

  it('in the copy: the old password opens no session; the new one does', async () => {
    const { a, old } = await changedSince();
    writeFileSync(copyOf(a), old);
    expect(await a.fail('auth.login', { loginId: tanaka.loginId, password: tanaka.password })).toMatchObject({ code: 'WRONG_PASSWORD' });
    await a.ok('auth.login', { loginId: tanaka.loginId, password: 'Atarashii-2026-tk' });
    await a.ok('auth.logout');
    expect(await refusals(a)).toEqual(['replaced-password']);
  });

  it('in both files: the old password opens no session either', async () => {
    const { a, old } = await changedSince();
    writeFileSync(primaryOf(a), old);
    writeFileSync(copyOf(a), old);
    expect(await a.fail('auth.login', { loginId: tanaka.loginId, password: tanaka.password })).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await refusals(a)).toEqual(['replaced-password']);
  });

  it('nor does it unlock a locked session of that account', async () => {
    const { a, old } = await changedSince();
    await a.ok('auth.login', { loginId: tanaka.loginId, password: 'Atarashii-2026-tk' });
    await a.ok('session.lock');
    writeFileSync(primaryOf(a), old);
    writeFileSync(copyOf(a), old);
    expect(await a.fail('session.unlock', { password: tanaka.password })).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await a.ok('session.current')).toBeNull();
  });
});

/**
 * backup-before-restore-<time>/ is "the current files, as they are", kept for investigation
 * and to go back to. Without anchor.json in it, the data moved back met the restored data's
 * anchor, and 改ざん検査 reported a rewrite that never happened (and an investigator lacked
 * the anchor that vouched for the replaced log).
 */
describe('the safety copy a restore keeps', () => {
  it('holds anchor.json too: moved back, the replaced data verifies as it did', async () => {
    const first = apps.open();
    await setUpOrganization(first);
    await reauth(first, chief.password);
    const medium = apps.extraDir('daicho-medium-');
    first.openAnswer.path = (await exportTo(first, medium)).file;
    await createUser(first, tanaka);
    await first.ok('auth.logout');
    await first.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    await reauth(first, chief.password);
    const preview = await first.ok('backup.restore.open', { passphrase });
    await first.ok('backup.restore.commit', { restoreId: preview.restoreId });
    const kept = path.join(first.dir, readdirSync(first.dir).find((n) => n.startsWith('backup-before-restore-'))!);
    expect(readdirSync(kept)).toContain('anchor.json');
    first.close();
    for (const name of readdirSync(kept)) copyFileSync(path.join(kept, name), path.join(first.dir, name));
    const a = restart(first);
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect((await a.ok('users.list', {})).map((u) => u.loginId)).toContain(tanaka.loginId);
    const verified = await a.ok('audit.verify');
    expect(verified.findings).toEqual([]);
    expect(verified.ok).toBe(true);
  });
});

/**
 * The recovery key likewise: a sheet replaced by 回復キーの再発行 (perhaps because it was lost)
 * must not open the app again because an old keyring holding its slot was put back.
 */
describe('a replaced recovery key in an old keyring', () => {
  async function regeneratedSince(): Promise<{ a: TestApp; old: string; first: string; second: string }> {
    const app = apps.open();
    const first = await setUpOrganization(app);
    const old = readFileSync(primaryOf(app), 'utf8');
    app.clock.advance(24 * 60 * 60 * 1000);
    await reauth(app, chief.password);
    const second = (await app.ok('keys.regenerateRecoveryKey', {})).recoveryKey;
    await app.ok('auth.logout');
    return { a: restart(app), old, first, second };
  }
  const wrongSheet = { ok: false, issues: [{ path: ['recoveryKey'], messageKey: 'errors.WRONG_RECOVERY_KEY' }] };
  const recover = (a: TestApp, recoveryKey: string) => a.call('auth.recover', { recoveryKey, loginId: chief.loginId, newPassword: 'Atarashii-2026-pw' });

  it('in the copy: the replaced sheet opens nothing; the current one works', async () => {
    const { a, old, first, second } = await regeneratedSince();
    writeFileSync(copyOf(a), old);
    expect(await recover(a, first)).toMatchObject(wrongSheet);
    expect(await recover(a, second)).toMatchObject({ ok: true });
    const failed = (await a.ok('audit.query', { action: 'auth.recover.failed' })).rows.map((e) => e.detail.outcome);
    expect(failed).toEqual(['superseded-recovery-key']);
  });

  it('in both files: the replaced sheet opens nothing, and the next login removes its slot and says so', async () => {
    const { a, old, first } = await regeneratedSince();
    writeFileSync(primaryOf(a), old);
    writeFileSync(copyOf(a), old);
    expect(await recover(a, first)).toMatchObject(wrongSheet);
    await a.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect(await reconcileFindings(a)).toEqual(['superseded-recovery-key']);
    const kinds = (JSON.parse(readFileSync(primaryOf(a), 'utf8')) as { slots: { kind: string }[] }).slots.map((s) => s.kind);
    expect(kinds).toEqual(['user']);
    await a.ok('auth.logout');
    expect(await recover(a, first)).toMatchObject(wrongSheet);
  });
});

/**
 * A folder emptied of an organisation's database and keyrings (moved elsewhere, deleted) but
 * not of its anchor.json: the wizard sets up a new organisation there. The old anchor's MAC
 * is under the old key, so before the fix the new organisation's first 改ざん検査 reported
 * `anchorInvalid` — tampering that never happened — and its own anchor was never written.
 */
describe('setup beside an anchor.json left by an earlier database', () => {
  it('sets it aside, and the new organisation verifies', async () => {
    const first = apps.open();
    await setUpOrganization(first);
    await first.ok('auth.logout');
    first.close();
    const oldAnchor = readFileSync(path.join(first.dir, 'anchor.json'), 'utf8');
    for (const name of ['daicho.db', 'daicho.db-wal', 'daicho.db-shm', 'keyring.json', 'keyring.backup.json']) rmSync(path.join(first.dir, name), { force: true });
    const a = restart(first);
    expect((await a.ok('app.status')).setUp).toBe(false);
    await setUpOrganization(a);
    await a.ok('session.lock');
    await a.ok('session.unlock', { password: chief.password });
    const verified = await a.ok('audit.verify');
    expect(verified.findings).toEqual([]);
    expect(verified.ok).toBe(true);
    const aside = readdirSync(a.dir).filter((n) => n.startsWith('anchor.before-setup-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(a.dir, aside[0]!), 'utf8')).toBe(oldAnchor);
  });
});
