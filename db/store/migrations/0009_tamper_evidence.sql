-- 0009: detection that does not depend on the attacker's goodwill (issue #9, item 5).

-- A backup pins the access-log head it holds (its manifest's auditHead): a later deletion of
-- the log's tail or a rewrite of the chain no longer matches it (db/core/auditFindings.ts).
ALTER TABLE backup_register ADD COLUMN audit_head_seq INTEGER;
ALTER TABLE backup_register ADD COLUMN audit_head_hash TEXT;

-- Ledger rows written before the access log recorded each row's state need one baseline:
-- the first write after this migration logs the state of every existing row in one event
-- (db/ledger/integrity.ts) and records its seq here. Inserted 'pending' by the migration
-- itself, so a database that never had a baseline is told apart from one whose row was
-- removed; a second baseline event is reported by 改ざん検査 either way.
CREATE TABLE integrity_baseline (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  seq     INTEGER
) STRICT;
INSERT INTO integrity_baseline (id, seq) VALUES (1, NULL);
