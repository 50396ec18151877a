import { describe, expect, it } from 'vitest';
import { checkInInput, checkOutInput, doorAppPerTest, expectTamperCheckClean, type DoorTest } from './support/areaDoor';
import { authorize, moveClockTo } from './support/areas';
import { chief } from './support/backend';
import { loginAs, people } from './support/holdings';

/**
 * Defects found in the review of issue #12's backend, each kept as a test on real SQLCipher
 * through the router.
 */
let t: DoorTest;
doorAppPerTest((test) => {
  t = test;
});

describe('the search as you type after a visit written down late', () => {
  it('keeps a person who came just now ahead of one who came earlier (a late entry never moves the visitor back)', async () => {
    const sato = await authorize(t.app, { kind: 'new', outsider: { name: '佐藤 花子', kana: 'サトウ ハナコ', affiliation: '株式会社テスト清掃' } }, [t.areaId]);
    await loginAs(t.app, people.clerk);
    // 10:00 山田 comes and goes.
    const yamada = await t.app.ok('areas.visits.checkIn', checkInInput(t));
    await t.app.ok('areas.visits.checkOut', checkOutInput(yamada));
    // 10:30 佐藤 comes and goes, then the clerk writes down a visit of hers at 09:00 they missed.
    moveClockTo(t.app, '2026-11-22T10:30:00+09:00');
    await loginAs(t.app, people.clerk);
    const satoRef = { kind: 'known' as const, personId: sato.personId };
    const now = await t.app.ok('areas.visits.checkIn', checkInInput(t, { person: satoRef }));
    await t.app.ok('areas.visits.checkOut', checkOutInput(now));
    const late = await t.app.ok('areas.visits.checkIn', checkInInput(t, { person: satoRef, enteredAt: '2026-11-22T00:00:00.000Z' }));
    expect(late).toMatchObject({ enteredAt: '2026-11-22T00:00:00.000Z' });
    const hits = await t.app.ok('areas.people.search', { text: '' });
    expect(hits.filter((h) => h.personId !== null).map((h) => h.personId)).toEqual([sato.personId, t.personId]);
    await expectTamperCheckClean(t.app);
  });
});

describe('the approval at the door is no way to try another account\'s password', () => {
  it('turns away a login that may not approve before its password is checked: right and wrong passwords answer alike', async () => {
    await loginAs(t.app, people.clerk);
    const unauthorized = { person: { kind: 'staff' as const, userId: t.cast.otherClerk }, escortUserId: null };
    const tryAs = (password: string) =>
      t.app.fail('areas.visits.checkIn', checkInInput(t, { ...unauthorized, exceptionApproval: { loginId: people.officer.loginId, password, note: '緊急' } }));
    // 鈴木 (officer) may not approve: with his real password or a guess, the clerk learns the same thing.
    const right = await tryAs(people.officer.password);
    const wrong = await tryAs('Guess-2026-wrong');
    expect(right).toMatchObject({ issues: [{ path: ['exceptionApproval', 'loginId'], messageKey: 'areas.errors.approverNotManager' }] });
    expect(wrong).toEqual(right);
    // Nor is the approval failure a failed login of 鈴木: his password was never tried.
    await loginAs(t.app, chief);
    const failed = (await t.app.ok('audit.query', { pageSize: 200 })).rows.filter((e) => e.action === 'auth.login.failed');
    expect(failed).toEqual([]);
    await loginAs(t.app, people.clerk);
    // A manager's wrong password is still a failed login of that account (throttled and logged).
    const manager = await t.app.fail('areas.visits.checkIn', checkInInput(t, { ...unauthorized, exceptionApproval: { loginId: people.manager.loginId, password: 'Guess-2026-wrong', note: '緊急' } }));
    expect(manager).toMatchObject({ issues: [{ path: ['exceptionApproval', 'password'], messageKey: 'areas.errors.approverUnknown' }] });
  });
});
