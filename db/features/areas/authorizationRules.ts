import type { ParsedInput } from '../../contract';
import type { AuthorizationFields, AuthorizationKind } from '../../contract/areas';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { freeFiscalSerial } from '../../ledger/numbering';
import { assertVersion, insertRecord, stepRecord, updateRecord, type LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment, assertDepartmentAccess, isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { authorizationLedger, type StoredAuthorizationFields } from './authorizationColumns';
import { authorizationState, readAuthorizationRow, storedFieldsOf, type AuthorizationRow } from './authorizationRecords';
import { foldSearchKey, resolvePerson, staffUserInForce, type PersonRow } from './people';

/**
 * 入室許可's writes (issue #12 item 2; MIC §35 「入室を認める者の範囲」). Granted by an areas.grant
 * holder of the 課等 (its manager, or the chief), never to themselves (MIC §12-2: who grants is
 * not who benefits); for areas of that one 課等, active; a 職員 permit for staff, 委託先・保守 for
 * outsiders, whose 所属 is required (MIC §35 identification). Each write is one kit step with its
 * history row, the index of its areas rewritten in the same write, and its `areas.authorization.*` event.
 */
export interface AuthorizationContext {
  tx: Tx;
  actor: LedgerActor;
  /** The organisation's day: a 許可番号's fiscal year, a staff member in force. */
  today: string;
}

/** 年度-連番 series of 許可番号 (R8-0001 from the grant day's fiscal year, db/ledger/numbering.ts). */
const permitSeries = 'areas:permit';

const permitTaken = (db: Db, permitNo: string, exceptId = 0) =>
  statement(db, 'SELECT 1 FROM area_authorizations WHERE permit_no = ? AND id <> ?').get(permitNo, exceptId) !== undefined;

/**
 * Each area exists, is of the permit's 課等 and in use (areaIds: the field the form marks). A
 * scoped granter's permit is of their own 課等, so another 課等's area is to them as an id that
 * does not exist (MIC §9: no answer tells them it is another's); the chief is told which it is.
 */
function assertAreasUsable(db: Db, actor: LedgerActor, departmentId: number, areaIds: readonly number[]): void {
  const rows = statement(db, 'SELECT id, department_id, active FROM areas WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(areaIds)) as {
    id: number;
    department_id: number;
    active: number;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of areaIds) {
    const area = byId.get(id);
    if (!area || (isDepartmentScoped(actor) && area.department_id !== actor.departmentId)) throw fieldError(['areaIds'], 'areas.errors.unknownArea');
    if (area.department_id !== departmentId) throw fieldError(['areaIds'], 'areas.errors.areaNotInDepartment');
    if (area.active !== 1) throw fieldError(['areaIds'], 'areas.errors.areaRetired');
  }
}

/** The rules on a permit's own fields, whoever it is for: kind ↔ person, 所属, period. */
function checkedFields(
  db: Db,
  actor: LedgerActor,
  person: PersonRow,
  departmentId: number,
  fields: { kind: AuthorizationKind; affiliation: string; areaIds: number[]; validFrom: string; validUntil: string },
) {
  assertAreasUsable(db, actor, departmentId, fields.areaIds);
  if ((fields.kind === 'staff') !== (person.kind === 'staff')) throw fieldError(['kind'], 'areas.errors.kindMismatch');
  const affiliation = fields.affiliation.trim() === '' ? person.affiliation : fields.affiliation;
  if (person.kind === 'outsider' && affiliation.trim() === '') throw fieldError(['affiliation'], 'areas.errors.affiliationRequired');
  if (fields.validUntil < fields.validFrom) throw fieldError(['validUntil'], 'areas.errors.validUntilBeforeFrom');
  return { affiliation };
}

/**
 * MIC §12-2: a 保護管理者 does not let themselves in — neither as the staff member they are nor as
 * an 「outsider」 typed with their own name (folded as the search folds it: 「山田　課長」 is
 * 「山田 課長」), whom no clerk at the door could tell from them.
 */
export function assertNotSelf(actor: LedgerActor, person: Pick<PersonRow, 'kind' | 'user_id' | 'name'>): void {
  if (person.kind === 'staff' && person.user_id === actor.userId) throw fieldError(['person'], 'areas.errors.grantToSelf');
  if (person.kind === 'outsider' && foldSearchKey(person.name) === foldSearchKey(actor.name)) throw fieldError(['person'], 'areas.errors.grantToOwnName');
}

/**
 * A write's changes as the access log keeps them: the areas by name and the person by name, as the
 * granter saw them (all of the permit's own 課等, so whoever may read the event may read them), not ids.
 */
function auditChanges(db: Db, changes: readonly { field: string; before: unknown; after: unknown }[]) {
  const areaNames = (v: unknown) => (Array.isArray(v) ? (statement(db, 'SELECT name FROM areas WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').pluck().all(JSON.stringify(v)) as string[]) : v);
  const personName = (v: unknown) => (typeof v === 'number' ? (statement(db, 'SELECT name FROM area_people WHERE id = ?').pluck().get(v) as string) : v);
  const said = (field: string, v: unknown) => (field === 'areaIds' ? areaNames(v) : field === 'personId' ? personName(v) : v);
  return changes.map((c) => ({ field: c.field === 'personId' ? 'person' : c.field, before: said(c.field, c.before), after: said(c.field, c.after) }));
}

function indexAreas(tx: Tx, authorizationId: number, areaIds: readonly number[]): void {
  statement(tx.db, 'DELETE FROM area_authorization_areas WHERE authorization_id = ?').run(authorizationId);
  const insert = statement(tx.db, 'INSERT INTO area_authorization_areas (authorization_id, area_id) VALUES (?, ?)');
  for (const areaId of new Set(areaIds)) insert.run(authorizationId, areaId);
}

/** A typed 許可番号 (an earlier paper permit) must be free in any letter case; blank takes the next 年度-連番. */
function permitNumber(ctx: AuthorizationContext, typed: string, exceptId = 0): string {
  if (typed === '') return freeFiscalSerial(ctx.tx, permitSeries, ctx.today, (no) => permitTaken(ctx.tx.db, no));
  if (permitTaken(ctx.tx.db, typed, exceptId)) throw fieldError(['permitNo'], 'areas.errors.permitNoTaken', { permitNo: typed });
  return typed;
}

export function createAuthorization(ctx: AuthorizationContext, input: AuthorizationFields): number {
  const { tx, actor } = ctx;
  assertAssignableDepartment(tx.db, actor, input.departmentId);
  const person = resolvePerson(tx, actor, input.person, ctx.today);
  assertNotSelf(actor, person);
  const { affiliation } = checkedFields(tx.db, actor, person, input.departmentId, input);
  const fields: StoredAuthorizationFields = {
    permitNo: permitNumber(ctx, input.permitNo),
    departmentId: input.departmentId,
    personId: person.id,
    kind: input.kind,
    affiliation,
    areaIds: [...new Set(input.areaIds)].sort((a, b) => a - b),
    purpose: input.purpose,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    remarks: input.remarks,
  };
  const { id, changes } = insertRecord(tx, authorizationLedger, actor, fields, 'create', { status: 'active', granted_by: actor.userId, granted_at: tx.at });
  indexAreas(tx, id, fields.areaIds);
  tx.audit({ action: 'areas.authorization.create', targetType: 'area_authorization', targetId: id, detail: { permitNo: fields.permitNo, changes: auditChanges(tx.db, changes) } });
  return id;
}

/** The permit to change: another 課等's is NOT_FOUND to a manager (MIC §9); then the version; a revoked one is closed. */
function authorizationFor(ctx: AuthorizationContext, authorizationId: number, version: number): AuthorizationRow {
  const row = readAuthorizationRow(ctx.tx.db, authorizationId);
  assertDepartmentAccess(ctx.actor, row.department_id);
  assertVersion(row.version, version);
  if (row.status === 'revoked') throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.authorizationRevoked');
  return row;
}

/** An edit of the areas, period, kind or number; the person and the 課等 stay (a new permit for another). */
export function updateAuthorization(ctx: AuthorizationContext, input: ParsedInput<'areas.authorizations.update'>): void {
  const { tx, actor } = ctx;
  const row = authorizationFor(ctx, input.authorizationId, input.version);
  const person = { kind: row.person_kind, user_id: row.person_user_id, name: row.person_name, affiliation: row.affiliation } as PersonRow;
  assertNotSelf(actor, person);
  // A permit is renewed only for someone who may still enter (seed 004 case 4): an ended account's is revoked, not extended.
  if (person.kind === 'staff' && !staffUserInForce(tx.db, person.user_id!, ctx.today)) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.personInactive');
  const { affiliation } = checkedFields(tx.db, actor, person, row.department_id, input.fields);
  const before = storedFieldsOf(row);
  const fields: StoredAuthorizationFields = {
    ...before,
    permitNo: input.fields.permitNo === '' || input.fields.permitNo.toLowerCase() === row.permit_no.toLowerCase() ? row.permit_no : permitNumber(ctx, input.fields.permitNo, row.id),
    kind: input.fields.kind,
    affiliation,
    areaIds: [...new Set(input.fields.areaIds)].sort((a, b) => a - b),
    purpose: input.fields.purpose,
    validFrom: input.fields.validFrom,
    validUntil: input.fields.validUntil,
    remarks: input.fields.remarks,
  };
  const result = updateRecord(tx, authorizationLedger, actor, { id: row.id, version: row.version, fields: before }, fields, 'update');
  if (!result) return;
  indexAreas(tx, row.id, fields.areaIds);
  tx.audit({ action: 'areas.authorization.update', targetType: 'area_authorization', targetId: row.id, detail: { permitNo: fields.permitNo, version: result.version, changes: auditChanges(tx.db, result.changes) } });
}

/** 取消し (a person moved, a contract ended: seed 004 case 4): refused at the door from now on. */
export function revokeAuthorization(ctx: AuthorizationContext, input: ParsedInput<'areas.authorizations.revoke'>): void {
  const { tx, actor } = ctx;
  const row = authorizationFor(ctx, input.authorizationId, input.version);
  // Said as the list says it that day (有効 / まもなく期限 / 期限切れ → 取消し), not the stored status.
  const changes = [{ field: 'state', before: authorizationState(row.status, row.valid_until, ctx.today), after: 'revoked' }];
  stepRecord(tx, authorizationLedger, actor, row, {
    action: 'revoke',
    changes,
    note: input.reason,
    set: () => ({ status: 'revoked', revoked_by: actor.userId, revoked_at: tx.at, revoke_reason: input.reason, last_edited_by: actor.userId }),
  });
  tx.audit({ action: 'areas.authorization.revoke', targetType: 'area_authorization', targetId: row.id, detail: { permitNo: row.permit_no, reason: input.reason, changes } });
}
