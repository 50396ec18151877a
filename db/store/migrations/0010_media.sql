-- 0010: 媒体管理台帳 (MIC §10, §12, §34, §42; METI §19–§20). Fields as in docs/domain.md §2.
-- The register only (issue #10 item 1); take-out, inventory and labels come in later migrations.

-- 保管場所 (施錠キャビネット, 耐火金庫 …): a managed list, so an inventory session can be held per
-- location. A location belongs to one 課等, or to the whole organisation (department_id NULL:
-- a shared 耐火金庫, or the place backup media are kept apart, MIC §29 分散保管). Names are
-- unique within their owner; a location is never deleted (media and history name it), only
-- deactivated.
CREATE TABLE storage_locations (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  department_id INTEGER REFERENCES departments (id),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX storage_locations_name ON storage_locations (coalesce(department_id, 0), name);

CREATE TABLE media (
  id                  INTEGER PRIMARY KEY,
  media_no            TEXT NOT NULL UNIQUE CHECK (length(media_no) BETWEEN 1 AND 30),
  type                TEXT NOT NULL CHECK (type IN ('usb', 'sd', 'hdd', 'ssd', 'optical', 'paper', 'other')),
  make_model          TEXT NOT NULL DEFAULT '',
  serial_no           TEXT NOT NULL DEFAULT '',
  capacity            TEXT NOT NULL DEFAULT '',
  -- MIC §12: a medium that leaves must have an authentication function; 'none' is recorded as such.
  encrypted           TEXT NOT NULL CHECK (encrypted IN ('none', 'password', 'hardware')),
  department_id       INTEGER NOT NULL REFERENCES departments (id),
  custodian           TEXT NOT NULL DEFAULT '',
  storage_location_id INTEGER REFERENCES storage_locations (id),
  is_backup_medium    INTEGER NOT NULL DEFAULT 0 CHECK (is_backup_medium IN (0, 1)),
  status              TEXT NOT NULL DEFAULT 'in_storage' CHECK (status IN ('in_storage', 'checked_out', 'missing', 'retired', 'disposed')),
  registered_at       TEXT NOT NULL CHECK (registered_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- The last inventory (点検, MIC §42) that saw it; NULL until the first one.
  last_seen_at        TEXT CHECK (last_seen_at IS NULL OR last_seen_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  remarks             TEXT NOT NULL DEFAULT '',
  -- 格納内容: the ids of the holdings it carries (sorted JSON array), the authoritative set. Kept in
  -- the row so 改ざん検査's row hash covers it; media_contents below only indexes it for the
  -- holding's side, and a link row not in this set is ignored (a row planted by SQL shows nowhere).
  contents            TEXT NOT NULL DEFAULT '[]' CHECK (json_type(contents) = 'array'),
  version             INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  last_edited_by      INTEGER NOT NULL REFERENCES users (id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
) STRICT;
-- One index per sort key (never-NULL expressions: keyset paging compares row values).
CREATE INDEX media_by_type ON media (type);
CREATE INDEX media_by_status ON media (status);
CREATE INDEX media_by_location ON media (coalesce(storage_location_id, 0));
CREATE INDEX media_by_registered ON media (registered_at);
CREATE INDEX media_by_last_seen ON media (coalesce(last_seen_at, ''));
CREATE INDEX media_by_updated ON media (updated_at);
-- Lists narrowed to one 課等 (every clerk's list) are answered from this index alone.
CREATE INDEX media_by_department ON media (department_id, status, type, is_backup_medium, coalesce(storage_location_id, 0),
  media_no, registered_at, coalesce(last_seen_at, ''), updated_at);
-- Search results are checked against the filters and sorted through this narrow copy.
CREATE INDEX media_list_keys ON media (id, department_id, status, type, is_backup_medium, storage_location_id,
  media_no, registered_at, last_seen_at, updated_at);

-- The readable timeline of a medium (the kit's history shape). Never edited.
CREATE TABLE media_history (
  id          INTEGER PRIMARY KEY,
  medium_id   INTEGER NOT NULL REFERENCES media (id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'link', 'unlink', 'retire')),
  changes     TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX media_history_by_medium ON media_history (medium_id, id);
CREATE TRIGGER media_history_no_update BEFORE UPDATE ON media_history
BEGIN SELECT RAISE(ABORT, 'media_history is append-only'); END;
CREATE TRIGGER media_history_no_delete BEFORE DELETE ON media_history
BEGIN SELECT RAISE(ABORT, 'media_history is append-only'); END;

-- 格納内容 as an index for the holding's side (a holding's media), kept with media.contents in
-- the same step; each link and unlink is a step in the medium's history and its access-log event.
CREATE TABLE media_contents (
  medium_id   INTEGER NOT NULL REFERENCES media (id),
  holding_id  INTEGER NOT NULL REFERENCES holdings (id),
  linked_at   TEXT NOT NULL,
  linked_by   INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (medium_id, holding_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX media_contents_by_holding ON media_contents (holding_id, medium_id);

-- Japanese substring search over 管理番号, make/model, serial, custodian, remarks (character pairs, as holding_search). rowid = media.id.
CREATE VIRTUAL TABLE media_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');
