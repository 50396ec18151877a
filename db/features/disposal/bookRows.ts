import type { DisposalFilters, DisposalSortKey, DisposalSummary } from '../../contract/disposal';
import type { LedgerActor } from '../../ledger/record';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { allDisposalRows, countDisposals } from './queries';
import { rowsToSummaries, rowToFields, type DisposalRow } from './records';
import type { DisposalTargets } from './targets';

/**
 * The 廃棄記録簿's rows (issue #11 item 7): the list's rows (queries.ts: the reader's 課等 for a
 * scoped role, MIC §9; its filters and order), each with its summary (the targets in one line,
 * another 課等's medium or holding counted, not named) and what the CSV adds (立会者, 承認者).
 */
export interface BookQuery {
  filters: DisposalFilters;
  sort: DisposalSortKey;
  direction: 'asc' | 'desc';
}

export interface BookRow {
  row: DisposalRow;
  summary: DisposalSummary;
  witnessNames: string[];
}

export function countBook(db: Db, actor: LedgerActor, q: BookQuery): number {
  return countDisposals(db, actor, q.filters);
}

export function bookRows(db: Db, targets: DisposalTargets, actor: LedgerActor, q: BookQuery): BookRow[] {
  const rows = allDisposalRows(db, actor, q.filters, { sort: q.sort, direction: q.direction });
  const summaries = rowsToSummaries(db, targets, actor, rows);
  const names = statement(db, 'SELECT display_name FROM users WHERE id = ?').pluck();
  return rows.map((row, i) => ({
    row,
    summary: summaries[i]!,
    witnessNames: rowToFields(row).witnessIds.map((id: number) => (names.get(id) as string | undefined) ?? String(id)),
  }));
}
