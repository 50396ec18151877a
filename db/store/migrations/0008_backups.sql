-- The backup register (issue #8; MIC §29): every export, verification and restore of an
-- encrypted backup, with the medium it went on and where that medium is kept. Append-only,
-- like the access log: each row is written in the transaction of its access-log event.
CREATE TABLE backup_register (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id INTEGER REFERENCES users(id),
  actor_name TEXT NOT NULL,
  operation TEXT NOT NULL CHECK (operation IN ('export', 'verify', 'restore')),
  file_name TEXT NOT NULL,
  bytes INTEGER,
  sha256 TEXT,
  medium_label TEXT NOT NULL DEFAULT '',
  medium_location TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL CHECK (result IN ('ok', 'failed')),
  message_key TEXT
) STRICT;
CREATE TRIGGER backup_register_no_update BEFORE UPDATE ON backup_register
BEGIN SELECT RAISE(ABORT, 'backup_register is append-only'); END;
CREATE TRIGGER backup_register_no_delete BEFORE DELETE ON backup_register
BEGIN SELECT RAISE(ABORT, 'backup_register is append-only'); END;
