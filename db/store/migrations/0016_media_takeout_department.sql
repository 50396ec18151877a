-- 0016: a take-out belongs to the 課等 that kept the medium when it was requested (issue #10;
-- MIC §9). The 持出管理簿 followed the medium's current 課等: a medium moved from 税務課 to 市民課
-- took its past take-outs (purposes, destinations, requesters) out of 税務課's list, print and
-- CSV and into 市民課's. Each take-out now records its own 課等, backfilled from the medium's
-- current one (the best this database knows: a medium with an open take-out cannot change
-- 課等, rules.ts, so only closed take-outs of a moved medium can be misplaced by it).
--
-- Rebuilt rather than ALTER TABLE ADD COLUMN: SQLite cannot add a NOT NULL column with a
-- reference and no default, and a CHECK would leave the column nullable to the schema. Same
-- ids (rowids), so 改ざん検査's pins name the same rows; nothing references media_takeouts.
CREATE TABLE media_takeouts_new (
  id                  INTEGER PRIMARY KEY,
  medium_id           INTEGER NOT NULL REFERENCES media (id),
  department_id       INTEGER NOT NULL REFERENCES departments (id),
  requested_by        INTEGER NOT NULL REFERENCES users (id),
  requested_at        TEXT NOT NULL,
  purpose             TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  destination         TEXT NOT NULL CHECK (length(destination) BETWEEN 1 AND 200),
  contents_summary    TEXT NOT NULL CHECK (length(contents_summary) BETWEEN 1 AND 1000),
  safeguard_encryption INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_encryption IN (0, 1)),
  safeguard_password   INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_password IN (0, 1)),
  safeguard_locked_case INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_locked_case IN (0, 1)),
  safeguard_sealed     INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_sealed IN (0, 1)),
  due_back            TEXT NOT NULL CHECK (due_back GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status              TEXT NOT NULL DEFAULT 'requested'
                        CHECK (status IN ('requested', 'approved', 'refused', 'out', 'returned', 'cancelled')),
  decided_by          INTEGER REFERENCES users (id),
  decided_at          TEXT,
  decision_note       TEXT NOT NULL DEFAULT '',
  out_at              TEXT,
  returned_at         TEXT,
  return_checked_by   INTEGER REFERENCES users (id),
  contents_intact     INTEGER CHECK (contents_intact IS NULL OR contents_intact IN (0, 1)),
  temp_copies_erased  INTEGER CHECK (temp_copies_erased IS NULL OR temp_copies_erased IN (0, 1)),
  return_note         TEXT NOT NULL DEFAULT '',
  updated_at          TEXT NOT NULL
) STRICT;
INSERT INTO media_takeouts_new (id, medium_id, department_id, requested_by, requested_at, purpose, destination, contents_summary,
    safeguard_encryption, safeguard_password, safeguard_locked_case, safeguard_sealed, due_back, status, decided_by, decided_at,
    decision_note, out_at, returned_at, return_checked_by, contents_intact, temp_copies_erased, return_note, updated_at)
  SELECT t.id, t.medium_id, m.department_id, t.requested_by, t.requested_at, t.purpose, t.destination, t.contents_summary,
    t.safeguard_encryption, t.safeguard_password, t.safeguard_locked_case, t.safeguard_sealed, t.due_back, t.status, t.decided_by, t.decided_at,
    t.decision_note, t.out_at, t.returned_at, t.return_checked_by, t.contents_intact, t.temp_copies_erased, t.return_note, t.updated_at
  FROM media_takeouts t JOIN media m ON m.id = t.medium_id ORDER BY t.id;
DROP TABLE media_takeouts;
ALTER TABLE media_takeouts_new RENAME TO media_takeouts;
CREATE INDEX media_takeouts_overdue ON media_takeouts (status, due_back);
CREATE INDEX media_takeouts_by_medium ON media_takeouts (medium_id, id);
CREATE UNIQUE INDEX media_takeouts_one_open ON media_takeouts (medium_id) WHERE status IN ('requested', 'approved', 'out');
-- The 持出管理簿 of one 課等 (its list, print, CSV and home cards), newest first.
CREATE INDEX media_takeouts_by_department ON media_takeouts (department_id, id);

-- The new column changes every take-out's 改ざん検査 hash: the next write re-pins this table only
-- (integrity_baseline.tables, 0015), added to a per-table baseline still due; a full baseline
-- still due (seq NULL) covers it already. Rows edited by SQL before the upgrade in the other
-- tables stay reported.
UPDATE integrity_baseline
  SET tables = CASE WHEN tables IS NULL THEN '["media_takeouts"]' ELSE json_insert(tables, '$[#]', 'media_takeouts') END
  WHERE id = 1 AND seq IS NOT NULL;
