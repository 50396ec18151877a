-- 0002: 保有個人情報等台帳 (MIC §14, §28; METI §16, §38). Fields as in docs/domain.md §1.
-- Lists are JSON arrays of strings. Scalars are columns so lists can filter and sort in SQL.

CREATE TABLE holdings (
  id                        INTEGER PRIMARY KEY,
  ledger_no                 TEXT NOT NULL UNIQUE CHECK (length(ledger_no) BETWEEN 1 AND 30),
  name                      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  department_id             INTEGER NOT NULL REFERENCES departments (id),
  owner                     TEXT NOT NULL DEFAULT '',
  handlers                  TEXT NOT NULL DEFAULT '[]' CHECK (json_type(handlers) = 'array'),
  purpose                   TEXT NOT NULL CHECK (length(purpose) >= 1),
  record_items              TEXT NOT NULL DEFAULT '[]' CHECK (json_type(record_items) = 'array'),
  record_scope              TEXT NOT NULL DEFAULT '',
  collection_method         TEXT NOT NULL DEFAULT '',
  subject_count             INTEGER CHECK (subject_count IS NULL OR subject_count >= 0),
  subject_count_approximate INTEGER NOT NULL DEFAULT 0 CHECK (subject_count_approximate IN (0, 1)),
  contains_sensitive        INTEGER NOT NULL DEFAULT 0 CHECK (contains_sensitive IN (0, 1)),
  -- Whether the file holds 個人番号; the number itself is never stored (番号法 guideline).
  contains_my_number        INTEGER NOT NULL DEFAULT 0 CHECK (contains_my_number IN (0, 1)),
  medium                    TEXT NOT NULL CHECK (medium IN ('paper', 'electronic', 'both')),
  storage_location          TEXT NOT NULL DEFAULT '',
  storage_method            TEXT NOT NULL DEFAULT '',
  authorized_persons        TEXT NOT NULL DEFAULT '[]' CHECK (json_type(authorized_persons) = 'array'),
  recipients                TEXT NOT NULL DEFAULT '[]' CHECK (json_type(recipients) = 'array'),
  contractors               TEXT NOT NULL DEFAULT '[]' CHECK (json_type(contractors) = 'array'),
  foreign_handling          TEXT NOT NULL DEFAULT '',
  use_until                 TEXT CHECK (use_until IS NULL OR use_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  retention_until           TEXT CHECK (retention_until IS NULL OR retention_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  disposal_method           TEXT NOT NULL DEFAULT '',
  -- 管理区分 (METI §16), decided by the manager; NULL until decided. The suggestion is computed.
  category                  TEXT CHECK (category IS NULL OR category IN ('A', 'B', 'C')),
  category_reason           TEXT NOT NULL DEFAULT '',
  category_decided_by       INTEGER REFERENCES users (id),
  category_decided_at       TEXT,
  status                    TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'verified', 'retired', 'disposed')),
  -- Every change bumps the version; 照合 (MIC §28) records the version it confirmed.
  version                   INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  verified_version          INTEGER,
  verified_by               INTEGER REFERENCES users (id),
  verified_at               TEXT,
  last_edited_by            INTEGER NOT NULL REFERENCES users (id),
  last_reviewed_at          TEXT,
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL,
  CHECK (status <> 'verified' OR (verified_by IS NOT NULL AND verified_version = version))
) STRICT;
-- One index per sort key (each also orders by rowid, the tie-breaker), so any page of any
-- sort is an index walk, however deep.
CREATE INDEX holdings_by_department ON holdings (department_id);
CREATE INDEX holdings_by_name ON holdings (name);
CREATE INDEX holdings_by_status ON holdings (status);
CREATE INDEX holdings_by_category ON holdings (category);
CREATE INDEX holdings_by_updated ON holdings (updated_at);
-- The yearly review (JIS Q 15001): rows never reviewed count from their creation.
CREATE INDEX holdings_by_review ON holdings (coalesce(last_reviewed_at, created_at));
-- Search results are checked against the filters and sorted through this narrow copy of
-- the list columns instead of the wide rows: thousands of matches stay a few milliseconds.
CREATE INDEX holdings_list_keys ON holdings (id, department_id, status, category, contains_my_number, contains_sensitive,
  ledger_no, name, updated_at, last_reviewed_at, created_at);

-- The readable timeline of a holding: what changed, before and after, by whom. Never edited.
CREATE TABLE holding_history (
  id          INTEGER PRIMARY KEY,
  holding_id  INTEGER NOT NULL REFERENCES holdings (id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'verify', 'categorize', 'review', 'retire', 'import', 'dispose')),
  changes     TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX holding_history_by_holding ON holding_history (holding_id, id);
CREATE TRIGGER holding_history_no_update BEFORE UPDATE ON holding_history
BEGIN SELECT RAISE(ABORT, 'holding_history is append-only'); END;
CREATE TRIGGER holding_history_no_delete BEFORE DELETE ON holding_history
BEGIN SELECT RAISE(ABORT, 'holding_history is append-only'); END;

-- 取扱状況の記録 (MIC §14): how each holding was used and stored. Never edited; a mistake is
-- answered by a further entry.
CREATE TABLE holding_usage (
  id                  INTEGER PRIMARY KEY,
  holding_id          INTEGER NOT NULL REFERENCES holdings (id),
  kind                TEXT NOT NULL CHECK (kind IN ('use', 'copy', 'transmit', 'takeout', 'provide', 'outsource', 'correct', 'dispose')),
  used_on             TEXT NOT NULL CHECK (used_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  person_name         TEXT NOT NULL CHECK (length(person_name) >= 1),
  purpose             TEXT NOT NULL CHECK (length(purpose) >= 1),
  count               INTEGER CHECK (count IS NULL OR count >= 0),
  note                TEXT NOT NULL DEFAULT '',
  recorded_by         INTEGER NOT NULL REFERENCES users (id),
  recorded_at         TEXT NOT NULL
) STRICT;
CREATE INDEX holding_usage_by_holding ON holding_usage (holding_id, used_on, id);
CREATE TRIGGER holding_usage_no_update BEFORE UPDATE ON holding_usage
BEGIN SELECT RAISE(ABORT, 'holding_usage is append-only'); END;
CREATE TRIGGER holding_usage_no_delete BEFORE DELETE ON holding_usage
BEGIN SELECT RAISE(ABORT, 'holding_usage is append-only'); END;

-- Japanese substring search: the service writes overlapping character pairs (bigrams) of
-- name, purpose and record items, so 「住民」 finds 「住民基本台帳」 (a trigram index cannot
-- match a two-character query). rowid = holdings.id.
CREATE VIRTUAL TABLE holding_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');
