import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../db/contract';
import { sayTarget } from '../../db/contract/auditWords';
import { parseCsv } from '../../db/ledger/csv/decode';
import { hasJapaneseLabel } from '../../db/print/labels';
import type { Db } from '../../db/store/database';
import { lines, makeTaxManager, taxManager } from './support/auditWords';
import { chief, reauth, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';
import { passphrase } from './support/backup';
import { mediumInput } from './support/media';
import { openMediaCsv } from './support/mediaOutput';

/**
 * Adversarial pass on the seams of the media register (issue #10): a realistic month of 市民課's
 * media read back through the access log in words (chief, own manager, another 課等's manager,
 * the CSV), 改ざん検査 of every evidence table, and the status × action table of a medium.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

/** Words of 市民課's month that another 課等 must never read (names, numbers, places, purposes, notes). */
const secrets = ['SHIMIN-USB-7', 'SHIMIN-BOOK-1', 'SHIMIN-UNKNOWN-1', 'SHIMIN-HDD-9', 'SHIMIN-IMP-3', '住民票写し保管庫', '転出先確認の出張', '県庁 別館', '住民異動届一式', '鍵付き書庫で捜索中', '住基バックアップ', 'シミン機種X'];

/**
 * 市民課's month: a place (flagged beside the terminal), a numbering rule, media registered
 * and imported, a holding linked, labels printed, a take-out out and back, an inventory that
 * marks one medium missing, the lists exported and printed.
 */
async function month(): Promise<{ place: number; usb: number; hdd: number; imported: number; inventoryId: number }> {
  const { citizens } = departments;
  await loginAs(app, people.manager);
  await app.ok('media.numbering.set', { departmentId: citizens, type: 'usb', prefix: 'SHIMIN-USB-', digits: 1 });
  await loginAs(app, people.officer);
  const place = (await app.ok('media.storageLocations.create', { name: '住民票写し保管庫', departmentId: citizens })).id;
  await app.ok('media.storageLocations.setBesideTerminal', { locationId: place, besideTerminal: true });
  const holding = await app.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0100', name: '住民基本台帳' }));
  const usb = await app.ok('media.create', mediumInput(citizens, { mediaNo: 'SHIMIN-USB-7', makeModel: 'シミン機種X', storageLocationId: place }));
  const hdd = await app.ok('media.create', mediumInput(citizens, { mediaNo: 'SHIMIN-HDD-9', type: 'hdd', storageLocationId: place, isBackupMedium: true, remarks: '住基バックアップ' }));
  await app.ok('media.linkHolding', { mediumId: usb.id, holdingId: holding.id, version: usb.version });
  await app.ok('media.update', { mediumId: hdd.id, version: hdd.version, fields: mediumInput(citizens, { mediaNo: 'SHIMIN-HDD-9', type: 'hdd', storageLocationId: place, isBackupMedium: true, remarks: '住基バックアップ', custodian: '鈴木' }) });
  const opened = await openMediaCsv(app, 'media.csv', ['管理番号,種別,課等,保管場所,暗号化', 'SHIMIN-IMP-3,USBメモリ,市民課,住民票写し保管庫,有']);
  expect(await app.ok('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).toEqual({ created: 1 });
  const imported = (await app.ok('media.list', { text: 'SHIMIN-IMP-3' })).rows[0]!.id;
  await app.ok('media.printLabels', { mediumIds: [usb.id, hdd.id], layout: '24', startPosition: 3, target: 'pdf' });
  const book = await app.ok('media.create', mediumInput(citizens, { mediaNo: 'SHIMIN-BOOK-1', type: 'paper', encrypted: 'none', storageLocationId: place }));
  await app.ok('media.printSpineLabels', { mediumIds: [book.id], startPosition: 1, target: 'pdf' });

  await loginAs(app, people.clerk);
  const safeguards = { encryption: true, password: true, lockedCase: true, sealed: false };
  const t = await app.ok('media.takeout.request', { mediumId: usb.id, purpose: '転出先確認の出張', destination: '県庁 別館', contentsSummary: '住民異動届一式', safeguards, dueBack: '2026-11-30' });
  await loginAs(app, people.manager);
  await app.ok('media.takeout.approve', { takeoutId: t.id, note: '' });
  await loginAs(app, people.clerk);
  await app.ok('media.takeout.checkOut', { takeoutId: t.id });
  await app.ok('media.takeout.return', { takeoutId: t.id, contentsIntact: true, tempCopiesErased: true, note: '' });

  await loginAs(app, people.officer);
  const session = await app.ok('media.inventory.start', { locationId: place });
  await app.ok('media.inventory.scan', { inventoryId: session.id, code: 'SHIMIN-USB-7' });
  await app.ok('media.inventory.scan', { inventoryId: session.id, code: 'SHIMIN-IMP-3' });
  await app.ok('media.inventory.scan', { inventoryId: session.id, code: 'SHIMIN-BOOK-1' });
  await app.ok('media.inventory.scan', { inventoryId: session.id, code: 'SHIMIN-USB-7' });
  await app.ok('media.inventory.scan', { inventoryId: session.id, code: 'SHIMIN-UNKNOWN-1' });
  await app.ok('media.inventory.close', { inventoryId: session.id, markMissing: [hdd.id], note: '鍵付き書庫で捜索中' });
  await reauth(app, people.officer.password);
  await app.ok('media.inventory.print', { inventoryId: session.id, target: 'pdf' });
  app.saveAnswer.path = path.join(app.outDir, 'register.csv');
  await app.ok('media.exportCsv', { filters: { text: '住民' } });
  app.saveAnswer.path = path.join(app.outDir, 'takeouts.csv');
  await app.ok('media.takeout.exportCsv', { filters: {} });
  await app.ok('media.printList', { filters: { storageLocationId: place }, target: 'pdf' });
  await app.ok('media.takeout.printList', { filters: {}, target: 'pdf' });
  await app.ok('media.get', { mediumId: usb.id });
  await app.ok('media.list', { text: '住民' });
  return { place, usb: usb.id, hdd: hdd.id, imported, inventoryId: session.id };
}

/** The steps the month did not take: a place renamed and closed, an unlink, a refusal, a withdrawal, a cancelled 点検, a retirement. */
async function otherSteps(m: { place: number; usb: number; imported: number }): Promise<void> {
  await loginAs(app, people.officer);
  const spare = (await app.ok('media.storageLocations.create', { name: '予備棚', departmentId: departments.citizens })).id;
  await app.ok('media.storageLocations.rename', { locationId: spare, name: '予備棚B' });
  await app.ok('media.storageLocations.deactivate', { locationId: spare });
  const holdingId = (await app.ok('media.get', { mediumId: m.usb })).contents[0]!.holdingId;
  await app.ok('media.unlinkHolding', { mediumId: m.usb, holdingId, version: (await app.ok('media.get', { mediumId: m.usb })).medium.version });
  const session = await app.ok('media.inventory.start', { locationId: m.place });
  await app.ok('media.inventory.cancel', { inventoryId: session.id, reason: '途中で中断' });
  await loginAs(app, people.clerk);
  const request = { mediumId: m.imported, purpose: '研修', destination: '研修所', contentsSummary: '教材', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack: '2026-11-30' };
  const refused = await app.ok('media.takeout.request', request);
  await loginAs(app, people.manager);
  await app.ok('media.takeout.refuse', { takeoutId: refused.id, reason: '不要' });
  await loginAs(app, people.clerk);
  const withdrawn = await app.ok('media.takeout.request', request);
  await app.ok('media.takeout.cancel', { takeoutId: withdrawn.id });
  await loginAs(app, people.manager);
  await app.ok('media.retire', { mediumId: m.imported, version: (await app.ok('media.get', { mediumId: m.imported })).medium.version, reason: '老朽化' });
}

const mediaEvent = (e: AuditEvent) => e.action.startsWith('media.') || e.targetType === 'medium' || e.targetType === 'storage_location';

describe('a month of media in the access log', () => {
  it('reads every media event in Japanese words: no key of the code, no その他, no JSON', async () => {
    await otherSteps(await month());
    await loginAs(app, chief);
    const { rows } = await app.ok('audit.query', { pageSize: 200 });
    const media = rows.filter(mediaEvent);
    const actions = new Set(media.map((e) => e.action));
    for (const a of ['media.create', 'media.update', 'media.linkHolding', 'media.import', 'media.numberingRule.set', 'media.printLabels', 'media.printSpineLabels',
      'media.takeout.request', 'media.takeout.approve', 'media.takeout.checkOut', 'media.takeout.return', 'media.inventory.start', 'media.inventory.scan',
      'media.inventory.close', 'media.inventory.print', 'media.export', 'media.takeout.export', 'media.printList', 'media.takeout.printList', 'media.storageLocation.create', 'media.storageLocation.setBesideTerminal',
      'media.storageLocation.rename', 'media.storageLocation.deactivate', 'media.unlinkHolding', 'media.inventory.cancel', 'media.takeout.refuse', 'media.takeout.cancel', 'media.retire']) {
      expect(actions, a).toContain(a);
    }
    for (const e of media) {
      for (const p of e.words) {
        expect(p.label && 'key' in p.label && hasJapaneseLabel(p.label.key), `${e.action} ${JSON.stringify(p.label)}`).toBe(true);
        expect(p.label, `${e.action}: a detail without its own words`).not.toEqual({ key: 'auditDetail.other' });
      }
      for (const l of lines(e)) expect(l, `${e.action}: ${l}`).not.toMatch(/^[A-Za-z_.]+:|\{"|\[object|undefined|null/);
    }
    // The CSV says each action and target type in words too, never the code's name.
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(app.outDir, 'log.csv');
    await app.ok('audit.exportCsv', { reason: '媒体管理の点検' });
    const [, ...csvRows] = parseCsv(readFileSync(app.saveAnswer.path, 'utf8').slice(1)).filter((r) => r.length > 1);
    const mediaRows = csvRows.filter((r) => /媒体|持出|点検|保管場所|ラベル|管理番号/.test(`${r[4]}${r[5]}`));
    expect(mediaRows.length).toBeGreaterThan(20);
    for (const r of csvRows) {
      expect(r[4], `action ${r[4]}`).not.toMatch(/^[a-zA-Z_.]+$/);
      expect(r[5] ?? '', `target type ${r[5]}`).not.toMatch(/^[a-zA-Z_.]+$/);
      expect(r[8] ?? '', `detail of ${r[4]}`).not.toMatch(/\{"|\[object|その他:/);
    }
  });

  it("tells a manager of 税務課 nothing of 市民課's media, on screen or in the CSV; 市民課's manager reads them", async () => {
    await month();
    await makeTaxManager(app, departments.tax);
    await loginAs(app, taxManager);
    const everything = JSON.stringify((await app.ok('audit.query', { pageSize: 200 })).rows);
    for (const s of secrets) expect(everything, s).not.toContain(s);
    await reauth(app, taxManager.password);
    app.saveAnswer.path = path.join(app.outDir, 'tax-log.csv');
    await app.ok('audit.exportCsv', {});
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    for (const s of secrets) expect(csv, s).not.toContain(s);

    await loginAs(app, people.manager);
    const own = (await app.ok('audit.query', { pageSize: 200 })).rows.filter(mediaEvent);
    const text = own.map((e) => `${sayTarget(e.target)} ${lines(e).join(' ')}`).join('\n');
    for (const s of ['SHIMIN-USB-7', '住民票写し保管庫', '転出先確認の出張', '鍵付き書庫で捜索中']) expect(text, s).toContain(s);
  });

  it('verifies clean after the month', async () => {
    await month();
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });
});

/** Each evidence table edited with the key after the month: what 改ざん検査 names. */
const edits: [string, (db: Db) => void][] = [
  ['media', (db) => db.prepare("UPDATE media SET remarks = '書換え' WHERE media_no = 'SHIMIN-USB-7'").run()],
  ['media_history', (db) => db.exec('DROP TRIGGER media_history_no_delete; DELETE FROM media_history WHERE id = (SELECT max(id) FROM media_history)')],
  ['media_takeouts', (db) => db.prepare("UPDATE media_takeouts SET destination = '自宅'").run()],
  ['media_inventories', (db) => db.prepare("UPDATE media_inventories SET note = '問題なし'").run()],
  ['media_inventory_scans', (db) => db.exec('DROP TRIGGER media_inventory_scans_no_delete; DELETE FROM media_inventory_scans WHERE id = (SELECT max(id) FROM media_inventory_scans)')],
  ['storage_locations', (db) => db.prepare("UPDATE storage_locations SET beside_terminal = 0 WHERE name = '住民票写し保管庫'").run()],
];

describe('改ざん検査 of every media table edited with the key', () => {
  it.each(edits)('names an edit of %s', async (table, change) => {
    await month();
    await editBehindTheApp(app, change);
    const result = await app.ok('audit.verify');
    expect(result.ok, `${table}: ${JSON.stringify(result.findings)}`).toBe(false);
    expect(result.findings?.length).toBeGreaterThan(0);
    // 税務課's manager is told nothing of 市民課's media by the check (MIC §9).
    await makeTaxManager(app, departments.tax);
    await loginAs(app, taxManager);
    const theirs = JSON.stringify(await app.ok('audit.verify'));
    for (const s of secrets) expect(theirs, s).not.toContain(s);
  });
});

describe('格納内容: the holding side', () => {
  it("still lists a medium carrying the holding when its media_contents row is deleted with the key (the medium's hash-covered set decides)", async () => {
    const { usb } = await month();
    await editBehindTheApp(app, (db) => db.prepare('DELETE FROM media_contents').run());
    const holdingId = (await app.ok('holdings.list', { text: '住民基本台帳' })).rows[0]!.id;
    expect((await app.ok('media.ofHolding', { holdingId })).map((m) => m.mediumId)).toEqual([usb]);
    expect((await app.ok('media.get', { mediumId: usb })).contents.map((c) => c.holdingId)).toEqual([holdingId]);
  });
});

const mediaTables = ['media', 'media_history', 'media_contents', 'media_takeouts', 'media_inventories', 'media_inventory_scans', 'storage_locations', 'media_numbering_rules'];

describe('backup and restore of the month', () => {
  it('brings every media table back (row counts; backup-roundtrip compares rows), refuses a missing medium as the backup medium, and verifies clean', async () => {
    const { hdd, usb } = await month();
    const counts = async () => {
      const out: Record<string, number> = {};
      await editBehindTheApp(app, (db) => {
        for (const t of mediaTables) out[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
      });
      return out;
    };
    const before = await counts();
    expect(Object.values(before).every((n) => n > 0), JSON.stringify(before)).toBe(true);
    // The imported medium is in storage: found by the inventory; the HDD went missing, so it is refused as the backup's medium.
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(app.outDir, 'month.daicho-backup');
    expect((await app.fail('backup.export', { passphrase, passphraseConfirm: passphrase, mediumId: hdd })).issues?.[0]?.messageKey).toBe('mediaWatch.errors.mediumUnavailable');
    await app.ok('backup.export', { passphrase, passphraseConfirm: passphrase });
    // After the backup: a change the restore must undo.
    await loginAs(app, people.officer);
    await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'AFTER-1' }));
    await loginAs(app, chief);
    await reauth(app, chief.password);
    app.openAnswer.path = path.join(app.outDir, 'month.daicho-backup');
    const preview = await app.ok('backup.restore.open', { passphrase });
    await app.ok('backup.restore.commit', { restoreId: preview.restoreId });
    await loginAs(app, chief);
    expect(await counts()).toEqual(before);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    expect((await app.ok('media.list', { text: 'AFTER-1' })).rows).toEqual([]);
    const d = await app.ok('media.get', { mediumId: usb });
    expect([d.medium.status, d.contents.length, d.takeouts.map((t) => t.status)]).toEqual(['in_storage', 1, ['returned']]);
  });
});

describe('access log: a medium moved to another 課等 (MIC §9, migration 0016)', () => {
  it("does not tell the new 課等's manager the old 課等's take-out purposes, destinations, notes or inventory findings", async () => {
    const { usb } = await month();
    await loginAs(app, chief);
    const m = (await app.ok('media.get', { mediumId: usb })).medium;
    await app.ok('media.update', { mediumId: usb, version: m.version, fields: mediumInput(departments.tax, { mediaNo: m.mediaNo, makeModel: m.makeModel }) });
    await makeTaxManager(app, departments.tax);
    await loginAs(app, taxManager);
    // The 持出管理簿 and the medium's detail keep them with 市民課 already (0016).
    expect(JSON.stringify(await app.ok('media.get', { mediumId: usb }))).not.toContain('転出先確認の出張');
    const log = JSON.stringify((await app.ok('audit.query', { pageSize: 200 })).rows);
    // Nor, through the label sheet printed with it, the number of a medium 市民課 still keeps.
    for (const s of ['転出先確認の出張', '県庁 別館', '住民異動届一式', 'SHIMIN-HDD-9']) expect(log, s).not.toContain(s);
    // The move itself, and what is 税務課's now, it reads.
    expect(log).toContain('media.update');
    await reauth(app, taxManager.password);
    app.saveAnswer.path = path.join(app.outDir, 'moved.csv');
    await app.ok('audit.exportCsv', {});
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    for (const s of ['転出先確認の出張', '県庁 別館', '住民異動届一式', 'SHIMIN-HDD-9']) expect(csv, s).not.toContain(s);
    // 市民課's manager still reads the take-out its clerk made.
    await loginAs(app, people.manager);
    const own = JSON.stringify((await app.ok('audit.query', { action: 'media.takeout.request', pageSize: 200 })).rows);
    expect(own).toContain('転出先確認の出張');
    expect(own).toContain('SHIMIN-USB-7');
  });
});

describe('two steps of different parts racing on one medium', () => {
  it('an inventory closing that marks a medium missing and its take-out going out, dispatched together: exactly one wins', async () => {
    await loginAs(app, people.officer);
    const place = (await app.ok('media.storageLocations.create', { name: '書庫', departmentId: departments.citizens })).id;
    const m = await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'RACE-1', storageLocationId: place }));
    const t = await app.ok('media.takeout.request', { mediumId: m.id, purpose: '会議', destination: '本庁', contentsSummary: '資料', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack: '2026-11-30' });
    await loginAs(app, people.manager);
    await app.ok('media.takeout.approve', { takeoutId: t.id, note: '' });
    const session = await app.ok('media.inventory.start', { locationId: place });
    const [closed, out] = await Promise.all([
      app.call('media.inventory.close', { inventoryId: session.id, markMissing: [m.id], note: '見当たらない' }),
      app.call('media.takeout.checkOut', { takeoutId: t.id }),
    ]);
    expect([closed.ok, out.ok].filter(Boolean)).toHaveLength(1);
    const d = await app.ok('media.get', { mediumId: m.id });
    expect(d.medium.status).toBe(out.ok ? 'checked_out' : 'missing');
    expect(d.takeouts[0]!.status).toBe(out.ok ? 'out' : 'approved');
    await loginAs(app, chief);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });
});
