import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, PageCursor } from '../../db/contract';
import { parseCsv } from '../../db/ledger/csv/decode';
import { chief, reauth } from './support/backend';
import { areasAppPerTest, authorize, createArea, moveClockTo, type AreasTest } from './support/areas';
import { bookScene, jst, moreOutsiders, recordRounds, serverRoomWithVisitors, type Visit } from './support/areaBook';
import { lines, makeTaxManager, taxManager } from './support/auditWords';
import { loginAs, people } from './support/holdings';

/**
 * The 入退室管理簿 attacked (issue #12 item 6; MIC §9, §22, §35): another 課等's visits sought
 * through every filter, cursor and output; an area handed to another 課等 (whose book is whose);
 * crafted keyset cursors; the organisation's day and month at their edges, in Tokyo and in the
 * zones furthest from UTC; a month that is a typing slip; formulas and markup typed at the door;
 * what the access log says of a print, a CSV and a page of the list; paging while the door keeps
 * writing; what the paper says of an exception and a day's close; re-authentication on every output.
 */
let t: AreasTest;
areasAppPerTest((test) => (t = test));

type ListInput = ChannelInput<'areas.visits.list'>;

async function listIds(input: Partial<ListInput>): Promise<number[]> {
  const page = await t.app.ok('areas.visits.list', { direction: 'asc', pageSize: 200, ...input });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.id);
}

async function exportCsv(name: string, input: Partial<ChannelInput<'areas.visits.exportCsv'>>): Promise<string[][]> {
  t.app.saveAnswer.path = path.join(t.app.outDir, name);
  await t.app.ok('areas.visits.exportCsv', { filters: {}, ...input });
  return parseCsv(readFileSync(t.app.saveAnswer.path, 'utf8').replace(/^\uFEFF/, ''));
}

/** The HTML of a book as it went to the printer (the words are checked on paper by areas-book-print.test.ts). */
async function bookHtml(input: Omit<ChannelInput<'areas.visits.printBook'>, 'target'>): Promise<string> {
  await t.app.ok('areas.visits.printBook', { ...input, target: 'printer' });
  return t.app.printed.at(-1)!.html;
}

/** 税務課's archive (made by the chief) with one visit 加藤 (税務課's clerk) records at its door; 加藤 left logged in. */
async function taxArchive() {
  const area = await createArea(t.app, { departmentId: t.tax, name: '税務書庫', kind: 'archive', escortRequired: false, devicesIn: 'allowed', devicesOut: 'allowed' }, chief);
  const personId = (await authorize(t.app, { kind: 'new', outsider: moreOutsiders[0]! }, [area.id], { departmentId: t.tax, validFrom: '2026-11-01' }, chief)).personId;
  await loginAs(t.app, people.otherClerk);
  const visit = await t.app.ok('areas.visits.checkIn', { areaId: area.id, person: { kind: 'known', personId }, purpose: '申告書の搬入', enteredAt: jst('2026-11-21', '11:00') });
  return { areaId: area.id, visit };
}

describe('another 課等 sought through filters, cursors and outputs (MIC §9)', () => {
  it('gives a 税務課 clerk nothing of 市民課 by area, person, 課等, status or cursor, on screen, in the CSV or on paper', async () => {
    const s = await bookScene(t.app, t.cast);
    const tax = await taxArchive();
    const foreign: Partial<ListInput>[] = [
      { areaId: s.serverRoom },
      { personId: s.yamada },
      { departmentId: t.citizens },
      { departmentId: t.citizens, areaId: tax.areaId },
      { status: 'inside', areaId: s.archive },
      { exceptionsOnly: true },
    ];
    for (const filters of foreign) expect(await listIds(filters), JSON.stringify(filters)).toEqual([]);
    expect(await listIds({ openBeforeToday: true })).toEqual([tax.visit.id]);
    // A cursor aimed at a 市民課 visit, a key of another type, a huge id, the last page: still only 税務課's.
    const cursors: (PageCursor | 'last')[] = [
      { key: s.v1.enteredAt, id: s.v1.id, toward: 'next' },
      { key: 0, id: 0, toward: 'next' },
      { key: '', id: Number.MAX_SAFE_INTEGER, toward: 'previous' },
      { key: '\uffff', id: Number.MAX_SAFE_INTEGER, toward: 'previous' },
      'last',
    ];
    for (const cursor of cursors) {
      const page = await t.app.ok('areas.visits.list', { pageSize: 50, cursor });
      expect(page.rows.every((r) => r.departmentId === t.tax), JSON.stringify(cursor)).toBe(true);
      expect(page.total).toBe(1);
    }
    await reauth(t.app, people.otherClerk.password);
    for (const filters of [{ personId: s.yamada }, { departmentId: t.citizens }, { from: '2026-11-21', to: '2026-11-22', outsidersOnly: true }]) {
      const [, ...rows] = await exportCsv('tax.csv', { filters });
      expect(rows.filter((r) => r.join('').includes('市民課')), JSON.stringify(filters)).toEqual([]);
    }
    // Their own area's book filtered by a 市民課 visitor: empty, not 市民課's rows.
    const html = await bookHtml({ areaId: tax.areaId, period: 'month', month: '2026-11', personId: s.yamada });
    expect(html).toContain('該当する入退室の記録はありません。');
    for (const words of ['サーバの定期保守', 'サーバ室', '文書箱の搬出立会い']) expect(html).not.toContain(words);
    // 市民課's area: as unknown as an id that does not exist, with nothing in the error's params.
    const unknown = await t.app.fail('areas.visits.printBook', { areaId: 9999, period: 'day', day: '2026-11-21', target: 'pdf' });
    const refused = await t.app.fail('areas.visits.printBook', { areaId: s.archive, period: 'day', day: '2026-11-22', target: 'pdf', personId: s.yamada });
    expect(refused).toEqual(unknown);
  });
});

describe('an area handed to another 課等 (its visits keep the 課等 they entered under)', () => {
  it('still prints the old 課等 its own visits of the area under its own name; the new 課等 gets none of them', async () => {
    const area = await createArea(t.app, { name: '旧サーバ室', escortRequired: false, devicesIn: 'allowed', devicesOut: 'allowed' });
    await loginAs(t.app, people.clerk);
    // Let in as an exception 山田 課長 approves (no authorization names the area, so it may move).
    const engineer = { kind: 'new' as const, outsider: { name: '佐々木 健', kana: 'ササキ ケン', affiliation: '株式会社テスト保守' } };
    const approval = { loginId: people.manager.loginId, password: people.manager.password, note: '障害対応のため緊急入室' };
    const visit = await t.app.ok('areas.visits.checkIn', { areaId: area.id, person: engineer, purpose: '移管前の保守', enteredAt: jst('2026-11-21', '10:00'), exceptionApproval: approval });
    await t.app.ok('areas.visits.checkOut', { visitId: visit.id, version: visit.version, exitedAt: jst('2026-11-21', '11:00') });
    await loginAs(t.app, chief);
    const { version, name, kind, location, escortRequired, devicesIn, devicesOut, remarks } = (await t.app.ok('areas.get', { areaId: area.id })).area;
    await t.app.ok('areas.update', { areaId: area.id, version, fields: { departmentId: t.tax, name, kind, location, escortRequired, devicesIn, devicesOut, remarks } });
    // 市民課's manager: the visit is theirs (list), and so is its book — under 市民課, not the area's new 課等.
    await loginAs(t.app, people.manager);
    expect(await listIds({ areaId: area.id })).toEqual([visit.id]);
    await reauth(t.app, people.manager.password);
    const html = await bookHtml({ areaId: area.id, period: 'day', day: '2026-11-21' });
    expect(html).toContain('移管前の保守');
    expect(html).toContain('<td>市民課</td>');
    expect(html).not.toContain('税務課');
    expect(await exportCsv('moved.csv', { filters: { areaId: area.id } })).toHaveLength(2);
    // 税務課 (the area's 課等 now) prints the area's book without 市民課's visit.
    await loginAs(t.app, people.otherClerk);
    await reauth(t.app, people.otherClerk.password);
    const theirs = await bookHtml({ areaId: area.id, period: 'day', day: '2026-11-21' });
    expect(theirs).not.toContain('移管前の保守');
    expect(theirs).toContain('<td>税務課</td>');
    // The access log: 市民課's print and CSV stay 市民課's (named by the area's name), never told to 税務課.
    const outputs = async () => [...(await t.app.ok('audit.query', { action: 'areas.visit.printBook' })).rows, ...(await t.app.ok('audit.query', { action: 'areas.visit.export' })).rows];
    await makeTaxManager(t.app, t.tax);
    await loginAs(t.app, taxManager);
    const told = (await outputs()).filter((e) => lines(e).join() !== '他の課等の記録のため、詳細は表示されません');
    expect(told.map((e) => [e.actorUserId, e.target?.name])).toEqual([[t.cast.otherClerk, '旧サーバ室']]);
    await loginAs(t.app, people.manager);
    const [ownPrint, ownCsv] = (await outputs()).filter((e) => e.actorUserId === t.cast.manager);
    for (const e of [ownPrint!, ownCsv!]) expect(lines(e)).toContain('区域: 旧サーバ室');
  });

  it('answers a scoped reader naming another 課等\'s area with no visit of theirs as an area that does not exist', async () => {
    const s = await bookScene(t.app, t.cast);
    await loginAs(t.app, people.otherClerk);
    await reauth(t.app, people.otherClerk.password);
    const unknown = await t.app.fail('areas.visits.exportCsv', { filters: { areaId: 9999 } });
    expect(await t.app.fail('areas.visits.exportCsv', { filters: { areaId: s.archive } })).toEqual(unknown);
    expect(unknown.messageKey).toBe('areas.errors.unknownArea');
  });
});

describe('the organisation\'s day and month at their edges (Asia/Tokyo)', () => {
  it('puts 23:30 UTC in the next day\'s book, and a visit across midnight in the day it entered with its exit day', async () => {
    const setup = await serverRoomWithVisitors(t.app);
    const enter = (personId: number, at: string) =>
      t.app.ok('areas.visits.checkIn', { areaId: setup.areaId, person: { kind: 'known', personId }, purpose: `入室 ${at}`, escortUserId: t.cast.officer, enteredAt: at });
    const [a, b, c] = setup.personIds as [number, number, number];
    const lastOfDay = await enter(a, '2026-11-21T14:59:59.999Z');
    const morning = await enter(b, '2026-11-21T23:30:00.000Z');
    const across = await enter(c, jst('2026-11-21', '23:30'));
    await t.app.ok('areas.visits.checkOut', { visitId: across.id, version: across.version, exitedAt: jst('2026-11-22', '00:30') });
    expect([lastOfDay.enteredOn, morning.enteredOn, across.enteredOn]).toEqual(['2026-11-21', '2026-11-22', '2026-11-21']);
    await loginAs(t.app, people.manager);
    expect(await listIds({ from: '2026-11-21', to: '2026-11-21' })).toEqual([across.id, lastOfDay.id]);
    expect(await listIds({ from: '2026-11-22', to: '2026-11-22' })).toEqual([morning.id]);
    await reauth(t.app, people.manager.password);
    const day21 = await bookHtml({ areaId: setup.areaId, period: 'day', day: '2026-11-21' });
    expect(day21).toContain('入室 2026-11-21T14:59:59.999Z');
    expect(day21).toContain('2026年11月22日 00:30');
    expect(day21).not.toContain('入室 2026-11-21T23:30:00.000Z');
    const day22 = await bookHtml({ areaId: setup.areaId, period: 'day', day: '2026-11-22' });
    expect(day22).toContain('入室 2026-11-21T23:30:00.000Z');
    expect(day22).not.toContain(`入室 ${jst('2026-11-21', '23:30')}`);
  });

  it('ends November at 23:59:59.999 JST on the 30th: the next millisecond is December\'s book', async () => {
    const setup = await serverRoomWithVisitors(t.app);
    moveClockTo(t.app, jst('2026-12-01', '09:00'));
    await loginAs(t.app, people.clerk);
    const enter = (personId: number, at: string) =>
      t.app.ok('areas.visits.checkIn', { areaId: setup.areaId, person: { kind: 'known', personId }, purpose: `入室 ${at}`, escortUserId: t.cast.officer, enteredAt: at });
    const november = await enter(setup.personIds[0]!, '2026-11-30T14:59:59.999Z');
    const december = await enter(setup.personIds[1]!, '2026-11-30T15:00:00.000Z');
    await loginAs(t.app, people.manager);
    await reauth(t.app, people.manager.password);
    const nov = await bookHtml({ areaId: setup.areaId, period: 'month', month: '2026-11' });
    const dec = await bookHtml({ areaId: setup.areaId, period: 'month', month: '2026-12' });
    expect(nov).toContain(november.purpose);
    expect(nov).not.toContain(december.purpose);
    expect(dec).toContain(december.purpose);
    expect(dec).not.toContain(november.purpose);
    expect(await listIds({ from: '2026-12-01', to: '2026-12-31' })).toEqual([december.id]);
  });
});

describe('the day\'s book in the zones furthest from UTC (+14, −11)', () => {
  /** The chief sets the organisation's zone; 田中 is left at the door. */
  async function zone(timeZone: string): Promise<void> {
    await loginAs(t.app, chief);
    await reauth(t.app, chief.password);
    await t.app.ok('settings.update', { timeZone, reason: '時刻帯の確認' });
    await loginAs(t.app, people.clerk);
  }

  it('finds each visit in the book of the day it entered in that zone, either side of its midnight', async () => {
    const setup = await serverRoomWithVisitors(t.app);
    const enter = (personId: number, at: string) =>
      t.app.ok('areas.visits.checkIn', { areaId: setup.areaId, person: { kind: 'known', personId }, purpose: `入室 ${at}`, escortUserId: t.cast.officer, enteredAt: at });
    const leave = (v: Visit) => t.app.ok('areas.visits.checkOut', { visitId: v.id, version: v.version });
    const [a, b] = setup.personIds as [number, number];
    // Kiritimati (UTC+14): 2026-11-21T10:00Z is the 22nd's first instant there.
    await zone('Pacific/Kiritimati');
    const k21 = await leave(await enter(a, '2026-11-21T09:59:59.999Z'));
    const k22 = await leave(await enter(b, '2026-11-21T10:00:00.000Z'));
    // Pago Pago (UTC−11): 2026-11-21T11:00Z is the 21st's first instant there.
    await zone('Pacific/Pago_Pago');
    const p20 = await leave(await enter(a, '2026-11-21T10:59:59.999Z'));
    const p21 = await leave(await enter(b, '2026-11-21T11:00:00.000Z'));
    expect([k21, k22, p20, p21].map((v) => v.enteredOn)).toEqual(['2026-11-21', '2026-11-22', '2026-11-20', '2026-11-21']);
    await loginAs(t.app, people.manager);
    expect(await listIds({ from: '2026-11-20', to: '2026-11-20' })).toEqual([p20.id]);
    expect(await listIds({ from: '2026-11-21', to: '2026-11-21' })).toEqual([k21.id, p21.id]);
    expect(await listIds({ from: '2026-11-22', to: '2026-11-22' })).toEqual([k22.id]);
    expect(await listIds({ from: '2026-11-21', to: '2026-11-22' })).toEqual([k21.id, k22.id, p21.id]);
  });
});

describe('CSV: a formula typed at the door never runs on the auditor\'s machine', () => {
  it('defuses =, +, -, @ and their full-width forms in name, 所属, 用件, devices and 備考; a remark starting with ー stays as typed', async () => {
    const area = await createArea(t.app, { name: '書庫', kind: 'archive', escortRequired: false, devicesIn: 'allowed', devicesOut: 'allowed' });
    const outsider = { name: '=HYPERLINK("http://x","山田")', kana: 'ヤマダ', affiliation: '＠SUM(1)株式会社' };
    const personId = (await authorize(t.app, { kind: 'new', outsider }, [area.id], { validFrom: '2026-11-01' })).personId;
    await loginAs(t.app, people.clerk);
    const visit = await t.app.ok('areas.visits.checkIn', {
      areaId: area.id,
      person: { kind: 'known', personId },
      purpose: '+1+1 <img src=x onerror=alert(1)> 保守',
      devicesIn: [{ label: '-2+3 私物PC', inspection: 'passed' }, { label: '＝1 USB', inspection: 'passed' }],
      remarks: '＋cmd',
    });
    await t.app.ok('areas.visits.checkOut', { visitId: visit.id, version: visit.version, devicesOut: [{ label: '－1 私物PC', inspection: 'passed' }], remarks: 'ー 長音で始まる備考' });
    await loginAs(t.app, people.manager);
    await reauth(t.app, people.manager.password);
    const [headers, row] = (await exportCsv('formula.csv', { filters: { areaId: area.id } })) as [string[], string[]];
    const cell = (h: string) => row[headers.indexOf(h)];
    expect(cell('氏名')).toBe(`'${outsider.name}`);
    expect(cell('所属')).toBe(`'${outsider.affiliation}`);
    expect(cell('用件')).toBe("'+1+1 <img src=x onerror=alert(1)> 保守");
    expect(cell('持込み機器・媒体')).toBe("'-2+3 私物PC（異常なし）、＝1 USB（異常なし）");
    expect(cell('持出し機器・媒体')).toBe("'－1 私物PC（異常なし）");
    // The check-out's remark follows the check-in's on a line of its own: the cell still starts defused.
    expect(cell('備考')).toBe("'＋cmd\nー 長音で始まる備考");
    // Every cell that starts with a formula sign carries the apostrophe.
    expect(row.filter((c) => /^[=+\-@＝＋－＠]/.test(c))).toEqual([]);
    // On paper the same texts are text, not markup.
    const html = await bookHtml({ areaId: area.id, period: 'day', day: '2026-11-22' });
    expect(html).toContain('+1+1 &lt;img src=x onerror=alert(1)&gt; 保守');
    expect(html).not.toContain('<img');
  });
});

describe('what the access log says of a print and a CSV of the book (MIC §22)', () => {
  it('names the area, the period and each filter in the list\'s words — never 「その他」 — and tells another 課等 nothing', async () => {
    const s = await bookScene(t.app, t.cast);
    await reauth(t.app, people.manager.password);
    await t.app.ok('areas.visits.printBook', { areaId: s.serverRoom, period: 'day', day: '2026-11-21', target: 'pdf', personId: s.yamada, outsidersOnly: true, exceptionsOnly: true });
    await exportCsv('month.csv', { filters: { areaId: s.serverRoom, from: '2026-11-01', to: '2026-11-30', personId: s.yamada, status: 'closed', unconfirmedOnly: true } });
    await exportCsv('all.csv', { filters: { openBeforeToday: true } });
    const first = await t.app.ok('areas.visits.list', { areaId: s.serverRoom, personId: s.yamada, status: 'closed', outsidersOnly: true, from: '2026-11-21', to: '2026-11-21', pageSize: 1 });
    await t.app.ok('areas.visits.list', { areaId: s.serverRoom, personId: s.yamada, status: 'closed', outsidersOnly: true, from: '2026-11-21', to: '2026-11-21', pageSize: 1, cursor: first.nextCursor ?? 'last' });
    await makeTaxManager(t.app, t.tax);
    await loginAs(t.app, chief);
    const events = [
      ...(await t.app.ok('audit.query', { action: 'areas.visit.printBook' })).rows,
      ...(await t.app.ok('audit.query', { action: 'areas.visit.export' })).rows,
    ];
    const [printed, all, month] = events as [(typeof events)[number], (typeof events)[number], (typeof events)[number]];
    expect(printed.target?.name).toBe('サーバ室');
    expect(lines(printed)).toEqual(expect.arrayContaining(['氏名: 山田 太郎', '入室日（から）: 2026-11-21', '入室日（まで）: 2026-11-21', '外部の者のみ: 〇', '例外のみ: 〇', '件数: 1']));
    expect(month.target?.name).toBe('サーバ室');
    expect(lines(month)).toEqual(expect.arrayContaining(['氏名: 山田 太郎', '入室日（から）: 2026-11-01', '入室日（まで）: 2026-11-30', '状態: 退室済', '未確認の例外のみ: 〇', 'ファイル: month.csv']));
    expect(lines(all)).toEqual(expect.arrayContaining(['前日以前から在室中: 〇', 'ファイル: all.csv']));
    // A page of the list, read on screen, is said in the same words (the area and person it names are ids there).
    const reads = (await t.app.ok('audit.query', { action: 'areas.visit.list' })).rows;
    expect(reads).toHaveLength(2);
    for (const e of reads) expect(lines(e)).toEqual(expect.arrayContaining(['入室日（から）: 2026-11-21', '状態: 退室済', '外部の者のみ: 〇']));
    for (const e of [...events, ...reads]) expect(lines(e).filter((l) => l.startsWith('その他')), e.action).toEqual([]);
    await loginAs(t.app, taxManager);
    const seen = [
      ...(await t.app.ok('audit.query', { action: 'areas.visit.printBook' })).rows,
      ...(await t.app.ok('audit.query', { action: 'areas.visit.export' })).rows,
    ];
    for (const e of seen) expect({ target: e.target, detail: e.detail, words: lines(e).join() }).toEqual({ target: null, detail: {}, words: '他の課等の記録のため、詳細は表示されません' });
    // Outputs are no writes: 改ざん検査 stays clean with them in the log.
    await loginAs(t.app, chief);
    expect(await t.app.ok('audit.verify')).toMatchObject({ ok: true, findings: [] });
  });

  it('refuses a month outside the dates a record may hold (「0026-11」 would have been a book of 1,900 years)', async () => {
    const s = await bookScene(t.app, t.cast);
    await reauth(t.app, people.manager.password);
    for (const month of ['0026-11', '1899-12', '2201-01']) {
      expect(await t.app.fail('areas.visits.printBook', { areaId: s.serverRoom, period: 'month', month, target: 'pdf' }), month).toMatchObject({
        code: 'INVALID_INPUT',
        issues: [{ path: ['month'], messageKey: 'validation.dateOutOfRange' }],
      });
    }
    expect(t.app.printed).toHaveLength(0);
  });
});

describe('paging while the door keeps writing', () => {
  it('meets every visit once when visits are checked in — now and written down late — between pages', async () => {
    const setup = await serverRoomWithVisitors(t.app);
    const visits = await recordRounds(t.app, setup, t.cast.officer, { start: jst('2026-11-21', '08:00'), rounds: 10, stepMinutes: 30 });
    const seen: number[] = [];
    let cursor: PageCursor | undefined;
    const added: Visit[] = [];
    for (let page = 0; ; page++) {
      const result = await t.app.ok('areas.visits.list', { areaId: setup.areaId, direction: 'desc', pageSize: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...result.rows.map((r) => r.id));
      if (page === 1) {
        // One walks in now (newer than every page read), one is written down late at 09:59 yesterday (a page still to come).
        const [first, second] = setup.personIds as [number, number];
        added.push(await t.app.ok('areas.visits.checkIn', { areaId: setup.areaId, person: { kind: 'known', personId: first }, purpose: '追加の入室', escortUserId: t.cast.officer }));
        added.push(
          await t.app.ok('areas.visits.checkIn', { areaId: setup.areaId, person: { kind: 'known', personId: second }, purpose: '遅れて記録', escortUserId: t.cast.officer, enteredAt: jst('2026-11-21', '09:59') }),
        );
      }
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const v of visits) expect(seen).toContain(v.id);
    // The late one lies past the cursor (entered before the rows already read): it is met in its place.
    expect(seen).toContain(added[1]!.id);
    expect(seen).not.toContain(added[0]!.id);
  });
});

describe('the printed book says what an inspector asks of an exception', () => {
  it('prints who approved an exception at the door and why, who confirmed it, and the reason of a day\'s close', async () => {
    const s = await bookScene(t.app, t.cast);
    await loginAs(t.app, people.clerk);
    // An engineer with no authorization, let in as an exception 山田 課長 approves at the door with its reason.
    const engineer = { kind: 'new' as const, outsider: { name: '佐々木 健', kana: 'ササキ ケン', affiliation: '株式会社テスト保守' } };
    const approval = { loginId: people.manager.loginId, password: people.manager.password, note: '障害対応のため緊急入室' };
    await t.app.ok('areas.visits.checkIn', { areaId: s.serverRoom, person: engineer, purpose: '障害対応', escortUserId: t.cast.officer, enteredAt: jst('2026-11-21', '16:00'), exceptionApproval: approval });
    await t.app.ok('areas.visits.closeDay', { areaId: s.serverRoom, visitIds: [s.v4.id], reason: '退室の記録漏れ（警備員に確認）' });
    await loginAs(t.app, people.manager);
    await reauth(t.app, people.manager.password);
    const html = await bookHtml({ areaId: s.serverRoom, period: 'day', day: '2026-11-21' });
    expect(html).toContain(`確認: ${people.manager.displayName}`);
    expect(html).toContain(`承認: ${people.manager.displayName}`);
    // The CSV says what the confirmer recorded, beside who they were.
    const [headers, ...rows] = await exportCsv('confirmed.csv', { filters: { areaId: s.serverRoom, exceptionsOnly: true } });
    expect(rows.map((r) => r[headers!.indexOf('確認の記録')])).toContain('翌朝返却を確認');
    expect(html).toContain('障害対応のため緊急入室');
    expect(html).toContain('退室の記録漏れ（警備員に確認）');
  });
});

describe('re-authentication on every output channel', () => {
  it('asks for the password again before a print, a CSV of visits and a CSV of permits; nothing leaves before', async () => {
    const s = await bookScene(t.app, t.cast);
    for (const [channel, input] of [
      ['areas.visits.printBook', { areaId: s.serverRoom, period: 'day', day: '2026-11-21', target: 'pdf' }],
      ['areas.visits.exportCsv', { filters: {} }],
      ['areas.authorizations.exportCsv', { filters: {} }],
    ] as const) {
      expect((await t.app.fail(channel, input as never)).code, channel).toBe('REAUTH_REQUIRED');
    }
    expect(t.app.printed).toHaveLength(0);
  });
});
