import { describe, expect, it } from 'vitest';
import { chief, createUser, firstLogin } from './support/backend';
import { checkInInput, checkOutInput, doorAppPerTest, doorState, expectTamperCheckClean, type DoorTest } from './support/areaDoor';
import { authorize, createArea, newOutsider } from './support/areas';
import { loginAs, people } from './support/holdings';
import { mediumInput, registerMedium } from './support/media';
import { hasJapaneseLabel } from '../../db/print/labels';
import { lines, makeTaxManager, taxManager } from './support/auditWords';

/**
 * Exceptions at the door (issue #12 item 4; MIC §12-2, §35): an entry without a valid authorization
 * or a prohibited device let in on a manager's approval typed at the door — their password checked
 * as a login is, never logged — and confirmed afterwards by a manager who neither recorded it nor entered.
 */
let t: DoorTest;
doorAppPerTest((test) => {
  t = test;
});

const approval = (who: { loginId: string; password: string } = people.manager, note = '障害対応のため緊急入室') => ({ loginId: who.loginId, password: who.password, note });
const unauthorizedStaff = () => ({ person: { kind: 'staff' as const, userId: t.cast.otherClerk }, escortUserId: null });

describe('an exception approved at the door', () => {
  it('lets an unauthorized person in as an exception; the event names the approver and the note, never the password', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { ...unauthorizedStaff(), exceptionApproval: approval() }));
    expect(visit).toMatchObject({ exceptions: ['unauthorized'], authorizationId: null, permitNo: null, exceptionApprovedByName: people.manager.displayName, exceptionNote: '障害対応のため緊急入室' });
    await loginAs(t.app, chief);
    const log = await t.app.ok('audit.query', { pageSize: 50 });
    const event = log.rows.find((e) => e.action === 'areas.visit.checkIn')!;
    expect(JSON.stringify(event)).not.toContain(people.manager.password);
    expect(JSON.stringify(event)).toContain('障害対応のため緊急入室');
    const home = await t.app.ok('home.cards');
    expect(home.cards.find((c) => c.id === 'areas.unconfirmedExceptions')).toMatchObject({ count: 1, link: { screen: 'areas', filters: { unconfirmedOnly: true } } });
    await expectTamperCheckClean(t.app);
  });

  it('refuses a wrong password (approverUnknown, counted as a failed login of that account), with nothing changed', async () => {
    const before = await doorState(t.app);
    const refused = await t.app.fail('areas.visits.checkIn', checkInInput(t, { ...unauthorizedStaff(), exceptionApproval: { ...approval(), password: 'Wrong-2026-pw' } }));
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['exceptionApproval', 'password'], messageKey: 'areas.errors.approverUnknown' }] });
    expect(await doorState(t.app)).toBe(before);
    await loginAs(t.app, chief);
    const failed = (await t.app.ok('audit.query', { pageSize: 50 })).rows.filter((e) => e.action === 'auth.login.failed');
    expect(failed).toHaveLength(1);
    expect(JSON.stringify(failed)).not.toContain('Wrong-2026-pw');
  });

  it('refuses the clerk at the door as approver, a manager of another 課等, a clerk, and the visitor themselves', async () => {
    // 山田 (manager) records at the door and approves with their own password.
    await loginAs(t.app, people.manager);
    let before = await doorState(t.app);
    expect(await t.app.fail('areas.visits.checkIn', checkInInput(t, { ...unauthorizedStaff(), exceptionApproval: approval() }))).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      messageKey: 'areas.errors.approverIsClerk',
    });
    expect(await doorState(t.app)).toBe(before);
    // 税務課's manager may not approve for 市民課's room; a clerk may approve nothing.
    await loginAs(t.app, chief);
    const other = { loginId: 'kimura', password: 'Shinji-2026-pw-q' };
    await createUser(t.app, { loginId: other.loginId, displayName: '木村 課長', role: 'manager', password: 'Initial-2026-e', departmentId: t.tax });
    await t.app.ok('auth.logout');
    await firstLogin(t.app, other.loginId, 'Initial-2026-e', other.password);
    await loginAs(t.app, people.clerk);
    before = await doorState(t.app);
    for (const who of [other, people.officer]) {
      expect(await t.app.fail('areas.visits.checkIn', checkInInput(t, { ...unauthorizedStaff(), exceptionApproval: approval(who) }))).toMatchObject({
        issues: [{ path: ['exceptionApproval', 'loginId'], messageKey: 'areas.errors.approverNotManager' }],
      });
    }
    // 山田 entering unauthorized, approving their own entry.
    expect(
      await t.app.fail('areas.visits.checkIn', checkInInput(t, { person: { kind: 'staff', userId: t.cast.manager }, escortUserId: null, exceptionApproval: approval() })),
    ).toMatchObject({ code: 'SEPARATION_OF_DUTIES', messageKey: 'areas.errors.approverIsVisitor' });
    expect(await doorState(t.app)).toBe(before);
  }, 30_000);

  it('refuses an approval no exception needs, and never lets an outsider in unescorted on an approval', async () => {
    const before = await doorState(t.app);
    expect(await t.app.fail('areas.visits.checkIn', checkInInput(t, { exceptionApproval: approval() }))).toMatchObject({
      issues: [{ path: ['exceptionApproval'], messageKey: 'areas.errors.approvalNotNeeded' }],
    });
    expect(await t.app.fail('areas.visits.checkIn', checkInInput(t, { escortUserId: null, exceptionApproval: approval() }))).toMatchObject({
      issues: [{ path: ['escortUserId'], messageKey: 'areas.errors.escortRequired' }],
    });
    expect(await doorState(t.app)).toBe(before);
  });
});

describe('devices brought in', () => {
  it('needs each device inspected where the area says so, refuses a failed inspection, and names a registered medium in any width', async () => {
    await registerMedium(t.app, people.officer, mediumInput(t.citizens, { mediaNo: 'USB-001' }));
    await loginAs(t.app, people.clerk);
    const before = await doorState(t.app);
    expect(await t.app.fail('areas.visits.checkIn', checkInInput(t, { devicesIn: [{ label: 'ＵＳＢ－００１', inspection: 'notInspected' }] }))).toMatchObject({
      issues: [{ path: ['devicesIn', 0, 'inspection'], messageKey: 'areas.errors.inspectionRequired' }],
    });
    expect(await t.app.fail('areas.visits.checkIn', checkInInput(t, { devicesIn: [{ label: 'USB-001', inspection: 'failed' }] }))).toMatchObject({
      issues: [{ path: ['devicesIn', 0, 'inspection'], messageKey: 'areas.errors.inspectionFailed' }],
    });
    expect(await doorState(t.app)).toBe(before);
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { devicesIn: [{ label: 'ｕｓｂ－００１', inspection: 'passed' }] }));
    expect(visit.devicesIn).toEqual([{ mediumId: expect.any(Number), label: 'USB-001', inspection: 'passed', takeoutId: null }]);
  });

  it('refuses any device into an area that prohibits them, or records it as an exception on an approval', async () => {
    const vault = await createArea(t.app, { name: '書庫', kind: 'archive', devicesIn: 'prohibited' });
    await authorize(t.app, newOutsider, [vault.id]);
    await loginAs(t.app, people.clerk);
    const input = checkInInput(t, { areaId: vault.id, devicesIn: [{ label: '私物スマートフォン', inspection: 'notInspected' }] });
    const before = await doorState(t.app);
    expect(await t.app.fail('areas.visits.checkIn', input)).toMatchObject({
      issues: [{ path: ['devicesIn', 0, 'label'], messageKey: 'areas.errors.deviceProhibited', params: { label: '私物スマートフォン' } }],
    });
    expect(await doorState(t.app)).toBe(before);
    const visit = await t.app.ok('areas.visits.checkIn', { ...input, exceptionApproval: approval() });
    expect(visit).toMatchObject({ exceptions: ['prohibitedDeviceIn'], permitNo: expect.any(String) });
  });
});

describe('a manager confirms the exceptions', () => {
  it('confirms once; refuses a visit without exceptions, a second confirmation, the manager who recorded it and the one who approved it at the door', async () => {
    // Approved at the door by the chief: 山田 (manager) reviews it afterwards (MIC §12-2: not the one who allowed it).
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { ...unauthorizedStaff(), exceptionApproval: approval(chief) }));
    const approvedByManager = await t.app.ok('areas.visits.checkIn', checkInInput(t, { person: { kind: 'new', outsider: { name: '臨時 作業員', kana: '', affiliation: '株式会社臨時' } }, exceptionApproval: approval() }));
    const clean = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    expect(await t.app.fail('areas.visits.confirmException', { visitId: visit.id, version: visit.version, note: '' })).toMatchObject({ code: 'PERMISSION_DENIED' });
    await loginAs(t.app, people.manager);
    expect(await t.app.fail('areas.visits.confirmException', { visitId: clean.id, version: clean.version, note: '' })).toMatchObject({ messageKey: 'areas.errors.noExceptions' });
    const confirmed = await t.app.ok('areas.visits.confirmException', { visitId: visit.id, version: visit.version, note: '事後に確認した' });
    expect(confirmed).toMatchObject({ exceptionConfirmedByName: people.manager.displayName, exceptionConfirmNote: '事後に確認した', version: 2 });
    expect(await t.app.fail('areas.visits.confirmException', { visitId: visit.id, version: confirmed.version, note: '' })).toMatchObject({ messageKey: 'areas.errors.exceptionConfirmed' });
    expect(await t.app.fail('areas.visits.confirmException', { visitId: approvedByManager.id, version: approvedByManager.version, note: '' })).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      messageKey: 'areas.errors.confirmerIsApprover',
    });
    // 山田 at the door records a visit with an exception (approved by the chief): 山田 may not confirm it.
    const own = await t.app.ok('areas.visits.checkIn', checkInInput(t, { person: { kind: 'staff', userId: t.cast.officer }, escortUserId: null, exceptionApproval: approval(chief) }));
    expect(await t.app.fail('areas.visits.confirmException', { visitId: own.id, version: own.version, note: '' })).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      messageKey: 'areas.errors.confirmerIsClerk',
    });
    const home = await t.app.ok('home.cards');
    expect(home.cards.find((c) => c.id === 'areas.unconfirmedExceptions')?.count).toBe(2);
    await t.app.ok('areas.visits.checkOut', checkOutInput(own));
    await expectTamperCheckClean(t.app);
  });
});

describe('lookupDevice', () => {
  it('says nothing of an unknown label, all of a medium of the clerk\'s 課等, and only that a medium of another 課等 exists', async () => {
    await registerMedium(t.app, people.officer, mediumInput(t.citizens, { mediaNo: 'USB-001' }));
    await registerMedium(t.app, chief, mediumInput(t.tax, { mediaNo: 'TAX-009' }));
    await loginAs(t.app, people.clerk);
    expect(await t.app.ok('areas.visits.lookupDevice', { label: '私物ノートPC' })).toBeNull();
    expect(await t.app.ok('areas.visits.lookupDevice', { label: 'usb-001' })).toMatchObject({ mediaNo: 'USB-001', mediumType: 'usb', status: 'in_storage', takeoutApproved: false, hidden: false });
    expect(await t.app.ok('areas.visits.lookupDevice', { label: 'TAX-009' })).toMatchObject({ mediaNo: 'TAX-009', mediumType: '', status: '', hidden: true });
  });
});

describe('the access log in words', () => {
  it('says each door event in the screen\'s words, names the visit 「氏名（区域名）入室日時」, and hides it from another 課等\'s manager', async () => {
    const visit = await t.app.ok('areas.visits.checkIn', checkInInput(t, { ...unauthorizedStaff(), devicesIn: [{ label: '保守用PC', inspection: 'passed' }], exceptionApproval: approval(chief) }));
    await t.app.ok('areas.visits.checkOut', checkOutInput(visit, { devicesOut: [{ label: '外付けHDD', inspection: 'passed' }] }));
    await loginAs(t.app, people.manager);
    await t.app.ok('areas.visits.confirmException', { visitId: visit.id, version: 2, note: '事後に確認した' });
    await loginAs(t.app, chief);
    const { rows } = await t.app.ok('audit.query', { pageSize: 200 });
    const door = rows.filter((e) => e.targetType === 'area_visit');
    expect(door.map((e) => e.action).sort()).toEqual(['areas.visit.checkIn', 'areas.visit.checkOut', 'areas.visit.confirmException']);
    for (const e of door) {
      expect(e.target).toEqual({ number: `${people.otherClerk.displayName}（サーバ室）2026-11-22 10:00`, name: '' });
      for (const p of e.words) expect(p.label && 'key' in p.label && hasJapaneseLabel(p.label.key), `${e.action} ${JSON.stringify(p.label)}`).toBe(true);
      for (const l of lines(e)) expect(l, e.action).not.toMatch(/^[A-Za-z_]+:|\{"|\[object/);
    }
    const checkInLines = lines(door.find((e) => e.action === 'areas.visit.checkIn')!);
    expect(checkInLines).toEqual(expect.arrayContaining([`例外の承認者: ${chief.displayName}`, '例外の理由: 障害対応のため緊急入室']));
    await makeTaxManager(t.app, t.tax);
    await loginAs(t.app, taxManager);
    const theirs = await t.app.ok('audit.query', { pageSize: 200 });
    expect(theirs.rows.filter((e) => e.targetType === 'area_visit')).toEqual([]);
  });
});
