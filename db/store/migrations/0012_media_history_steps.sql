-- 0012: the media timeline gains the steps of issue #10's later items, in one rebuild so no later
-- migration has to widen it again: 'import' (CSV import of an existing register, item 7),
-- 'inventorySeen' (an inventory saw it: last_seen_at, MIC §42), 'markMissing' (expected but not
-- seen at an inventory's closing → 所在不明, with the follow-up note), 'found' (a 所在不明 medium
-- seen again → 保管中), 'relocate' (an inventory found it in another 保管場所 and the place was
-- corrected). Same columns and ids, so every row's content and its 改ざん検査 hash stay as they
-- were (as 0011 did; the triggers go with the old table and are made again).
CREATE TABLE media_history_new (
  id          INTEGER PRIMARY KEY,
  medium_id   INTEGER NOT NULL REFERENCES media (id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'link', 'unlink', 'retire',
                'takeoutRequest', 'takeoutApprove', 'takeoutRefuse', 'takeoutCancel', 'takeoutOut', 'takeoutReturn',
                'import', 'inventorySeen', 'markMissing', 'found', 'relocate')),
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
