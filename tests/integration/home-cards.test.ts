import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../db/contract';
import { chief, createUser, firstLogin, reauth, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * 今日の確認事項 (issue #7): the home cards count in SQL within the caller's scope, link to
 * the list that shows exactly what they counted, and 照合依頼 names who should verify.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

type Cards = ChannelOutput<'home.cards'>['cards'];
const counts = (cards: Cards) => Object.fromEntries(cards.map((c) => [c.id, c.count]));

async function homeOf(person: { loginId: string; password: string }): Promise<Cards> {
  await loginAs(app, person);
  return (await app.ok('home.cards')).cards;
}

async function userIds(): Promise<Record<string, number>> {
  await loginAs(app, chief);
  return Object.fromEntries((await app.ok('users.list', { includeInactive: true })).map((u) => [u.loginId, u.id]));
}

/** As `person`, n drafts in a department; returns their ids. */
async function drafts(person: { loginId: string; password: string }, departmentId: number, prefix: string, n: number): Promise<number[]> {
  await loginAs(app, person);
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push((await app.ok('holdings.create', holdingInput(departmentId, { ledgerNo: `${prefix}-${i}`, name: `${prefix}ファイル${i}` }))).id);
  return ids;
}

/** The list a card links to, as the same person, with the card's filters. */
async function linkedRows(cards: Cards, id: string): Promise<string[]> {
  const card = cards.find((c) => c.id === id)!;
  expect(card.link.screen).toBe('holdings');
  const page = await app.ok('holdings.list', { ...(card.link.filters as Record<string, never>), pageSize: 200 });
  expect(page.total).toBe(card.count);
  return page.rows.map((r) => r.ledgerNo).sort();
}

describe('home cards: who sees what, counted within the scope of the lists', () => {
  it('shows each role its own cards, and a clerk’s counts never include another 課等', async () => {
    await drafts(people.clerk, departments.citizens, 'CIT', 3);
    await drafts(people.otherClerk, departments.tax, 'TAX', 2);

    const clerk = await homeOf(people.clerk);
    // A clerk cannot verify or decide categories: only their own entries awaiting others (and, at the door, visits left open).
    expect(clerk.map((c) => c.id)).toEqual(['holdings.authoredByMe', 'holdings.reviewDue', 'media.overdue', 'areas.openPastDay']);
    expect(counts(clerk)['holdings.authoredByMe']).toBe(3);
    expect(await linkedRows(clerk, 'holdings.authoredByMe')).toEqual(['CIT-1', 'CIT-2', 'CIT-3']);

    const taxClerk = await homeOf(people.otherClerk);
    expect(counts(taxClerk)['holdings.authoredByMe']).toBe(2);
    expect(await linkedRows(taxClerk, 'holdings.authoredByMe')).toEqual(['TAX-1', 'TAX-2']);
    // Asking another 課等's list through the card's filters still meets the scope.
    const forced = await app.ok('holdings.list', { verifiableByMe: false, authoredByMe: false, departmentId: departments.citizens, pageSize: 200 });
    expect(forced.total).toBe(0);

    const officer = await homeOf(people.officer);
    expect(counts(officer)).toMatchObject({ 'holdings.requestedOfMe': 0, 'holdings.verifiableByMe': 3, 'holdings.authoredByMe': 0 });
    expect(await linkedRows(officer, 'holdings.verifiableByMe')).toEqual(['CIT-1', 'CIT-2', 'CIT-3']);
    // The card filters combine with a search (every join of db/ledger/textMatch.ts applies them).
    expect((await app.ok('holdings.list', { verifiableByMe: true, text: 'ファイル2', pageSize: 50 })).rows.map((r) => r.ledgerNo)).toEqual(['CIT-2']);

    const manager = await homeOf(people.manager);
    expect(counts(manager)).toMatchObject({ 'holdings.verifiableByMe': 3, 'holdings.categoryUndecided': 3 });
    expect(manager.some((c) => c.id === 'audit.unreviewed')).toBe(true);
    expect(manager.some((c) => c.id.startsWith('accounts.'))).toBe(false);
    expect(await linkedRows(manager, 'holdings.categoryUndecided')).toEqual(['CIT-1', 'CIT-2', 'CIT-3']);

    // The auditor reads everything and records reviews, but neither writes nor verifies.
    await loginAs(app, chief);
    await createUser(app, { loginId: 'kansa', displayName: '監査 人', role: 'auditor', password: 'Initial-2026-k', departmentId: departments.tax });
    await app.ok('auth.logout');
    await firstLogin(app, 'kansa', 'Initial-2026-k', 'Audit-2026-pw-x');
    // The auditor reads the door's books too: visits left open since a previous day are theirs to see.
    expect((await app.ok('home.cards')).cards.map((c) => c.id)).toEqual(['audit.unreviewed', 'areas.openPastDay']);

    const chiefCards = await homeOf(chief);
    expect(counts(chiefCards)).toMatchObject({ 'holdings.verifiableByMe': 5, 'holdings.categoryUndecided': 5, 'accounts.expired': 0, 'accounts.expiring': 0 });
    expect(await linkedRows(chiefCards, 'holdings.verifiableByMe')).toHaveLength(5);
  });

  it('goes down as the work is done: 照合 takes a draft off every card that counted it', async () => {
    const [first, second] = await drafts(people.clerk, departments.citizens, 'CIT', 2);
    await loginAs(app, people.officer);
    // The officer edits one draft: now its author too, so it is not theirs to verify.
    const h = await app.ok('holdings.get', { holdingId: second! });
    await app.ok('holdings.update', { holdingId: second!, version: h.holding.version, fields: holdingInput(departments.citizens, { ledgerNo: 'CIT-2', name: 'CITファイル2', owner: '市民課長補佐' }) });
    expect(counts(await homeOf(people.officer))).toMatchObject({ 'holdings.verifiableByMe': 1, 'holdings.authoredByMe': 1 });

    const before = await app.ok('holdings.get', { holdingId: first! });
    await app.ok('holdings.verify', { holdingId: first!, version: before.holding.version });
    expect(counts(await homeOf(people.officer))).toMatchObject({ 'holdings.verifiableByMe': 0, 'holdings.authoredByMe': 1 });
    expect(counts(await homeOf(people.clerk))['holdings.authoredByMe']).toBe(1);
    const manager = counts(await homeOf(people.manager));
    expect(manager).toMatchObject({ 'holdings.verifiableByMe': 1, 'holdings.categoryUndecided': 2 });
  });

  it('counts accounts past or near their expiry for the chief, and unreviewed months of the access log', async () => {
    await loginAs(app, chief);
    await createUser(app, { loginId: 'expired1', displayName: '期限 切子', role: 'clerk', password: 'Initial-2026-x', departmentId: departments.citizens, validUntil: '2026-11-21' });
    await createUser(app, { loginId: 'soon1', displayName: '間近 近子', role: 'clerk', password: 'Initial-2026-y', departmentId: departments.citizens, validUntil: '2026-12-20' });
    await createUser(app, { loginId: 'later1', displayName: '先 長子', role: 'clerk', password: 'Initial-2026-z', departmentId: departments.citizens, validUntil: '2027-03-31' });
    let cards = (await app.ok('home.cards')).cards;
    expect(counts(cards)).toMatchObject({ 'accounts.expired': 1, 'accounts.expiring': 1, 'audit.unreviewed': 0 });
    expect(cards.find((c) => c.id === 'accounts.expired')!.link).toEqual({ screen: 'users', tab: 'review' });

    // Two months on (2027-01-22): November and December have ended without a review.
    app.clock.advance(61 * 86_400_000);
    await loginAs(app, chief);
    cards = (await app.ok('home.cards')).cards;
    const unreviewed = cards.find((c) => c.id === 'audit.unreviewed')!;
    expect(unreviewed).toMatchObject({ count: 2, unit: 'months', since: '2026-11-22', link: { screen: 'audit', tab: 'reviews' } });
    await app.ok('audit.reviews.create', { periodFrom: '2026-11-01', periodTo: '2026-12-31', findings: '' });
    expect(counts((await app.ok('home.cards')).cards)['audit.unreviewed']).toBe(0);
    // Both dated accounts have now expired; deactivating them clears the card.
    expect(counts((await app.ok('home.cards')).cards)['accounts.expired']).toBe(2);
    const ids = await userIds();
    await reauth(app, chief.password);
    for (const login of ['expired1', 'soon1']) await app.ok('users.deactivate', { userId: ids[login]!, reason: '異動' });
    expect(counts((await app.ok('home.cards')).cards)['accounts.expired']).toBe(0);
  });

  it('is not an audited read (counts reveal no ledger content), and needs an unlocked session', async () => {
    await loginAs(app, chief);
    const total = async () => (await app.ok('audit.query', { page: 1, pageSize: 1 })).total;
    const t1 = await total();
    const t2 = await total();
    await app.ok('home.cards');
    const t3 = await total();
    expect(t3 - t2).toBe(t2 - t1);
    await app.ok('session.lock');
    expect((await app.fail('home.cards')).code).toBe('SESSION_LOCKED');
  });
});

describe('照合依頼: the author names who should verify', () => {
  it('is stored with a history row and an access-log event, shown in the detail and on the verifier’s home, and settled by 照合', async () => {
    const ids = await userIds();
    const [holdingId] = await drafts(people.clerk, departments.citizens, 'CIT', 2);
    const candidates = await app.ok('holdings.verifierCandidates', { holdingId: holdingId! });
    // Those of 市民課 who may verify: not the clerk (the author), not the tax clerk.
    expect(candidates.map((c) => c.displayName).sort()).toEqual([people.manager.displayName, people.officer.displayName, chief.displayName].sort());
    const asked = await app.ok('holdings.requestVerification', { holdingId: holdingId!, verifierUserId: ids[people.officer.loginId]! });
    expect(asked.version).toBe(1); // asking changes no content: an open form stays current

    const detail = await app.ok('holdings.get', { holdingId: holdingId! });
    expect(detail.verificationRequest).toEqual({ requestedOfUserId: ids[people.officer.loginId], requestedOf: people.officer.displayName, requestedBy: people.clerk.displayName, requestedAt: '2026-11-22T01:00:00.000Z' });
    expect(detail.history[0]).toMatchObject({ action: 'requestVerification', userName: people.clerk.displayName, note: people.officer.displayName, version: 1 });
    const clerkHome = await homeOf(people.clerk);
    expect(clerkHome.find((c) => c.id === 'holdings.authoredByMe')).toMatchObject({ count: 2, people: [{ name: people.officer.displayName, count: 1 }] });

    const officerHome = await homeOf(people.officer);
    expect(counts(officerHome)).toMatchObject({ 'holdings.requestedOfMe': 1, 'holdings.verifiableByMe': 2 });
    expect(officerHome[0]!.id).toBe('holdings.requestedOfMe'); // requests come first
    expect(await linkedRows(officerHome, 'holdings.requestedOfMe')).toEqual(['CIT-1']);
    // Printed, the list says which condition chose its rows, in the filter bar's words.
    await reauth(app, people.officer.password);
    await app.ok('holdings.printList', { filters: { requestedOfMe: true }, target: 'pdf' });
    expect(app.printed.at(-1)!.html).toContain('あなたに照合依頼があるもの');
    // The manager may verify too, but was not asked.
    expect(counts(await homeOf(people.manager))['holdings.requestedOfMe']).toBe(0);

    await loginAs(app, chief);
    const log = await app.ok('audit.query', { action: 'holdings.requestVerification', page: 1, pageSize: 10 });
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({ actorName: people.clerk.displayName, targetType: 'holding', targetId: String(holdingId) });
    expect(log.rows[0]!.detail).toMatchObject({ ledgerNo: 'CIT-1', requestedOf: people.officer.displayName, requestedOfUserId: ids[people.officer.loginId] });

    await loginAs(app, people.officer);
    await app.ok('holdings.verify', { holdingId: holdingId!, version: 1 });
    expect(counts(await homeOf(people.officer))).toMatchObject({ 'holdings.requestedOfMe': 0, 'holdings.verifiableByMe': 1 });
    expect((await app.ok('holdings.get', { holdingId: holdingId! })).verificationRequest).toBeNull();
    expect(counts(await homeOf(people.clerk))['holdings.authoredByMe']).toBe(1);
  });

  it('refuses self, another 課等, an inactive or expired account, a role that cannot verify and an author — with a clear message, nothing written', async () => {
    await loginAs(app, chief);
    await createUser(app, { loginId: 'taxofficer', displayName: '税務 担当', role: 'officer', password: 'Initial-2026-t', departmentId: departments.tax });
    await createUser(app, { loginId: 'gone', displayName: '退職 者', role: 'officer', password: 'Initial-2026-g', departmentId: departments.citizens });
    await createUser(app, { loginId: 'expired', displayName: '期限 切', role: 'officer', password: 'Initial-2026-e', departmentId: departments.citizens, validUntil: '2026-11-21' });
    await createUser(app, { loginId: 'auditor', displayName: '監査 人', role: 'auditor', password: 'Initial-2026-u', departmentId: departments.citizens });
    const ids = await userIds();
    await reauth(app, chief.password);
    await app.ok('users.deactivate', { userId: ids.gone!, reason: '退職' });
    const [holdingId] = await drafts(people.clerk, departments.citizens, 'CIT', 1);
    // The officer edits it first: an author, so could not verify it.
    await loginAs(app, people.officer);
    await app.ok('holdings.update', { holdingId: holdingId!, version: 1, fields: holdingInput(departments.citizens, { ledgerNo: 'CIT-1', name: 'CITファイル1', owner: '補佐' }) });
    await loginAs(app, people.clerk);
    const before = await app.ok('holdings.get', { holdingId: holdingId! });

    const refusals: [number, string][] = [
      [ids[people.clerk.loginId]!, 'validation.verifierSelf'],
      // Accounts of another 課等 read as ids that do not exist (issue #9 item 13).
      [ids.taxofficer!, 'validation.verifierUnknown'],
      [ids.gone!, 'validation.verifierInactive'],
      [ids.expired!, 'validation.verifierInactive'],
      [ids.auditor!, 'validation.verifierCannotVerify'],
      [ids[people.otherClerk.loginId]!, 'validation.verifierUnknown'],
      [ids[people.officer.loginId]!, 'validation.verifierIsAuthor'],
      [99_999, 'validation.verifierUnknown'],
    ];
    for (const [verifierUserId, messageKey] of refusals) {
      const refused = await app.fail('holdings.requestVerification', { holdingId: holdingId!, verifierUserId });
      expect(refused.issues).toEqual([{ path: ['verifierUserId'], messageKey }]);
    }
    const after = await app.ok('holdings.get', { holdingId: holdingId! });
    expect(after.history).toEqual(before.history);
    expect(after.verificationRequest).toBeNull();
    // Candidates are only those main would accept.
    expect((await app.ok('holdings.verifierCandidates', { holdingId: holdingId! })).map((c) => c.displayName).sort()).toEqual([people.manager.displayName, chief.displayName].sort());

    // A clerk of another 課等 cannot see the draft, let alone ask for its 照合.
    await loginAs(app, people.otherClerk);
    expect((await app.fail('holdings.requestVerification', { holdingId: holdingId!, verifierUserId: ids.taxofficer! })).messageKey).toBe('errors.NOT_FOUND');
    expect((await app.fail('holdings.verifierCandidates', { holdingId: holdingId! })).messageKey).toBe('errors.NOT_FOUND');
    // Nor can a bad id or a hostile shape pass the boundary.
    expect((await app.fail('holdings.requestVerification', { holdingId: holdingId!, verifierUserId: '1' as never })).code).toBe('INVALID_INPUT');
    expect((await app.fail('holdings.requestVerification', { holdingId: holdingId!, verifierUserId: 1, extra: 1 } as never)).code).toBe('INVALID_INPUT');

    await loginAs(app, chief);
    expect((await app.ok('audit.query', { action: 'holdings.requestVerification', page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('is dropped when the person asked edits the entry, or the entry is retired; a verified entry cannot be asked for again', async () => {
    const ids = await userIds();
    const [first, second] = await drafts(people.clerk, departments.citizens, 'CIT', 2);
    await app.ok('holdings.requestVerification', { holdingId: first!, verifierUserId: ids[people.officer.loginId]! });
    await app.ok('holdings.requestVerification', { holdingId: second!, verifierUserId: ids[people.officer.loginId]! });
    // The clerk edits their own draft: the request stands (the officer can still verify it).
    await app.ok('holdings.update', { holdingId: first!, version: 1, fields: holdingInput(departments.citizens, { ledgerNo: 'CIT-1', name: 'CITファイル1', owner: '課長' }) });
    expect((await app.ok('holdings.get', { holdingId: first! })).verificationRequest?.requestedOf).toBe(people.officer.displayName);
    // The officer edits it: now an author, so the request is dropped.
    await loginAs(app, people.officer);
    await app.ok('holdings.update', { holdingId: first!, version: 2, fields: holdingInput(departments.citizens, { ledgerNo: 'CIT-1', name: 'CITファイル1', owner: '課長補佐' }) });
    expect((await app.ok('holdings.get', { holdingId: first! })).verificationRequest).toBeNull();
    expect(counts(await homeOf(people.officer))['holdings.requestedOfMe']).toBe(1);
    // Retiring cannot be undone: the manager does it (issue #9 item 9).
    await loginAs(app, people.manager);
    await app.ok('holdings.retire', { holdingId: second!, reason: '事務の廃止' });
    expect(counts(await homeOf(people.officer))['holdings.requestedOfMe']).toBe(0);

    await loginAs(app, people.manager);
    await app.ok('holdings.verify', { holdingId: first!, version: 3 });
    await loginAs(app, people.clerk);
    expect((await app.fail('holdings.requestVerification', { holdingId: first!, verifierUserId: ids[people.officer.loginId]! })).messageKey).toBe('errors.alreadyVerified');
  });

  it('leaves the card of a verifier moved to another 課等: requests follow the scope, not the name', async () => {
    const ids = await userIds();
    const [holdingId] = await drafts(people.clerk, departments.citizens, 'CIT', 1);
    await app.ok('holdings.requestVerification', { holdingId: holdingId!, verifierUserId: ids[people.officer.loginId]! });
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('users.update', { userId: ids[people.officer.loginId]!, departmentId: departments.tax });
    const moved = await homeOf(people.officer);
    expect(counts(moved)).toMatchObject({ 'holdings.requestedOfMe': 0, 'holdings.verifiableByMe': 0 });
    expect((await app.ok('holdings.list', { requestedOfMe: true, pageSize: 50 })).total).toBe(0);
    // The author asks someone who is still there. Someone now of another 課等 reads as unknown:
    // an account of another 課等 is never described to a clerk (issue #9 item 13).
    await loginAs(app, people.clerk);
    expect((await app.fail('holdings.requestVerification', { holdingId: holdingId!, verifierUserId: ids[people.officer.loginId]! })).issues?.[0]?.messageKey).toBe('validation.verifierUnknown');
    await app.ok('holdings.requestVerification', { holdingId: holdingId!, verifierUserId: ids[people.manager.loginId]! });
    expect((await app.ok('holdings.get', { holdingId: holdingId! })).verificationRequest?.requestedOf).toBe(people.manager.displayName);
    expect(counts(await homeOf(people.manager))['holdings.requestedOfMe']).toBe(1);
  });
});
