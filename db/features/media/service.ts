import type { MediumFields, ParsedInput } from '../../contract';
import { AppError } from '../../core/appError';
import type { AppCore, Tx } from '../../core/appCore';
import { actorOf, assertDepartmentAccess, isDepartmentScoped } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { listMedia, mediaOfHolding } from './queries';
import { readContents, readMediumHistory, readMediumRow, rowToMedium } from './records';
import { insertMedium } from './rules';
import { readTakeoutsOfMedium, takeoutsForReader } from './takeoutRecords';

/**
 * The media register's reads and writes as the channels need them: each write in one
 * transaction with its access-log event (core.write), then the medium as it now stands.
 */
export function readMedium(core: AppCore, mediumId: number) {
  const row = readMediumRow(core.requireVault().db, mediumId);
  assertDepartmentAccess(actorOf(core), row.department_id);
  return rowToMedium(row);
}

export function mediumWithDetails(core: AppCore, mediumId: number) {
  const medium = readMedium(core, mediumId);
  const db = core.requireVault().db;
  const actor = actorOf(core);
  // Take-outs keep the 課等 that made them (0016): another 課等's are counted, never shown (MIC §9).
  const scoped = takeoutsForReader(actor, readTakeoutsOfMedium(db, mediumId, core.today()), readMediumHistory(db, mediumId));
  return { medium, ...readContents(db, actor, mediumId), ...scoped };
}

export function listMediaFor(core: AppCore, input: ParsedInput<'media.list'>) {
  return listMedia(core.requireVault().db, actorOf(core), input);
}

/** A holding's media (links both ways). Another 課等's holding is NOT_FOUND to a scoped role, as on the holdings screen. */
export function mediaOfHoldingFor(core: AppCore, holdingId: number) {
  const db = core.requireVault().db;
  const actor = actorOf(core);
  const department = statement(db, 'SELECT department_id FROM holdings WHERE id = ?').pluck().get(holdingId) as number | undefined;
  if (department === undefined || (isDepartmentScoped(actor) && department !== actor.departmentId)) throw new AppError('NOT_FOUND');
  return mediaOfHolding(db, actor, holdingId);
}

export function createMedium(core: AppCore, fields: MediumFields) {
  const today = core.today();
  const id = core.write((tx) => insertMedium(tx, actorOf(core), fields, today));
  return readMedium(core, id);
}

/** A write, then the medium as it now stands. */
export function changeMedium(core: AppCore, mediumId: number, write: (tx: Tx) => void) {
  core.write(write);
  return readMedium(core, mediumId);
}
