import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdingFieldsSchema, type HoldingFields } from '../../db/contract';
import { holdingColumns, holdingsLedger } from '../../db/features/holdings/columns';
import { decodeFields, diffFields, encodeFields, sqlColumns, text, type ColumnTable } from '../../db/ledger/columns';
import { csvColumnsOf, convertRows, writeLedgerCsv } from '../../db/ledger/csv/table';
import { insertRecord, readHistory, updateRecord, type LedgerTable } from '../../db/ledger/record';
import { japaneseLabel } from '../../db/print/labels';
import { optionalText } from '../../db/contract/fields';
import { clerk, kitDatabase } from './support/ledgerDb';

/** The ledger kit derives SQL, row mapping, history and CSV from a ledger's column table. */
let kit: ReturnType<typeof kitDatabase>;
beforeEach(() => {
  kit = kitDatabase();
});
afterEach(() => kit.db.close());

const fields = holdingFieldsSchema.parse({ ledgerNo: 'R8-0001', name: '住民基本台帳', departmentId: 1, purpose: '公証', medium: 'paper', recordItems: ['氏名'] });

describe('column table', () => {
  it('keeps insert columns and values in step by construction', () => {
    const columns = sqlColumns(holdingColumns);
    const values = encodeFields(holdingColumns, fields);
    expect(columns).toHaveLength(Object.keys(holdingFieldsSchema.shape).length);
    expect(columns[columns.indexOf('purpose')]).toBe('purpose');
    expect(values[columns.indexOf('purpose')]).toBe('公証');
    expect(values[columns.indexOf('record_items')]).toBe('["氏名"]');
    expect(values[columns.indexOf('contains_my_number')]).toBe(0);
    // Every field of the contract has exactly one entry, and every entry a label the locale knows.
    expect(Object.keys(holdingColumns).sort()).toEqual(Object.keys(holdingFieldsSchema.shape).sort());
    for (const spec of Object.values(holdingColumns)) expect(japaneseLabel(spec.label), spec.label).not.toBe(spec.label);
  });

  it('saves and reads every field of a holding unchanged', () => {
    const { id } = kit.write((tx) => insertRecord(tx, holdingsLedger, clerk, fields, 'create', { status: 'draft' }));
    const row = kit.db.prepare('SELECT * FROM holdings WHERE id = ?').get(id) as Record<string, unknown>;
    expect(decodeFields(holdingColumns, row)).toEqual(fields);
  });

  it('needs only a column entry and a migration for a new field: saved, read, diffed into history, in CSV', () => {
    // The migration: one new column.
    kit.db.exec(`ALTER TABLE holdings ADD COLUMN former_ledger_no TEXT NOT NULL DEFAULT ''`);
    // The column entry: nothing else in the kit is touched.
    type Extended = HoldingFields & { formerLedgerNo: string };
    const columns: ColumnTable<Extended> = { ...holdingColumns, formerLedgerNo: text('former_ledger_no', { label: 'holdingFields.formerLedgerNo', synonyms: ['旧番号'] }) };
    const ledger: LedgerTable<Extended> = { ...holdingsLedger, columns };
    const first: Extended = { ...fields, formerLedgerNo: '住-12' };

    const { id, changes } = kit.write((tx) => insertRecord(tx, ledger, clerk, first, 'create', { status: 'draft' }));
    expect(changes).toContainEqual({ field: 'formerLedgerNo', before: null, after: '住-12' });
    const read = () => decodeFields(columns, kit.db.prepare('SELECT * FROM holdings WHERE id = ?').get(id) as Record<string, unknown>);
    expect(read().formerLedgerNo).toBe('住-12');

    const edited = { ...first, formerLedgerNo: '住-12-2' };
    const result = kit.write((tx) => updateRecord(tx, ledger, clerk, { id, version: 1, fields: read() }, edited, 'update'));
    expect(result?.changes).toEqual([{ field: 'formerLedgerNo', before: '住-12', after: '住-12-2' }]);
    expect(readHistory(kit.db, ledger, id)[0]).toMatchObject({ version: 2, action: 'update', changes: [{ field: 'formerLedgerNo', before: '住-12', after: '住-12-2' }] });
    expect(read().formerLedgerNo).toBe('住-12-2');

    const csvColumns = csvColumnsOf(columns, (key) => (key === 'holdingFields.formerLedgerNo' ? '旧台帳番号' : japaneseLabel(key)));
    const csv = writeLedgerCsv(csvColumns, [{ ...read(), departmentName: '市民課' }]);
    const [header, row] = csv.slice(1).split('\r\n') as [string, string];
    expect(header.split(',').at(-1)).toBe('旧台帳番号');
    expect(row.split(',').at(-1)).toBe('住-12-2');
    // …and the same column imports, under its label or a synonym.
    const headers = header.split(',');
    const { records, errors } = convertRows<Extended>({
      columns: csvColumns,
      // The contract's part of adding a field: its schema entry.
      schema: holdingFieldsSchema.extend({ formerLedgerNo: optionalText(30) }),
      headers,
      rows: [row.split(',')],
      mapping: Object.fromEntries(headers.map((h, i) => [h, csvColumns[i]?.key ?? ''])),
      ctx: { lookup: () => 1 },
    });
    expect(errors).toEqual([]);
    expect(records[0]?.formerLedgerNo).toBe('住-12-2');
  });

  it('names only SQL columns the holdings table has', () => {
    const declared = (kit.db.prepare(`SELECT name FROM pragma_table_info('holdings')`).pluck().all() as string[]);
    for (const column of sqlColumns(holdingColumns)) expect(declared).toContain(column);
  });

  it('diffs only what changed, treating list order as a change', () => {
    expect(diffFields(holdingColumns, fields, { ...fields })).toEqual([]);
    expect(diffFields(holdingColumns, fields, { ...fields, recordItems: ['住所', '氏名'] })).toEqual([{ field: 'recordItems', before: ['氏名'], after: ['住所', '氏名'] }]);
  });
});
