-- 0019: 改ざん検査 hashes a disposal attachment's BLOBs (its file, thumbnail and print image) as
-- their SHA-256 in the row hash (db/features/disposal/columns.ts digestedColumns); 0018's rows
-- were pinned without them. Bytes swapped by SQL under an unchanged sha256 column, or a print
-- image swapped (the certificate prints it; no column stands for it), were named by nothing.
-- The new hash changes every attachment row's: the next write re-pins this table only
-- (integrity_baseline.tables, 0015), added to a per-table baseline still due; a full baseline
-- still due (seq NULL) covers it already; a table without rows has nothing to re-pin. Rows
-- edited by SQL before the upgrade in the other tables stay reported.
UPDATE integrity_baseline
  SET tables = CASE WHEN tables IS NULL THEN '["disposal_attachments"]' ELSE json_insert(tables, '$[#]', 'disposal_attachments') END
  WHERE id = 1 AND seq IS NOT NULL AND EXISTS (SELECT 1 FROM disposal_attachments);
