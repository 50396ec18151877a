-- 0011: 持出し (take-out and return) of media, issue #10 item 3 (MIC §10, §12, §26, §34; domain.md §2).
-- One row per request: requested → approved / refused / cancelled; approved → out (or cancelled);
-- out → returned. The 持出管理簿 is the list of these rows. Each step is also a step in the
-- medium's own history (media_history) and an access-log event in the same transaction.
CREATE TABLE media_takeouts (
  id                  INTEGER PRIMARY KEY,
  medium_id           INTEGER NOT NULL REFERENCES media (id),
  requested_by        INTEGER NOT NULL REFERENCES users (id),
  requested_at        TEXT NOT NULL,
  purpose             TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  destination         TEXT NOT NULL CHECK (length(destination) BETWEEN 1 AND 200),
  contents_summary    TEXT NOT NULL CHECK (length(contents_summary) BETWEEN 1 AND 1000),
  -- The safeguards the requester promises (MIC §12, §34): 暗号化 / パスワード / 施錠容器 / 封緘.
  safeguard_encryption INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_encryption IN (0, 1)),
  safeguard_password   INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_password IN (0, 1)),
  safeguard_locked_case INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_locked_case IN (0, 1)),
  safeguard_sealed     INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_sealed IN (0, 1)),
  due_back            TEXT NOT NULL CHECK (due_back GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status              TEXT NOT NULL DEFAULT 'requested'
                        CHECK (status IN ('requested', 'approved', 'refused', 'out', 'returned', 'cancelled')),
  decided_by          INTEGER REFERENCES users (id),
  decided_at          TEXT,
  -- The refusal's reason, or the manager's reason for approving a medium without encryption or password.
  decision_note       TEXT NOT NULL DEFAULT '',
  out_at              TEXT,
  returned_at         TEXT,
  return_checked_by   INTEGER REFERENCES users (id),
  contents_intact     INTEGER CHECK (contents_intact IS NULL OR contents_intact IN (0, 1)),
  -- MIC §26: temporary copies made while out are erased on return.
  temp_copies_erased  INTEGER CHECK (temp_copies_erased IS NULL OR temp_copies_erased IN (0, 1)),
  return_note         TEXT NOT NULL DEFAULT '',
  updated_at          TEXT NOT NULL
) STRICT;
-- Overdue take-outs (status 'out' past due_back), the home card and the 持出管理簿's filter.
CREATE INDEX media_takeouts_overdue ON media_takeouts (status, due_back);
-- A medium's take-outs (its detail), newest first.
CREATE INDEX media_takeouts_by_medium ON media_takeouts (medium_id, id);
-- At most one open take-out per medium: a medium requested, approved or out cannot be requested again.
CREATE UNIQUE INDEX media_takeouts_one_open ON media_takeouts (medium_id) WHERE status IN ('requested', 'approved', 'out');

-- The medium's timeline gains the take-out steps. SQLite cannot widen a CHECK in place: the
-- table is rebuilt with the same columns and ids, so every row's content and its 改ざん検査
-- hash stay as they were (the triggers are dropped with the old table and made again).
CREATE TABLE media_history_new (
  id          INTEGER PRIMARY KEY,
  medium_id   INTEGER NOT NULL REFERENCES media (id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'link', 'unlink', 'retire',
                'takeoutRequest', 'takeoutApprove', 'takeoutRefuse', 'takeoutCancel', 'takeoutOut', 'takeoutReturn')),
  changes     TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO media_history_new (id, medium_id, version, at, user_id, user_name, action, changes, note)
  SELECT id, medium_id, version, at, user_id, user_name, action, changes, note FROM media_history ORDER BY id;
DROP TABLE media_history;
ALTER TABLE media_history_new RENAME TO media_history;
CREATE INDEX media_history_by_medium ON media_history (medium_id, id);
CREATE TRIGGER media_history_no_update BEFORE UPDATE ON media_history
BEGIN SELECT RAISE(ABORT, 'media_history is append-only'); END;
CREATE TRIGGER media_history_no_delete BEFORE DELETE ON media_history
BEGIN SELECT RAISE(ABORT, 'media_history is append-only'); END;
