import type { ImportRowError } from '../../contract';
import { listDepartments } from '../../core/departments';
import type { Db } from '../../store/database';
import type { LedgerActor } from '../record';
import { isDepartmentScoped } from '../scope';

/**
 * Checks of an import against the ledger that every ledger makes alike. Rows are the records'
 * 1-based positions (the import session reports them as the file's rows).
 */

/** A clerk imports only rows of their own 課等 (MIC §9); each other row is named with both 課等. */
export function rowsOfOtherDepartments<F>(db: Db, actor: LedgerActor, records: readonly F[], departmentOf: (record: F) => number, column: string): ImportRowError[] {
  if (!isDepartmentScoped(actor)) return [];
  const nameOf = new Map(listDepartments(db, true).map((d) => [d.id, d.name]));
  const own = nameOf.get(actor.departmentId) ?? '';
  return records.flatMap((f, i) => {
    const departmentId = departmentOf(f);
    if (departmentId === actor.departmentId) return [];
    return [{ row: i + 1, column, field: 'department', messageKey: 'validation.otherDepartmentRow', params: { department: nameOf.get(departmentId) ?? '', own } }];
  });
}

/**
 * A re-imported file is refused row by row: a number already in the ledger names the record
 * holding it when the actor may see that record; another 課等's is only "taken" (`takenKey`, as
 * the form says), so importing cannot probe what a 課等 holds (MIC §9).
 */
export function numbersAlreadyRegistered<F>(
  actor: LedgerActor,
  records: readonly F[],
  number: { field: string; column: string; of(record: F): string; departmentOf(record: F): number; holderDepartment(no: string): number | undefined; takenKey: string },
): ImportRowError[] {
  const visible = (departmentId: number) => !isDepartmentScoped(actor) || departmentId === actor.departmentId;
  return records.flatMap((f, i) => {
    const no = number.of(f);
    const holder = no === '' ? undefined : number.holderDepartment(no);
    // A row of another 課等 is refused for that alone (rowsOfOtherDepartments): its number is not looked at.
    if (holder === undefined || !visible(number.departmentOf(f))) return [];
    const base = { row: i + 1, column: number.column, field: number.field };
    return [visible(holder) ? { ...base, messageKey: 'validation.alreadyRegistered', params: { ledgerNo: no } } : { ...base, messageKey: number.takenKey }];
  });
}

