import { statement } from '../store/statements';
import type { Department } from '../contract';
import type { Db } from '../store/database';
import { fieldError } from './appError';
import type { Tx } from './appCore';

/**
 * 担当課等: the departments that own accounts and ledger rows. Like people, they are never
 * deleted, so old records keep the name they were made under.
 */
export function listDepartments(db: Db, includeInactive: boolean): Department[] {
  const rows = db.prepare(`SELECT id, name, active FROM departments ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY name`).all() as {
    id: number;
    name: string;
    active: number;
  }[];
  return rows.map((r) => ({ id: r.id, name: r.name, active: r.active === 1 }));
}

export function createDepartment(tx: Tx, name: string): Department {
  const exists = tx.db.prepare('SELECT 1 FROM departments WHERE name = ?').get(name);
  if (exists) throw fieldError(['name'], 'validation.departmentTaken');
  const { lastInsertRowid } = tx.db.prepare('INSERT INTO departments (name, created_at) VALUES (?, ?)').run(name, tx.at);
  const id = Number(lastInsertRowid);
  tx.audit({ action: 'department.create', targetType: 'department', targetId: id, detail: { after: { name } } });
  return { id, name, active: true };
}

/** Refuses an unknown or closed department, naming the form field that chose it. */
export function assertDepartmentUsable(db: Db, departmentId: number, field: string): void {
  // Cached: an import checks this once per row.
  const dept = statement(db, 'SELECT active FROM departments WHERE id = ?').get(departmentId) as { active: number } | undefined;
  if (!dept || dept.active !== 1) throw fieldError([field], 'validation.unknownDepartment');
}
