import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { parseCsv } from '../../db/ledger/csv/decode';
import { chief, reauth } from './support/backend';
import { areasAppPerTest, createArea, authorize, moveClockTo, type AreasTest } from './support/areas';
import { bookScene, jst, moreOutsiders, type BookScene } from './support/areaBook';
import { loginAs, people } from './support/holdings';

/**
 * The 入退室管理簿's filters, scope and CSV (issue #12 item 6): each filter of the list gives exactly
 * its visits; a reader of another 課等 sees none of 市民課's (MIC §9) — in the list, the CSV and the
 * print; the CSV's headers are the fields' words and a formula typed at the door is defused; above
 * the bulk threshold the export asks a reason (MIC §22) after a fresh password.
 */
let t: AreasTest;
areasAppPerTest((test) => (t = test));

type Filters = Omit<ChannelInput<'areas.visits.list'>, 'sort' | 'direction' | 'pageSize' | 'cursor'>;

async function ids(filters: Filters): Promise<number[]> {
  const page = await t.app.ok('areas.visits.list', { ...filters, direction: 'asc', pageSize: 200 });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.id);
}

async function exportCsv(name: string, input: Partial<ChannelInput<'areas.visits.exportCsv'>> = {}): Promise<string[][]> {
  t.app.saveAnswer.path = path.join(t.app.outDir, name);
  await t.app.ok('areas.visits.exportCsv', { filters: {}, ...input });
  return parseCsv(readFileSync(path.join(t.app.outDir, name), 'utf8').replace(/^\uFEFF/, ''));
}

describe('入退室管理簿: filters', () => {
  it('gives each filter exactly its visits, in order of entry', async () => {
    const s: BookScene = await bookScene(t.app, t.cast);
    const { v1, v2, v3, v4, v5 } = s;
    expect(await ids({})).toEqual([v1.id, v2.id, v4.id, v5.id, v3.id]);
    expect(await ids({ areaId: s.serverRoom })).toEqual([v1.id, v2.id, v4.id]);
    expect(await ids({ areaId: s.archive })).toEqual([v5.id, v3.id]);
    expect(await ids({ departmentId: t.citizens })).toHaveLength(5);
    expect(await ids({ departmentId: t.tax })).toEqual([]);
    expect(await ids({ personId: s.yamada })).toEqual([v1.id, v3.id]);
    expect(await ids({ status: 'inside' })).toEqual([v4.id, v3.id]);
    expect(await ids({ status: 'closed' })).toEqual([v1.id, v2.id, v5.id]);
    expect(await ids({ from: '2026-11-21', to: '2026-11-21' })).toEqual([v1.id, v2.id, v4.id]);
    expect(await ids({ from: '2026-11-22' })).toEqual([v5.id, v3.id]);
    expect(await ids({ to: '2026-11-20' })).toEqual([]);
    expect(await ids({ outsidersOnly: true })).toEqual([v1.id, v4.id, v3.id]);
    expect(await ids({ exceptionsOnly: true })).toEqual([v1.id, v5.id]);
    expect(await ids({ unconfirmedOnly: true })).toEqual([v5.id]);
    expect(await ids({ openBeforeToday: true })).toEqual([v4.id]);
    expect(await ids({ areaId: s.serverRoom, outsidersOnly: true, from: '2026-11-21', to: '2026-11-21' })).toEqual([v1.id, v4.id]);
  });

  it('counts 「前日以前から在室中」 by the organisation\'s day: at 00:00 JST the morning\'s visits join it', async () => {
    const s = await bookScene(t.app, t.cast);
    expect(await ids({ openBeforeToday: true })).toEqual([s.v4.id]);
    // 2026-11-22 23:59 JST is still the 22nd; a minute later 山田 (in since the 22nd 09:00) counts too.
    moveClockTo(t.app, jst('2026-11-22', '23:59'));
    await loginAs(t.app, people.manager);
    expect(await ids({ openBeforeToday: true })).toEqual([s.v4.id]);
    moveClockTo(t.app, jst('2026-11-23', '00:00'));
    await loginAs(t.app, people.manager);
    expect(await ids({ openBeforeToday: true })).toEqual([s.v4.id, s.v3.id]);
  });

  it('refuses a bad filter with a field error, nothing listed', async () => {
    await bookScene(t.app, t.cast);
    expect((await t.app.fail('areas.visits.list', { from: '2026-02-30' } as never)).issues?.[0]?.path).toEqual(['from']);
    expect((await t.app.fail('areas.visits.list', { status: 'gone' } as never)).code).toBe('INVALID_INPUT');
    expect((await t.app.fail('areas.visits.list', { sort: 'personName' } as never)).code).toBe('INVALID_INPUT');
  });
});

describe('入退室管理簿: department scope (MIC §9)', () => {
  /** 税務課's own archive (made by the chief) with one visit 加藤 records at its door. */
  async function taxVisit() {
    const area = await createArea(t.app, { departmentId: t.tax, name: '税務書庫', kind: 'archive', escortRequired: false, devicesIn: 'allowed', devicesOut: 'allowed' }, chief);
    const personId = (await authorize(t.app, { kind: 'new', outsider: moreOutsiders[0]! }, [area.id], { departmentId: t.tax, validFrom: '2026-11-01' }, chief)).personId;
    await loginAs(t.app, people.otherClerk);
    return t.app.ok('areas.visits.checkIn', { areaId: area.id, person: { kind: 'known', personId }, purpose: '申告書の搬入' });
  }

  it('shows a 税務課 reader none of 市民課\'s visits: list, CSV and print', async () => {
    const s = await bookScene(t.app, t.cast);
    const tax = await taxVisit();
    expect(await ids({})).toEqual([tax.id]);
    expect(await ids({ areaId: s.serverRoom })).toEqual([]);
    expect(await ids({ departmentId: t.citizens })).toEqual([]);
    await reauth(t.app, people.otherClerk.password);
    const [headers, ...rows] = await exportCsv('tax.csv');
    expect(rows).toHaveLength(1);
    expect(rows[0]![headers!.indexOf('氏名')]).toBe(moreOutsiders[0]!.name);
    // Another 課等's area answers as an area that does not exist, in the CSV and the print alike.
    const unknown = await t.app.fail('areas.visits.printBook', { areaId: 9999, period: 'day', day: '2026-11-21', target: 'pdf' });
    for (const failure of [
      await t.app.fail('areas.visits.printBook', { areaId: s.serverRoom, period: 'day', day: '2026-11-21', target: 'pdf' }),
      await t.app.fail('areas.visits.exportCsv', { filters: { areaId: s.serverRoom } }),
    ]) {
      expect({ code: failure.code, messageKey: failure.messageKey }).toEqual({ code: unknown.code, messageKey: 'areas.errors.unknownArea' });
    }
    expect(t.app.printed).toHaveLength(0);
    // 市民課's manager, in turn, does not see 税務課's visit; the chief sees all six.
    await loginAs(t.app, people.manager);
    expect(await ids({})).not.toContain(tax.id);
    await loginAs(t.app, chief);
    expect(await ids({})).toHaveLength(6);
  });
});

describe('入退室管理簿 CSV', () => {
  it('writes the fields\' words as headers, one row per visit as recorded, a formula defused', async () => {
    const s = await bookScene(t.app, t.cast);
    await reauth(t.app, people.manager.password);
    const [headers, ...rows] = await exportCsv('book.csv', { filters: { areaId: s.serverRoom } });
    expect(headers).toEqual(expect.arrayContaining(['入室日', '入室時刻', '退室時刻', '区域', '課等', '氏名', '区分', '所属', '許可番号', '用件', '立会者', '入館証番号', '入館証の返却', '持込み機器・媒体', '持出し機器・媒体', '状態', '例外', '例外の確認者', '記録者']));
    expect(rows).toHaveLength(3);
    const cell = (row: string[], header: string) => row[headers!.indexOf(header)];
    const [first, second, third] = rows as [string[], string[], string[]];
    expect(cell(first, '入室日')).toBe('2026-11-21');
    expect(cell(first, '入室時刻')).toBe('2026-11-21T09:00:00.000+09:00');
    expect(cell(first, '退室時刻')).toBe('2026-11-21T10:00:00.000+09:00');
    expect(cell(first, '区域')).toBe('サーバ室');
    expect(cell(first, '氏名')).toBe('山田 太郎');
    expect(cell(first, '区分')).toBe('外部の者');
    expect(cell(first, '所属')).toBe('株式会社テスト保守');
    expect(cell(first, '許可番号')).toBe(s.v1.permitNo);
    expect(cell(first, '用件')).toBe("'=SUM(1) サーバの定期保守");
    expect(cell(first, '立会者')).toBe(people.officer.displayName);
    expect(cell(first, '入館証番号')).toBe('B-12');
    expect(cell(first, '入館証の返却')).toBe('未返却');
    expect(cell(first, '持込み機器・媒体')).toBe('USB-001（異常なし）');
    expect(cell(first, '持出し機器・媒体')).toBe('USB-001（異常なし）');
    expect(cell(first, '例外')).toBe('入館証の未返却');
    expect(cell(first, '例外の確認者')).toBe(people.manager.displayName);
    expect(cell(first, '記録者')).toBe(people.clerk.displayName);
    expect(cell(second, '区分')).toBe('職員');
    expect(cell(second, '入館証の返却')).toBe('貸出なし');
    expect(cell(third, '状態')).toBe('在室中');
    expect(cell(third, '退室時刻')).toBe('');
    await loginAs(t.app, chief);
    const log = await t.app.ok('audit.query', { action: 'areas.visit.export' });
    expect(log.rows[0]!.detail).toMatchObject({ rowCount: 3, file: 'book.csv', bulk: false });
  });

  it('asks for the password again, then for a reason above the bulk threshold; nothing written before', async () => {
    const s = await bookScene(t.app, t.cast);
    await loginAs(t.app, chief);
    await reauth(t.app, chief.password);
    await t.app.ok('settings.update', { bulkExportThreshold: 2 });
    await loginAs(t.app, people.manager);
    expect((await t.app.fail('areas.visits.exportCsv', { filters: {} })).code).toBe('REAUTH_REQUIRED');
    await reauth(t.app, people.manager.password);
    expect((await t.app.fail('areas.visits.exportCsv', { filters: {} })).code).toBe('BULK_EXPORT_REASON_REQUIRED');
    expect((await t.app.fail('areas.visits.printBook', { areaId: s.serverRoom, period: 'month', month: '2026-11', target: 'printer' })).code).toBe('BULK_EXPORT_REASON_REQUIRED');
    expect(t.app.printed).toHaveLength(0);
    // Two rows are not a bulk output: no reason asked.
    expect(await exportCsv('small.csv', { filters: { areaId: s.archive } })).toHaveLength(3);
    expect(await exportCsv('bulk.csv', { reason: '監査資料の作成' })).toHaveLength(6);
    await t.app.ok('areas.visits.printBook', { areaId: s.serverRoom, period: 'month', month: '2026-11', target: 'printer', reason: '監査資料の作成' });
    await loginAs(t.app, chief);
    const log = await t.app.ok('audit.query', { action: 'areas.visit.export' });
    expect(log.rows[0]!.detail).toMatchObject({ bulk: true, reason: '監査資料の作成', rowCount: 5, file: 'bulk.csv' });
    const printed = await t.app.ok('audit.query', { action: 'areas.visit.printBook' });
    expect(printed.rows[0]!.detail).toMatchObject({ bulk: true, reason: '監査資料の作成', rowCount: 3, period: 'month', when: '2026-11' });
  });

  it('refuses a book without its day or month, naming the field', async () => {
    const s = await bookScene(t.app, t.cast);
    await reauth(t.app, people.manager.password);
    expect((await t.app.fail('areas.visits.printBook', { areaId: s.serverRoom, period: 'day', target: 'pdf' })).issues?.[0]).toMatchObject({ path: ['day'], messageKey: 'validation.required' });
    expect((await t.app.fail('areas.visits.printBook', { areaId: s.serverRoom, period: 'month', month: '2026-13', target: 'pdf' })).issues?.[0]?.path).toEqual(['month']);
    expect(t.app.printed).toHaveLength(0);
  });
});

describe('入室許可 CSV', () => {
  it('writes the permits of the reader\'s 課等 with their state as of today; another 課等\'s reader gets none', async () => {
    const s = await bookScene(t.app, t.cast);
    await reauth(t.app, people.manager.password);
    t.app.saveAnswer.path = path.join(t.app.outDir, 'permits.csv');
    await t.app.ok('areas.authorizations.exportCsv', { filters: {} });
    const [headers, ...rows] = parseCsv(readFileSync(t.app.saveAnswer.path, 'utf8').replace(/^\uFEFF/, ''));
    expect(headers).toEqual(expect.arrayContaining(['許可番号', '課等', '入室を認める者', 'よみ', '許可の区分', '所属', '区域', '目的', '有効期間の開始日', '有効期限', '状態', '許可者']));
    expect(rows).toHaveLength(3);
    const cell = (row: string[], header: string) => row[headers!.indexOf(header)];
    const yamada = rows.find((r) => cell(r, '入室を認める者') === '山田 太郎')!;
    expect(cell(yamada, 'よみ')).toBe('ヤマダ タロウ');
    expect(cell(yamada, '許可の区分')).toBe('保守');
    expect(cell(yamada, '区域')).toBe('サーバ室、書庫');
    expect(cell(yamada, '有効期限')).toBe('2027-03-31');
    expect(cell(yamada, '状態')).toBe('有効');
    expect(cell(yamada, '許可者')).toBe(people.manager.displayName);
    expect(cell(yamada, '許可番号')).toBe(s.v1.permitNo);
    await loginAs(t.app, chief);
    expect((await t.app.ok('audit.query', { action: 'areas.authorization.export' })).rows[0]!.detail).toMatchObject({ rowCount: 3, file: 'permits.csv' });
    await loginAs(t.app, people.otherClerk);
    await reauth(t.app, people.otherClerk.password);
    t.app.saveAnswer.path = path.join(t.app.outDir, 'none.csv');
    await t.app.ok('areas.authorizations.exportCsv', { filters: {} });
    expect(parseCsv(readFileSync(t.app.saveAnswer.path, 'utf8').replace(/^\uFEFF/, ''))).toHaveLength(1);
  });
});
