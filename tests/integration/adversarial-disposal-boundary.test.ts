import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasJapaneseLabel } from '../../db/print/labels';
import { chief, makeTestApp, reauth, removeTestDir } from './support/backend';
import { exportTo, mediumDir, passphrase } from './support/backup';
import { approvedDisposal, attachPhoto, disposalAppPerTest, disposalInput, outsourced, type DisposalTest } from './support/disposal';
import { editBehindTheApp } from './support/behindTheApp';
import { databaseKeyFromPassword, openWithRawKey } from './support/documentedFormat';
import { holdingInput, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * Adversarial (Y2): the renderer is untrusted (issue #11). Every disposal channel through the
 * router with what a hostile page could send: payloads at and past the limits, prototype keys,
 * numbers as strings, floats and negatives, NaN and Infinity (structured clone carries them),
 * extra keys. Each refusal is INVALID_INPUT with Japanese keys, and nothing is written.
 */
let t: DisposalTest;
disposalAppPerTest((test) => (t = test));

const rowCount = async () => (await t.app.ok('disposal.list', {})).rows.length;

async function assertRefused(channel: string, payload: unknown): Promise<void> {
  const r = await t.app.send(channel as never, payload);
  expect(r.ok, `${channel} ${JSON.stringify(payload).slice(0, 200)}`).toBe(false);
  if (r.ok) return;
  expect(r.code, JSON.stringify(r).slice(0, 300)).toBe('INVALID_INPUT');
  for (const issue of r.issues ?? []) expect(hasJapaneseLabel(issue.messageKey), issue.messageKey).toBe(true);
}

describe('hostile payloads to the disposal channels', () => {
  it('refuses every malformed create, writing nothing', async () => {
    await loginAs(t.app, people.clerk);
    const base = disposalInput(t.citizens, { operatorId: t.cast.officer, witnessIds: [t.cast.otherClerk] });
    const before = await rowCount();
    const long = 'あ'.repeat(200);
    const cases: unknown[] = [
      { ...base, targets: Array.from({ length: 501 }, () => ({ kind: 'paper', description: long, quantity: 1, unit: '箱' })) },
      { ...base, witnessIds: Array.from({ length: 11 }, (_, i) => i + 100) },
      { ...base, departmentId: String(t.citizens) },
      { ...base, departmentId: t.citizens + 0.5 },
      { ...base, operatorId: -1 },
      { ...base, targets: [{ kind: 'paper', description: 'x', quantity: -3, unit: '箱' }] },
      { ...base, targets: [{ kind: 'paper', description: 'x', quantity: '3', unit: '箱' }] },
      { ...base, targets: [{ kind: 'paper', description: 'x', quantity: Number.NaN, unit: '箱' }] },
      { ...base, targets: [{ kind: 'paper', description: 'x', quantity: Number.POSITIVE_INFINITY, unit: '箱' }] },
      { ...base, targets: [{ kind: 'medium', id: 1.5 }] },
      { ...base, targets: [{ kind: 'medium', id: '1' }] },
      { ...base, targets: [{ kind: 'paper', description: 'x', quantity: 1, unit: '箱', id: 3 }] },
      { ...base, extra: 1 },
      JSON.parse(`{"__proto__": {"admin": true}, "departmentId": ${t.citizens}}`),
      { ...base, constructor: { prototype: { polluted: true } } },
      { ...base, witnessIds: [t.cast.otherClerk, Number.NaN] },
      { ...base, performedOn: '2026-02-30' },
      { ...base, targets: [{ kind: 'paper', description: 'x', quantity: 2 ** 53, unit: '箱' }] },
    ];
    for (const c of cases) await assertRefused('disposal.create', c);
    expect(await rowCount()).toBe(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // At the limits it is accepted, and the answer stays bounded.
    const targets = Array.from({ length: 500 }, (_, i) => ({ kind: 'paper' as const, description: `${i}${long}`.slice(0, 200), quantity: 1, unit: '箱' }));
    const big = await t.app.ok('disposal.create', { ...base, targets, witnessIds: [t.cast.otherClerk, t.cast.manager, t.cast.chief] });
    expect(big.targets).toHaveLength(500);
    // One record at the limits is about 150 kB in detail and 100 kB as a list row: bounded by the contract's limits.
    expect(JSON.stringify(big).length).toBeLessThan(200_000);
    expect(JSON.stringify(await t.app.ok('disposal.list', {})).length).toBeLessThan(150_000);
  });

  it('refuses malformed calls to the other channels', async () => {
    await loginAs(t.app, people.clerk);
    const created = await t.app.ok('disposal.create', disposalInput(t.citizens, { operatorId: t.cast.officer, witnessIds: [t.cast.otherClerk] }));
    const ch: [string, unknown][] = [
      ['disposal.get', { disposalId: String(created.id) }],
      ['disposal.get', { disposalId: created.id + 0.1 }],
      ['disposal.update', { disposalId: created.id, version: created.version, fields: { ...disposalInput(t.citizens), __proto__: null, x: 1 } }],
      ['disposal.request', { disposalId: created.id, version: -1 }],
      ['disposal.request', { disposalId: created.id, version: Number.NaN }],
      ['disposal.return', { disposalId: created.id, version: created.version, reason: 'x'.repeat(100000) }],
      ['disposal.cancel', { disposalId: created.id, version: created.version, reason: 1 }],
      ['disposal.amend', { disposalId: created.id, version: created.version }],
      ['disposal.list', { filters: { text: 'x'.repeat(100000) } }],
      ['disposal.list', { page: -1 }],
      ['disposal.targetCandidates', { departmentId: t.citizens, kind: 'paper', text: '' }],
      ['disposal.people', { departmentId: [t.citizens] }],
      ['disposal.attachments.add', { disposalId: created.id, kind: 'virus', caption: '' }],
      ['disposal.attachments.image', { attachmentId: 1, size: 'huge' }],
      ['disposal.attachments.remove', { attachmentId: '1' }],
      ['disposal.attachments.save', { attachmentId: Number.POSITIVE_INFINITY }],
    ];
    for (const [c, p] of ch) {
      const r = await t.app.send(c as never, p);
      expect(r.ok, c).toBe(false);
      if (r.ok) continue;
      // A well-formed stale version is the version check's; a clerk's 差戻し is not theirs to send at all.
      expect(['INVALID_INPUT', 'CONFLICT', 'PERMISSION_DENIED'], `${c} ${JSON.stringify(r)}`).toContain(r.code);
      for (const issue of r.issues ?? []) expect(hasJapaneseLabel(issue.messageKey), issue.messageKey).toBe(true);
    }
    const after = await t.app.ok('disposal.get', { disposalId: created.id });
    expect(after.disposal.version).toBe(created.version);
    expect(after.history).toHaveLength(1);
  });
});

/** A one-page PDF stand-in for the contractor's scanned certificate, picked through the dialog. */
async function attachPdf(disposalId: number) {
  const file = path.join(t.app.outDir, 'certificate.pdf');
  writeFileSync(file, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  t.app.openAnswer.path = file;
  return t.app.ok('disposal.attachments.add', { disposalId, kind: 'certificate', caption: '' });
}

describe('disposal.attachments.image', () => {
  it('gives no image of another 課等, a removed photo or a PDF, and a bounded one otherwise', async () => {
    await loginAs(t.app, people.clerk);
    const d = await t.app.ok('disposal.create', outsourced(t.citizens, { operatorId: t.cast.officer, witnessIds: [t.cast.otherClerk] }));
    const photo = (await attachPhoto(t.app, d.id)).attachment!;
    const gone = (await attachPhoto(t.app, d.id, 'gone.png')).attachment!;
    const pdf = (await attachPdf(d.id)).attachment!;
    await t.app.ok('disposal.attachments.remove', { attachmentId: gone.id, reason: '撮り直し' });
    for (const size of ['thumbnail', 'large'] as const) {
      const image = await t.app.ok('disposal.attachments.image', { attachmentId: photo.id, size });
      expect(image.base64.length).toBeLessThan(4 * 1024 * 1024);
      expect((await t.app.fail('disposal.attachments.image', { attachmentId: gone.id, size })).messageKey).toBe('disposalAttachments.errors.removed');
      expect((await t.app.fail('disposal.attachments.image', { attachmentId: pdf.id, size })).messageKey).toBe('disposalAttachments.errors.noImage');
      expect((await t.app.fail('disposal.attachments.image', { attachmentId: pdf.id + 1000, size })).code).toBe('NOT_FOUND');
    }
    await loginAs(t.app, people.otherClerk);
    for (const a of [photo, gone, pdf]) {
      for (const channel of ['disposal.attachments.image', 'disposal.attachments.save', 'disposal.attachments.remove'] as const) {
        const input = channel === 'disposal.attachments.image' ? { attachmentId: a.id, size: 'thumbnail' as const } : { attachmentId: a.id };
        expect((await t.app.fail(channel, input as never)).code, `${channel} ${a.fileName}`).toBe('NOT_FOUND');
      }
    }
  });
});

describe('other channels that could say the same', () => {
  it('tell a clerk of another 課等 neither the people, the disposed targets nor the certificate', async () => {
    await loginAs(t.app, people.officer);
    const usb = (await t.app.ok('media.create', mediumInput(t.citizens, { mediaNo: 'USB-777' }))).id;
    await loginAs(t.app, people.clerk);
    const holding = (await t.app.ok('holdings.create', holdingInput(t.citizens))).id;
    const approved = await approvedDisposal(t.app, t.cast, disposalInput(t.citizens, { targets: [{ kind: 'medium', id: usb }, { kind: 'holding', id: holding }] }));
    await loginAs(t.app, people.otherClerk);
    expect((await t.app.fail('disposal.people', { departmentId: t.citizens })).code).toBe('INVALID_INPUT');
    expect((await t.app.fail('disposal.targetCandidates', { departmentId: t.citizens, kind: 'medium', text: 'USB' })).code).toBe('INVALID_INPUT');
    expect((await t.app.fail('media.get', { mediumId: usb })).code).toBe('NOT_FOUND');
    expect((await t.app.fail('holdings.get', { holdingId: holding })).code).toBe('NOT_FOUND');
    const seen = JSON.stringify([await t.app.ok('media.list', { text: 'USB-777' } as never), await t.app.ok('holdings.list', {} as never), await t.app.ok('disposal.list', {})]);
    for (const secret of ['USB-777', approved.certificateNo!]) expect(seen).not.toContain(secret);
    await reauth(t.app, people.otherClerk.password);
    t.app.saveAnswer.path = path.join(t.app.outDir, 'book.csv');
    await t.app.ok('disposal.exportCsv', { filters: {}, sort: 'performedOn', direction: 'desc' } as never);
    const csv = readFileSync(t.app.saveAnswer.path, 'utf8');
    for (const secret of ['USB-777', approved.certificateNo!, '住民票']) expect(csv).not.toContain(secret);
  });
});

describe('a backup with attachments and approved certificates', () => {
  it('restores the photos byte for byte, their thumbnails, valid codes and a clean 改ざん検査', async () => {
    const approved = await approvedDisposal(t.app, t.cast, outsourced(t.citizens));
    await loginAs(t.app, people.clerk);
    const draft = await t.app.ok('disposal.create', outsourced(t.citizens, { operatorId: t.cast.officer, witnessIds: [t.cast.otherClerk] }));
    await attachPhoto(t.app, draft.id, 'draft.png');
    await attachPdf(draft.id);
    const before = await (async () => {
      await loginAs(t.app, chief);
      const ids = [approved.id, draft.id];
      return Promise.all(ids.map(async (id) => (await t.app.ok('disposal.get', { disposalId: id })).attachments));
    })();
    const medium = mediumDir();
    const other = makeTestApp();
    try {
      const { file } = await exportTo(t.app, medium);
      other.openAnswer.path = file;
      const preview = await other.ok('setup.restore.open', { passphrase });
      await other.ok('setup.restore.commit', { restoreId: preview.restoreId });
      await other.ok('auth.login', { loginId: chief.loginId, password: chief.password });
      expect((await other.ok('audit.verify')).ok).toBe(true);
      expect(await other.ok('disposal.verifyCode', { code: approved.verificationCode! })).toMatchObject({ outcome: 'valid', certificateNo: approved.certificateNo });
      const after = await Promise.all([approved.id, draft.id].map(async (id) => (await other.ok('disposal.get', { disposalId: id })).attachments));
      expect(after).toEqual(before);
      const db = openWithRawKey(path.join(other.dir, 'daicho.db'), databaseKeyFromPassword(path.join(other.dir, 'keyring.json'), chief.loginId, chief.password));
      try {
        for (const a of after.flat()) {
          const content = db.prepare('SELECT content FROM disposal_attachments WHERE id = ?').pluck().get(a.id) as Buffer;
          expect(createHash('sha256').update(content).digest('hex'), a.fileName).toBe(a.sha256);
        }
      } finally {
        db.close();
      }
      for (const a of after.flat().filter((x) => x.mime !== 'application/pdf')) {
        const thumb = await other.ok('disposal.attachments.image', { attachmentId: a.id, size: 'thumbnail' });
        expect(thumb.width, a.fileName).toBeGreaterThan(0);
      }
      await reauth(other, chief.password);
      other.saveAnswer.path = path.join(other.outDir, 'back.pdf');
      await other.ok('disposal.attachments.save', { attachmentId: after[1]![1]!.id });
      expect(createHash('sha256').update(readFileSync(other.saveAnswer.path)).digest('hex')).toBe(after[1]![1]!.sha256);
    } finally {
      other.close();
      removeTestDir(other.dir);
      removeTestDir(medium);
    }
  });
});

describe('a file leaves the app only with its access-log event (MIC §21)', () => {
  it('writes no certificate PDF, 廃棄記録簿 CSV or saved attachment when the write that logs it fails before its commit', async () => {
    const approved = await approvedDisposal(t.app, t.cast, outsourced(t.citizens));
    const photo = (await t.app.ok('disposal.get', { disposalId: approved.id })).attachments[0]!;
    // What a crash (a kill, a power cut, a full disk) between the file and the commit does, made certain:
    // the event's insert fails once the file would have been written.
    await editBehindTheApp(t.app, (db) =>
      db.exec(`CREATE TRIGGER y2_cut BEFORE INSERT ON audit_events WHEN NEW.action IN ('disposal.printCertificate', 'disposal.export', 'disposal.attachment.save')
               BEGIN SELECT RAISE(ABORT, 'cut'); END`),
    );
    await loginAs(t.app, people.manager);
    await reauth(t.app, people.manager.password);
    const folder = t.app.outDir;
    const calls = [
      ['certificate.pdf', () => t.app.call('disposal.printCertificate', { disposalId: approved.id, target: 'pdf' })],
      ['book.csv', () => t.app.call('disposal.exportCsv', { filters: {}, sort: 'performedOn', direction: 'asc' } as never)],
      ['saved.png', () => t.app.call('disposal.attachments.save', { attachmentId: photo.id })],
    ] as const;
    for (const [name, call] of calls) {
      t.app.saveAnswer.path = path.join(folder, name);
      expect((await call()).ok, name).toBe(false);
      expect(existsSync(path.join(folder, name)), `${name} was written without its event`).toBe(false);
    }
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await t.app.ok('disposal.get', { disposalId: approved.id })).disposal).toMatchObject({ certificatePrints: 0 });
  });
});
