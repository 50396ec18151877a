-- 0005: 照合依頼 — the author names who should verify (MIC §28), and what the home
-- dashboard (今日の確認事項) counts.

-- One open request per record of any ledger, keyed by (ledger, record id): the ledger kit
-- writes it (db/ledger/verificationRequests.ts), so every ledger with 照合 shares it. A new
-- request replaces the old one; 照合 or a change that makes the named person an author
-- removes it. What was asked, by whom and when stays in the record's history.
CREATE TABLE verification_requests (
  ledger        TEXT NOT NULL CHECK (length(ledger) BETWEEN 1 AND 50),
  record_id     INTEGER NOT NULL CHECK (record_id >= 1),
  requested_of  INTEGER NOT NULL REFERENCES users (id),
  requested_by  INTEGER NOT NULL REFERENCES users (id),
  requested_at  TEXT NOT NULL,
  CHECK (requested_of <> requested_by),
  PRIMARY KEY (ledger, record_id)
) STRICT, WITHOUT ROWID;
-- The verifier's card: the requests made of one person.
CREATE INDEX verification_requests_of ON verification_requests (requested_of, ledger, record_id);

-- The history learns the action 'requestVerification'. A CHECK cannot be altered in SQLite,
-- so the append-only table is rebuilt with its rows, index and triggers (the old table's go
-- with it; DROP TABLE fires no DELETE trigger; nothing references the history table).
ALTER TABLE holding_history RENAME TO holding_history_before_0005;
CREATE TABLE holding_history (
  id          INTEGER PRIMARY KEY,
  holding_id  INTEGER NOT NULL REFERENCES holdings (id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'verify', 'categorize', 'review', 'retire', 'import', 'dispose', 'requestVerification')),
  changes     TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO holding_history (id, holding_id, version, at, user_id, user_name, action, changes, note)
  SELECT id, holding_id, version, at, user_id, user_name, action, changes, note FROM holding_history_before_0005;
DROP TABLE holding_history_before_0005;
CREATE INDEX holding_history_by_holding ON holding_history (holding_id, id);
CREATE TRIGGER holding_history_no_update BEFORE UPDATE ON holding_history
BEGIN SELECT RAISE(ABORT, 'holding_history is append-only'); END;
CREATE TRIGGER holding_history_no_delete BEFORE DELETE ON holding_history
BEGIN SELECT RAISE(ABORT, 'holding_history is append-only'); END;
-- "Did this person author what awaits 照合?" is one probe of this index per draft: the
-- 照合 cards and the verifiableByMe / authoredByMe filters (db/ledger/lifecycle.ts).
CREATE INDEX holding_history_authors ON holding_history (holding_id, user_id, version, action) WHERE action IN ('create', 'update', 'import');

-- The dashboard's counts without reading a wide, encrypted row: drafts with the version
-- their 照合 refers to; open rows by review date; open rows whose 管理区分 is undecided.
CREATE INDEX holdings_drafts ON holdings (department_id, verified_version) WHERE status = 'draft';
CREATE INDEX holdings_open_by_review ON holdings (status, coalesce(last_reviewed_at, created_at));
CREATE INDEX holdings_undecided ON holdings (status, department_id, category) WHERE category IS NULL;
