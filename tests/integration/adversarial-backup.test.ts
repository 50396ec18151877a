import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackup } from '../../db/core/backup/verify';
import { chief, makeTestApp, reauth, type TestApp } from './support/backend';
import { holdingInput } from './support/holdings';
import { backedUpAppPerTest, exportTo, passphrase } from './support/backup';

/**
 * Adversarial pass on the encrypted backup (issue #8): crafted headers that would exhaust
 * memory or CPU before the passphrase is checked, files that are no regular file, generation
 * pruning fooled by a copied header, a target in the data folder, weak passphrases, an export
 * whose key is wiped by a lock mid-way. The restore's side: adversarial-backup-restore.test.ts.
 */
let app: TestApp;
let medium: string;
let backupFile: string;

backedUpAppPerTest((t) => {
  app = t.app;
  medium = t.medium;
  backupFile = t.backupFile;
}, () => app);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a crafted header is any shape
type LooseHeader = Record<string, any>;

/** The backup with its header JSON changed by `edit`, lengths and the header hash recomputed (as anyone can). */
function withHeader(whole: Buffer, edit: (header: LooseHeader) => void): Buffer {
  const headerLength = whole.readUInt32BE(12);
  const header = JSON.parse(whole.subarray(16, 16 + headerLength).toString('utf8'));
  edit(header);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lengthBytes = Buffer.alloc(4);
  lengthBytes.writeUInt32BE(json.length);
  const head = Buffer.concat([whole.subarray(0, 12), lengthBytes, json]);
  return Buffer.concat([head, createHash('sha256').update(head).digest(), whole.subarray(48 + headerLength)]);
}

async function currentHoldings(a: TestApp): Promise<number[]> {
  return (await a.ok('holdings.list', {})).rows.map((r) => r.id);
}

describe('crafted headers: the KDF cost is bounded before scrypt runs', () => {
  const crafted: [string, (h: LooseHeader) => void][] = [
    ['N = 2^30 (a terabyte of memory)', (h) => (h.passphrase.kdf.N = 2 ** 30)],
    ['N = 2^24, r = 8 (16 GiB)', (h) => (h.passphrase.kdf.N = 2 ** 24)],
    ['p = 2^20 (hours of CPU)', (h) => (h.passphrase.kdf.p = 2 ** 20)],
    ['r = 2^16', (h) => (h.passphrase.kdf.r = 2 ** 16)],
    ['keyLength = 2^30', (h) => (h.passphrase.kdf.keyLength = 2 ** 30)],
    ['N not a power of two', (h) => (h.passphrase.kdf.N = 3 * 2 ** 10)],
    ['negative p', (h) => (h.passphrase.kdf.p = -1)],
    ['N as a string', (h) => (h.passphrase.kdf.N = '16384')],
    ['N = 1e308', (h) => (h.passphrase.kdf.N = 1e308)],
    ['salt missing', (h) => delete h.passphrase.kdf.salt],
    ['recovery keyLength = 2^20', (h) => (h.recovery.slot.kdf.keyLength = 2 ** 20)],
    ['wrap iv a number', (h) => (h.passphrase.wrap.iv = 12)],
  ];

  it('refuses each as damaged at once, with the passphrase and with the recovery key, and nothing changes', async () => {
    const whole = readFileSync(backupFile);
    const before = await currentHoldings(app);
    for (const [label, edit] of crafted) {
      const file = path.join(medium, 'crafted.daicho-backup');
      writeFileSync(file, withHeader(whole, edit));
      const started = performance.now();
      app.openAnswer.path = file;
      expect(await app.fail('backup.verify', { passphrase }), label).toMatchObject({ code: 'BACKUP_DAMAGED', messageKey: 'errors.BACKUP_DAMAGED' });
      await reauth(app, chief.password);
      expect((await app.fail('backup.restore.open', { passphrase })).code, label).toBe('BACKUP_DAMAGED');
      expect(performance.now() - started, label).toBeLessThan(2000);
    }
    expect(await currentHoldings(app)).toEqual(before);
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.daicho-restore-') || n.startsWith('backup-before-restore-'))).toEqual([]);
  });

  it('still opens a genuine backup (the bound is far above what we write)', async () => {
    const opened = await openBackup(backupFile, { passphrase }, { stageDir: tmpdir() });
    expect(opened.report.ok).toBe(true);
  });
});

describe('splices of two genuine backups of the same organisation', () => {
  it('header of one with manifest and payload of the other, or an older payload under a newer manifest: refused', async () => {
    const dep = (await app.ok('departments.list', {}))[0]!.id;
    await app.ok('holdings.create', holdingInput(dep, { ledgerNo: 'R8-0002' }));
    app.clock.advance(60_000);
    const newer = readFileSync((await exportTo(app, medium, 'Daicho_newer.daicho-backup')).file);
    const older = readFileSync(backupFile);
    const parts = (b: Buffer) => {
      const h = b.readUInt32BE(12);
      const m = b.readUInt32BE(48 + h);
      return { preamble: b.subarray(0, 48 + h), sealed: b.subarray(48 + h, 80 + h + m), payload: b.subarray(80 + h + m) };
    };
    const [a, b] = [parts(older), parts(newer)];
    const splices = {
      headerSwapped: Buffer.concat([a.preamble, b.sealed, b.payload]),
      olderPayload: Buffer.concat([b.preamble, b.sealed, a.payload]),
      // The older payload padded or cut to the newer one's length.
      olderPayloadSameLength: Buffer.concat([b.preamble, b.sealed, Buffer.concat([a.payload, Buffer.alloc(Math.max(0, b.payload.length - a.payload.length))]).subarray(0, b.payload.length)]),
    };
    for (const [name, bytes] of Object.entries(splices)) {
      const file = path.join(medium, `${name}.daicho-backup`);
      writeFileSync(file, bytes);
      const opened = await openBackup(file, { passphrase }, { stageDir: tmpdir() });
      expect(opened.report.ok, name).toBe(false);
      app.openAnswer.path = file;
      await reauth(app, chief.password);
      expect((await app.fail('backup.restore.open', { passphrase })).code, name).toBe('BACKUP_DAMAGED');
    }
    expect(await currentHoldings(app)).toHaveLength(2);
  });

  it('a genuine preamble and manifest before 10 GB of sparse file is refused without reading it', async () => {
    const file = path.join(medium, 'sparse.daicho-backup');
    writeFileSync(file, readFileSync(backupFile));
    truncateSync(file, 10 * 1024 ** 3);
    const started = performance.now();
    const opened = await openBackup(file, { passphrase }, { stageDir: tmpdir() });
    expect(opened.report.checks.find((c) => !c.ok)?.id).toBe('payloadHash');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('files that are no regular file', () => {
  it('a FIFO named like a backup is refused, not waited on (open() would block the main thread)', async () => {
    const fifo = path.join(medium, 'pipe.daicho-backup');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    app.openAnswer.path = fifo;
    expect((await app.fail('backup.verify', { passphrase })).code).toBe('BACKUP_NOT_A_BACKUP');
    // The export's generation pruning reads every *.daicho-backup in the folder: the FIFO does not stop it.
    const { out } = await exportTo(app, medium, 'Daicho_next.daicho-backup', { keepGenerations: 1 });
    expect(out.removed).toEqual(['Daicho_test.daicho-backup']);
    expect(existsSync(fifo)).toBe(true);
  });

  it('a folder named like a backup is "not a backup"', async () => {
    const dir = path.join(medium, 'folder.daicho-backup');
    mkdirSync(dir);
    app.openAnswer.path = dir;
    expect((await app.fail('backup.verify', { passphrase })).code).toBe('BACKUP_NOT_A_BACKUP');
  });
});

describe('generation pruning', () => {
  it('a copy of our header with a createdAt in 2099 neither counts as a generation nor is deleted', async () => {
    const forged = path.join(medium, 'Daicho_forged.daicho-backup');
    writeFileSync(forged, withHeader(readFileSync(backupFile), (h) => (h.createdAt = '2099-01-01T00:00:00.000Z')));
    app.clock.advance(60_000);
    const { out } = await exportTo(app, medium, 'Daicho_second.daicho-backup', { keepGenerations: 2 });
    // Before the fix: the forged file was "newest" and the genuine first backup went.
    expect(out.removed).toEqual([]);
    expect(readdirSync(medium).sort()).toEqual(['Daicho_forged.daicho-backup', 'Daicho_second.daicho-backup', 'Daicho_test.daicho-backup']);
  });

  it('a genuine backup cut short does not count as a kept generation', async () => {
    const whole = readFileSync(backupFile);
    app.clock.advance(60_000);
    await exportTo(app, medium, 'Daicho_b.daicho-backup', { keepGenerations: 5 });
    app.clock.advance(60_000);
    writeFileSync(path.join(medium, 'Daicho_cut.daicho-backup'), whole.subarray(0, whole.length - 4096));
    app.clock.advance(60_000);
    const { out } = await exportTo(app, medium, 'Daicho_c.daicho-backup', { keepGenerations: 3 });
    expect(out.removed).toEqual([]);
  });

  it('a symlink to one of our backups is neither counted nor followed', async () => {
    symlinkSync(backupFile, path.join(medium, 'Daicho_zlink.daicho-backup'));
    app.clock.advance(60_000);
    const { out } = await exportTo(app, medium, 'Daicho_second.daicho-backup', { keepGenerations: 2 });
    expect(out.removed).toEqual([]);
    expect(existsSync(backupFile)).toBe(true);
  });
});

describe('the passphrase', () => {
  it('refuses twelve spaces, invisible characters or one character repeated; nothing is written', async () => {
    const weak = [' '.repeat(12), '\u200b'.repeat(12), '\u3000'.repeat(12), 'a'.repeat(12), 'ａ'.repeat(12), 'ab'.repeat(8), 'Backup\u200b\u200b\u200b\u200b\u200b\u200b', 'e\u0301'.repeat(6) + 'abc'];
    for (const p of weak) {
      await reauth(app, chief.password);
      app.saveAnswer.path = path.join(medium, 'Daicho_weak.daicho-backup');
      const failure = await app.fail('backup.export', { passphrase: p, passphraseConfirm: p });
      expect(failure.issues?.map((i) => i.messageKey), JSON.stringify(p)).toContain('validation.passphraseWeak');
    }
    expect(readdirSync(medium)).toEqual(['Daicho_test.daicho-backup']);
    // A Japanese passphrase of twelve different kana passes.
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(medium, 'Daicho_kana.daicho-backup');
    await app.ok('backup.export', { passphrase: 'やまかわさくらはなとりかぜ', passphraseConfirm: 'やまかわさくらはなとりかぜ' });
  });
});

describe('the passphrase is never kept', () => {
  it('not in the register, the access log, progress events, error messages or the files beside the data', async () => {
    app.openAnswer.path = backupFile;
    await app.ok('backup.verify', { passphrase });
    expect((await app.ok('backup.verify', { passphrase: `${passphrase}-wrong` })).ok).toBe(false);
    await reauth(app, chief.password);
    const failure = await app.fail('backup.export', { passphrase: 'x'.repeat(12), passphraseConfirm: 'x'.repeat(12) });
    const seen = JSON.stringify([
      await app.ok('backup.register', {}),
      await app.ok('audit.query', {}),
      app.events,
      failure,
      readdirSync(app.dir).filter((n) => !n.startsWith('daicho.db')).map((n) => (n.endsWith('.json') ? readFileSync(path.join(app.dir, n), 'utf8') : n)),
    ]);
    expect(seen).not.toContain('Backup-Passphrase');
    expect(seen).not.toContain('xxxxxxxxxxxx');
  });
});

describe('export targets', () => {
  it('refuses to write over daicho.db or keyring.json, or anywhere in the data folder; the data stays', async () => {
    const before = await currentHoldings(app);
    const keyring = readFileSync(path.join(app.dir, 'keyring.json'));
    for (const name of ['daicho.db', 'keyring.json', 'Daicho_here.daicho-backup']) {
      await reauth(app, chief.password);
      app.saveAnswer.path = path.join(app.dir, name);
      const failure = await app.fail('backup.export', { passphrase, passphraseConfirm: passphrase });
      expect(failure, name).toMatchObject({ code: 'BACKUP_WRITE_FAILED', messageKey: 'errors.backupIntoDataFolder' });
    }
    expect(readFileSync(path.join(app.dir, 'keyring.json')).equals(keyring)).toBe(true);
    expect(readdirSync(app.dir).filter((n) => n.includes('daicho-backup'))).toEqual([]);
    expect(await currentHoldings(app)).toEqual(before);
    app.close();
    app = makeTestApp({ dir: app.dir });
    await app.ok('auth.login', { loginId: chief.loginId, password: chief.password });
    expect(await currentHoldings(app)).toEqual(before);
  });
});

describe('export racing a lock', () => {
  it('a lock during the export (the key wiped) still leaves a backup that verifies and restores', async () => {
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(medium, 'Daicho_locked.daicho-backup');
    // The lock lands while scrypt runs (after the snapshot, before the header wraps the database key).
    let locked: Promise<unknown> | null = null;
    const stop = app.backend.onEvent((e) => {
      if (e.type === 'backup.progress' && e.phase === 'snapshot') setImmediate(() => (locked = app.call('session.lock', {})));
    });
    const result = await app.call('backup.export', { passphrase, passphraseConfirm: passphrase, mediumLabel: 'USB', mediumLocation: '金庫' });
    stop();
    expect(await locked).toMatchObject({ ok: true });
    await app.ok('session.unlock', { password: chief.password });
    if (!result.ok) return; // refusing is sound too; a wrong key is not
    const opened = await openBackup(path.join(medium, 'Daicho_locked.daicho-backup'), { passphrase }, { stageDir: tmpdir() });
    expect(opened.report.checks.filter((c) => !c.ok)).toEqual([]);
    // The integrity check opened the payload with the manifest's key (wiped since): a key of zeros fails it.
    expect(opened.report.checks.find((c) => c.id === 'integrity')?.ok).toBe(true);
  });
});

