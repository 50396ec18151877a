import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdingFieldOrder, type ChannelInput, type Holding } from '../../db/contract';
import { parseCsv } from '../../db/ledger/csv/decode';
import { chief, makeTestApp, reauth, removeTestDir, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, ledgerOrganization, loginAs, people } from './support/holdings';

/**
 * CSV in and out as a careless clerk or a hostile renderer uses it: last year's headers,
 * formulas in every column, 個人番号 hidden in cells and file names, sessions that are not
 * theirs, and commits that race.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

const asChief = (a: TestApp) => loginAs(a, { loginId: chief.loginId, password: chief.password });
const header = '管理番号,個人情報ファイルの名称,担当課等,利用目的,媒体';

async function open(text: string, name = 'ledger.csv') {
  const file = path.join(app.dir, name);
  writeFileSync(file, `\uFEFF${text}`);
  app.openAnswer.path = file;
  return app.ok('holdings.import.open');
}

async function check(opened: { importId: string; suggestedMapping: Record<string, string> }, mapping = opened.suggestedMapping) {
  return app.ok('holdings.import.check', { importId: opened.importId, mapping } as ChannelInput<'holdings.import.check'>);
}

function fieldsOf(h: Holding): Record<string, unknown> {
  return Object.fromEntries(holdingFieldOrder.map((f) => [f, h[f]]));
}

describe('headers', () => {
  it('imports a file exported before the labels became the headers (特定個人情報を含む, 保存期限, 媒体 両方)', async () => {
    await loginAs(app, people.clerk);
    const old = '管理番号,個人情報ファイルの名称,担当課等,管理責任者,担当者,利用目的,記録項目,記録範囲,収集方法,本人の数,要配慮個人情報を含む,特定個人情報を含む,媒体,保管場所,保管方法,アクセス権を有する者,経常的提供先,委託先,外国での取扱い,利用期限,保存期限,廃棄方法,状態,管理区分,最終見直し日';
    const opened = await open(`${old}\r\nR7-0001,旧台帳,市民課,課長,"田中、鈴木",公証,"氏名、住所",全住民,届出,約3000,,〇,両方,書庫,施錠,課員,,,,2029-03-31,2030-03-31,溶解,照合済,A,2026-04-01\r\n`);
    expect(Object.values(opened.suggestedMapping)).toHaveLength(22);
    expect((await check(opened)).errors).toEqual([]);
    await app.ok('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping });
    const { holding } = await app.ok('holdings.get', { holdingId: (await app.ok('holdings.list', {})).rows[0]!.id });
    expect(holding).toMatchObject({ containsMyNumber: true, medium: 'both', retention: '2030-03-31', useUntil: '2029-03-31', handlers: ['田中', '鈴木'], subjectCount: 3000, subjectCountApproximate: true });
    // 状態 and 管理区分 are not imported: every row is a draft, its category undecided.
    expect(holding).toMatchObject({ status: 'draft', category: null });
  });
});

describe('export → import', () => {
  it('gives back every field, with formulas defused in every cell and apostrophes kept', async () => {
    await asChief(app);
    const odd = (await app.ok('departments.create', { name: '@市民課' })).id;
    const formula = (s: string) => ({ '=': `=${s}`, '+': `+${s}`, '-': `-${s}`, '@': `@${s}`, "'": `'=${s}` });
    const f = formula('HYPERLINK("http://x")');
    const h = await app.ok('holdings.create', holdingInput(odd, {
      ledgerNo: '=1+1', name: f['='], owner: f['+'], handlers: [f["'"], f['-']], purpose: f['-'], recordItems: [f['@']],
      recordScope: f["'"], collectionMethod: `'${f["'"]}`, storageLocation: f['@'], storageMethod: f['+'], authorizedPersons: [f['=']],
      recipients: [f['+']], contractors: [f['-']], foreignHandling: f['='], disposalMethod: `''-x`,
    }));
    app.saveAnswer.path = path.join(app.outDir, 'export.csv');
    await reauth(app, chief.password);
    await app.ok('holdings.exportCsv', { filters: {} });
    const rows = parseCsv(readFileSync(app.saveAnswer.path, 'utf8'));
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);

    const other = makeTestApp();
    try {
      await ledgerOrganization(other);
      await asChief(other);
      await other.ok('departments.create', { name: '@市民課' });
      other.openAnswer.path = app.saveAnswer.path;
      const opened = await other.ok('holdings.import.open');
      expect((await other.ok('holdings.import.check', { importId: opened.importId, mapping: opened.suggestedMapping })).errors).toEqual([]);
      await other.ok('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping });
      const back = await other.ok('holdings.get', { holdingId: (await other.ok('holdings.list', {})).rows[0]!.id });
      expect(fieldsOf(back.holding)).toEqual(fieldsOf(h));
    } finally {
      other.close();
      removeTestDir(other.dir);
    }
  });
});

describe('row checks', () => {
  it('reports each check against the database on the row it belongs to, after rows that failed conversion', async () => {
    await loginAs(app, people.clerk);
    await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-2' }));
    const opened = await open(`${header}\r\nX-1,a,市民課,p,無効\r\nR8-2,b,市民課,p,紙\r\nX-3,c,税務課,p,紙\r\n`);
    expect((await check(opened)).errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [2, '媒体', 'validation.invalidOption'],
      [3, '管理番号', 'validation.alreadyRegistered'],
      [4, '担当課等', 'validation.otherDepartmentRow'],
    ]);
  });

  it('refuses a 個人番号 hidden in a list, in 4-4-4 groups, in full width, and in the 課等 name, and stores nothing', async () => {
    await loginAs(app, people.clerk);
    const opened = await open(
      `${header},担当者,記録項目\r\nX-1,a,市民課,p,紙,"田中、1234-5678-9018",氏名\r\nX-2,b,市民課１２３４５６７８９０１８,p,紙,,\r\nX-3,c,市民課,p,紙,,"住所\n123456789018"\r\nX-4,d,市民課,p,紙,,\r\n`,
    );
    const result = await check(opened);
    expect(result.errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [2, '担当者', 'validation.myNumber'],
      [3, '担当課等', 'validation.myNumber'],
      [4, '記録項目', 'validation.myNumber'],
    ]);
    expect(JSON.stringify(result)).not.toMatch(/1234|１２３４/);
    expect((await app.fail('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).messageKey).toBe('errors.importHasErrors');
    expect((await app.ok('holdings.list', {})).total).toBe(0);
  });

  it('refuses a field chosen for two columns, and a 個人番号 in a duplicated header\'s column that is never imported', async () => {
    await loginAs(app, people.clerk);
    const opened = await open(`${header},利用目的,目的\r\nX-1,a,市民課,公証,紙,123456789018,相談\r\n`);
    const mapping = { ...opened.suggestedMapping, 目的: 'purpose' };
    expect((await check(opened, mapping)).errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [0, '利用目的、目的', 'validation.csvMappedTwice'],
      [2, '利用目的', 'validation.myNumberInFile'],
    ]);
    const { errors } = await check(opened);
    expect(errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([[2, '利用目的', 'validation.myNumberInFile']]);
    expect((await app.fail('holdings.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).messageKey).toBe('errors.importHasErrors');
    expect((await app.ok('holdings.list', {})).total).toBe(0);
  });

  it('shows the first 500 errors of a long file, and refuses a file over the limit before reading it', async () => {
    await loginAs(app, people.clerk);
    const opened = await open(`${header}\r\n${Array.from({ length: 600 }, (_, i) => `X-${i},a,市民課,p,無効`).join('\r\n')}\r\n`);
    expect(await check(opened)).toMatchObject({ rowCount: 600, errorsTruncated: true, errors: expect.any(Array) });
    const huge = path.join(app.dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 20 * 1024 * 1024 + 1);
    app.openAnswer.path = huge;
    expect((await app.fail('holdings.import.open')).issues?.[0]).toMatchObject({ messageKey: 'validation.csvTooLarge' });
  });
});

describe('file names in the access log', () => {
  it('refuses to import, export or save a PDF under a name that holds a 個人番号', async () => {
    await loginAs(app, people.manager);
    await app.ok('holdings.create', holdingInput(d.citizens));
    const before = (await app.ok('audit.query', { pageSize: 1 })).rows[0]!.seq;
    const named = path.join(app.dir, '照会_1234 5678 9018.csv');
    writeFileSync(named, `\uFEFF${header}\r\nX-1,a,市民課,p,紙\r\n`);
    app.openAnswer.path = named;
    expect((await app.fail('holdings.import.open')).issues?.[0]).toMatchObject({ path: ['file'], messageKey: 'validation.myNumberInFileName' });
    await reauth(app, people.manager.password);
    app.saveAnswer.path = path.join(app.outDir, '123456789018.csv');
    expect((await app.fail('holdings.exportCsv', { filters: {} })).issues?.[0]?.messageKey).toBe('validation.myNumberInFileName');
    app.saveAnswer.path = path.join(app.outDir, '１２３４５６７８９０１８.pdf');
    expect((await app.fail('holdings.printSheet', { holdingId: 1, target: 'pdf' })).issues?.[0]?.messageKey).toBe('validation.myNumberInFileName');
    app.saveAnswer.path = path.join(app.outDir, 'log_123456789018.csv');
    expect((await app.fail('audit.exportCsv', {})).issues?.[0]?.messageKey).toBe('validation.myNumberInFileName');
    expect(existsSync(path.join(app.dir, '123456789018.csv')) || existsSync(app.saveAnswer.path)).toBe(false);
    // Only the first audited read and the re-authentication were logged since; none names a file.
    const log = await app.ok('audit.query', { pageSize: 20 });
    expect(log.rows.filter((r) => r.seq > before).map((r) => r.action)).toEqual(['auth.reauthenticate', 'audit.view']);
  });
});

describe('whose import, and when', () => {
  it('belongs to the user who opened it, lapses after 30 minutes, and commits once however calls race', async () => {
    await loginAs(app, people.clerk);
    const first = await open(`${header}\r\nX-1,a,市民課,p,紙\r\n`);
    await loginAs(app, people.otherClerk);
    for (const channel of ['holdings.import.check', 'holdings.import.commit'] as const) {
      expect((await app.fail(channel, { importId: first.importId, mapping: first.suggestedMapping } as never)).messageKey).toBe('errors.importExpired');
    }
    await loginAs(app, people.clerk);
    const late = await open(`${header}\r\nX-2,a,市民課,p,紙\r\n`);
    app.clock.advance(31 * 60 * 1000);
    expect((await app.fail('holdings.import.check', { importId: late.importId, mapping: late.suggestedMapping } as never)).messageKey).toBe('errors.importExpired');
    // Two files that both hold X-3, each committed twice at once: one row, one import event.
    const a = await open(`${header}\r\nX-3,a,市民課,p,紙\r\nX-4,a,市民課,p,紙\r\n`, 'a.csv');
    const b = await open(`${header}\r\nX-3,b,市民課,p,紙\r\n`, 'b.csv');
    const commit = (o: typeof a) => app.call('holdings.import.commit', { importId: o.importId, mapping: o.suggestedMapping } as never);
    const results = await Promise.all([commit(a), commit(b), commit(a), commit(b), app.call('holdings.import.check', { importId: b.importId, mapping: b.suggestedMapping } as never)]);
    expect(results.map((r) => (r.ok ? 'ok' : r.messageKey))).toEqual(['ok', 'errors.importHasErrors', 'errors.importExpired', 'errors.importHasErrors', 'ok']);
    expect((await app.ok('holdings.list', {})).rows.map((r) => [r.ledgerNo, r.name])).toEqual([['X-3', 'a'], ['X-4', 'a']]);
    await loginAs(app, people.manager);
    expect((await app.ok('audit.query', { action: 'holdings.import' })).rows.map((r) => r.detail)).toEqual([expect.objectContaining({ fileName: 'a.csv', created: 2 })]);
  });
});
