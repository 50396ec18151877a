-- 0015: the backup-medium rule (issue #10 item 6; MIC §29 分散保管; seed 004 case 7-1: backup
-- media kept in the same room as the server are a finding). A storage location says whether it
-- is in the same room as this terminal (the server room); a backup medium kept there is flagged
-- on its detail, in the list, on the home dashboard and when it is saved that way (a warning,
-- never a refusal: the office may have no other place yet).
ALTER TABLE storage_locations ADD COLUMN beside_terminal INTEGER NOT NULL DEFAULT 0 CHECK (beside_terminal IN (0, 1));
-- 改ざん検査 now also reconciles storage_locations (its flag decides the warning above): the next
-- write pins that table's rows as they stand (db/ledger/integrity.ts baselinePins). Only that
-- table: re-pinning every reconciled row would launder a holdings or media row edited by SQL
-- before the upgrade (it would be baselined as it stands and never reported). `tables` (a JSON
-- array) names the tables of a per-table baseline due; seq stays the first (full) baseline's, which
-- the anchor check counts locks from (db/core/auditAnchor.ts anchorExpected). A database still
-- waiting for 0009's full baseline (seq NULL) is left as it is: that one covers every table.
ALTER TABLE integrity_baseline ADD COLUMN tables TEXT CHECK (tables IS NULL OR (json_valid(tables) AND json_type(tables) = 'array'));
UPDATE integrity_baseline SET tables = '["storage_locations"]' WHERE id = 1 AND seq IS NOT NULL;
