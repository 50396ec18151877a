import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackup } from '../../db/core/backup/verify';
import { chief, createUser, makeTestApp, reauth, removeTestDir, setUpOrganization, setupInput, type TestApp } from './support/backend';
import { holdingInput } from './support/holdings';
import { backedUpAppPerTest, exportTo, passphrase } from './support/backup';

/**
 * Adversarial pass on the backup's restore (issue #8): a restore committed while an export
 * copies, by a later session or after a lock, racing the setup wizard; what it brings back
 * (stopped accounts) and what it drops (the replaced log tail, pinned); the home card and
 * another organisation's backup. The file format and the export: adversarial-backup.test.ts.
 */
let app: TestApp;
let medium: string;
let backupFile: string;

backedUpAppPerTest((t) => {
  app = t.app;
  medium = t.medium;
  backupFile = t.backupFile;
}, () => app);

async function currentHoldings(a: TestApp): Promise<number[]> {
  return (await a.ok('holdings.list', {})).rows.map((r) => r.id);
}

describe('export racing a restore', () => {
  it('a restore committed while an export copies is refused; the backup written is whole and verifies', async () => {
    const dep = (await app.ok('departments.list', {}))[0]!.id;
    await app.ok('holdings.create', holdingInput(dep, { ledgerNo: 'R8-0002' }));
    app.openAnswer.path = backupFile;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    let committing: Promise<{ ok: boolean; code?: string; messageKey?: string }> | null = null;
    const stop = app.backend.onEvent((e) => {
      if (e.type === 'backup.progress' && e.operation === 'export' && e.phase === 'snapshot') {
        setImmediate(() => (committing = app.call('backup.restore.commit', { restoreId: preview.restoreId }) as never));
      }
    });
    app.saveAnswer.path = path.join(medium, 'Daicho_during.daicho-backup');
    const exported = await app.call('backup.export', { passphrase, passphraseConfirm: passphrase, mediumLabel: 'USB', mediumLocation: '金庫' });
    stop();
    expect(await committing).toMatchObject({ ok: false, code: 'CONFLICT', messageKey: 'errors.backupExportRunning' });
    expect(exported.ok).toBe(true);
    const opened = await openBackup(path.join(medium, 'Daicho_during.daicho-backup'), { passphrase }, { stageDir: tmpdir() });
    expect(opened.report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(opened.manifest?.summary.counts.holdings).toBe(2);
    // Once the export is over, the same prepared restore goes through.
    await reauth(app, chief.password);
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
  });
});

describe('what a restore brings back', () => {
  it('an account stopped after the backup is named in the preview before it comes back', async () => {
    const suzuki = await createUser(app, { loginId: 'suzuki', displayName: '鈴木 次郎', role: 'clerk', password: 'Kanri-2026-jiro-x' });
    app.clock.advance(60_000);
    const file = (await exportTo(app, medium, 'Daicho_with_suzuki.daicho-backup')).file;
    await reauth(app, chief.password);
    await app.ok('users.deactivate', { userId: suzuki, reason: '退職' });
    app.openAnswer.path = file;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    expect(preview.warnings).toContainEqual({ messageKey: 'backupReport.warnings.usersReactivated', params: { count: 1, names: '鈴木 次郎' } });
    expect(readdirSync(app.dir).filter((n) => n.includes('.daicho-restore-') && (n.endsWith('-wal') || n.endsWith('-shm')))).toEqual([]);
    // The staged copy is untouched by that look: the restore goes through.
    await reauth(app, chief.password);
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
  });

  it('the restored access log pins the head of the data it replaced (a restore cannot drop a log tail unseen)', async () => {
    const dep = (await app.ok('departments.list', {}))[0]!.id;
    await app.ok('holdings.create', holdingInput(dep, { ledgerNo: 'R8-0002' }));
    app.openAnswer.path = backupFile;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    await reauth(app, chief.password);
    const head = await app.ok('audit.verify');
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    const restore = (await app.ok('audit.query', { action: 'backup.restore' })).rows[0]!;
    // The reauth before the commit was the last event of the replaced data.
    expect(restore.detail).toMatchObject({ replacedSeq: head.headSeq });
    expect(String((restore.detail as Record<string, unknown>).replacedHeadHash)).toMatch(/^[0-9a-f]{64}$/);
    expect(head.headSeq).toBeGreaterThan(preview.backup.auditHead.seq);
  });

  it('says nothing when no account was stopped since', async () => {
    app.openAnswer.path = backupFile;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    expect(preview.warnings.map((w) => w.messageKey)).not.toContain('backupReport.warnings.usersReactivated');
  });
});

describe('the home card cannot be kept quiet with someone else’s backup', () => {
  it('verifying another organisation’s backup reports it but does not restart the count', async () => {
    const other = makeTestApp();
    try {
      await setUpOrganization(other);
      await other.ok('settings.update', { organizationName: '別の市役所' });
      const otherFile = (await exportTo(other, medium, 'Daicho_other.daicho-backup')).file;
      const before = (await app.ok('backup.status')).lastVerifiedAt;
      app.clock.advance(40 * 86_400_000);
      app.openAnswer.path = otherFile;
      await reauth(app, chief.password);
      const report = await app.ok('backup.verify', { passphrase });
      expect(report.ok).toBe(true);
      expect(report.manifest?.organizationName).toBe('別の市役所');
      expect((await app.ok('backup.status')).lastVerifiedAt).toBe(before);
      expect((await app.ok('backup.register', {})).rows[0]).toMatchObject({ operation: 'verify', result: 'ok', messageKey: 'backupReport.warnings.otherDatabaseVerified' });
      // Our own backup verified now does restart it.
      app.openAnswer.path = backupFile;
      await app.ok('backup.verify', { passphrase });
      expect((await app.ok('backup.status')).lastVerifiedAt).not.toBe(before);
    } finally {
      other.close();
      removeTestDir(other.dir);
    }
  });
});

describe('the setup wizard racing a restore', () => {
  it('setup and a restore on a fresh install at once: one wins, the other is refused, the data is whole', async () => {
    const fresh = makeTestApp();
    try {
      fresh.openAnswer.path = backupFile;
      const preview = await fresh.ok('setup.restore.open', { passphrase });
      const [setup, restored] = await Promise.all([
        fresh.call('setup.initialize', setupInput),
        fresh.call('setup.restore.commit', { restoreId: preview.restoreId }),
      ]);
      expect([setup.ok, restored.ok].filter(Boolean)).toHaveLength(1);
      expect([setup, restored].find((r) => !r.ok)).toMatchObject({ code: 'ALREADY_SET_UP' });
      // The setup logs its chief in; after a restore the chief logs in with the password at backup time.
      if (restored.ok) await fresh.ok('auth.login', { loginId: chief.loginId, password: chief.password });
      expect((await fresh.ok('holdings.list', {})).rows).toHaveLength(restored.ok ? 1 : 0);
      expect((await fresh.ok('audit.verify')).ok).toBe(true);
      expect((await fresh.fail('setup.restore.open', { passphrase })).code).toBe('ALREADY_SET_UP');
    } finally {
      fresh.close();
      removeTestDir(fresh.dir);
    }
  });
});

describe('a prepared restore belongs to the session that prepared it', () => {
  it('another chief logging in on the same terminal cannot commit it; the data stays', async () => {
    await createUser(app, { loginId: 'suzuki', displayName: '鈴木 次郎', role: 'chief', password: 'Kanri-2026-jiro-x' });
    const dep = (await app.ok('departments.list', {}))[0]!.id;
    await app.ok('holdings.create', holdingInput(dep, { ledgerNo: 'R8-0002' }));
    const before = await currentHoldings(app);
    app.openAnswer.path = backupFile;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    await app.ok('auth.logout', {});
    await app.ok('auth.login', { loginId: 'suzuki', password: 'Kanri-2026-jiro-x' });
    await app.ok('auth.changePassword', { currentPassword: 'Kanri-2026-jiro-x', newPassword: 'Kanri-2026-jiro-y' });
    await reauth(app, 'Kanri-2026-jiro-y');
    const failure = await app.fail('backup.restore.commit', { restoreId: preview.restoreId });
    expect(failure).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.backupRestoreExpired' });
    expect(await currentHoldings(app)).toEqual(before);
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.daicho-restore-') || n.startsWith('backup-before-restore-'))).toEqual([]);
  });

  it('after the screen was locked (and unlocked) the file must be opened again; nothing was swapped', async () => {
    app.openAnswer.path = backupFile;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    await app.ok('session.lock', {});
    expect((await app.fail('backup.restore.commit', { restoreId: preview.restoreId })).code).toBe('SESSION_LOCKED');
    await app.ok('session.unlock', { password: chief.password });
    await reauth(app, chief.password);
    expect(await app.fail('backup.restore.commit', { restoreId: preview.restoreId })).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.backupRestoreExpired' });
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.daicho-restore-') || n.startsWith('backup-before-restore-'))).toEqual([]);
  });

  it('the same chief after logging out and in again must open the backup again', async () => {
    app.openAnswer.path = backupFile;
    await reauth(app, chief.password);
    const preview = await app.ok('backup.restore.open', { passphrase });
    await app.ok('auth.logout', {});
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    await reauth(app, chief.password);
    expect((await app.fail('backup.restore.commit', { restoreId: preview.restoreId })).code).toBe('NOT_FOUND');
  });
});
