import { statement } from '../store/statements';
import type { Department } from '../contract';
import { nameKey } from '../contract/names';
import type { Db } from '../store/database';
import { fieldError } from './appError';
import type { Tx } from './appCore';

/**
 * 担当課等: the departments that own accounts and ledger rows. Like people, they are never
 * deleted, so old records keep the name they were made under.
 */
/** Japanese order: kanji by JIS order, which follows the reading for common kanji (会計課, 市民課, 総務課), not by code point. */
const japaneseOrder = new Intl.Collator('ja');

/** A 課等's name as it is now (an unknown id: undefined; the caller says what stands in its place). */
export function departmentName(db: Db, departmentId: number): string | undefined {
  return statement(db, 'SELECT name FROM departments WHERE id = ?').pluck().get(departmentId) as string | undefined;
}

export function listDepartments(db: Db, includeInactive: boolean): Department[] {
  const rows = db.prepare(`SELECT id, name, active FROM departments ${includeInactive ? '' : 'WHERE active = 1'}`).all() as {
    id: number;
    name: string;
    active: number;
  }[];
  // Active ones first, then by name as a Japanese office lists them.
  rows.sort((a, b) => b.active - a.active || japaneseOrder.compare(a.name, b.name) || a.id - b.id);
  return rows.map((r) => ({ id: r.id, name: r.name, active: r.active === 1 }));
}

/**
 * One name per 課等 in any width or spacing: imports read a 課等 by name that way (nameKey), so
 * 「ＩＴ推進課」 beside 「IT推進課」 would give an imported row to whichever came last.
 */
function assertNameFree(db: Db, name: string, exceptId = 0): void {
  const names = db.prepare('SELECT name FROM departments WHERE id <> ?').pluck().all(exceptId) as string[];
  if (names.some((n) => nameKey(n) === nameKey(name))) throw fieldError(['name'], 'validation.departmentTaken');
}

export function createDepartment(tx: Tx, name: string): Department {
  assertNameFree(tx.db, name);
  const { lastInsertRowid } = tx.db.prepare('INSERT INTO departments (name, created_at) VALUES (?, ?)').run(name, tx.at);
  const id = Number(lastInsertRowid);
  tx.audit({ action: 'department.create', targetType: 'department', targetId: id, detail: { after: { name } } });
  return { id, name, active: true };
}

/**
 * Renames a department or closes / reopens it. Records keep their department; a closed one
 * takes no new accounts or entries. It cannot close while active accounts still belong to it
 * (move them first — 人事異動, seed 004 case 4).
 */
export function updateDepartment(tx: Tx, input: { departmentId: number; name?: string | undefined; active?: boolean | undefined }): Department {
  const row = tx.db.prepare('SELECT id, name, active FROM departments WHERE id = ?').get(input.departmentId) as { id: number; name: string; active: number } | undefined;
  if (!row) throw fieldError(['departmentId'], 'validation.unknownDepartment');
  const name = input.name ?? row.name;
  const active = input.active ?? row.active === 1;
  if (name !== row.name) assertNameFree(tx.db, name, row.id);
  if (!active && row.active === 1) {
    const people = tx.db.prepare('SELECT count(*) FROM users WHERE department_id = ? AND active = 1').pluck().get(row.id) as number;
    if (people > 0) throw fieldError(['active'], 'validation.departmentHasUsers', { count: people });
  }
  if (name === row.name && active === (row.active === 1)) return { id: row.id, name, active };
  tx.db.prepare('UPDATE departments SET name = ?, active = ? WHERE id = ?').run(name, active ? 1 : 0, row.id);
  tx.audit({ action: 'department.update', targetType: 'department', targetId: row.id, detail: { before: { name: row.name, active: row.active === 1 }, after: { name, active } } });
  return { id: row.id, name, active };
}

/** Refuses an unknown or closed department, naming the form field that chose it. */
export function assertDepartmentUsable(db: Db, departmentId: number, field: string): void {
  // Cached: an import checks this once per row.
  const dept = statement(db, 'SELECT active FROM departments WHERE id = ?').get(departmentId) as { active: number } | undefined;
  if (!dept || dept.active !== 1) throw fieldError([field], 'validation.unknownDepartment');
}
