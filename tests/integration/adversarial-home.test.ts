import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { chief, reauth, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Adversarial pass on the home dashboard and 照合依頼 (issue #7): a clerk of another 課等
 * calling the channels with any id and any filters, and a request outliving the change
 * that should settle it.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

async function userIds(): Promise<Record<string, number>> {
  await loginAs(app, chief);
  return Object.fromEntries((await app.ok('users.list', { includeInactive: true })).map((u) => [u.loginId, u.id]));
}

/** A draft of 市民課 by its clerk, with its 照合 asked of its officer. */
async function requestedDraft(ids: Record<string, number>): Promise<number> {
  await loginAs(app, people.clerk);
  const h = await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'CIT-1', name: '市民課の台帳' }));
  await app.ok('holdings.requestVerification', { holdingId: h.id, verifierUserId: ids[people.officer.loginId]! });
  return h.id;
}

describe('照合依頼 across 課等', () => {
  it('refuses a clerk of another 課等 a request and the candidates for a record not theirs, writing nothing', async () => {
    const ids = await userIds();
    const holdingId = await requestedDraft(ids);
    await loginAs(app, people.otherClerk);
    const before = (await app.ok('home.cards')).cards;
    const refusals = [
      await app.fail('holdings.requestVerification', { holdingId, verifierUserId: ids[people.manager.loginId]! }),
      await app.fail('holdings.verifierCandidates', { holdingId }),
    ];
    for (const r of refusals) expect(r).toEqual({ ok: false, code: 'NOT_FOUND', messageKey: 'errors.NOT_FOUND' });
    expect((await app.ok('home.cards')).cards).toEqual(before);
    await loginAs(app, people.clerk);
    const detail = await app.ok('holdings.get', { holdingId });
    expect(detail.verificationRequest?.requestedOf).toBe(people.officer.displayName);
    expect(detail.history.map((h) => h.action)).toEqual(['requestVerification', 'create']);
  });

  it('drops the request when the record moves to a 課等 the person asked cannot see (MIC §9)', async () => {
    const ids = await userIds();
    const holdingId = await requestedDraft(ids);
    await loginAs(app, chief);
    const h = (await app.ok('holdings.get', { holdingId })).holding;
    await app.ok('holdings.update', { holdingId, version: h.version, fields: holdingInput(departments.tax, { ledgerNo: 'CIT-1', name: '市民課の台帳' }) });
    // 税務課 sees the draft with no request of someone who could never open it …
    await loginAs(app, people.otherClerk);
    expect((await app.ok('holdings.get', { holdingId })).verificationRequest).toBeNull();
    const card = (await app.ok('home.cards')).cards.find((c) => c.id === 'holdings.authoredByMe');
    expect(card?.people ?? []).toEqual([]);
    // … and moved back, it does not come back to the officer as if still asked.
    await loginAs(app, chief);
    const moved = (await app.ok('holdings.get', { holdingId })).holding;
    await app.ok('holdings.update', { holdingId, version: moved.version, fields: holdingInput(departments.citizens, { ledgerNo: 'CIT-1', name: '市民課の台帳' }) });
    await loginAs(app, people.officer);
    expect((await app.ok('home.cards')).cards.find((c) => c.id === 'holdings.requestedOfMe')!.count).toBe(0);
  });
});

describe('the home lists for a clerk of another 課等', () => {
  it('never return a row outside their 課等, whatever filters, search or output they are combined with', async () => {
    const ids = await userIds();
    await requestedDraft(ids);
    await loginAs(app, people.otherClerk);
    await app.ok('holdings.create', holdingInput(departments.tax, { ledgerNo: 'TAX-1', name: '税務課の台帳' }));
    const homeFilters: Partial<ChannelInput<'holdings.list'>>[] = [
      { verifiableByMe: true },
      { verifiableByMe: false },
      { requestedOfMe: true },
      { requestedOfMe: false },
      { authoredByMe: true },
      { authoredByMe: false },
      { held: true },
      { held: false },
    ];
    const others: Partial<ChannelInput<'holdings.list'>>[] = [{}, { departmentId: departments.citizens }, { text: '台帳' }, { text: '市民課' }, { status: 'draft', category: 'undecided' }];
    for (const f of homeFilters) {
      for (const o of others) {
        const input = { ...f, ...o, pageSize: 200 } as ChannelInput<'holdings.list'>;
        const page = await app.ok('holdings.list', input);
        expect(page.rows.map((r) => r.ledgerNo).filter((n) => n !== 'TAX-1'), JSON.stringify(input)).toEqual([]);
        expect(page.total, JSON.stringify(input)).toBe(page.rows.length);
      }
    }
    // The CSV of the same filters, too.
    await reauth(app, people.otherClerk.password);
    app.saveAnswer.path = path.join(app.outDir, 'list.csv');
    await app.ok('holdings.exportCsv', { filters: { requestedOfMe: false, departmentId: departments.citizens } } as ChannelInput<'holdings.exportCsv'>);
    expect(readFileSync(app.saveAnswer.path, 'utf8')).not.toContain('市民課の台帳');
    // Counts are a channel too: the home shows 税務課's one draft only.
    const cards = Object.fromEntries((await app.ok('home.cards')).cards.map((c) => [c.id, c.count]));
    expect(cards).toEqual({ 'holdings.authoredByMe': 1, 'holdings.reviewDue': 0, 'media.overdue': 0, 'areas.openPastDay': 0 });
  });
});
