import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chief, makeTestApp, reauth, removeTestDir, type TestApp } from './support/backend';
import { holdingInput, ledgerOrganization, loginAs, people } from './support/holdings';

let app: TestApp;
let departments: { citizens: number; tax: number };
beforeEach(async () => {
  app = makeTestApp();
  departments = await ledgerOrganization(app);
  await loginAs(app, people.clerk);
  for (let i = 1; i <= 4; i++) {
    await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: `R8-000${i}`, name: i === 4 ? '=HYPERLINK("x")名簿' : `台帳${i}` }));
  }
});
afterEach(() => {
  app.close();
  removeTestDir(app.dir);
});

describe('ledger output: CSV, print, and the bulk-export guard (MIC §22)', () => {
  it('exports what the user sees as CSV for Excel, formulas defused', async () => {
    await reauth(app, people.clerk.password);
    app.saveAnswer.path = path.join(app.outDir, '台帳.csv');
    const { rowCount } = await app.ok('holdings.exportCsv', { filters: {} });
    expect(rowCount).toBe(4);
    const text = readFileSync(app.saveAnswer.path, 'utf8');
    expect(text.startsWith('\uFEFF管理番号,')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""x"")名簿"`);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('refuses to save a CSV or a PDF in the data folder, where daicho.db or keyring.json would be replaced', async () => {
    await reauth(app, people.clerk.password);
    const db = readFileSync(path.join(app.dir, 'daicho.db'));
    for (const name of ['daicho.db', 'keyring.json', '台帳.csv']) {
      app.saveAnswer.path = path.join(app.dir, name);
      const csv = await app.fail('holdings.exportCsv', { filters: {} });
      expect(csv).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['file'], messageKey: 'errors.saveIntoDataFolder' }] });
      const pdf = await app.fail('holdings.printList', { filters: {}, target: 'pdf' });
      expect(pdf.issues?.[0]?.messageKey).toBe('errors.saveIntoDataFolder');
    }
    expect(existsSync(path.join(app.dir, '台帳.csv'))).toBe(false);
    expect(readFileSync(path.join(app.dir, 'daicho.db')).equals(db)).toBe(true);
    await loginAs(app, people.manager);
    expect((await app.ok('audit.query', { action: 'holdings.export' })).rows).toHaveLength(0);
  });

  it('writes CSV and the printed list in the order the list shows: sort key and direction', async () => {
    await reauth(app, people.clerk.password);
    app.saveAnswer.path = path.join(app.outDir, '逆順.csv');
    await app.ok('holdings.exportCsv', { filters: {}, sort: 'ledgerNo', direction: 'desc' });
    const numbers = readFileSync(app.saveAnswer.path, 'utf8').split('\r\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]);
    expect(numbers).toEqual(['R8-0004', 'R8-0003', 'R8-0002', 'R8-0001']);
    await app.ok('holdings.printList', { filters: {}, sort: 'ledgerNo', direction: 'desc', target: 'printer' });
    const printed = app.printed.at(-1)!.html;
    const positions = ['R8-0004', 'R8-0003', 'R8-0002', 'R8-0001'].map((no) => printed.indexOf(no));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
  });

  it('asks a reason above the threshold, refuses a clerk, and logs the reason of a manager', async () => {
    await loginAs(app, { loginId: 'sato', password: chief.password });
    await reauth(app, chief.password);
    await app.ok('settings.update', { bulkExportThreshold: 3 });
    await loginAs(app, people.clerk);
    await reauth(app, people.clerk.password);
    const clerk = await app.fail('holdings.printList', { filters: {}, target: 'pdf', reason: '監査' });
    expect(clerk).toMatchObject({ code: 'PERMISSION_DENIED', messageKey: 'errors.bulkExportNotAllowed', params: { threshold: 3, rowCount: 4 } });
    // Below the threshold the clerk prints freely.
    await app.ok('holdings.printList', { filters: { text: '台帳1' }, target: 'printer' });
    await loginAs(app, people.manager);
    await reauth(app, people.manager.password);
    expect((await app.fail('holdings.printList', { filters: {}, target: 'printer' })).code).toBe('BULK_EXPORT_REASON_REQUIRED');
    app.saveAnswer.path = path.join(app.outDir, 'list.pdf');
    await app.ok('holdings.printList', { filters: {}, target: 'pdf', reason: '年次点検の資料' });
    const printed = app.printed.at(-1)!;
    expect(printed.kind).toBe('pdf');
    expect(printed.html).toContain('R8-0004');
    // 本人の数 entered as approximate keeps its 約 on paper, as on the sheet and the screen.
    expect(printed.html).toContain('約800人');
    expect(printed.html).not.toContain('<script');
    const log = await app.ok('audit.query', { action: 'holdings.printList' });
    expect(log.rows[0]!.detail).toMatchObject({ bulk: true, reason: '年次点検の資料', rowCount: 4, target: 'pdf', file: 'list.pdf' });
  });

  it('prints one holding as a sheet with its usage log', async () => {
    await app.ok('holdings.usage.add', { holdingId: 1, kind: 'provide', usedOn: '2026-11-21', personName: '田中 花子', purpose: '警察からの照会への回答', count: 1 });
    await app.ok('holdings.printSheet', { holdingId: 1, target: 'printer' });
    const sheet = app.printed.at(-1)!.html;
    expect(sheet).toContain('R8-0001');
    expect(sheet).toContain('警察からの照会への回答');
    await loginAs(app, people.otherClerk);
    expect((await app.fail('holdings.printSheet', { holdingId: 1, target: 'printer' })).code).toBe('NOT_FOUND');
  });
});
