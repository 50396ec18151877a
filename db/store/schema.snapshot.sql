-- user_version 1
CREATE TABLE audit_events (
  seq           INTEGER PRIMARY KEY CHECK (seq >= 1),
  at            TEXT NOT NULL,
  actor_user_id INTEGER,
  actor_name    TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
  target_type   TEXT,
  target_id     TEXT,
  detail        TEXT NOT NULL CHECK (json_valid(detail)),
  hash          BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE TABLE audit_reviews (
  id                    INTEGER PRIMARY KEY,
  reviewer_user_id      INTEGER NOT NULL REFERENCES users (id),
  period_from           TEXT NOT NULL,
  period_to             TEXT NOT NULL CHECK (period_to >= period_from),
  reviewed_through_seq  INTEGER NOT NULL,
  head_hash             TEXT NOT NULL CHECK (length(head_hash) = 64),
  chain_ok              INTEGER NOT NULL CHECK (chain_ok IN (0, 1)),
  findings              TEXT NOT NULL,
  created_at            TEXT NOT NULL
) STRICT;

CREATE TABLE departments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  login_id             TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login_id) BETWEEN 1 AND 64),
  display_name         TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role                 TEXT NOT NULL CHECK (role IN ('chief', 'manager', 'officer', 'clerk', 'auditor')),
  department_id        INTEGER NOT NULL REFERENCES departments (id),
  -- 事務取扱担当者: may handle 個人番号 (MIC §4-5).
  is_my_number_handler INTEGER NOT NULL DEFAULT 0 CHECK (is_my_number_handler IN (0, 1)),
  -- Rights end when a person moves (seed 004 case 4).
  valid_until          TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  deactivated_at       TEXT,
  deactivation_reason  TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at           TEXT NOT NULL,
  last_login_at        TEXT,
  password_changed_at  TEXT,
  CHECK (active = 1 OR deactivated_at IS NOT NULL)
) STRICT;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TRIGGER audit_reviews_no_delete BEFORE DELETE ON audit_reviews
BEGIN SELECT RAISE(ABORT, 'audit_reviews is append-only'); END;

CREATE TRIGGER audit_reviews_no_update BEFORE UPDATE ON audit_reviews
BEGIN SELECT RAISE(ABORT, 'audit_reviews is append-only'); END;
