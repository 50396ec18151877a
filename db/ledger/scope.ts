import { roleScope } from '../contract';
import { AppError, fieldError } from '../core/appError';
import type { AppCore } from '../core/appCore';
import { assertDepartmentUsable } from '../core/departments';
import type { Db } from '../store/database';
import type { Conditions } from './listQuery';
import type { LedgerActor } from './record';

/**
 * Department scope (MIC §9): clerks, officers and managers work within their own 課等;
 * the chief and the auditor see the whole organisation. Every ledger applies it the same way.
 */
export function actorOf(core: AppCore): LedgerActor {
  const s = core.requireSession();
  return { userId: s.userId, name: s.displayName, role: s.role, departmentId: s.departmentId };
}

export function isDepartmentScoped(actor: LedgerActor): boolean {
  return roleScope(actor.role) === 'department';
}

/**
 * Refuses a record of another 課等 to a department-scoped role, with the very failure of an id
 * that does not exist (NOT_FOUND, nothing more): a distinct answer would let a clerk walk ids
 * 1..N and learn which exist in other 課等 and when they are made (issue #9 item 13).
 * Callers read the row and check this before anything else about it (version, status).
 */
export function assertDepartmentAccess(actor: LedgerActor, departmentId: number): void {
  if (isDepartmentScoped(actor) && actor.departmentId !== departmentId) throw new AppError('NOT_FOUND');
}

/** The 課等 a form assigns must exist, be active, and (for scoped roles) be the actor's own. */
export function assertAssignableDepartment(db: Db, actor: LedgerActor, departmentId: number, field = 'departmentId'): void {
  assertDepartmentUsable(db, departmentId, field);
  if (isDepartmentScoped(actor) && actor.departmentId !== departmentId) throw fieldError([field], 'validation.otherDepartment');
}

/** Narrows a list to the actor's 課等 when the role is department-scoped. */
export function scopeToDepartment(where: Conditions, actor: LedgerActor, column: string): Conditions {
  return isDepartmentScoped(actor) ? where.add(`${column} = ?`, actor.departmentId) : where;
}

/** The same narrowing as an SQL fragment (` AND <column> = ?`) and its parameters, for counts written as one statement (home cards). */
export function departmentScopeSql(actor: LedgerActor, column: string): { sql: string; params: number[] } {
  return isDepartmentScoped(actor) ? { sql: ` AND ${column} = ?`, params: [actor.departmentId] } : { sql: '', params: [] };
}
