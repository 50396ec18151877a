import type { MediaStatus, MediumFields, ParsedInput } from '../../contract';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { assertStep, type Lifecycle } from '../../ledger/lifecycle';
import { assertVersion, insertRecord, stepRecord, updateRecord, type LedgerActor } from '../../ledger/record';
import { assertAssignableDepartment, assertDepartmentAccess, isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { mediaLedger } from './columns';
import { assertLocationUsable } from './locations';
import { assignMediaNo, isMediaNoTaken } from './numbering';
import { readMediumRow, rowToFields, type MediumRow } from './records';
import { hasOpenTakeout } from './takeouts';

/**
 * The rules of the 媒体管理台帳 (MIC §10, §12, §34; domain.md §2): who may change which media,
 * the statuses a change may start from, and the history of every change. Every write records
 * its history and its access-log event in the caller's transaction. The steps of a take-out
 * (保管中 ⇄ 持出中) are takeouts.ts's, those of a 点検 (last seen, 所在不明) inventory.ts's.
 */
type MediumAction = 'update' | 'link' | 'unlink' | 'retire';
// A retired or disposed medium is kept as it was: the register is the record of what existed.
const open: readonly MediaStatus[] = ['in_storage', 'checked_out', 'missing'];
const mediumLifecycle: Lifecycle<MediaStatus, MediumAction> = {
  update: { from: open, refusal: 'errors.mediumClosed' },
  link: { from: open, refusal: 'errors.mediumClosed' },
  unlink: { from: open, refusal: 'errors.mediumClosed' },
  // A medium that is out is returned first; its take-out stays answerable (MIC §10).
  retire: { from: ['in_storage', 'missing'], refusal: 'errors.mediumNotRetirable' },
};

function assertFieldsAllowed(db: Db, actor: LedgerActor, fields: MediumFields, today: string, before?: MediumFields & { id: number }): void {
  assertAssignableDepartment(db, actor, fields.departmentId);
  // A 登録日 after today would keep a never-inventoried medium off the unseen list for years (MIC §42).
  if (fields.registeredAt !== null && fields.registeredAt > today && fields.registeredAt !== before?.registeredAt) throw fieldError(['registeredAt'], 'validation.dateInFuture');
  // A take-out is requested, decided and returned within the medium's 課等 (MIC §12): it does not move while one is open.
  if (before && fields.departmentId !== before.departmentId && hasOpenTakeout(db, before.id)) throw fieldError(['departmentId'], 'mediaWatch.errors.departmentWhileTakeoutOpen');
  const exceptId = before?.id ?? 0;
  if (isMediaNoTaken(db, fields.mediaNo, exceptId)) throw fieldError(['mediaNo'], 'validation.mediaNoTaken');
  if (fields.storageLocationId !== null) assertLocationUsable(db, fields.storageLocationId, fields.departmentId);
}

function audit(tx: Tx, action: string, row: Pick<MediumRow, 'id' | 'media_no'>, detail: Record<string, unknown> = {}): void {
  tx.audit({ action: `media.${action}`, targetType: 'medium', targetId: row.id, detail: { mediaNo: row.media_no, ...detail } });
}

/** What an imported row brings beyond the fields (csvImport.ts): its state, and the numbers other rows of the file bring. */
export interface ImportedMedium {
  status: Exclude<MediaStatus, 'checked_out'>;
  lastSeenAt: string | null;
  numberTaken(mediaNo: string): boolean;
}

/**
 * Registers a medium as 保管中. A blank 登録日 is today in the organisation's calendar. An
 * imported row (`imported`) keeps the state the file gave it, and its history says 'import'
 * with that state (so 改ざん検査 replays the whole row); its access-log event is the import's, one per file.
 */
export function insertMedium(tx: Tx, actor: LedgerActor, input: MediumFields, today: string, imported?: ImportedMedium): number {
  assertFieldsAllowed(tx.db, actor, input, today);
  // An empty 管理番号 is numbered by the 課等's rule for the 種別, in this transaction (numbering.ts).
  const mediaNo = input.mediaNo || assignMediaNo(tx, input.departmentId, input.type, imported?.numberTaken);
  const fields = { ...input, mediaNo, registeredAt: input.registeredAt ?? today };
  if (!imported) {
    const { id, changes } = insertRecord(tx, mediaLedger, actor, fields, 'create', { status: 'in_storage' });
    audit(tx, 'create', { id, media_no: fields.mediaNo }, { changes });
    return id;
  }
  const { status, lastSeenAt } = imported;
  const stateChanges = [
    ...(status === 'in_storage' ? [] : [{ field: 'status', before: null, after: status }]),
    ...(lastSeenAt === null ? [] : [{ field: 'lastSeenAt', before: null, after: lastSeenAt }]),
  ];
  return insertRecord(tx, mediaLedger, actor, fields, 'import', { status, last_seen_at: lastSeenAt }, stateChanges).id;
}

/** The row, checked for department (NOT_FOUND first), version and whether `action` may start from its status. */
function loadFor(tx: Tx, actor: LedgerActor, mediumId: number, action: MediumAction, expectedVersion: number): MediumRow {
  const row = readMediumRow(tx.db, mediumId);
  assertDepartmentAccess(actor, row.department_id);
  assertVersion(row.version, expectedVersion);
  assertStep(mediumLifecycle, action, row.status);
  return row;
}

export function updateMedium(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.update'>, today: string): void {
  const row = loadFor(tx, actor, input.mediumId, 'update', input.version);
  const before = rowToFields(row);
  const fields = { ...(input.fields as MediumFields), registeredAt: input.fields.registeredAt ?? before.registeredAt };
  assertFieldsAllowed(tx.db, actor, fields, today, { ...before, id: row.id });
  const result = updateRecord(tx, mediaLedger, actor, { id: row.id, version: row.version, fields: before }, fields, 'update');
  if (!result) return;
  audit(tx, 'update', { id: row.id, media_no: fields.mediaNo }, { version: result.version, changes: result.changes });
}

/** 廃止: the office no longer uses the medium. Its disposal (消去・廃棄) is recorded separately, later. */
export function retireMedium(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.retire'>): void {
  const row = loadFor(tx, actor, input.mediumId, 'retire', input.version);
  // An open request would stay on a manager's list and could still be approved (MIC §12): it is decided or cancelled first.
  if (hasOpenTakeout(tx.db, row.id)) throw new AppError('CONFLICT', undefined, undefined, 'mediaWatch.errors.retireWithOpenTakeout');
  const changes = [{ field: 'status', before: row.status, after: 'retired' }];
  stepRecord(tx, mediaLedger, actor, row, { action: 'retire', note: input.reason, changes, set: () => ({ status: 'retired' }) });
  audit(tx, 'retire', row, { reason: input.reason, changes });
}

/** The holding, if this actor may see it (MIC §9): another 課等's holding is NOT_FOUND, as an unknown id. */
function holdingFor(db: Db, actor: LedgerActor, holdingId: number): { id: number; ledger_no: string } {
  const holding = statement(db, 'SELECT id, ledger_no, department_id FROM holdings WHERE id = ?').get(holdingId) as
    | { id: number; ledger_no: string; department_id: number }
    | undefined;
  if (!holding || (isDepartmentScoped(actor) && holding.department_id !== actor.departmentId)) throw fieldError(['holdingId'], 'validation.unknownHolding');
  return holding;
}

/**
 * 格納内容: records that the medium carries a holding, or no longer does. A step in the medium's
 * history and its access-log event, so the timeline says when a file was put on or taken off.
 */
export function linkHolding(tx: Tx, actor: LedgerActor, input: ParsedInput<'media.linkHolding'>, link: boolean): void {
  const row = loadFor(tx, actor, input.mediumId, link ? 'link' : 'unlink', input.version);
  const holding = holdingFor(tx.db, actor, input.holdingId);
  const carried = JSON.parse(row.contents) as number[];
  if (link === carried.includes(holding.id)) throw new AppError('CONFLICT', undefined, undefined, link ? 'errors.holdingAlreadyOnMedium' : 'errors.holdingNotOnMedium');
  // The row's set and the index for the holding's side change together (the row's hash covers the set).
  statement(tx.db, 'DELETE FROM media_contents WHERE medium_id = ? AND holding_id = ?').run(row.id, holding.id);
  if (link) statement(tx.db, 'INSERT INTO media_contents (medium_id, holding_id, linked_at, linked_by) VALUES (?, ?, ?, ?)').run(row.id, holding.id, tx.at, actor.userId);
  const contents = JSON.stringify((link ? [...carried, holding.id] : carried.filter((id) => id !== holding.id)).sort((a, b) => a - b));
  const changes = [{ field: 'contents', before: link ? null : holding.ledger_no, after: link ? holding.ledger_no : null }];
  stepRecord(tx, mediaLedger, actor, row, { action: link ? 'link' : 'unlink', changes, set: () => ({ contents, last_edited_by: actor.userId }) });
  audit(tx, link ? 'linkHolding' : 'unlinkHolding', row, { holdingId: holding.id, ledgerNo: holding.ledger_no });
}
