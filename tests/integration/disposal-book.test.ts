import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../db/ledger/csv/decode';
import { chief, reauth, type TestApp } from './support/backend';
import { chromiumPerFile } from './support/chromium';
import { approvedDisposal, disposalCast, disposalInput, type DisposalCast } from './support/disposal';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { pdfPageInfo, pdfToText } from './support/pdfText';

/**
 * The 廃棄記録簿 (issue #11 item 7): CSV with the fields' labels as headers and one row per record
 * (every target in one cell), through the bulk-export guard and a fresh password; the printed
 * book on A4 landscape with its period under 抽出条件.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const { skip, toPdf } = chromiumPerFile();

/** Two approved records of 市民課 (11-18 and 11-20) and a draft (11-21); the manager is left logged in. */
async function book(cast: DisposalCast) {
  const first = await approvedDisposal(app, cast, disposalInput(departments.citizens, {
    performedOn: '2026-11-18',
    targets: [{ kind: 'paper', description: '=台帳写し', quantity: 2, unit: '冊' }, { kind: 'paper', description: '申請書', quantity: 3, unit: '箱' }],
  }));
  const second = await approvedDisposal(app, cast, disposalInput(departments.citizens, { performedOn: '2026-11-20', method: 'shredding' }));
  await loginAs(app, people.clerk);
  await app.ok('disposal.create', disposalInput(departments.citizens, { performedOn: '2026-11-21', operatorId: cast.officer, witnessIds: [cast.otherClerk] }));
  await loginAs(app, people.manager);
  return { first, second };
}

async function exportCsv(name: string, input: Record<string, unknown>): Promise<string[][]> {
  app.saveAnswer.path = path.join(app.outDir, name);
  await app.ok('disposal.exportCsv', { filters: {}, ...input } as never);
  return parseCsv(readFileSync(path.join(app.outDir, name), 'utf8').replace(/^\uFEFF/, ''));
}

describe('廃棄記録簿 CSV', () => {
  it('writes the field labels as headers and one row per record, its targets in one cell', async () => {
    const cast = await disposalCast(app, departments);
    const { first, second } = await book(cast);
    await reauth(app, people.manager.password);
    const [headers, ...rows] = await exportCsv('book.csv', { sort: 'performedOn', direction: 'asc', filters: { status: 'approved' } });
    expect(headers).toEqual(expect.arrayContaining(['証明書番号', '対象', '実施者', '立会者', '状態', '承認者', '承認日']));
    expect(rows).toHaveLength(2);
    const cell = (row: string[], header: string) => row[headers!.indexOf(header)];
    expect(cell(rows[0]!, '証明書番号')).toBe(first.certificateNo);
    expect(cell(rows[1]!, '証明書番号')).toBe(second.certificateNo);
    // Both targets in one cell; a formula-looking text is defused for Excel.
    expect(cell(rows[0]!, '対象')).toMatch(/^'=台帳写し 2 ?冊、申請書 3 ?箱$/);
    expect(cell(rows[0]!, '実施者')).toBe(people.officer.displayName);
    expect(cell(rows[0]!, '立会者')).toBe(people.otherClerk.displayName);
    expect(cell(rows[0]!, '承認者')).toBe(people.manager.displayName);
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { action: 'disposal.export' });
    expect(log.rows[0]!.detail).toMatchObject({ rowCount: 2, file: 'book.csv' });
  });

  it('asks for the password again, then for a reason above the bulk threshold', async () => {
    const cast = await disposalCast(app, departments);
    await book(cast);
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('settings.update', { bulkExportThreshold: 2 });
    await loginAs(app, people.manager);
    expect((await app.fail('disposal.exportCsv', { filters: {} })).code).toBe('REAUTH_REQUIRED');
    await reauth(app, people.manager.password);
    expect((await app.fail('disposal.exportCsv', { filters: {} })).code).toBe('BULK_EXPORT_REASON_REQUIRED');
    expect((await app.fail('disposal.printBook', { filters: {}, target: 'printer' })).code).toBe('BULK_EXPORT_REASON_REQUIRED');
    const rows = await exportCsv('bulk.csv', { reason: '監査資料' });
    expect(rows).toHaveLength(4);
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { action: 'disposal.export' });
    expect(log.rows[0]!.detail).toMatchObject({ bulk: true, reason: '監査資料', rowCount: 3, file: 'bulk.csv' });
  });
});

describe.skipIf(skip)('廃棄記録簿 on paper', () => {
  it('prints the period under 抽出条件 on A4 landscape, only the records in it', async () => {
    const cast = await disposalCast(app, departments);
    const { first, second } = await book(cast);
    await reauth(app, people.manager.password);
    app.saveAnswer.path = path.join(app.outDir, 'book.pdf');
    await app.ok('disposal.printBook', { filters: { performedFrom: '2026-11-19', performedTo: '2026-11-30' }, target: 'pdf' });
    const pdf = await toPdf(app.printed.at(-1)!.html, { landscape: true });
    expect(pdfPageInfo(pdf)).toMatchObject({ widthPt: 842, heightPt: 595 });
    const text = pdfToText(pdf);
    expect(text).toContain('廃棄記録簿');
    expect(text).toMatch(/実施日（から）: (2026年11月19日|令和8年11月19日)/);
    expect(text).toMatch(/実施日（まで）: (2026年11月30日|令和8年11月30日)/);
    expect(text).toContain(second.certificateNo!);
    expect(text).not.toContain(first.certificateNo!);
    expect(text).toContain('全 2 件');
  });
});
