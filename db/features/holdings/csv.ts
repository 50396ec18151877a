import { holdingFieldsSchema, holdingStatuses, type Holding, type HoldingFields, type ImportRowError } from '../../contract';
import { listDepartments } from '../../core/departments';
import { nameKey } from '../../ledger/csv/cells';
import { numbersAlreadyRegistered, rowsOfOtherDepartments } from '../../ledger/csv/importChecks';
import type { ImportDefinition } from '../../ledger/csv/importSession';
import { csvColumnsOf, writeLedgerCsv, type ExtraCsvColumn } from '../../ledger/csv/table';
import type { LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { holdingColumns } from './columns';
import { insertHolding, upcomingLedgerNo } from './rules';

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

type ColumnOf = (key: string) => string;

/**
 * Re-importing a file says which rows are already in the ledger, naming the entry: by its
 * 管理番号 (the kit's numbersAlreadyRegistered: another 課等's number is only "in use", as the
 * form says), or — for a row whose number is to be assigned — by the same name in the same 課等.
 * Only entries the actor may see are named (MIC §9): a row of another 課等 is refused for that
 * alone (rowsOfOtherDepartments), else a clerk could probe that 課等's names and numbers by importing.
 */
function alreadyRegistered(db: Db, actor: LedgerActor, records: readonly HoldingFields[], columnOf: ColumnOf): ImportRowError[] {
  const visible = (departmentId: number) => !isDepartmentScoped(actor) || departmentId === actor.departmentId;
  const taken = statement(db, 'SELECT department_id FROM holdings WHERE ledger_no = ?').pluck();
  const numbers = numbersAlreadyRegistered(actor, records, {
    field: 'ledgerNo',
    column: columnOf('ledgerNo'),
    of: (f) => f.ledgerNo,
    departmentOf: (f) => f.departmentId,
    holderDepartment: (no) => taken.get(no) as number | undefined,
    takenKey: 'validation.ledgerNoTaken',
  });
  // Read per 課等 from its covering index (holdings_by_department), only when a number is to be assigned.
  const named = new Map<number, Map<string, string>>();
  const byName = (departmentId: number) => {
    let names = named.get(departmentId);
    if (!names) {
      const rows = statement(db, 'SELECT name, ledger_no FROM holdings WHERE department_id = ? ORDER BY ledger_no').all(departmentId) as { name: string; ledger_no: string }[];
      names = new Map();
      for (const r of rows) if (!names.has(nameKey(r.name))) names.set(nameKey(r.name), r.ledger_no);
      named.set(departmentId, names);
    }
    return names;
  };
  const names = records.flatMap((f, i): ImportRowError[] => {
    const existing = visible(f.departmentId) && f.ledgerNo === '' ? byName(f.departmentId).get(nameKey(f.name)) : undefined;
    return existing ? [{ row: i + 1, column: columnOf('name'), field: 'name', messageKey: 'validation.alreadyRegisteredAs', params: { ledgerNo: existing } }] : [];
  });
  return [...numbers, ...names];
}

/** CSV import of an existing Excel ledger: every row a draft, all in one transaction or none. */
/** `today` (the organisation's calendar) numbers rows without a 管理番号 (年度-連番). */
export function holdingImport(actor: LedgerActor, today: string): ImportDefinition<HoldingFields> {
  return {
    ledger: 'holdings',
    columns: holdingCsvColumns,
    schema: holdingFieldsSchema,
    uniqueField: 'ledgerNo',
    numbering: { field: 'ledgerNo', upcoming: (db) => upcomingLedgerNo(db, today) },
    context(db) {
      const departments = new Map(listDepartments(db, false).map((d) => [nameKey(d.name), d.id]));
      return { cacheKey: JSON.stringify([...departments]), lookup: (_kind, name) => departments.get(nameKey(name)) };
    },
    checkAgainstDatabase: (db, records, columnOf) => [...alreadyRegistered(db, actor, records, columnOf), ...rowsOfOtherDepartments(db, actor, records, (f) => f.departmentId, columnOf('department'))],
    insert(tx, records, file) {
      const ids = records.map((f) => insertHolding(tx, actor, f, 'import', today));
      // One event for the file; each row's own history says it came from this import.
      tx.audit({
        action: 'holdings.import',
        targetType: 'holding',
        detail: { fileName: file.fileName, encoding: file.encoding, created: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
      });
    },
  };
}
