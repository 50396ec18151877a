import type { Visit, VisitFilters } from '../../contract/areaVisits';
import type { LedgerActor } from '../../ledger/record';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { visitSelect, toVisit, type VisitRow } from './visitRecords';
import { whereFor } from './visitQueries';

/**
 * The 入退室管理簿's rows (issue #12 item 6; MIC §35 入退室の記録): the visits the list's filters
 * and the reader's scope leave (visitQueries.ts, MIC §9), in order of entry, each as it was at the
 * door — the name, 所属 and 立会者 stored with the visit, not today's person row. One statement
 * (no ids first, then rows): a day of a busy server room is read in a few milliseconds.
 */
export type BookVisit = Visit;

function bookStatement(db: Db, actor: LedgerActor, filters: VisitFilters, today: string, direction: 'asc' | 'desc') {
  const where = whereFor(actor, filters, today);
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return { statement: statement(db, `${visitSelect} ${where.sql()} ORDER BY v.entered_at ${dir}, v.id ${dir}`), params: where.params };
}

/** Every visit the filters leave in the reader's scope, in order of entry (or the reverse). */
export function bookVisits(db: Db, actor: LedgerActor, filters: VisitFilters, today: string, direction: 'asc' | 'desc' = 'asc'): BookVisit[] {
  const q = bookStatement(db, actor, filters, today, direction);
  return (q.statement.all(...q.params) as VisitRow[]).map(toVisit);
}

/**
 * The same visits one at a time (the CSV of years of a server room, behind the bulk guard): the
 * file's text is built as they are read, never a million visits held at once.
 */
export function* eachBookVisit(db: Db, actor: LedgerActor, filters: VisitFilters, today: string, direction: 'asc' | 'desc' = 'asc'): Generator<BookVisit> {
  const q = bookStatement(db, actor, filters, today, direction);
  for (const row of q.statement.iterate(...q.params) as IterableIterator<VisitRow>) yield toVisit(row);
}
