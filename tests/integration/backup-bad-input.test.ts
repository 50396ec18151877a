import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../db/core/appError';
import { openManifest, readLayout, sealManifest, unwrapBackupKey } from '../../db/core/backup/format';
import { openBackup } from '../../db/core/backup/verify';
import { writeFailure } from '../../db/core/backup/writeFile';
import { chief, makeTestApp, reauth, removeTestDir, setUpOrganization, type TestApp } from './support/backend';
import { backedUpAppPerTest, exportTo, passphrase } from './support/backup';

let app: TestApp;
let medium: string;
let backupFile: string;

backedUpAppPerTest((t) => {
  app = t.app;
  medium = t.medium;
  backupFile = t.backupFile;
}, () => app);

/** The current data, as a restore must leave it when it fails. */
async function currentState(a: TestApp) {
  return { holdings: (await a.ok('holdings.list', {})).rows.map((r) => r.id), head: (await a.ok('audit.verify')).headSeq };
}

function variant(name: string, bytes: Buffer): string {
  const file = path.join(medium, name);
  writeFileSync(file, bytes);
  return file;
}

/** Detected: the file is refused with a backup error, or its report fails. */
async function detected(file: string): Promise<boolean> {
  try {
    const opened = await openBackup(file, { passphrase }, { stageDir: tmpdir() });
    return !opened.report.ok;
  } catch (error) {
    return error instanceof AppError && error.code.startsWith('BACKUP_');
  }
}

describe('bad backup files', () => {
  it('finds a page whose HMAC fails even when the sealed hash covers it (a database damaged before its export)', async () => {
    const layout = readLayout(backupFile);
    const backupKey = (await unwrapBackupKey(layout.header, { passphrase }))!;
    const manifest = openManifest(layout, backupKey)!;
    const payload = Buffer.from(readFileSync(backupFile).subarray(layout.payloadOffset));
    payload[2 * 4096 + 100]! ^= 0x01; // page 3's ciphertext
    // Sealed anew by someone holding the passphrase: hash and authenticity hold, the page does not.
    const forged = { ...manifest, payload: { ...manifest.payload, sha256: createHash('sha256').update(payload).digest('hex') } };
    const sealed = sealManifest(backupKey, layout.preamble, forged);
    const file = path.join(medium, 'Daicho_forged.daicho-backup');
    writeFileSync(file, Buffer.concat([layout.preamble, sealed.iv, sealed.ciphertext, sealed.tag, payload]));
    app.openAnswer.path = file;
    const report = await app.ok('backup.verify', { passphrase });
    expect(report.checks.slice(0, 4).map((c) => [c.id, c.ok])).toEqual([
      ['passphrase', true],
      ['authenticity', true],
      ['payloadHash', true],
      ['integrity', false],
    ]);
    expect(report.ok).toBe(false);
  });

  it('says a wrong passphrase in the report and refuses the restore', async () => {
    app.openAnswer.path = backupFile;
    const report = await app.ok('backup.verify', { passphrase: 'not-the-passphrase' });
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'passphrase', ok: false, messageKey: 'backupReport.checks.passphraseFailed' });
    expect(report.checks.slice(1).every((c) => c.messageKey === 'backupReport.checks.notRun')).toBe(true);
    const before = await currentState(app);
    await reauth(app, chief.password);
    const failure = await app.fail('backup.restore.open', { passphrase: 'not-the-passphrase' });
    expect(failure).toMatchObject({ code: 'BACKUP_WRONG_PASSPHRASE', messageKey: 'errors.BACKUP_WRONG_PASSPHRASE' });
    // Untouched: the same records; the log only grew by the reads, the reauth and the refusal.
    expect((await currentState(app)).holdings).toEqual(before.holdings);
    const register = await app.ok('backup.register', {});
    expect(register.rows.slice(0, 2).map((r) => [r.operation, r.result])).toEqual([
      ['restore', 'failed'],
      ['verify', 'failed'],
    ]);
  });

  it('refuses an empty file and a file that is not a backup', async () => {
    for (const file of [variant('empty.daicho-backup', Buffer.alloc(0)), variant('report.daicho-backup', Buffer.from('%PDF-1.4 not a backup\n'))]) {
      app.openAnswer.path = file;
      expect((await app.fail('backup.verify', { passphrase })).code).toBe('BACKUP_NOT_A_BACKUP');
      await reauth(app, chief.password);
      expect((await app.fail('backup.restore.open', { passphrase })).code).toBe('BACKUP_NOT_A_BACKUP');
    }
  });

  it('detects a truncated file at any length, and the current data stays as it was', async () => {
    const whole = readFileSync(backupFile);
    const before = await currentState(app);
    for (const length of [9, 16, 40, 300, 700, Math.floor(whole.length / 2), whole.length - 4096, whole.length - 1]) {
      expect(await detected(variant(`cut-${length}.daicho-backup`, whole.subarray(0, length))), `length ${length}`).toBe(true);
    }
    app.openAnswer.path = variant('cut.daicho-backup', whole.subarray(0, whole.length - 1));
    await reauth(app, chief.password);
    expect((await app.fail('backup.restore.open', { passphrase })).code).toBe('BACKUP_DAMAGED');
    const after = await currentState(app);
    expect(after.holdings).toEqual(before.holdings);
  });

  it('detects one flipped byte anywhere: header, manifest, payload, last byte (100 %)', async () => {
    const whole = readFileSync(backupFile);
    const headerLength = whole.readUInt32BE(12);
    const manifestLength = whole.readUInt32BE(48 + headerLength);
    const payload = 80 + headerLength + manifestLength;
    const offsets = new Set<number>([
      ...Array.from({ length: 16 }, (_, i) => i),
      ...Array.from({ length: 24 }, (_, i) => 16 + Math.floor((i * headerLength) / 24)),
      16 + headerLength, 16 + headerLength + 31, 48 + headerLength, 51 + headerLength,
      52 + headerLength, 63 + headerLength, 64 + headerLength, 64 + headerLength + Math.floor(manifestLength / 2), payload - 16, payload - 1,
      ...Array.from({ length: 24 }, (_, i) => payload + Math.floor((i * (whole.length - payload)) / 24)),
      payload + 100, whole.length - 1,
    ]);
    const missed: number[] = [];
    for (const offset of offsets) {
      const copy = Buffer.from(whole);
      copy[offset] = copy[offset]! ^ 0x01;
      if (!(await detected(variant('flipped.daicho-backup', copy)))) missed.push(offset);
    }
    expect(offsets.size).toBeGreaterThan(70);
    expect(missed).toEqual([]);
    expect(await detected(backupFile)).toBe(false);
  });

  it('refuses another organisation’s backup over existing data (fine on a fresh install)', async () => {
    const other = makeTestApp();
    try {
      await setUpOrganization(other);
      await other.ok('settings.update', { organizationName: '別の市役所' });
      const otherFile = (await exportTo(other, medium, 'Daicho_other.daicho-backup')).file;
      const before = await currentState(app);
      app.openAnswer.path = otherFile;
      await reauth(app, chief.password);
      const failure = await app.fail('backup.restore.open', { passphrase });
      expect(failure).toMatchObject({ code: 'BACKUP_OTHER_ORGANIZATION', params: { organization: '別の市役所' } });
      expect((await currentState(app)).holdings).toEqual(before.holdings);
      expect(readdirSync(app.dir).filter((n) => n.startsWith('.daicho-restore-') || n.startsWith('backup-before-restore-'))).toEqual([]);
    } finally {
      other.close();
      removeTestDir(other.dir);
    }
  });
});

describe('targets that cannot be written', () => {
  it('maps a full, read-only or vanished target to its Japanese message', () => {
    const key = (code: string) => (writeFailure(Object.assign(new Error(code), { code })) as AppError).messageKey;
    expect(key('ENOSPC')).toBe('errors.backupDiskFull');
    expect(key('EROFS')).toBe('errors.backupReadOnly');
    expect(key('EACCES')).toBe('errors.backupReadOnly');
    expect(key('ENOENT')).toBe('errors.backupTargetGone');
  });

  it('a read-only folder: a clear message, nothing left behind, the failure in the register', async () => {
    const locked = mkdtempSync(path.join(tmpdir(), 'daicho-ro-'));
    // root writes through 0555; the immutable flag stops even root.
    const immutable = process.getuid?.() === 0 && spawnSync('chattr', ['+i', locked]).status === 0;
    if (!immutable) spawnSync('chmod', ['0555', locked]);
    try {
      await reauth(app, chief.password);
      app.saveAnswer.path = path.join(locked, 'Daicho_ro.daicho-backup');
      const failure = await app.fail('backup.export', { passphrase, passphraseConfirm: passphrase });
      expect(failure).toMatchObject({ code: 'BACKUP_WRITE_FAILED', messageKey: 'errors.backupReadOnly' });
      expect(readdirSync(locked)).toEqual([]);
      const register = await app.ok('backup.register', {});
      expect(register.rows[0]).toMatchObject({ operation: 'export', result: 'failed', messageKey: 'errors.backupReadOnly' });
    } finally {
      if (immutable) spawnSync('chattr', ['-i', locked]);
      rmSync(locked, { recursive: true, force: true });
    }
  });

  it('a full medium: a clear message and no partial file', async (ctx) => {
    const small = mkdtempSync(path.join(tmpdir(), 'daicho-full-'));
    // A 64 KiB tmpfs stands for a full stick; where mounting is not allowed the test cannot run.
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]).status !== 0) {
      rmSync(small, { recursive: true, force: true });
      ctx.skip('mounting a small tmpfs needs root');
    }
    try {
      expect(statSync(backupFile).size).toBeGreaterThan(64 * 1024);
      await reauth(app, chief.password);
      app.saveAnswer.path = path.join(small, 'Daicho_full.daicho-backup');
      const failure = await app.fail('backup.export', { passphrase, passphraseConfirm: passphrase });
      expect(failure).toMatchObject({ code: 'BACKUP_WRITE_FAILED', messageKey: 'errors.backupDiskFull' });
      expect(readdirSync(small)).toEqual([]);
    } finally {
      spawnSync('umount', [small]);
      rmSync(small, { recursive: true, force: true });
    }
  });

  it('a target removed mid-write (its folder deleted before the rename): a clear message, nothing under the final name', async () => {
    const stick = mkdtempSync(path.join(tmpdir(), 'daicho-stick-'));
    const stop = app.backend.onEvent((e) => {
      if (e.type === 'backup.progress' && e.phase === 'verify') rmSync(stick, { recursive: true, force: true });
    });
    try {
      await reauth(app, chief.password);
      app.saveAnswer.path = path.join(stick, 'Daicho_gone.daicho-backup');
      const failure = await app.fail('backup.export', { passphrase, passphraseConfirm: passphrase });
      expect(failure).toMatchObject({ code: 'BACKUP_WRITE_FAILED', messageKey: 'errors.backupTargetGone' });
      // The stick comes back (same folder, empty): no file under the final name.
      mkdirSync(stick, { recursive: true });
      expect(readdirSync(stick)).toEqual([]);
    } finally {
      stop();
      rmSync(stick, { recursive: true, force: true });
    }
  });

  it('asks the passphrase twice and refuses a short one', async () => {
    await reauth(app, chief.password);
    const mismatch = await app.fail('backup.export', { passphrase, passphraseConfirm: `${passphrase}x` });
    expect(mismatch.issues?.[0]).toMatchObject({ path: ['passphraseConfirm'], messageKey: 'validation.passphraseMismatch' });
    const short = await app.fail('backup.export', { passphrase: 'short', passphraseConfirm: 'short' });
    expect(short.issues?.[0]?.messageKey).toBe('validation.tooShort');
    copyFileSync(backupFile, path.join(medium, 'kept.daicho-backup'));
  });
});
