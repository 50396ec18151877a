-- 0004: 備考 and a 保存期限 that is a date, 永年 or a period (issue #7).

-- 備考 (remarks): what the other columns do not hold; Excel ledgers carry a 備考・摘要 column.
ALTER TABLE holdings ADD COLUMN remarks TEXT NOT NULL DEFAULT '' CHECK (length(remarks) <= 1000);

-- 保存期限 in one column, one of three forms (db/contract/retention.ts):
--   'YYYY-MM-DD'  a date, as retention_until held until now;
--   'permanent'   永年 (常用・無期限): no end date;
--   'P5Y'         a period of 1–99 whole years, kept as the 文書管理規程 states it — when it
--                 starts (年度末, 完結日 …) is the office's rule, so it is not turned into a date.
-- SQLite cannot change retention_until's CHECK in place. One column rather than a date column
-- beside a term column: one field on screen, paper, CSV and in history (an old history row's
-- date is still a valid value), and no pair of columns that could both be set. Its own CHECK
-- only names itself, so retention_until can be dropped once its dates are copied.
ALTER TABLE holdings ADD COLUMN retention TEXT CHECK (
  retention IS NULL
  OR retention GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
  OR retention = 'permanent'
  OR retention GLOB 'P[1-9]Y'
  OR retention GLOB 'P[1-9][0-9]Y'
);
UPDATE holdings SET retention = retention_until WHERE retention_until IS NOT NULL;
ALTER TABLE holdings DROP COLUMN retention_until;
