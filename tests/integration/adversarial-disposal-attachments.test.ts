import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { withFindings } from '../../db/core/auditFindings';
import { verifyChain } from '../../db/core/auditVerify';
import { addStatePins } from '../../db/core/statePins';
import { rowContentSql, stateHash } from '../../db/ledger/integrity';
import { ledgerRowChecks } from '../../db/ledger/reconcile';
import { openEncryptedDatabase, type Db } from '../../db/store/database';
import { databaseAtVersion, kitWrite } from './support/olderDatabase';
import { chief, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { approvedDisposal, attachPhoto, disposalCast, disposalInput, outsourced } from './support/disposal';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Attacks on a disposal record's photos and scans (issue #11 item 2; MIC §13): bytes swapped by an
 * insider behind the app, racing adds, a phone JPEG's second image, odd picks — each as the app
 * must answer it.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const jpeg = (background: string, width = 120, height = 90) => sharp({ create: { width, height, channels: 3, background } }).jpeg().toBuffer();

function pick(name: string, bytes: Buffer): string {
  const file = path.join(app.outDir, name);
  writeFileSync(file, bytes);
  app.openAnswer.path = file;
  return file;
}

/** An approved, outsourced record of 市民課 with its photo, and the code printed on its certificate. */
async function certified() {
  const cast = await disposalCast(app, departments);
  const approved = await approvedDisposal(app, cast, outsourced(departments.citizens));
  await loginAs(app, chief);
  const { attachments } = await app.ok('disposal.get', { disposalId: approved.id });
  return { id: approved.id, code: approved.verificationCode!, photo: attachments[0]! };
}

describe('an insider swaps the bytes behind the app', () => {
  it('a photo swapped under its unchanged SHA-256: the code says altered and 改ざん検査 names the row', async () => {
    const { id, code, photo } = await certified();
    expect((await app.ok('disposal.verifyCode', { code })).outcome).toBe('valid');
    expect((await app.ok('audit.verify')).findings).toEqual([]);
    const other = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#f00' } }).png().toBuffer();
    await editBehindTheApp(app, (db) => db.prepare('UPDATE disposal_attachments SET content = ? WHERE id = ?').run(other, photo.id));
    expect((await app.ok('disposal.verifyCode', { code })).outcome).toBe('altered');
    // Nor is a certificate printed with the swapped photo on it.
    app.saveAnswer.path = path.join(app.outDir, 'swapped.pdf');
    expect(await app.fail('disposal.printCertificate', { disposalId: id, target: 'pdf' })).toMatchObject({ code: 'CONFLICT', messageKey: 'disposalOutput.errors.attachmentAltered' });
    expect(existsSync(app.saveAnswer.path)).toBe(false);
    const result = await app.ok('audit.verify');
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'historyChanged', params: { ledger: 'disposalAttachments.tamperName', id: photo.id, recordId: id } })]);
  });

  it('the print image (what the certificate prints) swapped: 改ざん検査 names the row', async () => {
    const { id, photo } = await certified();
    const other = await jpeg('#f00');
    await editBehindTheApp(app, (db) => db.prepare('UPDATE disposal_attachments SET print_image = ?, thumbnail = ? WHERE id = ?').run(other, other, photo.id));
    const result = await app.ok('audit.verify');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'historyChanged', params: { ledger: 'disposalAttachments.tamperName', id: photo.id, recordId: id } })]);
  });
});

describe('what is stored of a picked file', () => {
  it("a phone JPEG's second image (MPF) with its own GPS, or a ZIP appended, is not stored", async () => {
    const cast = await disposalCast(app, departments);
    await loginAs(app, people.clerk);
    const { id } = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.clerk] }));
    const gps = { IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1' } };
    const second = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#000' } }).jpeg().withExif(gps).toBuffer();
    const primary = await jpeg('#2a6');
    pick('phone.jpg', Buffer.concat([primary, second, Buffer.from('PK\u0003\u0004secret.txt', 'latin1')]));
    const { attachment } = await app.ok('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' });
    expect(attachment!.size).toBe(primary.length);
    app.saveAnswer.path = path.join(app.outDir, 'saved.jpg');
    await app.ok('disposal.attachments.save', { attachmentId: attachment!.id });
    const saved = readFileSync(app.saveAnswer.path);
    for (const s of ['GPS', 'TestCam', 'PK\u0003\u0004', 'secret']) expect(saved.includes(s), s).toBe(false);
  });

  it('a folder, a symlink to a folder, or the database itself is refused as unreadable or not a photo, nothing stored', async () => {
    const cast = await disposalCast(app, departments);
    await loginAs(app, people.clerk);
    const { id } = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.clerk] }));
    const folder = path.join(app.outDir, 'photos.jpg');
    mkdirSync(folder);
    const link = path.join(app.outDir, 'link.jpg');
    symlinkSync(folder, link);
    const answers: [string, string][] = [
      [folder, 'disposalAttachments.errors.unreadable'],
      [link, 'disposalAttachments.errors.unreadable'],
      [path.join(app.dir, 'daicho.db'), 'disposalAttachments.errors.unknownContent'],
    ];
    for (const [file, messageKey] of answers) {
      app.openAnswer.path = file;
      const r = await app.call('disposal.attachments.add', { disposalId: id, kind: 'certificate', caption: '' });
      expect(r.ok ? null : r.issues?.[0]?.messageKey, file).toBe(messageKey);
    }
    expect((await app.ok('disposal.get', { disposalId: id })).attachments).toEqual([]);
  });
});

describe('racing', () => {
  it('five adds at once to a record holding 18: two are stored, three refused as too many', async () => {
    const cast = await disposalCast(app, departments);
    await loginAs(app, people.clerk);
    const { id } = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.clerk] }));
    for (let i = 0; i < 18; i++) await attachPhoto(app, id, `p${i}.png`);
    pick('more.jpg', await jpeg('#345'));
    const results = await Promise.all(Array.from({ length: 5 }, () => app.call('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.messageKey))).toEqual(Array(3).fill('disposalAttachments.errors.tooMany'));
    expect((await app.ok('disposal.get', { disposalId: id })).attachments).toHaveLength(20);
  });

  it('an add racing the request: the request wins, the file is not attached to the frozen record', async () => {
    const cast = await disposalCast(app, departments);
    await loginAs(app, people.clerk);
    const { id, version } = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.otherClerk] }));
    pick('late.jpg', await jpeg('#345'));
    const [added, requested] = await Promise.all([app.call('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' }), app.call('disposal.request', { disposalId: id, version })]);
    expect(requested.ok).toBe(true);
    expect(added.ok ? null : added.messageKey).toBe('disposalAttachments.errors.notDraft');
    expect((await app.ok('disposal.get', { disposalId: id })).attachments).toEqual([]);
  });
});

describe('migration 0019 (the BLOBs enter the row hash as their SHA-256)', () => {
  it('re-pins the attachments a version-18 database pinned without their BLOBs: no false finding after the upgrade', () => {
    const older = databaseAtVersion(
      18,
      `INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', '2025-01-01T00:00:00Z');
       INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (1, 'suzuki', '鈴木 次郎', 'officer', 1, '2025-01-01T00:00:00Z');`,
    );
    const { old } = older;
    const write = (change: (db: Db) => void) => kitWrite(old, '鈴木 次郎', (tx) => {
      change(tx.db);
      tx.audit({ action: 'settings.update', detail: {} });
    });
    write(() => undefined); // the first (full) baseline
    write((db) => {
      db.prepare(
        `INSERT INTO disposals (id, department_id, nist_class, method, performed_on, place_kind, operator_id, witness_ids, result, targets, created_by, last_edited_by, created_at, updated_at)
         VALUES (1, 1, 'destroy', 'physical', '2026-11-20', 'onSite', 1, '[]', 'completed', '[]', 1, 1, '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z')`,
      ).run();
      db.prepare(
        `INSERT INTO disposal_attachments (id, disposal_id, kind, file_name, mime, size, sha256, caption, content, thumbnail, print_image, added_by, added_at)
         VALUES (1, 1, 'photo', 'a.jpg', 'image/jpeg', 3, ?, '', x'010203', x'04', x'05', 1, '2026-11-20T00:00:00Z')`,
      ).run('0'.repeat(64));
      // As 0018's app pinned it: every column but the BLOBs.
      const columns = (db.pragma('table_info(disposal_attachments)') as { name: string }[]).map((c) => c.name).filter((c) => !['content', 'thumbnail', 'print_image'].includes(c)).sort();
      const content = db.prepare(`SELECT CAST(json_array(${columns.map((c) => `"${c}"`).join(', ')}) AS BLOB) FROM disposal_attachments WHERE id = 1`).pluck().get() as Buffer;
      const record = db.prepare(`SELECT ${rowContentSql(db, 'disposals')} FROM disposals WHERE id = 1`).pluck().get() as Buffer;
      addStatePins(db, [`disposals:1:${stateHash(record)}`, `disposal_attachments:1:${stateHash(content)}`]);
    });
    old.close();
    const db = openEncryptedDatabase(older.file, older.key, { create: false });
    try {
      expect(db.prepare('SELECT tables FROM integrity_baseline').pluck().get()).toBe('["disposal_attachments"]');
      kitWrite(db, '鈴木 次郎', (tx) => tx.audit({ action: 'settings.update', detail: {} }));
      const check = () => withFindings(db, verifyChain(db), older.dir, older.key, ledgerRowChecks);
      expect(check()).toMatchObject({ ok: true, findings: [] });
      // Pinned with its bytes now: a print image swapped after the upgrade is named.
      db.prepare("UPDATE disposal_attachments SET print_image = x'06' WHERE id = 1").run();
      expect((check().findings ?? []).map((f) => [f.kind, f.params.ledger, f.params.id])).toEqual([['historyChanged', 'disposalAttachments.tamperName', 1]]);
    } finally {
      db.close();
      rmSync(older.dir, { recursive: true, force: true });
    }
  });
});
