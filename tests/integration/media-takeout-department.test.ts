import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediumFields } from '../../db/contract';
import { withFindings } from '../../db/core/auditFindings';
import { verifyChain } from '../../db/core/auditVerify';
import { insertMedium } from '../../db/features/media/rules';
import { pinSideRow } from '../../db/ledger/integrity';
import { ledgerRowChecks } from '../../db/ledger/reconcile';
import { openEncryptedDatabase } from '../../db/store/database';
import { chief, reauth, type TestApp } from './support/backend';
import { databaseAtVersion, kitWrite } from './support/olderDatabase';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput } from './support/mediaOutput';

/**
 * A take-out stays in the 持出管理簿 of the 課等 that made it (issue #10; MIC §9; migration 0016):
 * when its medium moves to another 課等, the purposes, destinations and requesters of its past
 * take-outs stay with the old 課等's list, print and CSV, and the new 課等 is told only how many.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const purposes = ['住民説明会の資料配布', '窓口端末の移設作業'];
const secrets = [...purposes, '説明会場 第二会議室', '必要性の説明がない', '返却時 会場Aで確認'];

/** A medium of 市民課 with a refused and a returned take-out, then moved to 税務課 by the chief. */
async function movedMedium(): Promise<number> {
  await loginAs(app, chief);
  const m = await app.ok('media.create', mediumInput(departments.citizens));
  const request = (purpose: string) => ({ mediumId: m.id, purpose, destination: '説明会場 第二会議室', contentsSummary: '説明資料', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack: '2026-12-24' });
  await loginAs(app, people.clerk);
  const refused = await app.ok('media.takeout.request', request(purposes[0]!));
  await loginAs(app, people.manager);
  await app.ok('media.takeout.refuse', { takeoutId: refused.id, reason: '必要性の説明がない' });
  await loginAs(app, people.clerk);
  const used = await app.ok('media.takeout.request', request(purposes[1]!));
  await loginAs(app, people.manager);
  await app.ok('media.takeout.approve', { takeoutId: used.id });
  await loginAs(app, people.clerk);
  await app.ok('media.takeout.checkOut', { takeoutId: used.id });
  await app.ok('media.takeout.return', { takeoutId: used.id, contentsIntact: true, tempCopiesErased: true, note: '返却時 会場Aで確認' });
  await loginAs(app, chief);
  const version = (await app.ok('media.get', { mediumId: m.id })).medium.version;
  await app.ok('media.update', { mediumId: m.id, version, fields: mediumInput(departments.tax) });
  return m.id;
}

/** The 持出管理簿 as the logged-in user prints and exports it (the bulk-export guard asks for the password). */
async function printAndCsv(password: string, name: string): Promise<{ html: string; csv: string }> {
  await reauth(app, password);
  await app.ok('media.takeout.printList', { filters: {}, target: 'printer' });
  const html = app.printed.at(-1)!.html;
  app.saveAnswer.path = path.join(app.outDir, name);
  await app.ok('media.takeout.exportCsv', { filters: {} });
  return { html, csv: readFileSync(app.saveAnswer.path, 'utf8') };
}

describe('持出管理簿: a medium moved to another 課等', () => {
  it('leaves its past take-outs with the 課等 that made them: list, print and CSV', async () => {
    await movedMedium();
    await loginAs(app, people.manager);
    const own = await app.ok('media.takeout.list', {});
    expect(own.rows.map((t) => [t.purpose, t.departmentName, t.status])).toEqual([
      [purposes[1], '市民課', 'returned'],
      [purposes[0], '市民課', 'refused'],
    ]);
    expect((await app.ok('media.takeout.list', { departmentId: departments.citizens })).rows).toHaveLength(2);
    const citizens = await printAndCsv(people.manager.password, 'citizens.csv');
    for (const p of purposes) {
      expect(citizens.html).toContain(p);
      expect(citizens.csv).toContain(p);
    }

    await loginAs(app, people.otherClerk);
    expect((await app.ok('media.takeout.list', {})).rows).toEqual([]);
    expect((await app.ok('media.takeout.list', { departmentId: departments.tax })).rows).toEqual([]);
    // Asking for the other 課等's by filter gives nothing either: the scope is decided in main.
    expect((await app.ok('media.takeout.list', { departmentId: departments.citizens })).rows).toEqual([]);
    const tax = await printAndCsv(people.otherClerk.password, 'tax.csv');
    for (const s of secrets) {
      expect(tax.html).not.toContain(s);
      expect(tax.csv).not.toContain(s);
    }
  });

  it("hides them in the medium's detail from its new 課等: counted, and the steps' notes blanked", async () => {
    const mediumId = await movedMedium();
    await loginAs(app, people.otherClerk);
    const detail = await app.ok('media.get', { mediumId });
    expect(detail.takeouts).toEqual([]);
    expect(detail.hiddenTakeouts).toBe(2);
    // The timeline still shows that steps happened (the medium's own record), not what they said.
    expect(detail.history.map((h) => h.action)).toEqual(['update', 'takeoutReturn', 'takeoutOut', 'takeoutApprove', 'takeoutRequest', 'takeoutRefuse', 'takeoutRequest', 'create']);
    expect(detail.history.filter((h) => h.action.startsWith('takeout')).map((h) => h.note)).toEqual(['', '', '', '', '', '']);
    expect(JSON.stringify(detail)).not.toMatch(new RegExp(secrets.join('|')));

    // A new take-out by 税務課 is theirs, and shown with its note; the old ones stay hidden.
    await app.ok('media.takeout.request', { mediumId, purpose: '税務調査', destination: '県税事務所', contentsSummary: '調査資料', safeguards: { encryption: true, password: false, lockedCase: false, sealed: false }, dueBack: '2026-12-24' });
    const after = await app.ok('media.get', { mediumId });
    expect(after.takeouts.map((t) => [t.purpose, t.departmentName])).toEqual([['税務調査', '税務課']]);
    expect(after.hiddenTakeouts).toBe(2);

    // An organisation-wide role sees every take-out and every note; 改ざん検査 finds nothing.
    await loginAs(app, chief);
    const all = await app.ok('media.get', { mediumId });
    expect(all.hiddenTakeouts).toBe(0);
    expect(all.takeouts.map((t) => t.departmentName)).toEqual(['税務課', '市民課', '市民課']);
    expect(all.history.map((h) => h.note)).toContain('返却時 会場Aで確認');
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });
});

describe('持出管理簿: migration 0016 on take-outs written before it', () => {
  it('fills in the medium\'s 課等 and re-pins only the take-outs: 改ざん検査 finds nothing', () => {
    const { dir, file, key, old } = databaseAtVersion(15, `INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', '2025-01-01T00:00:00Z');
      INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (1, 'suzuki', '鈴木 次郎', 'officer', 1, '2025-01-01T00:00:00Z');`);
    const actor = { userId: 1, name: '鈴木 次郎', role: 'officer' as const, departmentId: 1 };
    const fields = { mediaNo: 'USB-001', type: 'usb', makeModel: '', serialNo: '', capacity: '', encrypted: 'hardware', departmentId: 1, custodian: '', storageLocationId: null, isBackupMedium: false, registeredAt: '2026-04-01', remarks: '' } satisfies MediumFields;
    const mediumId = kitWrite(old, '鈴木 次郎', (tx) => insertMedium(tx, actor, fields, '2026-11-22'));
    // A take-out as the app at 0015 wrote it (no 課等 of its own), pinned by its event.
    kitWrite(old, '鈴木 次郎', (tx) => {
      const id = Number(
        tx.db
          .prepare(`INSERT INTO media_takeouts (medium_id, requested_by, requested_at, purpose, destination, contents_summary, due_back, status, updated_at)
                    VALUES (?, 1, ?, '説明会', '県庁', '資料', '2026-12-01', 'requested', ?)`)
          .run(mediumId, tx.at, tx.at).lastInsertRowid,
      );
      pinSideRow(tx.db, 'media_takeouts', id);
      tx.audit({ action: 'media.takeout.request', targetType: 'medium', targetId: mediumId, detail: { takeoutId: id } });
    });
    old.close();
    const db = openEncryptedDatabase(file, key, { create: false });
    try {
      expect(db.prepare('SELECT department_id FROM media_takeouts').pluck().all()).toEqual([1]);
      expect(db.prepare('SELECT tables FROM integrity_baseline').pluck().get()).toBe('["media_takeouts"]');
      const check = () => withFindings(db, verifyChain(db), dir, key, ledgerRowChecks);
      kitWrite(db, '鈴木 次郎', (tx) => tx.audit({ action: 'settings.update', detail: {} }));
      const baselines = db.prepare("SELECT json_extract(detail, '$.tables') FROM audit_events WHERE action = 'integrity.baseline' ORDER BY seq").pluck().all();
      // The full baseline of the first write at 0015, then one of the take-outs only.
      expect(baselines).toEqual([null, '["media_takeouts"]']);
      // seq stays the first (full) baseline's: the anchor check counts locks from it.
      expect(db.prepare("SELECT seq = (SELECT min(seq) FROM audit_events WHERE action = 'integrity.baseline'), tables FROM integrity_baseline").raw().get()).toEqual([1, null]);
      expect(check()).toMatchObject({ ok: true, findings: [] });
      // The department is NOT NULL (a rebuilt table, not a nullable added column).
      expect(() => db.prepare('UPDATE media_takeouts SET department_id = NULL').run()).toThrow(/NOT NULL/);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
