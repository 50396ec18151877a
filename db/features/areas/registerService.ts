import type { ParsedInput } from '../../contract';
import type { AppCore, Tx } from '../../core/appCore';
import { actorOf, assertDepartmentAccess, isDepartmentScoped } from '../../ledger/scope';
import type { LedgerActor } from '../../ledger/record';
import { statement } from '../../store/statements';
import { areaSelect, readAreaHistory, requireArea, requireVisibleArea, toArea, type AreaRow } from './areaRecords';
import { createArea, reactivateArea, retireArea, updateArea } from './areaRules';
import { listAuthorizations } from './authorizationQueries';
import { readAuthorizationHistory, readAuthorizationRow, toAuthorizations } from './authorizationRecords';
import { createAuthorization, revokeAuthorization, updateAuthorization, type AuthorizationContext } from './authorizationRules';
import { findOrCreateOutsider, toPerson, updatePerson } from './people';
import { searchPeople } from './peopleSearch';

/**
 * 区域, 入退室者 and 入室許可 as the channels need them (issue #12 items 1–2): each write in one
 * transaction with its access-log events (core.write), then the record as it now stands. Reads
 * in the reader's scope (MIC §9): a manager, officer or clerk their 課等's; the chief and the auditor all.
 */

// ── 区域 ──────────────────────────────────────────────────────────────────────────────
export function listAreas(core: AppCore, input: ParsedInput<'areas.list'>) {
  const actor = actorOf(core);
  const department = isDepartmentScoped(actor) ? actor.departmentId : input.departmentId;
  if (isDepartmentScoped(actor) && input.departmentId !== undefined && input.departmentId !== actor.departmentId) return [];
  const rows = statement(
    core.requireVault().db,
    `${areaSelect} WHERE (? IS NULL OR a.department_id = ?) AND (? = 1 OR a.active = 1) ORDER BY d.name, a.active DESC, a.name_key, a.id`,
  ).all(department ?? null, department ?? null, input.includeRetired ? 1 : 0) as AreaRow[];
  return rows.map(toArea);
}

export function getArea(core: AppCore, areaId: number) {
  const row = requireVisibleArea(core.requireVault().db, actorOf(core), areaId);
  return { area: toArea(row), history: readAreaHistory(core.requireVault().db, areaId) };
}

/** An area write, then the area as it stands. */
function writeArea(core: AppCore, write: (tx: Tx, actor: LedgerActor) => number) {
  const actor = actorOf(core);
  const id = core.write((tx: Tx) => write(tx, actor));
  return toArea(requireArea(core.requireVault().db, id));
}

export const areaWrites = {
  create: (core: AppCore, input: ParsedInput<'areas.create'>) => writeArea(core, (tx, actor) => createArea(tx, actor, input)),
  update: (core: AppCore, input: ParsedInput<'areas.update'>) => writeArea(core, (tx, actor) => (updateArea(tx, actor, input), input.areaId)),
  retire: (core: AppCore, input: ParsedInput<'areas.retire'>) => writeArea(core, (tx, actor) => (retireArea(tx, actor, input), input.areaId)),
  reactivate: (core: AppCore, input: ParsedInput<'areas.reactivate'>) => writeArea(core, (tx, actor) => (reactivateArea(tx, actor, input), input.areaId)),
};

// ── 入退室者 ──────────────────────────────────────────────────────────────────────────
export function searchPeopleFor(core: AppCore, input: ParsedInput<'areas.people.search'>) {
  return searchPeople(core.requireVault().db, actorOf(core), input, core.today());
}

export const personWrites = {
  create: (core: AppCore, input: ParsedInput<'areas.people.create'>) => {
    const actor = actorOf(core);
    return toPerson(core.write((tx: Tx) => findOrCreateOutsider(tx, actor, input)));
  },
  update: (core: AppCore, input: ParsedInput<'areas.people.update'>) => {
    const actor = actorOf(core);
    return toPerson(core.write((tx: Tx) => updatePerson(tx, actor, input)));
  },
};

// ── 入室許可 ──────────────────────────────────────────────────────────────────────────
export function listAuthorizationsFor(core: AppCore, input: ParsedInput<'areas.authorizations.list'>) {
  return listAuthorizations(core.requireVault().db, actorOf(core), input, core.today());
}

function readAuthorization(core: AppCore, authorizationId: number) {
  const db = core.requireVault().db;
  const row = readAuthorizationRow(db, authorizationId);
  assertDepartmentAccess(actorOf(core), row.department_id);
  return toAuthorizations(db, [row], core.today())[0]!;
}

export function getAuthorization(core: AppCore, authorizationId: number) {
  const authorization = readAuthorization(core, authorizationId);
  return { authorization, history: readAuthorizationHistory(core.requireVault().db, authorizationId) };
}

/** An authorization write (the organisation's day decides the 許可番号's 年度), then the permit as it stands. */
function writeAuthorization(core: AppCore, write: (ctx: AuthorizationContext) => number) {
  const actor = actorOf(core);
  const today = core.today();
  const id = core.write((tx: Tx) => write({ tx, actor, today }));
  return readAuthorization(core, id);
}

export const authorizationWrites = {
  create: (core: AppCore, input: ParsedInput<'areas.authorizations.create'>) => writeAuthorization(core, (ctx) => createAuthorization(ctx, input)),
  update: (core: AppCore, input: ParsedInput<'areas.authorizations.update'>) =>
    writeAuthorization(core, (ctx) => (updateAuthorization(ctx, input), input.authorizationId)),
  revoke: (core: AppCore, input: ParsedInput<'areas.authorizations.revoke'>) =>
    writeAuthorization(core, (ctx) => (revokeAuthorization(ctx, input), input.authorizationId)),
};
