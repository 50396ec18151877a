import { holdingFieldsSchema, holdingStatuses, type Holding, type HoldingFields, type ImportRowError } from '../../contract';
import { listDepartments } from '../../core/departments';
import { nameKey } from '../../ledger/csv/cells';
import type { ImportDefinition } from '../../ledger/csv/importSession';
import { csvColumnsOf, writeLedgerCsv, type ExtraCsvColumn } from '../../ledger/csv/table';
import type { LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import { statement } from '../../store/statements';
import { holdingColumns } from './columns';
import { insertHolding } from './rules';

/**
 * CSV of the 保有個人情報等台帳: the columns come from the column table (one label per
 * field, the same on screen and paper), then 状態, 管理区分, 最終見直し日 on export.
 */
export const holdingCsvColumns = csvColumnsOf(holdingColumns, japaneseLabel);

const statusWords = japaneseLabels('holdingStatus', holdingStatuses);
/** A stored instant (最終見直し日) as the organisation's calendar day. */
type DayOf = (iso: string) => string;

function extraColumns(dayOf: DayOf): ExtraCsvColumn<Holding>[] {
  return [
    { header: japaneseLabel('holdingFields.status'), write: (h) => statusWords[h.status] },
    { header: japaneseLabel('holdingFields.category'), write: (h) => h.category ?? '' },
    { header: japaneseLabel('holdingFields.lastReviewedAt'), write: (h) => (h.lastReviewedAt ? dayOf(h.lastReviewedAt) : '') },
  ];
}

/** The ledger as CSV for Excel; dates are days in the organisation's time zone. */
export function holdingsCsv(rows: readonly Holding[], dayOf: DayOf): string {
  return writeLedgerCsv(holdingCsvColumns, rows, extraColumns(dayOf));
}

/** CSV import of an existing Excel ledger: every row a draft, all in one transaction or none. */
export function holdingImport(actor: LedgerActor): ImportDefinition<HoldingFields> {
  return {
    ledger: 'holdings',
    columns: holdingCsvColumns,
    schema: holdingFieldsSchema,
    uniqueField: 'ledgerNo',
    context(db) {
      const departments = new Map(listDepartments(db, false).map((d) => [nameKey(d.name), d.id]));
      return { cacheKey: JSON.stringify([...departments]), lookup: (_kind, name) => departments.get(nameKey(name)) };
    },
    checkAgainstDatabase(db, records, columnOf) {
      const errors: ImportRowError[] = [];
      const taken = statement(db, 'SELECT 1 FROM holdings WHERE ledger_no = ?').pluck();
      records.forEach((f, i) => {
        if (taken.get(f.ledgerNo)) errors.push({ row: i + 1, column: columnOf('ledgerNo'), field: 'ledgerNo', messageKey: 'validation.ledgerNoTaken' });
        if (isDepartmentScoped(actor) && actor.departmentId !== f.departmentId) {
          errors.push({ row: i + 1, column: columnOf('department'), field: 'department', messageKey: 'validation.otherDepartment' });
        }
      });
      return errors;
    },
    insert(tx, records, file) {
      const ids = records.map((f) => insertHolding(tx, actor, f, 'import'));
      // One event for the file; each row's own history says it came from this import.
      tx.audit({
        action: 'holdings.import',
        targetType: 'holding',
        detail: { fileName: file.fileName, encoding: file.encoding, created: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
      });
    },
  };
}
