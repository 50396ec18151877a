-- 0015: the backup-medium rule (issue #10 item 6; MIC §29 分散保管; seed 004 case 7-1: backup
-- media kept in the same room as the server are a finding). A storage location says whether it
-- is in the same room as this terminal (the server room); a backup medium kept there is flagged
-- on its detail, in the list, on the home dashboard and when it is saved that way (a warning,
-- never a refusal: the office may have no other place yet).
ALTER TABLE storage_locations ADD COLUMN beside_terminal INTEGER NOT NULL DEFAULT 0 CHECK (beside_terminal IN (0, 1));
