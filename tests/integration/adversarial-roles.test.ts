import { describe, expect, it } from 'vitest';
import { chief, createUser, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Issue #9 items 9 and 14: what a clerk may not end alone, what a kept 照合 says about
 * itself, and one person holding two accounts.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

async function lastEvent(): Promise<{ action: string; detail: Record<string, unknown> }> {
  const page = await app.ok('audit.query', { pageSize: 10 });
  const row = page.rows.find((r) => !r.action.startsWith('audit.') && !r.action.startsWith('auth.'))!;
  return { action: row.action, detail: row.detail };
}

async function verifiedHolding(): Promise<number> {
  await loginAs(app, people.clerk);
  const h = await app.ok('holdings.create', holdingInput(d.citizens));
  await loginAs(app, people.officer);
  await app.ok('holdings.verify', { holdingId: h.id, version: 1 });
  return h.id;
}

describe('retiring a holding (item 9)', () => {
  it('refuses a clerk retiring a verified holding, and leaves it verified with nothing logged', async () => {
    const id = await verifiedHolding();
    await loginAs(app, people.clerk);
    const refused = await app.fail('holdings.retire', { holdingId: id, reason: '事務終了' });
    expect(refused).toMatchObject({ code: 'PERMISSION_DENIED' });
    const detail = await app.ok('holdings.get', { holdingId: id });
    expect(detail.holding.status).toBe('verified');
    await loginAs(app, people.manager);
    const page = await app.ok('audit.query', { pageSize: 50 });
    expect(page.rows.filter((r) => r.action === 'holdings.retire')).toEqual([]);
  });

  it('refuses a clerk or an officer retiring even a draft; a manager retires it', async () => {
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(d.citizens));
    expect(await app.fail('holdings.retire', { holdingId: h.id, reason: '終了' })).toMatchObject({ code: 'PERMISSION_DENIED' });
    await loginAs(app, people.officer);
    expect(await app.fail('holdings.retire', { holdingId: h.id, reason: '終了' })).toMatchObject({ code: 'PERMISSION_DENIED' });
    await loginAs(app, people.manager);
    const retired = await app.ok('holdings.retire', { holdingId: h.id, reason: '終了' });
    expect(retired.status).toBe('retired');
  });

  it('says in the history and the log that a category decision or a review keeps the 照合, and why', async () => {
    const id = await verifiedHolding();
    await loginAs(app, people.manager);
    await app.ok('holdings.decideCategory', { holdingId: id, category: 'B', reason: '理由' });
    expect(await lastEvent()).toMatchObject({ action: 'holdings.categorize', detail: { verification: 'kept', verificationBasis: 'contentUnchanged' } });
    await loginAs(app, people.clerk);
    await app.ok('holdings.markReviewed', { holdingId: id });
    await loginAs(app, people.manager);
    expect(await lastEvent()).toMatchObject({ action: 'holdings.review', detail: { verification: 'kept', verificationBasis: 'contentUnchanged' } });
    const detail = await app.ok('holdings.get', { holdingId: id });
    expect(detail.holding.status).toBe('verified');
    const [review, categorize] = detail.history;
    expect(review!.changes).toContainEqual({ field: 'verification', before: 'verified', after: 'keptContentUnchanged' });
    expect(categorize!.changes).toContainEqual({ field: 'verification', before: 'verified', after: 'keptContentUnchanged' });
  });

  it('says nothing of a 照合 on a draft', async () => {
    await loginAs(app, people.manager);
    const h = await app.ok('holdings.create', holdingInput(d.citizens));
    await app.ok('holdings.decideCategory', { holdingId: h.id, category: 'B', reason: '理由' });
    expect((await lastEvent()).detail).toMatchObject({ verification: 'none' });
    const detail = await app.ok('holdings.get', { holdingId: h.id });
    expect(detail.history[0]!.changes.map((c) => c.field)).not.toContain('verification');
  });
});

describe('one person, two accounts (item 14)', () => {
  it('flags two active accounts with the same display name (NFKC, spaces ignored) in the account review', async () => {
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    await createUser(app, { loginId: 'sato2', displayName: '佐藤一郎', role: 'officer', password: 'Second-2026-pw' });
    await createUser(app, { loginId: 'sato3', displayName: 'ｻﾄｳ', role: 'clerk', password: 'Third-2026-pw-x' });
    const rows = await app.ok('users.accountReview', {});
    const flagged = rows.filter((r) => r.flags.includes('sameName')).map((r) => r.loginId).sort();
    expect(flagged).toEqual(['sato', 'sato2']);
  });

  it('records the warning in the log when an account is created with an active namesake, and not otherwise', async () => {
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    await createUser(app, { loginId: 'sato2', displayName: '佐藤　一郎', role: 'officer', password: 'Second-2026-pw' });
    const created = await lastEvent();
    expect(created).toMatchObject({ action: 'user.create', detail: { warning: 'sameDisplayName' } });
    expect(created.detail['namesakes']).toEqual([{ loginId: 'sato', displayName: chief.displayName }]);
    await createUser(app, { loginId: 'other', displayName: '別人 太郎', role: 'clerk', password: 'Betsu-2026-pw-x' });
    expect((await lastEvent()).detail).not.toHaveProperty('warning');
    // Renaming an account onto an active one's name is warned the same way.
    const other = (await app.ok('users.list', {})).find((u) => u.loginId === 'other')!;
    await app.ok('users.update', { userId: other.id, displayName: '佐藤一郎' });
    expect(await lastEvent()).toMatchObject({ action: 'user.update', detail: { warning: 'sameDisplayName' } });
  });
});
