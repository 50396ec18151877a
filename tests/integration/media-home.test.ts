import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../db/contract';
import { chief, reauth, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput, registerMedium } from './support/media';

/**
 * 媒体管理台帳 on the home dashboard (issue #10 item 4): overdue take-outs, requests awaiting a
 * manager who is not the requester, missing media, media unseen for longer than 設定's
 * inventory interval. Each card counts in the reader's 課等 scope (MIC §9) and its link opens
 * the register or the 持出管理簿 with filters whose total is the card's count.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const hour = 3_600_000;
type Cards = ChannelOutput<'home.cards'>['cards'];
type Person = { loginId: string; password: string };

const medium = async (mediaNo: string, overrides: Partial<ChannelInput<'media.create'>> = {}): Promise<number> =>
  (await registerMedium(app, chief, mediumInput(departments.citizens, { mediaNo, ...overrides }))).id;

async function requestAs(person: Person, mediumId: number, dueBack = '2026-11-24'): Promise<number> {
  await loginAs(app, person);
  const t = await app.ok('media.takeout.request', {
    mediumId, purpose: '説明会', destination: '県庁', contentsSummary: '説明資料', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack,
  });
  return t.id;
}

/** Requested by the clerk, approved by the manager, taken out. */
async function takenOut(mediumId: number, dueBack: string): Promise<number> {
  const id = await requestAs(people.clerk, mediumId, dueBack);
  await loginAs(app, people.manager);
  await app.ok('media.takeout.approve', { takeoutId: id });
  await loginAs(app, people.clerk);
  await app.ok('media.takeout.checkOut', { takeoutId: id });
  return id;
}

async function cardsOf(person: Person): Promise<Cards> {
  await loginAs(app, person);
  return (await app.ok('home.cards')).cards;
}

const card = (cards: Cards, id: string) => cards.find((c) => c.id === id);

/** The list the card links to, as the same (logged-in) reader: its total must be the card's count. */
async function linkedTotal(cards: Cards, id: string): Promise<number> {
  const c = card(cards, id)!;
  expect(c.link.screen).toBe('media');
  const filters = c.link.filters as Record<string, never>;
  const page = c.link.tab === 'takeouts' ? await app.ok('media.takeout.list', { ...filters, pageSize: 200 }) : await app.ok('media.list', { ...filters, pageSize: 200 });
  expect(page.total).toBe(c.count);
  return page.total;
}

describe('media home cards: overdue take-outs in the organisation\'s calendar', () => {
  it('counts an out take-out as overdue from the Tokyo day after its due date, and the link opens the 持出管理簿 filtered to it', async () => {
    const due = await medium('USB-001');
    const later = await medium('USB-002');
    await takenOut(due, '2026-11-22');
    await takenOut(later, '2026-11-23');
    // 2026-11-22 10:00 in Tokyo: due today is not overdue.
    expect(card(await cardsOf(people.clerk), 'media.overdue')?.count).toBe(0);
    // 2026-11-22T15:00Z: still the 22nd in UTC, already the 23rd in Tokyo.
    app.clock.advance(14 * hour);
    const clerk = await cardsOf(people.clerk);
    expect(card(clerk, 'media.overdue')).toMatchObject({ severity: 'action', count: 1, link: { screen: 'media', tab: 'takeouts', filters: { overdue: true } } });
    expect(await linkedTotal(clerk, 'media.overdue')).toBe(1);
    // Another 課等's clerk sees none of 市民課's take-outs; the chief sees them all.
    expect(card(await cardsOf(people.otherClerk), 'media.overdue')?.count).toBe(0);
    expect(await linkedTotal(await cardsOf(people.otherClerk), 'media.overdue')).toBe(0);
    app.clock.advance(24 * hour);
    const whole = await cardsOf(chief);
    expect(card(whole, 'media.overdue')?.count).toBe(2);
    expect(await linkedTotal(whole, 'media.overdue')).toBe(2);
  });
});

describe('media home cards: approvals, separated from the request (MIC §12-2)', () => {
  it('shows a manager the requests of others only, and never to a clerk', async () => {
    const a = await medium('USB-001');
    const b = await medium('USB-002');
    await requestAs(people.clerk, a);
    await requestAs(people.manager, b);
    const manager = await cardsOf(people.manager);
    // Their own request is not theirs to decide.
    expect(card(manager, 'media.awaitingDecision')).toMatchObject({ count: 1, link: { tab: 'takeouts', filters: { awaitingMyDecision: true } } });
    const listed = await app.ok('media.takeout.list', { awaitingMyDecision: true });
    expect(listed.rows.map((r) => r.mediaNo)).toEqual(['USB-001']);
    expect(await linkedTotal(manager, 'media.awaitingDecision')).toBe(1);
    // The chief may decide both; a clerk has no media.approve and no card.
    expect(card(await cardsOf(chief), 'media.awaitingDecision')?.count).toBe(2);
    expect(card(await cardsOf(people.clerk), 'media.awaitingDecision')).toBeUndefined();
  });
});

describe('media home cards: missing and unseen media', () => {
  it('counts 所在不明 media in the reader\'s 課等 for who runs the inventory, and links to the register filtered by status', async () => {
    const lost = await medium('USB-001');
    const taxLost = await medium('TAX-001', { departmentId: departments.tax });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE media SET status = 'missing' WHERE id IN (?, ?)").run(lost, taxLost));
    const officer = await cardsOf(people.officer);
    expect(card(officer, 'media.missing')).toMatchObject({ severity: 'action', count: 1, link: { filters: { status: 'missing' } } });
    expect(await linkedTotal(officer, 'media.missing')).toBe(1);
    expect(await linkedTotal(await cardsOf(chief), 'media.missing')).toBe(2);
    // A clerk does not run the inventory: the take-outs are their card, not this one.
    expect((await cardsOf(people.clerk)).map((c) => c.id).filter((id) => id.startsWith('media.'))).toEqual(['media.overdue']);
  });

  it('counts media in storage unseen for longer than the inventory interval (registration day when never seen), and follows the setting', async () => {
    // Today is 2026-11-22 in Tokyo; the default interval is 365 days: the cutoff is 2025-11-22.
    const old = await medium('USB-001', { registeredAt: '2025-11-21' });
    await medium('USB-002', { registeredAt: '2025-11-22' });
    const seen = await medium('USB-003', { registeredAt: '2024-04-01' });
    await medium('USB-004', { registeredAt: '2026-06-01' });
    await medium('TAX-001', { registeredAt: '2020-04-01', departmentId: departments.tax });
    await editBehindTheApp(app, (db) => db.prepare("UPDATE media SET last_seen_at = '2026-10-01' WHERE id = ?").run(seen));
    expect((await app.ok('settings.get')).mediaInventoryIntervalDays).toBe(365);
    const officer = await cardsOf(people.officer);
    expect(card(officer, 'media.unseen')).toMatchObject({ severity: 'warning', count: 1, link: { filters: { status: 'in_storage', unseenSince: '2025-11-22' } } });
    expect((await app.ok('media.list', { status: 'in_storage', unseenSince: '2025-11-22' })).rows.map((r) => r.id)).toEqual([old]);
    expect(await linkedTotal(officer, 'media.unseen')).toBe(1);
    // The chief sees the 税務課 one too.
    expect(await linkedTotal(await cardsOf(chief), 'media.unseen')).toBe(2);

    // A shorter interval (a tighter guard) needs no reason: 200 days → cutoff 2026-05-06.
    await app.ok('settings.update', { mediaInventoryIntervalDays: 200 });
    const tighter = await cardsOf(people.officer);
    expect(card(tighter, 'media.unseen')?.link.filters).toMatchObject({ unseenSince: '2026-05-06' });
    expect(await linkedTotal(tighter, 'media.unseen')).toBe(2);
    // A checked-out medium is not in storage: not counted as unseen.
    await takenOut(old, '2026-11-30');
    expect(card(await cardsOf(people.officer), 'media.unseen')?.count).toBe(1);
  });

  it('treats a longer inventory interval as loosening a guard (MIC §42): a reason and the password again, else nothing changes', async () => {
    await loginAs(app, chief);
    await app.ok('settings.update', { mediaInventoryIntervalDays: 90 });
    const refused = await app.fail('settings.update', { mediaInventoryIntervalDays: 180 });
    expect(refused.issues).toEqual([{ path: ['reason'], messageKey: 'validation.weakeningReason' }]);
    expect((await app.fail('settings.update', { mediaInventoryIntervalDays: 180, reason: '点検体制の見直し' })).code).toBe('REAUTH_REQUIRED');
    expect((await app.ok('settings.get')).mediaInventoryIntervalDays).toBe(90);
    // Longer than a year, or shorter than a week, is not offered at all.
    expect((await app.fail('settings.update', { mediaInventoryIntervalDays: 366, reason: 'x' })).issues?.[0]).toMatchObject({ path: ['mediaInventoryIntervalDays'], messageKey: 'validation.tooLarge' });
    expect((await app.fail('settings.update', { mediaInventoryIntervalDays: 6 })).issues?.[0]).toMatchObject({ path: ['mediaInventoryIntervalDays'], messageKey: 'validation.tooSmall' });
    await reauth(app, chief.password);
    await app.ok('settings.update', { mediaInventoryIntervalDays: 180, reason: '点検体制の見直し' });
    const event = (await app.ok('audit.query', { action: 'settings.update', pageSize: 10 })).rows[0]!;
    expect(event.detail).toMatchObject({ weakened: ['mediaInventoryIntervalDays'], reason: '点検体制の見直し', before: { mediaInventoryIntervalDays: 90 }, after: { mediaInventoryIntervalDays: 180 } });
  });
});

describe('media list filters: bad input changes nothing', () => {
  it('refuses a malformed unseenSince day or an unknown filter in Japanese terms', async () => {
    await loginAs(app, people.clerk);
    expect((await app.fail('media.list', { unseenSince: '2026-13-01' } as never)).issues?.[0]?.path).toEqual(['unseenSince']);
    expect((await app.fail('media.takeout.list', { awaitingMyDecision: 'yes' } as never)).issues?.[0]?.path).toEqual(['awaitingMyDecision']);
  });
});
