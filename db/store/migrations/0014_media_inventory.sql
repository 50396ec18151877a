-- 0014: 点検 (inventory, 棚卸) of media, issue #10 item 5 (MIC §42; domain.md §2 "Inventory").
-- A session per 保管場所: started, each label typed or scanned, then closed (the media seen get
-- last_seen_at; those expected but not seen may be marked 所在不明 with a note) or cancelled.
CREATE TABLE media_inventories (
  id                  INTEGER PRIMARY KEY,
  storage_location_id INTEGER NOT NULL REFERENCES storage_locations (id),
  -- The location's 課等 when the session started (NULL: a shared place, kept by the organisation).
  department_id       INTEGER REFERENCES departments (id),
  status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
  started_by          INTEGER NOT NULL REFERENCES users (id),
  started_at          TEXT NOT NULL,
  ended_by            INTEGER REFERENCES users (id),
  ended_at            TEXT,
  -- The follow-up note of a closing that marked media 所在不明, or why the session was cancelled.
  note                TEXT NOT NULL DEFAULT '',
  -- At closing, what the session found, fixed as it was (the media move on afterwards):
  -- {"notSeen": [id…], "markedMissing": [id…], "away": [id…], "scanHash": "…"}.
  outcome             TEXT CHECK (outcome IS NULL OR json_type(outcome) = 'object'),
  updated_at          TEXT NOT NULL
) STRICT;
-- At most one open session per location: two clerks counting one cabinet would split its scans.
CREATE UNIQUE INDEX media_inventories_one_open ON media_inventories (storage_location_id) WHERE status = 'open';
CREATE INDEX media_inventories_by_department ON media_inventories (coalesce(department_id, 0), id);

-- One row per label typed or scanned, in order; never edited (the close event hashes them all,
-- and each is pinned by its own access-log event for 改ざん検査).
CREATE TABLE media_inventory_scans (
  id           INTEGER PRIMARY KEY,
  inventory_id INTEGER NOT NULL REFERENCES media_inventories (id),
  -- The label as normalised (NFKC, trimmed): what the reader typed, or the number it matched.
  code         TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
  medium_id    INTEGER REFERENCES media (id),
  result       TEXT NOT NULL CHECK (result IN ('seen', 'duplicate', 'otherLocation', 'unknown')),
  scanned_by   INTEGER NOT NULL REFERENCES users (id),
  scanned_at   TEXT NOT NULL
) STRICT;
-- A scan asks "already seen in this session?" by medium, or by code for an unknown label (≤ 5 ms a scan).
CREATE INDEX media_inventory_scans_by_medium ON media_inventory_scans (inventory_id, medium_id);
CREATE INDEX media_inventory_scans_by_code ON media_inventory_scans (inventory_id, code);
CREATE TRIGGER media_inventory_scans_no_update BEFORE UPDATE ON media_inventory_scans
BEGIN SELECT RAISE(ABORT, 'media_inventory_scans is append-only'); END;
CREATE TRIGGER media_inventory_scans_no_delete BEFORE DELETE ON media_inventory_scans
BEGIN SELECT RAISE(ABORT, 'media_inventory_scans is append-only'); END;

-- The media expected at a location, by status: counted at every scan.
CREATE INDEX media_by_location_status ON media (storage_location_id, status);
