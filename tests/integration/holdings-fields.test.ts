import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdingFieldsSchema, type HoldingFields } from '../../db/contract/holdings';
import { holdingColumns } from '../../db/features/holdings/columns';
import { holdingCsvColumns } from '../../db/features/holdings/csv';
import { insertHolding, upcomingLedgerNo } from '../../db/features/holdings/rules';
import { decodeFields } from '../../db/ledger/columns';
import { parseRetentionCell } from '../../db/ledger/csv/cells';
import { decodeCsvFile, parseCsv } from '../../db/ledger/csv/decode';
import { migrations } from '../../db/store/migrations';
import { createUser, firstLogin, reauth, removeTestDir, type TestApp } from './support/backend';
import { htmlToPdf, launchChromium, missingPrintTools } from './support/chromium';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';
import { clerk, kitDatabase } from './support/ledgerDb';
import { pdfToText } from './support/pdfText';

/**
 * Issue #7: 備考, 保存期限 as a date / 永年 / a period, and 管理番号 assigned when left blank
 * (and suggested by the form). The clock stands at 2026-11-22 in Tokyo: 年度 R8.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const myNumber = '123456789018'; // a 12-digit number with a valid check digit
const input = (overrides: Parameters<typeof holdingInput>[1] = {}) => holdingInput(departments.citizens, overrides);

async function auditCount(action: string): Promise<number> {
  await loginAs(app, { loginId: 'sato', password: 'Kanri-2026-ichiro' });
  const total = (await app.ok('audit.query', { action })).total;
  await loginAs(app, people.clerk);
  return total;
}

const passwords = new Map([...Object.values(people), { loginId: 'sato', password: 'Kanri-2026-ichiro' }].map((p) => [p.loginId, p.password]));

/** The CSV export of the whole ledger as rows of cells, the header first (an export needs the password again). */
async function exportedCsv(name: string): Promise<string[][]> {
  app.saveAnswer.path = path.join(app.outDir, name);
  await reauth(app, passwords.get((await app.ok('session.current'))!.loginId)!);
  await app.ok('holdings.exportCsv', { filters: {} });
  return parseCsv(decodeCsvFile(readFileSync(app.saveAnswer.path)).text);
}

describe('備考 (remarks)', () => {
  it('is saved, shown, kept in the history, and refused with a 個人番号 in it on create and update, nothing written', async () => {
    await loginAs(app, people.clerk);
    const created = await app.ok('holdings.create', input({ remarks: '旧台帳（紙）から移行。原本は書庫に保管。' }));
    expect(created.remarks).toBe('旧台帳（紙）から移行。原本は書庫に保管。');
    const edited = await app.ok('holdings.update', { holdingId: created.id, version: created.version, fields: input({ remarks: '紙の原本は令和9年度に廃棄予定' }) });
    const { holding, history } = await app.ok('holdings.get', { holdingId: created.id });
    expect(holding.remarks).toBe('紙の原本は令和9年度に廃棄予定');
    expect(history[0]!.changes).toEqual([{ field: 'remarks', before: '旧台帳（紙）から移行。原本は書庫に保管。', after: '紙の原本は令和9年度に廃棄予定' }]);

    const onCreate = await app.fail('holdings.create', input({ ledgerNo: 'R8-0100', remarks: `照会時の番号 ${myNumber}` }));
    expect(onCreate.issues).toEqual([{ path: ['remarks'], messageKey: 'validation.myNumber' }]);
    // Full width and in 4-4-4 groups is the same number.
    const onUpdate = await app.fail('holdings.update', { holdingId: created.id, version: edited.version, fields: input({ remarks: '番号１２３４ ５６７８ ９０１８' }) });
    expect(onUpdate.issues).toEqual([{ path: ['fields', 'remarks'], messageKey: 'validation.myNumber' }]);
    expect((await app.ok('holdings.list', {})).total).toBe(1);
    expect((await app.ok('holdings.get', { holdingId: created.id })).holding).toMatchObject({ version: edited.version, remarks: '紙の原本は令和9年度に廃棄予定' });
    expect(await auditCount('holdings.create')).toBe(1);
    expect(await auditCount('holdings.update')).toBe(1);
  });

  it('goes out in CSV under its one label and reads back from it (摘要 too)', async () => {
    await loginAs(app, people.clerk);
    await app.ok('holdings.create', input({ remarks: '要配慮情報は含まない旨を確認済み\n2026年度点検' }));
    const [header, row] = (await exportedCsv('備考.csv')) as [string[], string[]];
    const column = header.indexOf('備考');
    expect(column).toBeGreaterThan(0);
    expect(row[column]).toBe('要配慮情報は含まない旨を確認済み\n2026年度点検');
    const remarks = holdingCsvColumns.find((c) => c.field === 'remarks')!;
    expect(remarks.synonyms).toContain('摘要');
    expect(remarks.cell.read(row[column]!, { lookup: () => undefined })).toEqual({ value: '要配慮情報は含まない旨を確認済み\n2026年度点検' });
  });
});

describe('保存期限: a date, 永年 or a period of years', () => {
  it('keeps each form as entered, in the history in the same words, and compares only a date with 利用期限', async () => {
    await loginAs(app, people.clerk);
    const permanent = await app.ok('holdings.create', input({ ledgerNo: 'R8-0001', retention: 'permanent', useUntil: '2040-03-31' }));
    const fiveYears = await app.ok('holdings.create', input({ ledgerNo: 'R8-0002', retention: 'P5Y', useUntil: '2040-03-31' }));
    const dated = await app.ok('holdings.create', input({ ledgerNo: 'R8-0003', retention: '2031-03-31' }));
    expect([permanent.retention, fiveYears.retention, dated.retention]).toEqual(['permanent', 'P5Y', '2031-03-31']);
    const changed = await app.ok('holdings.update', { holdingId: dated.id, version: dated.version, fields: input({ ledgerNo: 'R8-0003', retention: 'P10Y' }) });
    expect(changed.retention).toBe('P10Y');
    expect((await app.ok('holdings.get', { holdingId: dated.id })).history[0]!.changes).toEqual([{ field: 'retention', before: '2031-03-31', after: 'P10Y' }]);
    // A date before 利用期限 is refused; 永年 and 「5年」 have no end day to compare.
    const early = await app.fail('holdings.create', input({ ledgerNo: 'R8-0004', retention: '2030-03-31', useUntil: '2031-03-31' }));
    expect(early.issues).toEqual([{ path: ['retention'], messageKey: 'validation.dateRangeOrder' }]);
  });

  it('refuses 「永遠」, 0 and 100 years and a day that does not exist, saying what is meant, and writes nothing', async () => {
    await loginAs(app, people.clerk);
    const cases: [unknown, string][] = [
      ['永遠', 'validation.invalidRetention'],
      ['forever', 'validation.invalidRetention'],
      ['P0Y', 'validation.retentionYears'],
      ['P100Y', 'validation.retentionYears'],
      ['P05Y', 'validation.retentionYears'],
      ['2026-02-30', 'validation.invalidDate'],
      // Not text at all: the one message every text field gives a value of another type (issue #9 item 13).
      [5, 'validation.invalidType'],
    ];
    for (const [retention, messageKey] of cases) {
      const r = await app.backend.dispatch('holdings.create', { ...input(), retention }, { frameUrl: 'app://daicho/' });
      expect(r.ok ? null : r.issues, String(retention)).toEqual([{ path: ['retention'], messageKey }]);
    }
    expect((await app.ok('holdings.list', {})).total).toBe(0);
    expect(await auditCount('holdings.create')).toBe(0);
  });

  it('reads every usual spelling from a CSV cell and refuses the rest with a clear message', () => {
    const read = (cell: string) => parseRetentionCell(cell);
    for (const permanent of ['永年', '常用', '無期限', '永年保存', '　永　年　', '無 期 限 ']) expect(read(permanent), permanent).toBe('permanent');
    expect(read('5年')).toBe('P5Y');
    expect(read('５年')).toBe('P5Y');
    expect(read('5年間')).toBe('P5Y');
    expect(read(' 10 年 ')).toBe('P10Y');
    expect(read('９９年')).toBe('P99Y');
    expect(read('令和13年3月31日')).toBe('2031-03-31');
    expect(read('R13.3.31')).toBe('2031-03-31');
    expect(read('2031/3/31')).toBe('2031-03-31');
    expect(read('')).toBeNull();
    expect(read('永遠')).toEqual({ error: 'validation.invalidRetention' });
    expect(read('0年')).toEqual({ error: 'validation.retentionYears' });
    expect(read('100年')).toEqual({ error: 'validation.retentionYears' });
    expect(read('5ヶ月')).toEqual({ error: 'validation.invalidRetention' });
    // Through the column table, as the import reads it; a date that does not exist is the schema's to refuse.
    const cell = holdingColumns.retention.csv!;
    expect(cell.synonyms).toEqual(expect.arrayContaining(['保存期間・保存期限', '保存期間', '保管期限']));
    expect(cell.read('常用', { lookup: () => undefined })).toEqual({ value: 'permanent' });
    expect(cell.read('100年', { lookup: () => undefined })).toEqual({ error: 'validation.retentionYears' });
    expect(holdingFieldsSchema.shape.retention.safeParse('2026-02-30').success).toBe(false);
  });

  it('writes 永年, 「5年」 or the date in CSV, and each reads back as the same value', async () => {
    await loginAs(app, people.clerk);
    await app.ok('holdings.create', input({ ledgerNo: 'R8-0001', retention: 'permanent' }));
    await app.ok('holdings.create', input({ ledgerNo: 'R8-0002', retention: 'P5Y' }));
    await app.ok('holdings.create', input({ ledgerNo: 'R8-0003', retention: '2031-03-31' }));
    await app.ok('holdings.create', input({ ledgerNo: 'R8-0004', retention: null }));
    const [header, ...rows] = await exportedCsv('保存期限.csv');
    const column = header!.indexOf('保存期限');
    expect(rows.map((r) => r[column])).toEqual(['永年', '5年', '2031-03-31', '']);
    const cell = holdingColumns.retention.csv!;
    expect(rows.map((r) => cell.read(r[column]!, { lookup: () => undefined }))).toEqual([{ value: 'permanent' }, { value: 'P5Y' }, { value: '2031-03-31' }, { value: null }]);
  });

  it('still reads the dates of rows saved before migration 0004, which moves them into the new column', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of migrations.filter((m) => m.version <= 3)) db.exec(m.sql);
    db.prepare(`INSERT INTO departments (id, name, created_at) VALUES (1, '市民課', 'x')`).run();
    db.prepare(`INSERT INTO users (id, login_id, display_name, role, department_id, created_at) VALUES (1, 'tanaka', '田中 花子', 'clerk', 1, 'x')`).run();
    const old = db.prepare(`INSERT INTO holdings (ledger_no, name, department_id, purpose, medium, retention_until, last_edited_by, created_at, updated_at) VALUES (?, '台帳', 1, '事務', 'paper', ?, 1, 'x', 'x')`);
    old.run('R7-0001', '2031-03-31');
    old.run('R7-0002', null);
    db.exec(migrations.find((m) => m.version === 4)!.sql);
    const rows = db.prepare('SELECT * FROM holdings ORDER BY id').all() as Record<string, unknown>[];
    expect(rows.map((r) => decodeFields(holdingColumns, r))).toMatchObject([
      { ledgerNo: 'R7-0001', retention: '2031-03-31', remarks: '' },
      { ledgerNo: 'R7-0002', retention: null, remarks: '' },
    ]);
    expect(rows[0]).not.toHaveProperty('retention_until');
    // The table's own CHECK holds whatever a service might send.
    const set = db.prepare('UPDATE holdings SET retention = ? WHERE id = 1');
    for (const ok of ['permanent', 'P1Y', 'P99Y', '2040-03-31', null]) expect(() => set.run(ok)).not.toThrow();
    for (const bad of ['forever', 'P0Y', 'P100Y', 'P5', '5年']) expect(() => set.run(bad), bad).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE holdings SET remarks = ? WHERE id = 1`).run('備'.repeat(1001))).toThrow(/CHECK/);
    db.close();
  });
});

describe('管理番号 assigned when left blank', () => {
  it('assigns 年度-連番 in order, passing over numbers typed by hand', async () => {
    await loginAs(app, people.clerk);
    await app.ok('holdings.create', input({ ledgerNo: 'R8-0002' }));
    const assigned: string[] = [];
    for (let i = 0; i < 3; i++) assigned.push((await app.ok('holdings.create', input({ ledgerNo: '' }))).ledgerNo);
    // Typed by hand after the counter passed it: the next automatic number moves on.
    await app.ok('holdings.create', input({ ledgerNo: 'R8-0005' }));
    const { ledgerNo: omitted } = await app.ok('holdings.create', { ...input(), ledgerNo: undefined });
    expect([...assigned, omitted]).toEqual(['R8-0001', 'R8-0003', 'R8-0004', 'R8-0006']);
    // Each creation's access-log event names the number actually given.
    await loginAs(app, { loginId: 'sato', password: 'Kanri-2026-ichiro' });
    const events = (await app.ok('audit.query', { action: 'holdings.create' })).rows.map((e) => e.detail.ledgerNo);
    expect(events.sort()).toEqual(['R8-0001', 'R8-0002', 'R8-0003', 'R8-0004', 'R8-0005', 'R8-0006']);
  });

  it('suggests the number a save would assign now, without taking it', async () => {
    await loginAs(app, people.clerk);
    expect(await app.ok('holdings.nextLedgerNo', {})).toEqual({ ledgerNo: 'R8-0001' });
    await app.ok('holdings.create', input({ ledgerNo: 'R8-0001' }));
    const suggested = (await app.ok('holdings.nextLedgerNo', {})).ledgerNo;
    expect(suggested).toBe('R8-0002');
    expect((await app.ok('holdings.nextLedgerNo', {})).ledgerNo).toBe(suggested);
    expect((await app.ok('holdings.create', input({ ledgerNo: '' }))).ledgerNo).toBe(suggested);
    expect((await app.ok('holdings.nextLedgerNo', {})).ledgerNo).toBe('R8-0003');
    expect((await app.fail('holdings.nextLedgerNo', { extra: 1 } as never)).code).toBe('INVALID_INPUT');
    // Only who may create entries is told: the auditor reads the ledger but never writes it.
    await loginAs(app, { loginId: 'sato', password: 'Kanri-2026-ichiro' });
    expect(await app.ok('holdings.nextLedgerNo', {})).toEqual({ ledgerNo: 'R8-0003' });
    await createUser(app, { loginId: 'kansa', displayName: '監査 委員', role: 'auditor', password: 'Initial-2026-e' });
    await app.ok('auth.logout');
    await firstLogin(app, 'kansa', 'Initial-2026-e', 'Audit-2026-pw-z');
    expect((await app.fail('holdings.nextLedgerNo', {})).code).toBe('PERMISSION_DENIED');
  });

  it('never gives one number twice to saves sent at once', async () => {
    await loginAs(app, people.clerk);
    const saved = await Promise.all([1, 2, 3, 4].map(() => app.ok('holdings.create', input({ ledgerNo: '' }))));
    expect(saved.map((h) => h.ledgerNo).sort()).toEqual(['R8-0001', 'R8-0002', 'R8-0003', 'R8-0004']);
  });

  it('meets a number typed in full width or with 「ー」 as the same number', async () => {
    await loginAs(app, people.clerk);
    const typed = await app.ok('holdings.create', input({ ledgerNo: 'Ｒ８ー０００７' }));
    expect(typed.ledgerNo).toBe('R8-0007');
    const again = await app.fail('holdings.create', input({ ledgerNo: 'R8－0007' }));
    expect(again.issues).toEqual([{ path: ['ledgerNo'], messageKey: 'validation.ledgerNoTaken' }]);
  });

  it('keeps the number on edit: a blanked 管理番号 is refused and nothing changes', async () => {
    await loginAs(app, people.clerk);
    const created = await app.ok('holdings.create', input({ ledgerNo: '' }));
    const refused = await app.fail('holdings.update', { holdingId: created.id, version: created.version, fields: input({ ledgerNo: '  ' }) });
    expect(refused.issues).toEqual([{ path: ['fields', 'ledgerNo'], messageKey: 'validation.required' }]);
    expect((await app.ok('holdings.get', { holdingId: created.id })).holding).toMatchObject({ ledgerNo: 'R8-0001', version: created.version });
  });
});

describe('管理番号 in the ledger kit (the import inserts through the same rule)', () => {
  const blank: HoldingFields = holdingFieldsSchema.parse({ name: '住民基本台帳', departmentId: 1, purpose: '公証', medium: 'paper' });

  it('gives a rolled-back save’s number to the next save, and numbers imported rows the same way', () => {
    const kit = kitDatabase();
    try {
      expect(() =>
        kit.write((tx) => {
          insertHolding(tx, clerk, blank, 'create', '2026-11-22');
          throw new Error('the access-log write failed');
        }),
      ).toThrow('the access-log write failed');
      expect(upcomingLedgerNo(kit.db, '2026-11-22')).toBe('R8-0001');
      const ids = kit.write((tx) => [insertHolding(tx, clerk, blank, 'import', '2026-11-22'), insertHolding(tx, clerk, { ...blank, ledgerNo: 'R8-0002' }, 'import', '2026-11-22'), insertHolding(tx, clerk, blank, 'import', '2026-11-22')]);
      const numbers = ids.map((id) => kit.db.prepare('SELECT ledger_no FROM holdings WHERE id = ?').pluck().get(id));
      expect(numbers).toEqual(['R8-0001', 'R8-0002', 'R8-0003']);
      // A new 年度 (1 April in the organisation's calendar) starts again at 1.
      expect(upcomingLedgerNo(kit.db, '2027-03-31')).toBe('R8-0004');
      expect(upcomingLedgerNo(kit.db, '2027-04-01')).toBe('R9-0001');
    } finally {
      kit.db.close();
      removeTestDir(kit.dir);
    }
  });
});

describe.skipIf(missingPrintTools())('on paper', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('prints 備考 and 保存期限 in the same words as the screen and CSV', async () => {
    await loginAs(app, people.clerk);
    const permanent = await app.ok('holdings.create', input({ ledgerNo: '', retention: 'permanent', remarks: '紙の原本は書庫B-3に保管' }));
    await app.ok('holdings.update', { holdingId: permanent.id, version: permanent.version, fields: input({ ledgerNo: permanent.ledgerNo, retention: 'P30Y', remarks: '紙の原本は書庫B-3に保管' }) });
    await app.ok('holdings.printSheet', { holdingId: permanent.id, target: 'printer' });
    const text = pdfToText(await htmlToPdf(browser, app.printed.at(-1)!.html));
    expect(text).toMatch(/保存期限\s+30年\n/);
    expect(text).toMatch(/備考\s+紙の原本は書庫B-3に保管/);
    expect(text).toContain('管理番号 R8-0001');
    // The history names the field by its label.
    expect(text).toMatch(/変更\s+保存期限/);
  });
});
