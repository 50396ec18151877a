import { createDecipheriv, createHash, hkdfSync, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
// The app (through its IPC, as a chief would) only makes the backup; the reader below is
// written from docs/SECURITY.md "Backup files" alone and imports nothing from db/.
import { makeTestApp, removeTestDir, setUpOrganization, type TestApp } from './support/backend';
import { holdingInput } from './support/holdings';
import { exportTo, mediumDir, passphrase } from './support/backup';

interface Wrap { iv: string; ciphertext: string; tag: string }

function gcmOpen(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(ciphertext), d.final()]);
}
const unwrapB64 = (key: Buffer, w: Wrap, aad: string) =>
  gcmOpen(key, Buffer.from(w.iv, 'base64'), Buffer.from(w.ciphertext, 'base64'), Buffer.from(w.tag, 'base64'), Buffer.from(aad, 'utf8'));

/** Opens a backup as the document says; returns the manifest and the payload written to `dbFile`. */
function readBackup(file: string, secret: { passphrase: string } | { recoveryKey: string }, dbFile: string) {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('ascii')).toBe('DAICHOBK');
  expect(bytes.readUInt32BE(8)).toBe(1);
  const H = bytes.readUInt32BE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + H).toString('utf8'));
  expect(createHash('sha256').update(bytes.subarray(0, 16 + H)).digest()).toEqual(bytes.subarray(16 + H, 48 + H));
  const M = bytes.readUInt32BE(48 + H);
  let backupKey: Buffer;
  if ('passphrase' in secret) {
    const k = header.passphrase.kdf;
    const kek = scryptSync(Buffer.from(secret.passphrase.normalize('NFC'), 'utf8'), Buffer.from(k.salt, 'base64'), 32, { N: k.N, r: k.r, p: k.p, maxmem: 256 * k.N * k.r + 16 * 1024 * 1024 });
    backupKey = unwrapB64(kek, header.passphrase.wrap, `daicho-backup-v1|passphrase|${header.databaseId}`);
  } else {
    // Crockford base32, most significant bit first (docs/SECURITY.md "recovery key").
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const typed = secret.recoveryKey.replace(/[-\s]/g, '').toUpperCase();
    let bits = '';
    for (const ch of typed) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
    const raw = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
    const slot = header.recovery.slot;
    const kek = Buffer.from(hkdfSync('sha256', raw, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf.info, 32));
    const databaseKey = unwrapB64(kek, slot.wrap, `daicho-keyring-v1|${header.databaseId}|${slot.id}|recovery||`);
    backupKey = unwrapB64(databaseKey, header.recovery.wrap, `daicho-backup-v1|database-key|${header.databaseId}`);
  }
  const manifest = JSON.parse(
    gcmOpen(backupKey, bytes.subarray(52 + H, 64 + H), bytes.subarray(64 + H, 64 + H + M), bytes.subarray(64 + H + M, 80 + H + M), bytes.subarray(0, 52 + H)).toString('utf8'),
  );
  const payload = bytes.subarray(80 + H + M);
  expect(payload.length).toBe(manifest.payload.length);
  expect(createHash('sha256').update(payload).digest('hex')).toBe(manifest.payload.sha256);
  writeFileSync(dbFile, payload);
  return manifest;
}

function openPayload(dbFile: string, keyHex: string): Database.Database {
  const db = new Database(dbFile, { fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  return db;
}

let app: TestApp;
let medium: string;
afterEach(() => {
  app?.close();
  removeTestDir(app.dir);
  removeTestDir(medium);
});

describe('a backup read from docs/SECURITY.md alone', () => {
  it('opens with the passphrase and with the recovery key, and reads a record back', async () => {
    app = makeTestApp();
    medium = mediumDir();
    const recoveryKey = await setUpOrganization(app);
    const dep = (await app.ok('departments.list', {}))[0]!.id;
    await app.ok('holdings.create', holdingInput(dep, { name: '独立検証用の台帳' }));
    const { file } = await exportTo(app, medium);
    const work = mkdtempSync(path.join(tmpdir(), 'daicho-independent-'));
    try {
      for (const secret of [{ passphrase }, { recoveryKey }]) {
        const dbFile = path.join(work, `restored-${'passphrase' in secret ? 'p' : 'r'}.db`);
        const manifest = readBackup(file, secret, dbFile);
        expect(manifest.summary.organizationName).toBe('総務省 行政管理局');
        const db = openPayload(dbFile, manifest.databaseKey);
        try {
          expect(db.prepare('SELECT name FROM holdings').pluck().all()).toEqual(['独立検証用の台帳']);
          expect(db.prepare(`SELECT value FROM meta WHERE key = 'databaseId'`).pluck().get()).toBe(manifest.summary.databaseId);
          const head = db.prepare('SELECT seq, lower(hex(hash)) AS hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
          expect(head).toEqual(manifest.summary.auditHead);
          expect(db.prepare('SELECT count(*) FROM holdings').pluck().get()).toBe(manifest.summary.counts.holdings);
        } finally {
          db.close();
        }
        expect(JSON.parse(manifest.keyringJson).databaseId).toBe(manifest.summary.databaseId);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
