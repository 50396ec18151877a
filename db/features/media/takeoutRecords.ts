import type { ParsedInput, Takeout, TakeoutFilters } from '../../contract';
import { AppError } from '../../core/appError';
import { addCalendarDays } from '../../core/time';
import { allIds, Conditions, countRows, pageOfIds, rowsInOrder, type ListSource } from '../../ledger/listQuery';
import type { LedgerActor } from '../../ledger/record';
import { isDepartmentScoped, scopeToDepartment } from '../../ledger/scope';
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

// The take-out's own 課等 (0016), not the medium's current one: a medium moved to another 課等
// leaves its past take-outs in the 持出管理簿 of the 課等 that made them (MIC §9).
const takeoutSelect = `
  SELECT t.*, m.media_no, m.type AS medium_type, m.encrypted AS medium_encrypted, m.status AS medium_status,
    d.name AS department_name, ru.display_name AS requested_by_name,
    du.display_name AS decided_by_name, cu.display_name AS return_checked_by_name
  FROM media_takeouts t
  JOIN media m ON m.id = t.medium_id
  JOIN departments d ON d.id = t.department_id
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
export const overdueTakeoutSql = "t.status = 'out' AND t.due_back < ?";
/** Awaiting a decision this reader may make: never on their own request (MIC §12-2). */
export const awaitingDecisionOfSql = "t.status = 'requested' AND t.requested_by <> ?";

function isOverdue(r: Pick<TakeoutRow, 'status' | 'due_back'>, today: string): boolean {
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

/**
 * A medium's take-outs and timeline as this reader may see them (MIC §9): a department-scoped
 * reader is told of another 課等's take-outs (made before the medium moved) only how many there
 * are, and the notes of their steps in the timeline (a refusal's or approval's reason, the return
 * note: free text about the purpose) are blanked. A step belongs to the take-out whose span
 * (requested_at … its last step, updated_at) holds it: a medium has one open take-out at a time.
 */
export function takeoutsForReader<H extends { at: string; action: string; note: string }>(actor: LedgerActor, takeouts: Takeout[], history: H[]): { takeouts: Takeout[]; hiddenTakeouts: number; history: H[] } {
  if (!isDepartmentScoped(actor)) return { takeouts, hiddenTakeouts: 0, history };
  const hidden = takeouts.filter((t) => t.departmentId !== actor.departmentId);
  const hiddenStep = (h: H) => h.action.startsWith('takeout') && hidden.some((t) => h.at >= t.requestedAt && h.at <= t.updatedAt);
  return {
    takeouts: takeouts.filter((t) => t.departmentId === actor.departmentId),
    hiddenTakeouts: hidden.length,
    history: history.map((h) => (h.note !== '' && hiddenStep(h) ? { ...h, note: '' } : h)),
  };
}

const takeoutSource: ListSource = {
  from: 'media_takeouts t JOIN media m ON m.id = t.medium_id',
  id: 't.id',
  // Newest first by default; the id is the order of requests.
  sorts: { requestedAt: 't.id' },
  maxIdSql: 'SELECT max(id) FROM media_takeouts',
};

function whereFor(actor: LedgerActor, f: TakeoutFilters, today: string, zoneDayStart: (date: string) => string): Conditions {
  const where = scopeToDepartment(new Conditions(), actor, 't.department_id');
  where.addIf(f.status, 't.status = ?', f.status);
  if (f.overdue === true) where.add(overdueTakeoutSql, today);
  if (f.overdue === false) where.add(`NOT (${overdueTakeoutSql})`, today);
  where.addIf(f.mediumId, 't.medium_id = ?', f.mediumId);
  where.addIf(f.departmentId, 't.department_id = ?', f.departmentId);
  // The period is of the request date in the organisation's calendar; requested_at is a UTC instant.
  where.addIf(f.from, 't.requested_at >= ?', f.from === undefined ? '' : zoneDayStart(f.from));
  where.addIf(f.to, 't.requested_at < ?', f.to === undefined ? '' : zoneDayStart(addCalendarDays(f.to, 1)));
  // As the register's numbers are unique (COLLATE NOCASE, numbering.ts): usb-01 is USB-01.
  if (f.mediaNo) where.add('instr(upper(m.media_no), upper(?)) > 0', f.mediaNo);
  if (f.awaitingMyDecision === true) where.add(awaitingDecisionOfSql, actor.userId);
  return where;
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
