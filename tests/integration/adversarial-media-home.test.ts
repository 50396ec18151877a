import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { chief, createUser, firstLogin, reauth, type TestApp } from './support/backend';
import { mediumDir, passphrase } from './support/backup';
import { editBehindTheApp } from './support/behindTheApp';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput, registerMedium } from './support/media';

/**
 * Attacks on the media register where take-outs meet retirement, the inventory, a move to
 * another 課等, the unseen card's dates and the backup-medium rule's place flag (issue #10
 * items 3, 4, 6): each refusal is a clear Japanese message and changes nothing.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const hour = 3_600_000;

const mediumOf = (mediaNo: string, overrides: Partial<ChannelInput<'media.create'>> = {}) => mediumInput(departments.citizens, { mediaNo, ...overrides });
const registered = (mediaNo: string, overrides: Partial<ChannelInput<'media.create'>> = {}) => registerMedium(app, people.officer, mediumOf(mediaNo, overrides));

/** The clerk asks to take the medium out (encrypted, so approval needs no reason). */
async function requested(mediumId: number): Promise<number> {
  await loginAs(app, people.clerk);
  const t = await app.ok('media.takeout.request', {
    mediumId, purpose: '説明会', destination: '県庁', contentsSummary: '説明資料', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack: '2026-11-30',
  });
  return t.id;
}

const versionOf = async (mediumId: number) => (await app.ok('media.get', { mediumId })).medium.version;

describe('a medium with an open take-out', () => {
  it('cannot be retired while a request awaits a decision or is approved: it would stay on the manager\'s card and could still be approved', async () => {
    const m = await registered('USB-001');
    const t = await requested(m.id);
    await loginAs(app, people.manager);
    const refused = await app.fail('media.retire', { mediumId: m.id, version: m.version + 1, reason: '故障' });
    expect(refused).toMatchObject({ code: 'CONFLICT', messageKey: 'mediaWatch.errors.retireWithOpenTakeout' });
    expect((await app.ok('media.get', { mediumId: m.id })).medium).toMatchObject({ status: 'in_storage', version: m.version + 1 });
    // Approved: still open, still refused.
    await app.ok('media.takeout.approve', { takeoutId: t });
    expect(await app.fail('media.retire', { mediumId: m.id, version: await versionOf(m.id), reason: '故障' })).toMatchObject({ messageKey: 'mediaWatch.errors.retireWithOpenTakeout' });
    // Withdrawn, the medium may be retired.
    await app.ok('media.takeout.cancel', { takeoutId: t });
    await app.ok('media.retire', { mediumId: m.id, version: await versionOf(m.id), reason: '故障' });
    expect((await app.ok('home.cards')).cards.find((c) => c.id === 'media.awaitingDecision')?.count).toBe(0);
  });

  it('cannot be approved once an inventory has marked it 所在不明; the request may still be refused', async () => {
    await loginAs(app, people.officer);
    const place = await app.ok('media.storageLocations.create', { name: 'キャビネットA', departmentId: departments.citizens, besideTerminal: false });
    const m = await registered('USB-001', { storageLocationId: place.id });
    const t = await requested(m.id);
    // The officer's inventory of the cabinet does not see it and marks it missing.
    await loginAs(app, people.officer);
    const session = await app.ok('media.inventory.start', { locationId: place.id });
    await app.ok('media.inventory.close', { inventoryId: session.id, markMissing: [m.id], note: '捜索中' });
    await loginAs(app, people.manager);
    const before = await app.ok('media.get', { mediumId: m.id });
    expect(before.medium.status).toBe('missing');
    expect(await app.fail('media.takeout.approve', { takeoutId: t })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.takeoutMediumNotInStorage' });
    const after = await app.ok('media.get', { mediumId: m.id });
    expect(after.medium.version).toBe(before.medium.version);
    expect(after.takeouts[0]).toMatchObject({ status: 'requested', decidedByName: null });
    await app.ok('media.takeout.refuse', { takeoutId: t, reason: '所在不明のため' });
  });

  it('keeps its 課等 until the take-out is closed: another 課等 would otherwise decide and return it', async () => {
    const m = await registered('USB-001');
    const t = await requested(m.id);
    await loginAs(app, chief);
    const move = { mediumId: m.id, version: await versionOf(m.id), fields: mediumOf('USB-001', { departmentId: departments.tax }) };
    const refused = await app.fail('media.update', move);
    expect(refused.issues).toEqual([{ path: ['departmentId'], messageKey: 'mediaWatch.errors.departmentWhileTakeoutOpen' }]);
    expect((await app.ok('media.get', { mediumId: m.id })).medium).toMatchObject({ departmentId: departments.citizens, version: move.version });
    // Other fields may change meanwhile; once withdrawn, the medium may move.
    await app.ok('media.update', { ...move, fields: mediumOf('USB-001', { custodian: '鈴木' }) });
    await app.ok('media.takeout.cancel', { takeoutId: t });
    await app.ok('media.update', { ...move, version: await versionOf(m.id) });
  });
});

describe('the unseen card and a 登録日 after today', () => {
  it('refuses a 登録日 after today in the organisation\'s calendar, at create and edit, so a medium cannot hide from the unseen card', async () => {
    // 2026-11-22T15:00Z is already the 23rd in Tokyo: the 23rd is today, the 24th is refused.
    app.clock.advance(14 * hour);
    await loginAs(app, people.officer);
    const before = (await app.ok('media.list', {})).total;
    const future = await app.fail('media.create', mediumOf('USB-001', { registeredAt: '2062-04-01' }));
    expect(future.issues).toEqual([{ path: ['registeredAt'], messageKey: 'validation.dateInFuture' }]);
    expect((await app.fail('media.create', mediumOf('USB-001', { registeredAt: '2026-11-24' }))).issues?.[0]?.path).toEqual(['registeredAt']);
    expect((await app.ok('media.list', {})).total).toBe(before);
    const m = await app.ok('media.create', mediumOf('USB-001', { registeredAt: '2026-11-23' }));
    const edit = await app.fail('media.update', { mediumId: m.id, version: m.version, fields: mediumOf('USB-001', { registeredAt: '2062-04-01' }) });
    expect(edit.issues).toEqual([{ path: ['registeredAt'], messageKey: 'validation.dateInFuture' }]);
    expect((await app.ok('media.get', { mediumId: m.id })).medium).toMatchObject({ registeredAt: '2026-11-23', version: m.version });
  });
});

describe('改ざん検査 of the 保管場所 (the backup-medium rule\'s flag)', () => {
  it('names a place whose same-room flag, 課等 or name was changed, or which was planted, behind the app', async () => {
    await loginAs(app, chief);
    const serverRoom = await app.ok('media.storageLocations.create', { name: 'サーバ室ラック', departmentId: null, besideTerminal: true });
    const cabinet = await app.ok('media.storageLocations.create', { name: 'キャビネットA', departmentId: departments.citizens, besideTerminal: false });
    await app.ok('media.create', mediumOf('BK-001', { isBackupMedium: true, storageLocationId: serverRoom.id }));
    await app.ok('media.storageLocations.rename', { locationId: cabinet.id, name: 'キャビネットB' });
    expect((await app.ok('home.cards')).cards.find((c) => c.id === 'media.backupBesideTerminal')?.count).toBe(1);
    expect(await app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
    // An insider hides the MIC §29 warning by saying the server-room rack is elsewhere.
    await editBehindTheApp(app, (db) => db.prepare('UPDATE storage_locations SET beside_terminal = 0 WHERE id = ?').run(serverRoom.id));
    expect((await app.ok('home.cards')).cards.find((c) => c.id === 'media.backupBesideTerminal')?.count).toBe(0);
    const ledger = 'tamperFindings.ledgers.storageLocations';
    expect((await app.ok('audit.verify')).findings).toEqual([{ kind: 'historyChanged', params: { ledger, id: serverRoom.id, recordId: serverRoom.id }, fieldKeys: [] }]);
    // Set back through the app, the place is accounted for again.
    await app.ok('media.storageLocations.setBesideTerminal', { locationId: serverRoom.id, besideTerminal: true });
    expect((await app.ok('audit.verify')).findings).toEqual([]);
    // A place planted by SQL is named too.
    await editBehindTheApp(app, (db) =>
      db.prepare("INSERT INTO storage_locations (id, name, department_id, active, beside_terminal, created_at, updated_at) VALUES (99, '偽の金庫', NULL, 1, 0, '2026-11-22T01:00:00.000Z', '2026-11-22T01:00:00.000Z')").run(),
    );
    expect((await app.ok('audit.verify')).findings).toContainEqual({ kind: 'historyUnrecorded', params: { ledger, id: 99, recordId: 99 }, fieldKeys: [] });
  });
});

describe('the 持出管理簿\'s 管理番号 search, typed oddly', () => {
  it('finds SOM-USB-0001 from full-width, lower-case, IME-dash or zero-width input, as the register stores numbers', async () => {
    const m = await registered('SOM-USB-0001');
    await requested(m.id);
    for (const typed of ['SOM-USB', 'ＳＯＭ－ＵＳＢ', 'som-usb-0001', 'SOMーUSB', 'SOM\u200B-USB', ' usb-0001 ']) {
      expect((await app.ok('media.takeout.list', { mediaNo: typed })).rows.map((r) => r.mediaNo), typed).toEqual(['SOM-USB-0001']);
    }
    expect((await app.ok('media.takeout.list', { mediaNo: 'USB-0002' })).total).toBe(0);
  });
});

describe('the backup export naming a medium that is out', () => {
  it('refuses a backup medium 持出中 as the export dialog does (it offers 保管中 ones only): no file, no register row', async () => {
    const m = await registered('BK-001', { type: 'hdd', isBackupMedium: true });
    const t = await requested(m.id);
    await loginAs(app, people.manager);
    await app.ok('media.takeout.approve', { takeoutId: t });
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: t });
    await loginAs(app, chief);
    const before = (await app.ok('backup.register', {})).total;
    const dir = mediumDir();
    try {
      const file = path.join(dir, 'Daicho_test.daicho-backup');
      await reauth(app, chief.password);
      app.saveAnswer.path = file;
      const result = await app.call('backup.export', { passphrase, passphraseConfirm: passphrase, mediumId: m.id });
      expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', issues: [{ path: ['mediumId'], messageKey: 'mediaWatch.errors.mediumUnavailable', params: { mediaNo: 'BK-001' } }] });
      expect(existsSync(file)).toBe(false);
      expect((await app.ok('backup.register', {})).total).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a manager of another 課等', () => {
  it('has no card for 市民課\'s request, cannot list it, and cannot approve it by the channel (NOT_FOUND, nothing changed)', async () => {
    const taxManager = { loginId: 'ito', displayName: '伊藤 課長', password: 'Kacho-2026-pw-t' };
    await loginAs(app, chief);
    await createUser(app, { ...taxManager, role: 'manager', password: 'Initial-2026-t', departmentId: departments.tax });
    await app.ok('auth.logout');
    await firstLogin(app, taxManager.loginId, 'Initial-2026-t', taxManager.password);
    const m = await registered('USB-001');
    const t = await requested(m.id);
    await loginAs(app, taxManager);
    expect((await app.ok('home.cards')).cards.find((c) => c.id === 'media.awaitingDecision')?.count).toBe(0);
    expect((await app.ok('media.takeout.list', { awaitingMyDecision: true })).total).toBe(0);
    expect((await app.fail('media.takeout.approve', { takeoutId: t })).code).toBe('NOT_FOUND');
    expect((await app.fail('media.takeout.refuse', { takeoutId: t, reason: '不要' })).code).toBe('NOT_FOUND');
    await loginAs(app, people.manager);
    expect((await app.ok('media.get', { mediumId: m.id })).takeouts[0]).toMatchObject({ status: 'requested', decidedByName: null });
    expect((await app.ok('home.cards')).cards.find((c) => c.id === 'media.awaitingDecision')?.count).toBe(1);
  });
});

describe('protection changed between approval and 持出し', () => {
  it('refuses to let a medium out whose encryption was edited to なし after an approval that needed no reason (MIC §12)', async () => {
    const m = await registered('USB-001');
    const unpromised = { mediumId: m.id, purpose: '説明会', destination: '県庁', contentsSummary: '説明資料', safeguards: { encryption: false, password: false, lockedCase: true, sealed: false }, dueBack: '2026-11-30' };
    await loginAs(app, people.clerk);
    const t = await app.ok('media.takeout.request', unpromised);
    await loginAs(app, people.manager);
    // The register says ハードウェア暗号化: no reason is asked.
    await app.ok('media.takeout.approve', { takeoutId: t.id });
    await loginAs(app, people.officer);
    await app.ok('media.update', { mediumId: m.id, version: await versionOf(m.id), fields: mediumOf('USB-001', { encrypted: 'none' }) });
    const before = await app.ok('media.get', { mediumId: m.id });
    await loginAs(app, people.clerk);
    expect(await app.fail('media.takeout.checkOut', { takeoutId: t.id })).toMatchObject({ code: 'CONFLICT', messageKey: 'mediaWatch.errors.unprotectedSinceApproval' });
    const after = await app.ok('media.get', { mediumId: m.id });
    expect(after.medium).toMatchObject({ status: 'in_storage', version: before.medium.version });
    expect(after.takeouts[0]).toMatchObject({ status: 'approved', outAt: null });
    // Requested again and approved with the manager's reason, it may leave.
    await app.ok('media.takeout.cancel', { takeoutId: t.id });
    const again = (await app.ok('media.takeout.request', unpromised)).id;
    await loginAs(app, people.manager);
    expect((await app.fail('media.takeout.approve', { takeoutId: again })).code).toBe('INVALID_INPUT');
    await app.ok('media.takeout.approve', { takeoutId: again, note: '施錠容器で運搬し、当日返却のため' });
    await loginAs(app, people.clerk);
    expect((await app.ok('media.takeout.checkOut', { takeoutId: again })).status).toBe('out');
  });
});

describe('an approval past its due-back date', () => {
  it('lets the medium out on the due day in Tokyo, not from the next Tokyo day (it would leave already overdue)', async () => {
    const a = await registered('USB-001');
    const b = await registered('USB-002');
    const trip = (mediumId: number) => ({ mediumId, purpose: '説明会', destination: '県庁', contentsSummary: '説明資料', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack: '2026-11-23' });
    await loginAs(app, people.clerk);
    const ta = (await app.ok('media.takeout.request', trip(a.id))).id;
    const tb = (await app.ok('media.takeout.request', trip(b.id))).id;
    await loginAs(app, people.manager);
    await app.ok('media.takeout.approve', { takeoutId: ta });
    await app.ok('media.takeout.approve', { takeoutId: tb });
    await loginAs(app, people.clerk);
    // 2026-11-23T14:00Z: 23:00 on the due day in Tokyo.
    app.clock.advance(37 * hour);
    expect((await app.ok('media.takeout.checkOut', { takeoutId: ta })).status).toBe('out');
    // 2026-11-23T15:00Z: still the 23rd in UTC, the 24th in Tokyo.
    app.clock.advance(hour);
    const version = await versionOf(b.id);
    expect(await app.fail('media.takeout.checkOut', { takeoutId: tb })).toMatchObject({ code: 'CONFLICT', messageKey: 'mediaWatch.errors.approvalLapsed', params: { dueBack: '2026-11-23' } });
    expect((await app.ok('media.get', { mediumId: b.id })).medium).toMatchObject({ status: 'in_storage', version });
    expect((await app.ok('media.takeout.list', { status: 'approved' })).rows.map((r) => r.id)).toEqual([tb]);
  });
});

describe('each role\'s cards against the lists they open, at the Tokyo day boundary', () => {
  it('gives every media card a count equal to its list\'s total for the clerk, officer, manager, chief and auditor', async () => {
    await loginAs(app, chief);
    const rack = await app.ok('media.storageLocations.create', { name: 'サーバ室ラック', departmentId: null, besideTerminal: true });
    await registered('OLD-001', { registeredAt: '2025-11-23' });
    await registered('BK-001', { type: 'hdd', isBackupMedium: true, storageLocationId: rack.id });
    await loginAs(app, chief);
    await app.ok('media.create', mediumOf('TAX-001', { departmentId: departments.tax, registeredAt: '2025-11-01' }));
    const out = await registered('USB-001');
    const t = await requested(out.id);
    await loginAs(app, people.manager);
    await app.ok('media.takeout.approve', { takeoutId: t });
    await loginAs(app, people.clerk);
    await app.ok('media.takeout.checkOut', { takeoutId: t });
    await requested((await registered('USB-002')).id);
    // 2026-11-23T15:00Z: the 24th in Tokyo, the 23rd in UTC. USB-001 (due the 30th) is not overdue; the
    // unseen cutoff is 2025-11-24 in Tokyo (not the UTC 23rd), so OLD-001, registered 2025-11-23, counts.
    app.clock.advance(38 * hour);
    const auditor = { loginId: 'audit', displayName: '監査 五郎', password: 'Goro-2026-pw-au' };
    await loginAs(app, chief);
    await createUser(app, { ...auditor, role: 'auditor', password: 'Initial-2026-au' });
    await app.ok('auth.logout');
    await firstLogin(app, auditor.loginId, 'Initial-2026-au', auditor.password);
    const seen: Record<string, Record<string, number>> = {};
    for (const [name, person] of [['clerk', people.clerk], ['officer', people.officer], ['manager', people.manager], ['chief', chief], ['auditor', auditor]] as const) {
      await loginAs(app, person);
      seen[name] = {};
      for (const c of (await app.ok('home.cards')).cards.filter((x) => x.id.startsWith('media.'))) {
        const filters = c.link.filters as Record<string, never>;
        const page = c.link.tab === 'takeouts' ? await app.ok('media.takeout.list', { ...filters, pageSize: 200 }) : await app.ok('media.list', { ...filters, pageSize: 200 });
        expect(page.total, `${name} ${c.id}`).toBe(c.count);
        seen[name][c.id] = c.count;
      }
    }
    expect(seen).toEqual({
      clerk: { 'media.overdue': 0 },
      officer: { 'media.overdue': 0, 'media.missing': 0, 'media.unseen': 1, 'media.backupBesideTerminal': 1 },
      manager: { 'media.overdue': 0, 'media.awaitingDecision': 1, 'media.missing': 0, 'media.unseen': 1, 'media.backupBesideTerminal': 1 },
      chief: { 'media.overdue': 0, 'media.awaitingDecision': 1, 'media.missing': 0, 'media.unseen': 2, 'media.backupBesideTerminal': 1 },
      auditor: {},
    });
  });
});
