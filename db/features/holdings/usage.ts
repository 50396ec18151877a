import type { ParsedInput, PageCursor, UsageEntry } from '../../contract';
import { AppError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { Conditions, pageOfIds, rowsInOrder, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { assertDepartmentAccess } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { readHoldingRow } from './records';

/**
 * 取扱状況の記録 (MIC §14): how each holding was used, copied, sent, taken out … Entries
 * are never edited; a mistake is answered by a further entry.
 */
interface UsageRow {
  id: number;
  holding_id: number;
  kind: UsageEntry['kind'];
  used_on: string;
  person_name: string;
  purpose: string;
  count: number | null;
  note: string;
  recorded_by_name: string;
  recorded_at: string;
}

const usageSelect = `SELECT u.*, r.display_name AS recorded_by_name FROM holding_usage u JOIN users r ON r.id = u.recorded_by`;

function toUsageEntry(r: UsageRow): UsageEntry {
  return {
    id: r.id,
    holdingId: r.holding_id,
    kind: r.kind,
    usedOn: r.used_on,
    personName: r.person_name,
    purpose: r.purpose,
    count: r.count,
    note: r.note,
    recordedBy: r.recorded_by_name,
    recordedAt: r.recorded_at,
  };
}

/** Records one use. `today` is the organisation's calendar day: a use cannot be dated after it. */
export function addUsage(tx: Tx, actor: LedgerActor, input: ParsedInput<'holdings.usage.add'>, today: string): UsageEntry {
  // A record of what was done (MIC §21 取扱状況の記録): a later date is a typing mistake.
  if (input.usedOn > today) throw new AppError('INVALID_INPUT', undefined, [{ path: ['usedOn'], messageKey: 'validation.dateInFuture' }]);
  const row = readHoldingRow(tx.db, input.holdingId);
  assertDepartmentAccess(actor, row.department_id);
  if (row.status === 'disposed') throw new AppError('CONFLICT', undefined, undefined, 'errors.holdingClosed');
  const { lastInsertRowid } = statement(
    tx.db,
    `INSERT INTO holding_usage (holding_id, kind, used_on, person_name, purpose, count, note, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.id, input.kind, input.usedOn, input.personName, input.purpose, input.count ?? null, input.note ?? '', actor.userId, tx.at);
  tx.audit({
    action: 'holdings.usage.add',
    targetType: 'holding',
    targetId: row.id,
    detail: { ledgerNo: row.ledger_no, kind: input.kind, usedOn: input.usedOn, personName: input.personName, purpose: input.purpose, count: input.count ?? null },
  });
  return toUsageEntry(statement(tx.db, `${usageSelect} WHERE u.id = ?`).get(Number(lastInsertRowid)) as UsageRow);
}

// Newest first: the day of use, then the order of entry (holding_usage_by_holding).
const usageSource: ListSource = { from: 'holding_usage u', id: 'u.id', sorts: { usedOn: 'u.used_on' }, maxIdSql: 'SELECT max(id) FROM holding_usage' };

/** A holding's usage log, newest first, a keyset page at a time. */
export function readUsage(db: Db, holdingId: number, page: { pageSize: number; cursor?: PageCursor | 'last' | undefined }) {
  const where = new Conditions().add('u.holding_id = ?', holdingId);
  const { ids, ...info } = pageOfIds(db, usageSource, where, { sort: 'usedOn', direction: 'desc', pageSize: page.pageSize, cursor: page.cursor });
  return { rows: rowsInOrder<UsageRow>(db, usageSelect, 'u.id', ids).map(toUsageEntry), ...info };
}
