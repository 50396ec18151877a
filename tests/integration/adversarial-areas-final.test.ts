import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { areaLedgerChannels } from '../../db/contract/areaChannels';
import { chief, createUser, makeTestApp, reauth, removeTestDir } from './support/backend';
import { passphrase } from './support/backup';
import { checkInInput, checkOutInput, doorAppPerTest, doorState, expectTamperCheckClean, type DoorTest } from './support/areaDoor';
import { areaInput, authorizationInput, authorize, createArea, moveClockTo } from './support/areas';
import { loginAs, people } from './support/holdings';
import { recentPurposes, rememberPurpose } from '../../renderer/features/areas/doorForm';

/**
 * The last look at issue #12 (取扱区域・入退室): the auditor at every write channel, the chief at
 * the doors of every 課等, the organisation's zone changed while visits are open, the search with
 * SQL's wildcard characters and many staff, and channel inputs at their limits.
 */
let t: DoorTest;
doorAppPerTest((test) => {
  t = test;
});

const auditor = { loginId: 'kansa', displayName: '監査 太郎', password: 'Audit-2026-pw-z' };

async function asAuditor(): Promise<void> {
  await loginAs(t.app, chief);
  await createUser(t.app, { ...auditor, role: 'auditor', departmentId: t.tax });
  await loginAs(t.app, auditor);
  await t.app.ok('auth.changePassword', { currentPassword: auditor.password, newPassword: 'Audit-2026-pw-y' });
  await reauth(t.app, 'Audit-2026-pw-y');
}

describe('the auditor at the door', () => {
  it('reads every 課等\'s areas, permits and visits, and is refused on every write channel with nothing changed', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    const area = (await t.app.ok('areas.get', { areaId: t.areaId })).area;
    const permit = (await t.app.ok('areas.authorizations.list', { pageSize: 10 })).rows[0]!;
    await asAuditor();
    const before = await doorState(t.app, [visit.id]);
    await loginAs(t.app, { loginId: auditor.loginId, password: 'Audit-2026-pw-y' });
    await reauth(t.app, 'Audit-2026-pw-y');
    expect((await t.app.ok('areas.visits.inside', {})).rows.map((v) => v.id)).toEqual([visit.id]);
    expect((await t.app.ok('areas.visits.get', { visitId: visit.id })).visit.id).toBe(visit.id);
    expect((await t.app.ok('areas.people.search', { text: 'やまだ' })).length).toBeGreaterThan(0);
    const writes: Record<string, string> = {};
    const { departmentId: _d, ...areaFields } = areaInput(t.citizens, { name: '監査室' });
    const { person: _p, departmentId: _e, ...permitFields } = authorizationInput(t.citizens, { kind: 'known', personId: t.personId }, [t.areaId]);
    const inputs = {
      'areas.create': areaInput(t.citizens, { name: '監査室' }),
      'areas.update': { areaId: area.id, version: area.version, fields: { departmentId: t.citizens, ...areaFields } },
      'areas.retire': { areaId: area.id, version: area.version, reason: '廃止' },
      'areas.reactivate': { areaId: area.id, version: area.version },
      'areas.people.create': { name: '監査 花子', kana: '', affiliation: '監査法人' },
      'areas.people.update': { personId: t.personId, version: 1, fields: { name: '別人', kana: '', affiliation: '別会社' } },
      'areas.authorizations.create': authorizationInput(t.citizens, { kind: 'known', personId: t.personId }, [t.areaId]),
      'areas.authorizations.update': { authorizationId: permit.id, version: permit.version, fields: permitFields },
      'areas.authorizations.revoke': { authorizationId: permit.id, version: permit.version, reason: '取消' },
      'areas.visits.checkIn': checkInInput(t),
      'areas.visits.checkOut': checkOutInput(visit),
      'areas.visits.closeDay': { areaId: t.areaId, visitIds: [visit.id], reason: '終業' },
      'areas.visits.confirmException': { visitId: visit.id, version: visit.version, note: '' },
      // Not a write, but the door's own (areas.log): the auditor has no door.
      'areas.visits.lookupDevice': { label: 'USB-0001' },
    } as const;
    for (const channel of Object.keys(inputs) as (keyof typeof inputs)[]) {
      const failed = await t.app.fail(channel, inputs[channel] as unknown as ChannelInput<typeof channel>);
      writes[channel] = failed.code;
    }
    // Every channel of the feature that is not a read is in the list above.
    const nonRead = Object.entries(areaLedgerChannels).filter(([, c]) => c.access !== 'areas.read').map(([name]) => name);
    expect(nonRead.sort()).toEqual(Object.keys(inputs).sort());
    expect(new Set(Object.values(writes))).toEqual(new Set(['PERMISSION_DENIED']));
    expect(await doorState(t.app, [visit.id])).toBe(before);
  });
});

describe('the chief at the doors of every 課等', () => {
  it('records a visit at 税務課\'s room, and confirms 市民課\'s exception but never one they recorded', async () => {
    const taxRoom = await createArea(t.app, { departmentId: t.tax, name: '税務サーバ室' }, chief);
    const permit = await authorize(t.app, { kind: 'known', personId: t.personId }, [taxRoom.id], { departmentId: t.tax }, chief);
    expect(permit.personId).toBe(t.personId);
    await loginAs(t.app, chief);
    const there = await t.app.ok('areas.visits.checkIn', checkInInput(t, { areaId: taxRoom.id, escortUserId: t.cast.otherClerk }));
    expect(there).toMatchObject({ areaId: taxRoom.id, departmentId: t.tax });
    const out = await t.app.ok('areas.visits.checkOut', checkOutInput(there, { devicesOut: [{ label: '私物USBメモリ', inspection: 'passed' }] }));
    expect(out.exceptions.length).toBeGreaterThan(0);
    // 田中 records another exception: the chief confirms it (organisation-wide), never the one they recorded (MIC §12-2).
    await loginAs(t.app, people.clerk);
    const here = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    const closed = await t.app.ok('areas.visits.checkOut', checkOutInput(here, { devicesOut: [{ label: '私物USBメモリ', inspection: 'passed' }] }));
    await loginAs(t.app, chief);
    expect(await t.app.fail('areas.visits.confirmException', { visitId: out.id, version: out.version, note: '確認' })).toMatchObject({ messageKey: 'areas.errors.confirmerIsClerk' });
    await t.app.ok('areas.visits.confirmException', { visitId: closed.id, version: closed.version, note: '確認' });
    await expectTamperCheckClean(t.app);
  });
});

describe('the organisation\'s zone changed while a visit is open', () => {
  it('keeps the visit in the book of the day it entered, lets it out, and says it is open from before today', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    expect(visit.enteredOn).toBe('2026-11-22');
    await loginAs(t.app, chief);
    await reauth(t.app, chief.password);
    await t.app.ok('settings.update', { timeZone: 'Pacific/Honolulu', reason: '時刻帯の変更' });
    moveClockTo(t.app, '2026-11-24T10:00:00+09:00');
    await loginAs(t.app, people.clerk);
    const day = await t.app.ok('areas.visits.list', { from: '2026-11-22', to: '2026-11-22', pageSize: 50 });
    expect(day.rows.map((r) => r.id)).toEqual([visit.id]);
    const old = await t.app.ok('areas.visits.list', { openBeforeToday: true, pageSize: 50 });
    expect(old.rows.map((r) => r.id)).toEqual([visit.id]);
    const out = await t.app.ok('areas.visits.checkOut', checkOutInput(visit));
    expect(out.status).toBe('closed');
    await expectTamperCheckClean(t.app);
  });
});

describe('the search as you type', () => {
  it('takes SQL\'s wildcard and quote characters as text, 50 characters at most, and bounds the hits however many staff', async () => {
    for (const name of ['100%保守', 'A_B 保守', 'C\\D 保守', "O'Neil 保守", '"引用" 保守']) {
      await t.app.ok('areas.people.create', { name, kana: '', affiliation: '株式会社テスト' });
    }
    const names = async (text: string) => (await t.app.ok('areas.people.search', { text, kind: 'outsider' })).map((h) => h.name);
    expect(await names('%')).toEqual(['100%保守']);
    expect(await names('_')).toEqual(['A_B 保守']);
    expect(await names('\\')).toEqual(['C\\D 保守']);
    expect(await names("'")).toEqual(["O'Neil 保守"]);
    expect(await names('"')).toEqual(['"引用" 保守']);
    expect(await names('x'.repeat(50))).toEqual([]);
    expect(await t.app.fail('areas.people.search', { text: 'x'.repeat(51) })).toMatchObject({ code: 'INVALID_INPUT' });
    await loginAs(t.app, chief);
    for (let i = 0; i < 12; i++) await createUser(t.app, { loginId: `staff${i}`, displayName: `職員 ${i}`, role: 'clerk', password: `Staff-2026-pw-${i}`, departmentId: t.citizens });
    await loginAs(t.app, people.clerk);
    expect(await t.app.ok('areas.people.search', { text: '', limit: 5 })).toHaveLength(5);
    expect(await t.app.ok('areas.people.search', { text: '職員', limit: 50 })).toHaveLength(12);
  });
});

describe('channel inputs at their limits', () => {
  it('closes the day with 1,000 ids of which most repeat, and refuses 1,001', async () => {
    const a = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    const many = Array.from({ length: 1000 }, () => a.id);
    expect(await t.app.fail('areas.visits.closeDay', { areaId: t.areaId, visitIds: [...many, a.id], reason: '終業' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.app.ok('areas.visits.closeDay', { areaId: t.areaId, visitIds: many, reason: '終業' })).toEqual({ closed: 1 });
    await expectTamperCheckClean(t.app);
  });

  it('records 20 devices with 100-character labels in and out, and refuses a 101st character', async () => {
    const devices = Array.from({ length: 20 }, (_, i) => ({ label: `${String(i).padStart(2, '0')}${'機'.repeat(98)}`, inspection: 'passed' as const }));
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { devicesIn: devices }));
    expect(visit.devicesIn.map((d) => d.label)).toEqual(devices.map((d) => d.label));
    const long = [{ label: '機'.repeat(101), inspection: 'passed' as const }];
    expect(await t.app.fail('areas.visits.checkOut', checkOutInput(visit, { devicesOut: long }))).toMatchObject({ code: 'INVALID_INPUT' });
    const out = await t.app.ok('areas.visits.checkOut', checkOutInput(visit, { devicesOut: devices }));
    expect(out.devicesOut).toHaveLength(20);
    expect(out.exceptions).toEqual([]);
    await expectTamperCheckClean(t.app);
  });
});

describe('what the door form keeps between users of one terminal', () => {
  it('offers a user only the purposes they recorded: the next user after a logout or a switch at the lock gets none', () => {
    rememberPurpose(11, '市民課 山田様 来訪 サーバ保守');
    rememberPurpose(11, '定期点検');
    expect(recentPurposes(11)).toEqual(['定期点検', '市民課 山田様 来訪 サーバ保守']);
    // 税務課's 加藤 at the same terminal after 田中 logged out.
    expect(recentPurposes(12)).toEqual([]);
    rememberPurpose(12, '申告書の搬入');
    expect(recentPurposes(12)).toEqual(['申告書の搬入']);
    expect(recentPurposes(11)).toEqual([]);
  });
});

describe('a backup restored onto a new PC', () => {
  it('brings back the permits and the visit still open, and the door works there: out, in again, confirmed, 改ざん検査 clean', async () => {
    const open = await t.app.ok('areas.visits.checkIn', checkInInput(t, { badgeNo: 'B-01', devicesIn: [{ label: '保守用ノートPC', inspection: 'passed' }] }));
    await loginAs(t.app, chief);
    await reauth(t.app, chief.password);
    t.app.saveAnswer.path = path.join(t.app.outDir, 'door.daicho-backup');
    await t.app.ok('backup.export', { passphrase, passphraseConfirm: passphrase });
    const fresh = makeTestApp();
    try {
      fresh.openAnswer.path = t.app.saveAnswer.path;
      const preview = await fresh.ok('setup.restore.open', { passphrase });
      await fresh.ok('setup.restore.commit', { restoreId: preview.restoreId });
      await loginAs(fresh, people.clerk);
      expect((await fresh.ok('areas.visits.inside', { areaId: t.areaId })).rows.map((v) => v.id)).toEqual([open.id]);
      const hit = (await fresh.ok('areas.people.search', { text: 'やまだ', areaId: t.areaId, kind: 'outsider' }))[0]!;
      expect(hit).toMatchObject({ personId: t.personId, inside: true, authorization: { permitNo: t.permitNo } });
      const out = await fresh.ok('areas.visits.checkOut', checkOutInput(open, { badgeReturned: true, devicesOut: [{ label: '保守用ノートPC', inspection: 'passed' }] }));
      expect(out).toMatchObject({ status: 'closed', exceptions: [] });
      const again = await fresh.ok('areas.visits.checkIn', checkInInput(t, { badgeNo: 'B-01' }));
      expect(again.permitNo).toBe(t.permitNo);
      await expectTamperCheckClean(fresh);
    } finally {
      fresh.close();
      removeTestDir(fresh.dir);
    }
  });
});
