import type { AreaFields } from '../../contract/areas';
import { nameKey } from '../../contract/names';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { assertVersion, insertRecord, stepRecord, updateRecord, type LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { areaLedger } from './areaColumns';
import { areaFieldsOf, requireVisibleArea, type AreaRow } from './areaRecords';

/**
 * 区域's writes (issue #12 item 1; MIC §19: the 保護管理者 defines the areas). Only areas.grant
 * holders reach here (the channel's access); a manager writes only their own 課等's (MIC §9),
 * the chief any. Each write is one kit step with its history row and its `areas.area.*` event.
 */

/**
 * An area's name as compared: names.ts's key, with every dash that prints as one (‐ – — − ー ｰ,
 * as foldNumberText folds a 管理番号) made one, so 「B1-書庫」 and 「B1ー書庫」 cannot both be on
 * the book and the permits, told apart by no reader.
 */
function areaNameKey(name: string): string {
  return nameKey(name).replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, '-');
}

/** One 「サーバ室」 in the organisation however it is typed (width, spaces, invisible characters, dashes). */
function assertNameFree(tx: Tx, name: string, exceptId = 0): void {
  const taken = statement(tx.db, 'SELECT name FROM areas WHERE name_key = ? AND id <> ?').pluck().get(areaNameKey(name), exceptId) as string | undefined;
  if (taken !== undefined) throw fieldError(['name'], 'areas.errors.areaNameTaken', { name: taken });
}

/** The area to change: another 課等's is NOT_FOUND to a manager (as an unknown id, issue #9 item 13); then the version. */
function areaFor(tx: Tx, actor: LedgerActor, areaId: number, version: number): AreaRow {
  const row = requireVisibleArea(tx.db, actor, areaId);
  assertVersion(row.version, version);
  return row;
}

export function createArea(tx: Tx, actor: LedgerActor, fields: AreaFields): number {
  assertAssignableDepartment(tx.db, actor, fields.departmentId);
  assertNameFree(tx, fields.name);
  const { id, changes } = insertRecord(tx, areaLedger, actor, fields, 'create', { name_key: areaNameKey(fields.name) });
  tx.audit({ action: 'areas.area.create', targetType: 'area', targetId: id, detail: { name: fields.name, changes } });
  return id;
}

/**
 * An edit. The 課等 may change only while no one is inside (the open visits keep the 課等 they
 * entered under, and the 在室者 list of either 課等 would then be wrong) and never to one with an
 * open authorization naming the area: an authorization opens the areas of one 課等.
 */
export function updateArea(tx: Tx, actor: LedgerActor, input: { areaId: number; version: number; fields: AreaFields }): void {
  const row = areaFor(tx, actor, input.areaId, input.version);
  const fields = input.fields;
  if (fields.departmentId !== row.department_id) {
    assertAssignableDepartment(tx.db, actor, fields.departmentId);
    if (row.inside_count > 0) throw new AppError('CONFLICT', { count: row.inside_count }, undefined, 'areas.errors.areaHasVisitors');
    const named = statement(tx.db, "SELECT count(*) FROM area_authorization_areas x JOIN area_authorizations a ON a.id = x.authorization_id WHERE x.area_id = ? AND a.status = 'active'")
      .pluck()
      .get(row.id) as number;
    if (named > 0) throw fieldError(['departmentId'], 'areas.errors.areaNotInDepartment');
  }
  if (areaNameKey(fields.name) !== row.name_key) assertNameFree(tx, fields.name, row.id);
  const result = updateRecord(tx, areaLedger, actor, { id: row.id, version: row.version, fields: areaFieldsOf(row) }, fields, 'update', { name_key: areaNameKey(fields.name) });
  if (!result) return;
  tx.audit({ action: 'areas.area.update', targetType: 'area', targetId: row.id, detail: { name: fields.name, version: result.version, changes: result.changes } });
}

/** 廃止: no new authorization or check-in names it; refused while someone is inside (their exit must be recorded first). */
export function retireArea(tx: Tx, actor: LedgerActor, input: { areaId: number; version: number; reason: string }): void {
  const row = areaFor(tx, actor, input.areaId, input.version);
  if (row.active !== 1) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.areaRetired');
  const inside = statement(tx.db, "SELECT count(*) FROM area_visits WHERE area_id = ? AND status = 'inside'").pluck().get(row.id) as number;
  if (inside > 0) throw new AppError('CONFLICT', { count: inside }, undefined, 'areas.errors.areaHasVisitors');
  const changes = [{ field: 'active', before: 'active', after: 'retired' }];
  stepRecord(tx, areaLedger, actor, row, { action: 'retire', changes, note: input.reason, set: () => ({ active: 0, last_edited_by: actor.userId }) });
  tx.audit({ action: 'areas.area.retire', targetType: 'area', targetId: row.id, detail: { name: row.name, reason: input.reason, changes } });
}

export function reactivateArea(tx: Tx, actor: LedgerActor, input: { areaId: number; version: number }): void {
  const row = areaFor(tx, actor, input.areaId, input.version);
  if (row.active === 1) return;
  // Its 課等 must still be in use: a reactivated area of a closed 課等 could be named by no one.
  assertAssignableDepartment(tx.db, actor, row.department_id);
  const changes = [{ field: 'active', before: 'retired', after: 'active' }];
  stepRecord(tx, areaLedger, actor, row, { action: 'reactivate', changes, set: () => ({ active: 1, last_edited_by: actor.userId }) });
  tx.audit({ action: 'areas.area.reactivate', targetType: 'area', targetId: row.id, detail: { name: row.name, changes } });
}
