-- 0018: 廃棄・消去記録 and 廃棄・消去証明書 (issue #11; MIC §13, METI §21; domain.md §3).
-- A disposal record names what was erased or destroyed (media, holdings, paper documents), how
-- (NIST SP 800-88 class and the concrete method), by whom, witnessed by whom, and its result.
-- Lifecycle: draft (作成中) → requested (承認待ち) → approved (承認済, frozen); requested → draft
-- (差戻し); draft / requested → cancelled (取消し). A correction after approval is a new record
-- (amends_id → the original) that goes the same way; its approval marks the original amended
-- (訂正済). The 証明書番号 (年度-連番, R8-0001) is taken at approval in the approval's transaction,
-- so an abandoned draft or a failed approval leaves no gap (db/ledger/numbering.ts).
CREATE TABLE disposals (
  id                     INTEGER PRIMARY KEY,
  certificate_no         TEXT UNIQUE CHECK (certificate_no IS NULL OR certificate_no GLOB 'R[0-9]*-[0-9][0-9][0-9][0-9]*'),
  department_id          INTEGER NOT NULL REFERENCES departments (id),
  status                 TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'requested', 'approved', 'amended', 'cancelled')),
  -- A correction of an approved record (domain.md §3: never an edit of it).
  amends_id              INTEGER REFERENCES disposals (id),
  amendment_reason       TEXT NOT NULL DEFAULT '',
  -- NIST SP 800-88: Clear / Purge / Destroy, and the concrete method.
  nist_class             TEXT NOT NULL CHECK (nist_class IN ('clear', 'purge', 'destroy')),
  method                 TEXT NOT NULL CHECK (method IN ('overwrite', 'cryptoErase', 'degauss', 'physical', 'melting', 'incineration', 'shredding')),
  method_detail          TEXT NOT NULL DEFAULT '',
  tool                   TEXT NOT NULL DEFAULT '',
  tool_version           TEXT NOT NULL DEFAULT '',
  verification_method    TEXT NOT NULL DEFAULT '',
  verification_outcome   TEXT NOT NULL DEFAULT 'passed' CHECK (verification_outcome IN ('passed', 'failed', 'notPerformed')),
  performed_on           TEXT NOT NULL CHECK (performed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  place_kind             TEXT NOT NULL CHECK (place_kind IN ('onSite', 'contractor')),
  place_detail           TEXT NOT NULL DEFAULT '',
  -- 実施者: an account (separation of duties is checked against accounts, MIC §12-2).
  operator_id            INTEGER NOT NULL REFERENCES users (id),
  -- 立会者: a sorted JSON array of account ids, never the operator.
  witness_ids            TEXT NOT NULL DEFAULT '[]' CHECK (json_type(witness_ids) = 'array'),
  contractor_name        TEXT NOT NULL DEFAULT '',
  contractor_certificate_no TEXT NOT NULL DEFAULT '',
  contractor_staff       TEXT NOT NULL DEFAULT '',
  result                 TEXT NOT NULL CHECK (result IN ('completed', 'exception', 'failed')),
  result_note            TEXT NOT NULL DEFAULT '',
  -- 対象: the authoritative list, in the row so 改ざん検査's row hash covers it (as media.contents):
  -- [{"kind":"medium","id":1}, {"kind":"holding","id":2}, {"kind":"paper","description":"…","quantity":3,"unit":"箱"}].
  -- disposal_targets below only indexes the medium and holding entries.
  targets                TEXT NOT NULL DEFAULT '[]' CHECK (json_type(targets) = 'array'),
  -- Which kinds it holds, for the list's 対象種別 filter: 'm' media, 'h' holdings, 'p' paper, in that order.
  target_kinds           TEXT NOT NULL DEFAULT '' CHECK (target_kinds IN ('', 'm', 'h', 'p', 'mh', 'mp', 'hp', 'mhp')),
  remarks                TEXT NOT NULL DEFAULT '',
  requested_by           INTEGER REFERENCES users (id),
  requested_at           TEXT,
  approved_by            INTEGER REFERENCES users (id),
  approved_at            TEXT,
  -- The organisation's day of the approval: the 年度 of certificate_no.
  approved_on            TEXT CHECK (approved_on IS NULL OR approved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- The verification code printed on the certificate (issue #11 item 5) and its place in the
  -- access-log chain: the approval event's seq and the hash of the event before it.
  verification_code      TEXT,
  chain_seq              INTEGER,
  chain_prev_hash        TEXT,
  version                INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by             INTEGER NOT NULL REFERENCES users (id),
  last_edited_by         INTEGER NOT NULL REFERENCES users (id),
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  CHECK (status NOT IN ('approved', 'amended') OR (certificate_no IS NOT NULL AND approved_by IS NOT NULL
         AND verification_code IS NOT NULL AND chain_seq IS NOT NULL)),
  CHECK (amends_id IS NULL OR length(amendment_reason) > 0)
) STRICT;
-- At most one open or approved correction of a record at a time (the newest approved one supersedes).
CREATE UNIQUE INDEX disposals_one_open_amendment ON disposals (amends_id) WHERE amends_id IS NOT NULL AND status IN ('draft', 'requested');
-- One index per sort key (never-NULL expressions), and a covering one led by 課等 for the clerk's list.
CREATE INDEX disposals_by_performed ON disposals (performed_on, id);
CREATE INDEX disposals_by_certificate ON disposals (coalesce(certificate_no, ''), id);
CREATE INDEX disposals_by_status ON disposals (status, id);
CREATE INDEX disposals_by_updated ON disposals (updated_at, id);
CREATE INDEX disposals_by_department ON disposals (department_id, performed_on, status, method, target_kinds,
  coalesce(certificate_no, ''), updated_at);
CREATE INDEX disposals_list_keys ON disposals (id, department_id, performed_on, status, method, nist_class, place_kind,
  target_kinds, result, certificate_no, updated_at);

-- The record's timeline (the kit's history shape). Never edited.
CREATE TABLE disposal_history (
  id          INTEGER PRIMARY KEY,
  disposal_id INTEGER NOT NULL REFERENCES disposals (id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'request', 'return', 'approve', 'cancel',
                'amend', 'amended', 'attach', 'detach', 'printCertificate')),
  changes     TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX disposal_history_by_disposal ON disposal_history (disposal_id, id);
CREATE TRIGGER disposal_history_no_update BEFORE UPDATE ON disposal_history
BEGIN SELECT RAISE(ABORT, 'disposal_history is append-only'); END;
CREATE TRIGGER disposal_history_no_delete BEFORE DELETE ON disposal_history
BEGIN SELECT RAISE(ABORT, 'disposal_history is append-only'); END;

-- The media and holdings a record names (an index of disposals.targets, kept in the same step):
-- "is this medium already in another open or approved disposal?" and a medium's or holding's side.
CREATE TABLE disposal_targets (
  disposal_id INTEGER NOT NULL REFERENCES disposals (id),
  kind        TEXT NOT NULL CHECK (kind IN ('medium', 'holding')),
  target_id   INTEGER NOT NULL,
  PRIMARY KEY (disposal_id, kind, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX disposal_targets_by_target ON disposal_targets (kind, target_id, disposal_id);

-- Photos of destroyed media and the contractor's scanned certificate (issue #11 item 2), stored
-- in the encrypted database so they travel in backups. The bytes are the file as received with
-- its location (EXIF/XMP) removed; thumbnail and print_image are made by the main process.
-- A removal in a draft clears the bytes and keeps the row (who removed what, when); an approved
-- record's attachments are frozen. sha256 is of content: 改ざん検査 pins the row without the
-- bytes, and the verification code covers each attachment by this hash.
CREATE TABLE disposal_attachments (
  id           INTEGER PRIMARY KEY,
  disposal_id  INTEGER NOT NULL REFERENCES disposals (id),
  kind         TEXT NOT NULL CHECK (kind IN ('photo', 'certificate')),
  file_name    TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  mime         TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'application/pdf')),
  size         INTEGER NOT NULL CHECK (size > 0),
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  width        INTEGER,
  height       INTEGER,
  caption      TEXT NOT NULL DEFAULT '',
  content      BLOB,
  thumbnail    BLOB,
  print_image  BLOB,
  added_by     INTEGER NOT NULL REFERENCES users (id),
  added_at     TEXT NOT NULL,
  removed_by   INTEGER REFERENCES users (id),
  removed_at   TEXT,
  CHECK ((removed_at IS NULL) = (content IS NOT NULL))
) STRICT;
CREATE INDEX disposal_attachments_by_disposal ON disposal_attachments (disposal_id, id);

-- Each printing of a certificate (paper or PDF). The first is the original; every later one is
-- printed 再発行 with its date (domain.md §3).
CREATE TABLE disposal_certificate_prints (
  id          INTEGER PRIMARY KEY,
  disposal_id INTEGER NOT NULL REFERENCES disposals (id),
  printed_at  TEXT NOT NULL,
  printed_on  TEXT NOT NULL CHECK (printed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  printed_by  INTEGER NOT NULL REFERENCES users (id),
  reissue     INTEGER NOT NULL CHECK (reissue IN (0, 1)),
  target      TEXT NOT NULL CHECK (target IN ('printer', 'pdf'))
) STRICT;
CREATE INDEX disposal_certificate_prints_by_disposal ON disposal_certificate_prints (disposal_id, id);
CREATE TRIGGER disposal_certificate_prints_no_update BEFORE UPDATE ON disposal_certificate_prints
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_prints is append-only'); END;
CREATE TRIGGER disposal_certificate_prints_no_delete BEFORE DELETE ON disposal_certificate_prints
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_prints is append-only'); END;

-- The organisation's certificate key: the verification code is an HMAC under it, so a code cannot
-- be made up without the database, and a code of another organisation (another key) is told
-- apart by its tag. Made once, here; it travels in backups with the records it vouches for.
CREATE TABLE disposal_certificate_key (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  secret BLOB NOT NULL CHECK (length(secret) = 32)
) STRICT;
INSERT INTO disposal_certificate_key (id, secret) VALUES (1, randomblob(32));
CREATE TRIGGER disposal_certificate_key_no_update BEFORE UPDATE ON disposal_certificate_key
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_key is fixed'); END;
CREATE TRIGGER disposal_certificate_key_no_delete BEFORE DELETE ON disposal_certificate_key
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_key is fixed'); END;

-- Japanese substring search over 証明書番号, 方法の詳細, 委託先, 場所, 対象の説明, 備考 (character pairs). rowid = disposals.id.
CREATE VIRTUAL TABLE disposal_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');

-- An approved disposal sets a medium 廃棄済 (issue #11 item 3): the medium's timeline gains the
-- step. Same columns and ids, so every row's content and its 改ざん検査 hash stay as they were.
CREATE TABLE media_history_new (
  id          INTEGER PRIMARY KEY,
  medium_id   INTEGER NOT NULL REFERENCES media (id),
  version     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'link', 'unlink', 'retire',
                'takeoutRequest', 'takeoutApprove', 'takeoutRefuse', 'takeoutCancel', 'takeoutOut', 'takeoutReturn',
                'import', 'inventorySeen', 'markMissing', 'found', 'relocate', 'dispose')),
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
