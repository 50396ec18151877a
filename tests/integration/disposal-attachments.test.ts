import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import type { Db } from '../../db/store/database';
import { chief, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { disposalCast, disposalInput, type DisposalCast } from './support/disposal';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { gpsExif, minimalPdf, pngChunk, solidImage } from './support/images';

/**
 * Photos and scans of a disposal record (issue #11 item 2; MIC §13) through the router on real
 * SQLCipher: the type from the content, the location removed from what is stored, size and count
 * limits, a frozen record, department scope — each refusal leaving nothing changed.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

let files: string;
let cast: DisposalCast | undefined;
beforeEach(() => {
  files = mkdtempSync(path.join(tmpdir(), 'daicho-attach-'));
  cast = undefined;
});
afterEach(() => rmSync(files, { recursive: true, force: true }));

const gps = gpsExif;
const image = (width = 640, height = 480) => solidImage(width, height, '#2a6');
const pdf = minimalPdf;

/** The user picks `name` holding `bytes` in the open dialog. */
function pick(name: string, bytes: Buffer | null): string {
  const file = path.join(files, name);
  if (bytes) writeFileSync(file, bytes);
  app.openAnswer.path = file;
  return file;
}

function add(disposalId: number, kind: 'photo' | 'certificate' = 'photo', caption = '') {
  return app.call('disposal.attachments.add', { disposalId, kind, caption } as ChannelInput<'disposal.attachments.add'>);
}

/** Read with the key behind the app (the chief is logged in again after). */
async function inDb<T>(read: (db: Db) => T): Promise<T> {
  let out: T | undefined;
  await editBehindTheApp(app, (db) => {
    out = read(db);
  });
  return out as T;
}

/** Rows, history steps and attach events: what a refusal must leave as they were. */
async function state(disposalId: number) {
  return inDb((db) => ({
    rows: db.prepare('SELECT count(*) FROM disposal_attachments').pluck().get(),
    history: db.prepare('SELECT count(*) FROM disposal_history WHERE disposal_id = ?').pluck().get(disposalId),
    events: db.prepare("SELECT count(*) FROM audit_events WHERE action IN ('disposal.attach', 'disposal.detach', 'disposal.attachment.save')").pluck().get(),
  }));
}

async function attached(disposalId: number, name: string, bytes: Buffer, kind: 'photo' | 'certificate' = 'photo') {
  pick(name, bytes);
  const r = await add(disposalId, kind);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.attachment!;
}

describe('attaching (MIC §13 写真等)', () => {
  it('stores a GPS photo without its location, with a step in the history and an event, the version unchanged', async () => {
    const id = await draftDisposal();
    const before = await inDb((db) => db.prepare('SELECT version FROM disposals WHERE id = ?').pluck().get(id));
    await loginAs(app, people.clerk);
    const photo = await image().jpeg().withExif(gps).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><GPSLatitude>35</GPSLatitude></x:xmpmeta>').toBuffer();
    expect(photo.includes('TestCam') && photo.includes('GPS')).toBe(true);
    pick('破砕後.jpg', photo);
    const r = await app.ok('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '破砕後のUSBメモリ' });
    expect(r.attachment).toMatchObject({ disposalId: id, kind: 'photo', fileName: '破砕後.jpg', mime: 'image/jpeg', width: 640, height: 480, caption: '破砕後のUSBメモリ', addedByName: people.clerk.displayName, removedAt: null });

    const row = await inDb((db) => db.prepare('SELECT content, sha256, size FROM disposal_attachments WHERE id = ?').get(r.attachment!.id) as { content: Buffer; sha256: string; size: number });
    const meta = await sharp(row.content).metadata();
    expect([meta.exif, meta.xmp]).toEqual([undefined, undefined]);
    expect(row.content.includes('GPS') || row.content.includes('TestCam')).toBe(false);
    expect(row.sha256).toBe(createHash('sha256').update(row.content).digest('hex'));
    expect([row.size, row.sha256]).toEqual([r.attachment!.size, r.attachment!.sha256]);

    const history = await inDb((db) => db.prepare("SELECT version, action, note FROM disposal_history WHERE disposal_id = ? AND action = 'attach'").all(id));
    expect(history).toEqual([{ version: before, action: 'attach', note: '破砕後.jpg' }]);
    expect(await inDb((db) => db.prepare('SELECT version FROM disposals WHERE id = ?').pluck().get(id))).toBe(before);
    const event = await inDb((db) => db.prepare("SELECT target_type, target_id, detail FROM audit_events WHERE action = 'disposal.attach'").get() as { target_type: string; target_id: string; detail: string });
    expect([event.target_type, event.target_id]).toEqual(['disposal', String(id)]);
    expect(JSON.parse(event.detail)).toMatchObject({ fileName: '破砕後.jpg', kind: 'photo', sha256: row.sha256, size: row.size });
  });

  it('shows a thumbnail and the large image as base64, never a path', async () => {
    const id = await draftDisposal();
    await loginAs(app, people.clerk);
    const a = await attached(id, 'big.jpg', await image(4000, 3000).jpeg().toBuffer());
    const thumb = await app.ok('disposal.attachments.image', { attachmentId: a.id, size: 'thumbnail' });
    expect([thumb.mime, thumb.width, thumb.height]).toEqual(['image/jpeg', 320, 240]);
    expect((await sharp(Buffer.from(thumb.base64, 'base64')).metadata()).width).toBe(320);
    const large = await app.ok('disposal.attachments.image', { attachmentId: a.id, size: 'large' });
    expect([large.width, large.height]).toEqual([1600, 1200]);
    expect(JSON.stringify(a)).not.toContain(files);
  });

  it('stores a PNG without its eXIf and text chunks', async () => {
    const id = await draftDisposal();
    await loginAs(app, people.clerk);
    const png = await image(80, 60).png().withExif(gps).toBuffer();
    const withText = Buffer.concat([png.subarray(0, 33), pngChunk('tEXt', Buffer.from('Comment\u0000GPS 35.68,139.69', 'latin1')), png.subarray(33)]);
    expect((await sharp(withText).metadata()).exif).toBeDefined();
    const a = await attached(id, 'scan.png', withText, 'certificate');
    const content = await inDb((db) => db.prepare('SELECT content FROM disposal_attachments WHERE id = ?').pluck().get(a.id) as Buffer);
    expect((await sharp(content).metadata()).exif).toBeUndefined();
    for (const s of ['eXIf', 'tEXt', 'GPS', 'TestCam']) expect(content.includes(s), s).toBe(false);
  });

  it("stores a contractor's PDF as it is: no image to show, saved back byte for byte with an event", async () => {
    const id = await draftDisposal();
    await loginAs(app, people.clerk);
    const a = await attached(id, '証明書.pdf', pdf, 'certificate');
    expect([a.mime, a.width, a.height]).toEqual(['application/pdf', null, null]);
    const shown = await app.fail('disposal.attachments.image', { attachmentId: a.id, size: 'thumbnail' });
    expect([shown.code, shown.messageKey]).toEqual(['CONFLICT', 'disposalAttachments.errors.noImage']);
    app.saveAnswer.path = path.join(files, 'saved.pdf');
    expect(await app.ok('disposal.attachments.save', { attachmentId: a.id })).toEqual({ savedTo: app.saveAnswer.path });
    expect(readFileSync(app.saveAnswer.path).equals(pdf)).toBe(true);
    const saved = await inDb((db) => db.prepare("SELECT target_type, target_id FROM audit_events WHERE action = 'disposal.attachment.save'").all());
    expect(saved).toEqual([{ target_type: 'disposal_attachment', target_id: String(a.id) }]);
  });

  it('writes nothing when the dialog is cancelled (open or save)', async () => {
    const id = await draftDisposal();
    const before = await state(id);
    await loginAs(app, people.clerk);
    app.openAnswer.path = null;
    expect(await app.ok('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' })).toEqual({ attachment: null });
    const a = await attached(id, 'a.jpg', await image().jpeg().toBuffer());
    const afterAdd = await state(id);
    await loginAs(app, people.clerk);
    app.saveAnswer.path = null;
    expect(await app.ok('disposal.attachments.save', { attachmentId: a.id })).toEqual({ savedTo: null });
    expect(await state(id)).toEqual(afterAdd);
    expect(afterAdd.rows).toBe(Number(before.rows) + 1);
  });
});

/** A 作成中 record of 市民課 made by 田中 (performed by 鈴木, witnessed by 田中), who is left logged out. */
async function draftDisposal(): Promise<number> {
  cast ??= await disposalCast(app, departments);
  await loginAs(app, people.clerk);
  const { id } = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: cast.officer, witnessIds: [cast.clerk] }));
  await app.ok('auth.logout');
  return id;
}

describe('refused files: a clear message, nothing changed', () => {
  const cases: [string, () => Promise<[string, Buffer | null]>, string, Record<string, unknown>?][] = [
    ['over 20 MB (checked before reading)', async () => ['大きい.jpg', null], 'disposalAttachments.errors.tooLarge', { maximum: 20, size: 21 }],
    ['empty', async () => ['empty.jpg', Buffer.alloc(0)], 'disposalAttachments.errors.emptyFile'],
    ['a PDF named .jpg', async () => ['写真.jpg', pdf], 'disposalAttachments.errors.nameMismatch', { extension: '.jpg', content: 'PDF' }],
    ['a ZIP named .jpg', async () => ['写真.jpg', Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(200)])], 'disposalAttachments.errors.unsupportedContent', { content: 'ZIP' }],
    ['a program renamed .png', async () => ['写真.png', Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(300)])], 'disposalAttachments.errors.unsupportedContent', { content: 'EXE' }],
    ['a PDF as a photo', async () => ['写真.pdf', pdf], 'disposalAttachments.errors.photoNotImage'],
    ['a 個人番号 in the name', async () => ['123456789018_写真.jpg', await image().jpeg().toBuffer()], 'validation.myNumberInFileName'],
    ['a bidi override in the name', async () => ['photo\u202Egpj.jpg', await image().jpeg().toBuffer()], 'validation.bidiControl'],
    ['a file gone after it was picked', async () => ['消えた.jpg', Buffer.alloc(0)], 'disposalAttachments.errors.unreadable'],
    ['a damaged photo', async () => ['壊れた.jpg', (await image().jpeg().toBuffer()).subarray(0, 400)], 'disposalAttachments.errors.damagedImage'],
  ];
  it.each(cases)('%s', async (_, make, messageKey, params) => {
    const id = await draftDisposal();
    const before = await state(id);
    await loginAs(app, people.clerk);
    const [name, bytes] = await make();
    const file = pick(name, bytes);
    // A sparse file of 21 MB: its size is known without 21 MB written.
    if (!bytes) {
      writeFileSync(file, '');
      truncateSync(file, 21 * 1024 * 1024);
    }
    if (name === '消えた.jpg') rmSync(file);
    const r = await add(id);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.code, r.issues?.[0]?.messageKey]).toEqual(['INVALID_INPUT', messageKey]);
    if (params) expect(r.issues?.[0]?.params).toEqual(params);
    expect(await state(id)).toEqual(before);
  });

  it('refuses the 21st file in force; a removed one makes room', async () => {
    const id = await draftDisposal();
    await loginAs(app, people.clerk);
    const small = await image(16, 16).png().toBuffer();
    const first = await attached(id, 'p0.png', small);
    for (let i = 1; i < 20; i++) await attached(id, `p${i}.png`, small);
    const before = await state(id);
    await loginAs(app, people.clerk);
    pick('p20.png', small);
    const r = await app.fail('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' });
    expect([r.code, r.messageKey, r.params]).toEqual(['CONFLICT', 'disposalAttachments.errors.tooMany', { maximum: 20 }]);
    expect(await state(id)).toEqual(before);
    await loginAs(app, people.clerk);
    await app.ok('disposal.attachments.remove', { attachmentId: first.id });
    expect((await attached(id, 'p20.png', small)).fileName).toBe('p20.png');
  });
});

describe('removing', () => {
  it('keeps the row (who, when) without its bytes, with a detach step and event', async () => {
    const id = await draftDisposal();
    await loginAs(app, people.clerk);
    const a = await attached(id, 'a.jpg', await image().jpeg().toBuffer());
    const removed = await app.ok('disposal.attachments.remove', { attachmentId: a.id, reason: '別の記録の写真' });
    expect([removed.removedByName, removed.removedAt !== null, removed.sha256]).toEqual([people.clerk.displayName, true, a.sha256]);
    const row = await inDb((db) => db.prepare('SELECT content, thumbnail, print_image FROM disposal_attachments WHERE id = ?').get(a.id));
    expect(row).toEqual({ content: null, thumbnail: null, print_image: null });
    expect(await inDb((db) => db.prepare("SELECT note FROM disposal_history WHERE action = 'detach'").pluck().all())).toEqual(['a.jpg: 別の記録の写真']);
    await loginAs(app, people.clerk);
    for (const r of [
      await app.fail('disposal.attachments.image', { attachmentId: a.id, size: 'thumbnail' }),
      await app.fail('disposal.attachments.save', { attachmentId: a.id }),
      await app.fail('disposal.attachments.remove', { attachmentId: a.id }),
    ]) expect([r.code, r.messageKey]).toEqual(['CONFLICT', 'disposalAttachments.errors.removed']);
  });
});

describe('a record no longer a draft, and another 課等', () => {
  it('refuses to add or remove once the record is requested (frozen), nothing changed', async () => {
    const id = await draftDisposal();
    await loginAs(app, people.clerk);
    const a = await attached(id, 'a.jpg', await image().jpeg().toBuffer());
    await loginAs(app, people.clerk);
    await app.ok('disposal.request', { disposalId: id, version: (await app.ok('disposal.get', { disposalId: id })).disposal.version });
    const before = await state(id);
    await loginAs(app, people.clerk);
    pick('b.jpg', await image().jpeg().toBuffer());
    for (const r of [await app.fail('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' }), await app.fail('disposal.attachments.remove', { attachmentId: a.id })]) {
      expect([r.code, r.messageKey]).toEqual(['CONFLICT', 'disposalAttachments.errors.notDraft']);
    }
    expect(await state(id)).toEqual(before);
    // Reading stays possible.
    await loginAs(app, people.clerk);
    expect((await app.ok('disposal.attachments.image', { attachmentId: a.id, size: 'thumbnail' })).mime).toBe('image/jpeg');
  });

  it("answers another 課等's clerk as if the record did not exist (MIC §9)", async () => {
    const id = await draftDisposal();
    await loginAs(app, people.clerk);
    const a = await attached(id, 'a.jpg', await image().jpeg().toBuffer());
    const before = await state(id);
    await loginAs(app, people.otherClerk);
    pick('b.jpg', await image().jpeg().toBuffer());
    for (const r of [
      await app.fail('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '' }),
      await app.fail('disposal.attachments.remove', { attachmentId: a.id }),
      await app.fail('disposal.attachments.image', { attachmentId: a.id, size: 'large' }),
      await app.fail('disposal.attachments.save', { attachmentId: a.id }),
    ]) expect(r.code).toBe('NOT_FOUND');
    expect(await state(id)).toEqual(before);
    await loginAs(app, chief);
    expect((await app.ok('disposal.attachments.image', { attachmentId: a.id, size: 'thumbnail' })).mime).toBe('image/jpeg');
  });
});
