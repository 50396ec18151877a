import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { dayStartMs, localDateIn } from '../../db/contract/timeZone';
import { chief, createUser, reauth, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Writes as a careless clerk or a hostile renderer makes them: failures that must leave
 * nothing behind, successes that leave exactly one access-log event, calls that race, and
 * the organisation's time zone changed under the ledger.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

const asChief = () => loginAs(app, { loginId: chief.loginId, password: chief.password });
// A new zone moves every business date, so it takes the password again and a reason (settingsPolicy.ts).
async function setZone(timeZone: string): Promise<void> {
  await reauth(app, chief.password);
  await app.ok('settings.update', { timeZone, reason: '時刻帯の確認' });
}

/**
 * Access-log events since the last call (the audited read that counts is itself one, left out).
 * By seq, not by total: a manager's total counts only their 課等's events (issue #9 item 3).
 */
async function eventCounter(): Promise<() => Promise<{ action: string; detail: Record<string, unknown> }[]>> {
  let seen = ((await app.ok('audit.query', { pageSize: 1 })).rows[0]?.seq ?? 0) + 1;
  return async () => {
    const page = await app.ok('audit.query', { pageSize: 50 });
    const fresh = page.rows.filter((r) => r.seq > seen).map((r) => ({ action: r.action, detail: r.detail }));
    seen = (page.rows[0]?.seq ?? 0) + 1;
    return fresh;
  };
}

describe('writes and the access log', () => {
  it('logs each successful write once, with its detail, and nothing for a save that changes nothing', async () => {
    await loginAs(app, people.officer);
    const h = await app.ok('holdings.create', holdingInput(d.citizens));
    await loginAs(app, people.manager);
    const since = await eventCounter();
    const steps: [string, () => Promise<unknown>, Record<string, unknown>][] = [
      ['holdings.verify', () => app.ok('holdings.verify', { holdingId: h.id, version: 1 }), { version: 2 }],
      ['holdings.categorize', () => app.ok('holdings.decideCategory', { holdingId: h.id, category: 'B', reason: '理由' }), { reason: '理由' }],
      ['holdings.review', () => app.ok('holdings.markReviewed', { holdingId: h.id }), { ledgerNo: 'R8-0001' }],
      ['holdings.usage.add', () => app.ok('holdings.usage.add', { holdingId: h.id, kind: 'use', usedOn: '2026-11-21', personName: '山田', purpose: '照会' }), { kind: 'use' }],
      ['holdings.update', () => app.ok('holdings.update', { holdingId: h.id, version: 4, fields: holdingInput(d.citizens, { owner: '新課長' }) }), { version: 5, wasVerified: true, changes: [{ field: 'owner', before: '市民課長', after: '新課長' }] }],
      ['holdings.retire', () => app.ok('holdings.retire', { holdingId: h.id, reason: '事務終了' }), { reason: '事務終了' }],
      ['holdings.create', () => app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0002' })), { ledgerNo: 'R8-0002' }],
    ];
    for (const [action, write, detail] of steps) {
      await write();
      expect(await since(), action).toEqual([{ action, detail: expect.objectContaining(detail) }]);
    }
    const same = await app.ok('holdings.update', { holdingId: 2, version: 1, fields: holdingInput(d.citizens, { ledgerNo: 'R8-0002' }) });
    expect(same.version).toBe(1);
    expect(await since()).toEqual([]);
  });

  it('leaves no row, history, search entry, event or keyring change behind a refused write', async () => {
    await loginAs(app, people.manager);
    const h = await app.ok('holdings.create', holdingInput(d.citizens));
    await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0002' }));
    const closed = await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0003' }));
    await app.ok('holdings.retire', { holdingId: closed.id, reason: '終了' });
    const since = await eventCounter();
    const marked = (over: Partial<ChannelInput<'holdings.create'>>) => holdingInput(d.citizens, { name: '唯一語彙ファイル', ...over });
    const refused: [unknown, string][] = [
      [await app.fail('holdings.update', { holdingId: h.id, version: 1, fields: marked({ ledgerNo: 'R8-0002' }) }), 'validation.ledgerNoTaken'],
      [await app.fail('holdings.update', { holdingId: h.id, version: 2, fields: marked({}) }), 'errors.staleVersion'],
      [await app.fail('holdings.update', { holdingId: h.id, version: 1, fields: marked({ departmentId: d.tax }) }), 'validation.otherDepartment'],
      [await app.fail('holdings.update', { holdingId: h.id, version: 1, fields: marked({ useUntil: '2030-01-01', retention: '2029-01-01' }) }), 'validation.dateRangeOrder'],
      [await app.fail('holdings.verify', { holdingId: h.id, version: 1 }), 'errors.separationOfDuties.author-verifier'],
      [await app.fail('holdings.update', { holdingId: closed.id, version: 2, fields: marked({ ledgerNo: 'R8-0003' }) }), 'errors.holdingClosed'],
      [await app.fail('holdings.decideCategory', { holdingId: closed.id, category: 'A', reason: '理由' }), 'errors.holdingClosed'],
      [await app.fail('holdings.create', marked({ ledgerNo: 'R8-0002' })), 'validation.ledgerNoTaken'],
    ];
    for (const [failure, key] of refused) expect(JSON.stringify(failure)).toContain(key);
    expect(await since()).toEqual([]);
    expect((await app.ok('holdings.list', { text: '唯一語彙' })).total).toBe(0);
    const { holding, history } = await app.ok('holdings.get', { holdingId: h.id });
    expect([holding.version, holding.name, history.length]).toEqual([1, '住民基本台帳ファイル', 1]);
    expect((await app.ok('holdings.list', {})).total).toBe(3);
    // An account write refused after its slot was sealed: keyring.json is as it was.
    await asChief();
    const keyring = readFileSync(path.join(app.dir, 'keyring.json'));
    await expect(createUser(app, { loginId: people.clerk.loginId, displayName: '重複', role: 'clerk', password: 'Another-2026-pw' }, chief.password)).rejects.toThrow(/users.create failed/);
    expect(readFileSync(path.join(app.dir, 'keyring.json')).equals(keyring)).toBe(true);
  });
});

describe('calls that race', () => {
  it('lets one of two saves of the same version win, and one of two 照合', async () => {
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(d.citizens));
    const save = (owner: string) => app.call('holdings.update', { holdingId: h.id, version: 1, fields: holdingInput(d.citizens, { owner }) });
    const saves = await Promise.all([save('甲'), save('乙'), save('丙')]);
    expect(saves.map((r) => (r.ok ? r.data.owner : r.messageKey))).toEqual(['甲', 'errors.staleVersion', 'errors.staleVersion']);
    await loginAs(app, people.officer);
    const verify = () => app.call('holdings.verify', { holdingId: h.id, version: 2 });
    const edit = () => app.call('holdings.update', { holdingId: h.id, version: 2, fields: holdingInput(d.citizens, { owner: '丁' }) });
    const [v1, v2, e] = await Promise.all([verify(), verify(), edit()]);
    expect([v1.ok, v2.ok ? 'ok' : v2.messageKey, e.ok ? 'ok' : e.messageKey]).toEqual([true, 'errors.staleVersion', 'errors.staleVersion']);
    const { holding, history } = await app.ok('holdings.get', { holdingId: h.id });
    expect([holding.status, holding.owner, history.map((x) => x.action)]).toEqual(['verified', '甲', ['verify', 'update', 'create']]);
  });
});

describe('the organisation’s time zone', () => {
  it('is the chief’s to change, to a real IANA zone only, with before and after in the access log', async () => {
    await loginAs(app, people.manager);
    expect((await app.fail('settings.update', { timeZone: 'UTC' })).code).toBe('PERMISSION_DENIED');
    await asChief();
    for (const zone of ['Asia/Tokyo; DROP TABLE settings', '../../etc/passwd', 'Asia/Tokyo\n', '+09:00', 'Mars/Olympus', `Asia/${'x'.repeat(60)}`, '', 9, null]) {
      expect((await app.fail('settings.update', { timeZone: zone } as never)).code, String(zone)).toBe('INVALID_INPUT');
    }
    // A new zone moves every business date: it needs a reason and the password (settingsPolicy.ts).
    await reauth(app, chief.password);
    const reason = '庁舎移転に伴う設定';
    for (const zone of ['Etc/GMT-9', 'America/Argentina/Buenos_Aires', 'UTC']) expect((await app.ok('settings.update', { timeZone: zone, reason })).timeZone).toBe(zone);
    expect((await app.ok('session.current'))?.timeZone).toBe('UTC');
    const log = await app.ok('audit.query', { action: 'settings.update', pageSize: 3 });
    // Another letter case of a zone is stored as IANA spells it.
    await app.ok('settings.update', { timeZone: 'asia/TOKYO', reason });
    expect((await app.ok('settings.get')).timeZone).toBe('Asia/Tokyo');
    expect(log.rows.map((r) => r.detail)).toEqual([
      { before: { timeZone: 'America/Argentina/Buenos_Aires' }, after: { timeZone: 'UTC' }, weakened: ['timeZone'], reason },
      { before: { timeZone: 'Etc/GMT-9' }, after: { timeZone: 'America/Argentina/Buenos_Aires' }, weakened: ['timeZone'], reason },
      { before: { timeZone: 'Asia/Tokyo' }, after: { timeZone: 'Etc/GMT-9' }, weakened: ['timeZone'], reason },
    ]);
  });

  it('moves printed dates, CSV dates, the access-log day filter and review due with the zone', async () => {
    app.clock.advance(14.5 * 3600_000); // 2026-11-22T15:30Z: 23 November in Tokyo, still the 22nd in UTC
    const observe = async () => {
      await loginAs(app, people.manager);
      await app.ok('holdings.printSheet', { holdingId: 1, target: 'printer' });
      app.saveAnswer.path = path.join(app.outDir, `${app.printed.length}.csv`);
      await reauth(app, people.manager.password);
      await app.ok('holdings.exportCsv', { filters: {} });
      const cells = readFileSync(app.saveAnswer.path, 'utf8').trim().split('\r\n')[1]!.split(',');
      const onDay = async (day: string) => (await app.ok('audit.query', { action: 'holdings.review', from: day, to: day })).total;
      return { printed: /2026年11月2\d日/.exec(app.printed.at(-1)!.html)?.[0], reviewed: cells.at(-1), on22: await onDay('2026-11-22'), on23: await onDay('2026-11-23') };
    };
    await loginAs(app, people.officer);
    await app.ok('holdings.create', holdingInput(d.citizens));
    await loginAs(app, people.manager);
    await app.ok('holdings.verify', { holdingId: 1, version: 1 });
    await app.ok('holdings.markReviewed', { holdingId: 1 });
    expect(await observe()).toEqual({ printed: '2026年11月23日', reviewed: '2026-11-23', on22: 0, on23: 1 });
    await asChief();
    await setZone('UTC');
    expect(await observe()).toEqual({ printed: '2026年11月22日', reviewed: '2026-11-22', on22: 1, on23: 0 });
    // A year on, at 2027-11-23T01:00Z: due in UTC (not reviewed since 23 Nov 2026), not yet in Tokyo.
    app.clock.advance(365 * 86_400_000 + 9.5 * 3600_000);
    const due = async () => (await app.ok('holdings.list', { reviewDue: true })).rows.map((r) => r.reviewDue);
    await loginAs(app, people.manager);
    expect(await due()).toEqual([true]);
    await asChief();
    await setZone('Asia/Tokyo');
    await loginAs(app, people.manager);
    expect(await due()).toEqual([]);
  });

  it('keeps every event in its own day where the clocks jump over midnight (America/Santiago)', async () => {
    await asChief();
    await setZone('America/Santiago');
    await loginAs(app, people.manager);
    // 2027-09-05T03:30Z is 23:30 on 4 September there; at 04:00Z the clocks go from 24:00 to 01:00.
    app.clock.advance(Date.parse('2027-09-05T03:30:00Z') - app.clock.now());
    await app.ok('holdings.create', holdingInput(d.citizens));
    const count = async (from: string, to: string) => (await app.ok('audit.query', { action: 'holdings.create', from, to })).total;
    expect([await count('2027-09-04', '2027-09-04'), await count('2027-09-05', '2027-09-05')]).toEqual([1, 0]);
  });

  it('begins every day at its first instant, also where the clocks jump over midnight or skip a day', () => {
    const wrong: string[] = [];
    for (const zone of ['Asia/Tokyo', 'UTC', 'America/Santiago', 'America/Havana', 'America/Sao_Paulo', 'Asia/Beirut', 'Europe/London']) {
      for (let t = Date.UTC(2018, 0, 1); t < Date.UTC(2020, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const start = dayStartMs(day, zone);
        if (localDateIn(start, zone) !== day || localDateIn(start - 1, zone) === day) wrong.push(`${zone} ${day}`);
      }
    }
    expect(wrong).toEqual([]);
    // Apia skipped 30 December 2011: that day is empty, between the 29th and the 31st.
    expect(dayStartMs('2011-12-30', 'Pacific/Apia')).toBe(dayStartMs('2011-12-31', 'Pacific/Apia'));
    expect(localDateIn(dayStartMs('2011-12-30', 'Pacific/Apia') - 1, 'Pacific/Apia')).toBe('2011-12-29');
  });
});
