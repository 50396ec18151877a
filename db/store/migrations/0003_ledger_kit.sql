-- 0003: what the ledger kit (db/ledger) needs beside each ledger's own tables.

-- Record numbers (証明書番号 R8-0001, 媒体の管理番号 …): one counter per series and period,
-- advanced inside the transaction that uses the number, so a rollback leaves no gap.
CREATE TABLE record_numbers (
  series  TEXT NOT NULL CHECK (length(series) BETWEEN 1 AND 100),
  period  TEXT NOT NULL,
  last    INTEGER NOT NULL CHECK (last >= 1),
  PRIMARY KEY (series, period)
) STRICT, WITHOUT ROWID;

-- Keyset paging compares (sort key, id) row values, and a comparison with NULL matches
-- nothing: an undecided 管理区分 sorts as '' (first, as NULL did) through this index.
DROP INDEX holdings_by_category;
CREATE INDEX holdings_by_category ON holdings (coalesce(category, ''));

-- Lists narrowed to one 課等 (every clerk's list) are answered from this index alone: the
-- filter and sort columns are in it, so a page never reads a wide, encrypted row it skips.
DROP INDEX holdings_by_department;
CREATE INDEX holdings_by_department ON holdings (department_id, status, category, contains_my_number, contains_sensitive,
  ledger_no, name, updated_at, coalesce(last_reviewed_at, created_at));
