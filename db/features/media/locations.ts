import type { StorageLocation } from '../../contract';
import { nameKey } from '../../contract/names';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { pinSideRow } from '../../ledger/integrity';
import type { LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment, isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';

/**
 * 保管場所 (施錠キャビネット, 耐火金庫 …): the managed list media are kept in (MIC §10: media are
 * kept in designated, locked places). A location belongs to one 課等, or to the whole
 * organisation (no 課等: a shared safe where backup media are kept apart, MIC §29), which only
 * an organisation-wide role maintains. Never deleted (media and their history name it);
 * deactivated, once no medium in use is kept there. Each write pins the row for 改ざん検査
 * (a side table of the register, columns.ts): its 課等, name and same-room flag decide where
 * media may be kept and the MIC §29 warning, so a flip behind the app is named.
 */
interface LocationRow {
  id: number;
  name: string;
  department_id: number | null;
  department_name: string | null;
  active: number;
  beside_terminal: number;
}

const locationSelect = `SELECT l.id, l.name, l.department_id, d.name AS department_name, l.active, l.beside_terminal
  FROM storage_locations l LEFT JOIN departments d ON d.id = l.department_id`;

function toLocation(r: LocationRow): StorageLocation {
  return { id: r.id, name: r.name, departmentId: r.department_id, departmentName: r.department_name, active: r.active === 1, besideTerminal: r.beside_terminal === 1 };
}

/** Those a reader may use: their 課等's and the shared ones (the chief and the auditor: all). */
export function listLocations(db: Db, actor: LedgerActor, includeInactive: boolean): StorageLocation[] {
  const scoped = isDepartmentScoped(actor);
  const rows = statement(
    db,
    `${locationSelect} WHERE (? = 0 OR l.department_id IS NULL OR l.department_id = ?) AND (? = 1 OR l.active = 1)
     ORDER BY l.department_id IS NOT NULL, d.name, l.name, l.id`,
  ).all(scoped ? 1 : 0, actor.departmentId, includeInactive ? 1 : 0) as LocationRow[];
  return rows.map(toLocation);
}

function readLocation(db: Db, locationId: number): LocationRow | undefined {
  return statement(db, `${locationSelect} WHERE l.id = ?`).get(locationId) as LocationRow | undefined;
}

/** A medium of `departmentId` may be kept at an active location of its 課等 or a shared one. */
export function assertLocationUsable(db: Db, locationId: number, departmentId: number): void {
  const row = readLocation(db, locationId);
  if (!row || row.active !== 1 || (row.department_id !== null && row.department_id !== departmentId)) {
    throw fieldError(['storageLocationId'], 'validation.unknownStorageLocation');
  }
}

/**
 * One name per place within its 課等 (or among the shared ones), in any width or spacing: the
 * register's import reads 保管場所 by name that way (nameKey), so 「金庫A」 beside 「金庫Ａ」 would
 * put an imported medium in whichever came first, and the two print alike.
 */
function assertNameFree(db: Db, name: string, departmentId: number | null, exceptId = 0): void {
  const names = statement(db, 'SELECT name FROM storage_locations WHERE coalesce(department_id, 0) = ? AND id <> ?').pluck().all(departmentId ?? 0, exceptId) as string[];
  if (names.some((n) => nameKey(n) === nameKey(name))) throw fieldError(['name'], 'validation.storageLocationTaken');
}

/** A shared location is the organisation's: a 課等's officer or manager may not create or change it. */
function assertManageable(actor: LedgerActor, departmentId: number | null): void {
  if (departmentId === null && isDepartmentScoped(actor)) throw fieldError(['departmentId'], 'validation.otherDepartment');
}

/** The location, if the reader may see it: another 課等's is NOT_FOUND to a scoped role, as an unknown id (issue #9 item 13). */
export function readVisibleLocation(db: Db, actor: LedgerActor, locationId: number): LocationRow {
  const row = readLocation(db, locationId);
  if (!row || (isDepartmentScoped(actor) && row.department_id !== null && row.department_id !== actor.departmentId)) throw new AppError('NOT_FOUND');
  return row;
}

/** The location to change: one the reader sees, and may manage. */
function locationFor(tx: Tx, actor: LedgerActor, locationId: number): LocationRow {
  const row = readVisibleLocation(tx.db, actor, locationId);
  assertManageable(actor, row.department_id);
  return row;
}

export function createLocation(tx: Tx, actor: LedgerActor, input: { name: string; departmentId: number | null; besideTerminal: boolean }): StorageLocation {
  assertManageable(actor, input.departmentId);
  if (input.departmentId !== null) assertAssignableDepartment(tx.db, actor, input.departmentId);
  assertNameFree(tx.db, input.name, input.departmentId);
  const { lastInsertRowid } = statement(tx.db, 'INSERT INTO storage_locations (name, department_id, active, beside_terminal, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?)')
    .run(input.name, input.departmentId, input.besideTerminal ? 1 : 0, tx.at, tx.at);
  const id = Number(lastInsertRowid);
  pinSideRow(tx.db, 'storage_locations', id);
  tx.audit({
    action: 'media.storageLocation.create',
    targetType: 'storage_location',
    targetId: id,
    detail: { name: input.name, departmentId: input.departmentId, ...(input.besideTerminal ? { besideTerminal: true } : {}) },
  });
  return toLocation(readLocation(tx.db, id)!);
}

export function renameLocation(tx: Tx, actor: LedgerActor, input: { locationId: number; name: string }): StorageLocation {
  const row = locationFor(tx, actor, input.locationId);
  if (row.name === input.name) return toLocation(row);
  assertNameFree(tx.db, input.name, row.department_id, row.id);
  statement(tx.db, 'UPDATE storage_locations SET name = ?, updated_at = ? WHERE id = ?').run(input.name, tx.at, row.id);
  pinSideRow(tx.db, 'storage_locations', row.id);
  tx.audit({ action: 'media.storageLocation.rename', targetType: 'storage_location', targetId: row.id, detail: { changes: [{ field: 'name', before: row.name, after: input.name }] } });
  return toLocation(readLocation(tx.db, row.id)!);
}

/**
 * この端末と同じ室（サーバ室）: MIC §29 分散保管 (seed 004 case 7-1) — backup media kept there
 * are flagged. Only a fact about the place; media kept there are not changed.
 */
export function setBesideTerminal(tx: Tx, actor: LedgerActor, input: { locationId: number; besideTerminal: boolean }): StorageLocation {
  const row = locationFor(tx, actor, input.locationId);
  const before = row.beside_terminal === 1;
  if (before === input.besideTerminal) return toLocation(row);
  statement(tx.db, 'UPDATE storage_locations SET beside_terminal = ?, updated_at = ? WHERE id = ?').run(input.besideTerminal ? 1 : 0, tx.at, row.id);
  pinSideRow(tx.db, 'storage_locations', row.id);
  tx.audit({
    action: 'media.storageLocation.setBesideTerminal',
    targetType: 'storage_location',
    targetId: row.id,
    detail: { name: row.name, changes: [{ field: 'besideTerminal', before, after: input.besideTerminal }] },
  });
  return toLocation(readLocation(tx.db, row.id)!);
}

/** Refused while media in use are kept there: they would have no valid place (move them first). */
export function deactivateLocation(tx: Tx, actor: LedgerActor, locationId: number): StorageLocation {
  const row = locationFor(tx, actor, locationId);
  if (row.active !== 1) return toLocation(row);
  const kept = statement(tx.db, "SELECT count(*) FROM media WHERE storage_location_id = ? AND status NOT IN ('retired', 'disposed')").pluck().get(row.id) as number;
  if (kept > 0) throw new AppError('CONFLICT', { count: kept }, undefined, 'errors.storageLocationInUse');
  statement(tx.db, 'UPDATE storage_locations SET active = 0, updated_at = ? WHERE id = ?').run(tx.at, row.id);
  pinSideRow(tx.db, 'storage_locations', row.id);
  tx.audit({ action: 'media.storageLocation.deactivate', targetType: 'storage_location', targetId: row.id, detail: { name: row.name } });
  return toLocation(readLocation(tx.db, row.id)!);
}
