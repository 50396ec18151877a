import type { Area, AreaFields, AreaHistoryAction, DeviceRule } from '../../contract/areas';
import { AppError } from '../../core/appError';
import { decodeFields } from '../../ledger/columns';
import { readHistory, type LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { areaColumns, areaLedger } from './areaColumns';

/** An area's row as the door and the register read it (the visits' rules use department, kind and the device rules). */
export interface AreaRow {
  id: number;
  department_id: number;
  department_name: string;
  name: string;
  name_key: string;
  kind: Area['kind'];
  location: string;
  escort_required: number;
  devices_in: DeviceRule;
  devices_out: DeviceRule;
  remarks: string;
  active: number;
  version: number;
  last_edited_by: number;
  last_edited_by_name: string;
  created_at: string;
  updated_at: string;
  /** Open visits now, from the partial index area_visits_inside. */
  inside_count: number;
}

export const areaSelect = `SELECT a.*, d.name AS department_name, u.display_name AS last_edited_by_name,
    (SELECT count(*) FROM area_visits v WHERE v.area_id = a.id AND v.status = 'inside') AS inside_count
  FROM areas a JOIN departments d ON d.id = a.department_id JOIN users u ON u.id = a.last_edited_by`;

export function readArea(db: Db, id: number): AreaRow | undefined {
  return statement(db, `${areaSelect} WHERE a.id = ?`).get(id) as AreaRow | undefined;
}

/** The area a form or a check-in names: unknown is areas.errors.unknownArea (the issue's 「an unknown area」). */
export function requireArea(db: Db, id: number): AreaRow {
  const row = readArea(db, id);
  if (!row) throw new AppError('NOT_FOUND', undefined, undefined, 'areas.errors.unknownArea');
  return row;
}

/**
 * The area as its reader may know it: another 課等's answers to a scoped reader exactly as an id
 * that does not exist (MIC §9; issue #9 item 13), so no error tells them an id is another's.
 */
export function requireVisibleArea(db: Db, actor: LedgerActor, id: number): AreaRow {
  const row = readArea(db, id);
  if (!row || (isDepartmentScoped(actor) && row.department_id !== actor.departmentId)) throw new AppError('NOT_FOUND', undefined, undefined, 'areas.errors.unknownArea');
  return row;
}

export function areaFieldsOf(row: AreaRow): AreaFields {
  return decodeFields(areaColumns, row as unknown as Record<string, unknown>);
}

export function toArea(row: AreaRow): Area {
  return {
    id: row.id,
    ...areaFieldsOf(row),
    departmentName: row.department_name,
    active: row.active === 1,
    insideCount: row.inside_count,
    version: row.version,
    lastEditedBy: row.last_edited_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function readAreaHistory(db: Db, areaId: number) {
  return readHistory(db, areaLedger, areaId).map((h) => ({ id: h.id, version: h.version, at: h.at, userName: h.userName, changes: h.changes, note: h.note, action: h.action as AreaHistoryAction }));
}
