import type { ParsedInput, Takeout, TakeoutFilters } from '../../contract';
import { AppError } from '../../core/appError';
import { allIds, Conditions, countRows, pageOfIds, rowsInOrder, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { scopeToDepartment } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';

/**
 * Rows of media_takeouts and their contract shape, and the 持出管理簿 (the list of take-outs:
 * filters, keyset paging newest first). Overdue is computed against today in the organisation's
 * calendar, never stored: a take-out becomes overdue by the date turning, not by a write.
 */
export interface TakeoutRow {
  id: number;
  medium_id: number;
  media_no: string;
  medium_type: Takeout['mediumType'];
  medium_encrypted: 'none' | 'password' | 'hardware';
  medium_status: string;
  department_id: number;
  department_name: string;
  requested_by: number;
  requested_by_name: string;
  requested_at: string;
  purpose: string;
  destination: string;
  contents_summary: string;
  safeguard_encryption: number;
  safeguard_password: number;
  safeguard_locked_case: number;
  safeguard_sealed: number;
  due_back: string;
  status: Takeout['status'];
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string;
  out_at: string | null;
  returned_at: string | null;
  return_checked_by_name: string | null;
  contents_intact: number | null;
  temp_copies_erased: number | null;
  return_note: string;
  updated_at: string;
}

const takeoutSelect = `
  SELECT t.*, m.media_no, m.type AS medium_type, m.encrypted AS medium_encrypted, m.status AS medium_status,
    m.department_id, d.name AS department_name, ru.display_name AS requested_by_name,
    du.display_name AS decided_by_name, cu.display_name AS return_checked_by_name
  FROM media_takeouts t
  JOIN media m ON m.id = t.medium_id
  JOIN departments d ON d.id = m.department_id
  JOIN users ru ON ru.id = t.requested_by
  LEFT JOIN users du ON du.id = t.decided_by
  LEFT JOIN users cu ON cu.id = t.return_checked_by`;

const flag = (v: number | null): boolean | null => (v === null ? null : v === 1);

export function rowToTakeout(r: TakeoutRow, today: string): Takeout {
  return {
    id: r.id,
    mediumId: r.medium_id,
    mediaNo: r.media_no,
    mediumType: r.medium_type,
    departmentId: r.department_id,
    departmentName: r.department_name,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at,
    purpose: r.purpose,
    destination: r.destination,
    contentsSummary: r.contents_summary,
    safeguards: { encryption: r.safeguard_encryption === 1, password: r.safeguard_password === 1, lockedCase: r.safeguard_locked_case === 1, sealed: r.safeguard_sealed === 1 },
    dueBack: r.due_back,
    status: r.status,
    overdue: isOverdue(r, today),
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    outAt: r.out_at,
    returnedAt: r.returned_at,
    returnCheckedByName: r.return_checked_by_name,
    contentsIntact: flag(r.contents_intact),
    tempCopiesErased: flag(r.temp_copies_erased),
    returnNote: r.return_note,
    updatedAt: r.updated_at,
  };
}

/** Out and due back before today (the organisation's calendar): the due day itself is not yet overdue. */
export function isOverdue(r: Pick<TakeoutRow, 'status' | 'due_back'>, today: string): boolean {
  return r.status === 'out' && r.due_back < today;
}

export function readTakeoutRow(db: Db, takeoutId: number): TakeoutRow {
  const row = statement(db, `${takeoutSelect} WHERE t.id = ?`).get(takeoutId) as TakeoutRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A medium's take-outs, newest first (its detail). */
export function readTakeoutsOfMedium(db: Db, mediumId: number, today: string): Takeout[] {
  const rows = statement(db, `${takeoutSelect} WHERE t.medium_id = ? ORDER BY t.id DESC`).all(mediumId) as TakeoutRow[];
  return rows.map((r) => rowToTakeout(r, today));
}

const takeoutSource: ListSource = {
  from: 'media_takeouts t JOIN media m ON m.id = t.medium_id',
  id: 't.id',
  // Newest first by default; the id is the order of requests.
  sorts: { requestedAt: 't.id' },
  maxIdSql: 'SELECT max(id) FROM media_takeouts',
};

function whereFor(actor: LedgerActor, f: TakeoutFilters, today: string, zoneDayStart: (date: string) => string): Conditions {
  const where = scopeToDepartment(new Conditions(), actor, 'm.department_id');
  where.addIf(f.status, 't.status = ?', f.status);
  if (f.overdue === true) where.add("t.status = 'out' AND t.due_back < ?", today);
  if (f.overdue === false) where.add("NOT (t.status = 'out' AND t.due_back < ?)", today);
  where.addIf(f.mediumId, 't.medium_id = ?', f.mediumId);
  where.addIf(f.departmentId, 'm.department_id = ?', f.departmentId);
  // The period is of the request date in the organisation's calendar; requested_at is a UTC instant.
  where.addIf(f.from, 't.requested_at >= ?', f.from === undefined ? '' : zoneDayStart(f.from));
  where.addIf(f.to, 't.requested_at < ?', f.to === undefined ? '' : zoneDayStart(nextDay(f.to)));
  if (f.mediaNo) where.add("instr(m.media_no, ?) > 0", f.mediaNo);
  if (f.awaitingMyDecision === true) where.add("t.status = 'requested' AND t.requested_by <> ?", actor.userId);
  return where;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The 持出管理簿: one keyset page of take-outs the reader may see (their 課等's, MIC §9). */
export function listTakeouts(db: Db, actor: LedgerActor, input: ParsedInput<'media.takeout.list'>, today: string, zoneDayStart: (date: string) => string) {
  const { ids, ...info } = pageOfIds(db, takeoutSource, whereFor(actor, input, today, zoneDayStart), { ...input, sort: 'requestedAt' });
  const rows = rowsInOrder<TakeoutRow>(db, takeoutSelect, 't.id', ids).map((r) => rowToTakeout(r, today));
  return { rows, ...info };
}

/** Every take-out matching the filters, in the register's order (its print and CSV, issue #10 item 7). */
export function allTakeouts(db: Db, actor: LedgerActor, filters: TakeoutFilters, direction: 'asc' | 'desc', today: string, zoneDayStart: (date: string) => string): Takeout[] {
  const ids = allIds(db, takeoutSource, whereFor(actor, filters, today, zoneDayStart), { sort: 'requestedAt', direction });
  return rowsInOrder<TakeoutRow>(db, takeoutSelect, 't.id', ids).map((r) => rowToTakeout(r, today));
}

/** How many take-outs match (the bulk-export guard asks before anything is read). */
export function countTakeouts(db: Db, actor: LedgerActor, filters: TakeoutFilters, today: string, zoneDayStart: (date: string) => string): number {
  return countRows(db, takeoutSource, whereFor(actor, filters, today, zoneDayStart));
}
