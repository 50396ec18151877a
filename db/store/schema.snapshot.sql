-- user_version 23
CREATE INDEX area_authorization_history_by_authorization ON area_authorization_history (authorization_id, id);

CREATE INDEX area_authorizations_by_department ON area_authorizations (department_id, status, valid_until, id);

CREATE INDEX area_authorizations_by_person ON area_authorizations (person_id, status, valid_until);

CREATE INDEX area_authorizations_by_until ON area_authorizations (status, valid_until, id);

CREATE INDEX area_history_by_area ON area_history (area_id, id);

CREATE INDEX area_people_recent ON area_people (active, coalesce(last_visit_at, ''), id, kind, user_id, search_key);

CREATE INDEX area_visit_history_by_visit ON area_visit_history (visit_id, id);

CREATE INDEX area_visits_by_area ON area_visits (area_id, entered_at, id);

CREATE INDEX area_visits_by_area_day ON area_visits (area_id, entered_on, entered_at, id);

CREATE INDEX area_visits_by_department ON area_visits (department_id, entered_at, id);

CREATE INDEX area_visits_by_entered ON area_visits (entered_at, id);

CREATE INDEX area_visits_by_person ON area_visits (person_id, entered_at, id);

CREATE INDEX area_visits_exceptions ON area_visits (entered_at, id) WHERE has_exceptions = 1;

CREATE INDEX area_visits_exceptions_by_area ON area_visits (area_id, entered_at, id) WHERE has_exceptions = 1;

CREATE INDEX area_visits_inside ON area_visits (area_id, entered_at, id) WHERE status = 'inside';

CREATE UNIQUE INDEX area_visits_one_inside ON area_visits (person_id, area_id) WHERE status = 'inside';

CREATE INDEX area_visits_unconfirmed ON area_visits (department_id, entered_at) WHERE has_exceptions = 1 AND exception_confirmed_at IS NULL;

CREATE INDEX areas_by_department ON areas (department_id, active, name_key);

CREATE INDEX audit_events_disposal_approvals ON audit_events (target_id) WHERE action = 'disposal.approve';

CREATE INDEX audit_events_disposal_certificates ON audit_events (json_extract(detail, '$.certificateNo')) WHERE action = 'disposal.approve';

CREATE INDEX disposal_attachments_by_disposal ON disposal_attachments (disposal_id, id);

CREATE INDEX disposal_certificate_prints_by_disposal ON disposal_certificate_prints (disposal_id, id);

CREATE INDEX disposal_history_by_disposal ON disposal_history (disposal_id, id);

CREATE INDEX disposal_targets_by_target ON disposal_targets (kind, target_id, disposal_id);

CREATE INDEX disposals_by_certificate ON disposals (coalesce(certificate_no, ''), id);

CREATE INDEX disposals_by_department ON disposals (department_id, performed_on, status, method, target_kinds,
  coalesce(certificate_no, ''), updated_at);

CREATE INDEX disposals_by_performed ON disposals (performed_on, id);

CREATE INDEX disposals_by_status ON disposals (status, id);

CREATE INDEX disposals_by_updated ON disposals (updated_at, id);

CREATE INDEX disposals_list_keys ON disposals (id, department_id, performed_on, status, method, nist_class, place_kind,
  target_kinds, result, certificate_no, updated_at);

CREATE UNIQUE INDEX disposals_one_open_amendment ON disposals (amends_id) WHERE amends_id IS NOT NULL AND status IN ('draft', 'requested');

CREATE INDEX holding_history_authors ON holding_history (holding_id, user_id, version, action) WHERE action IN ('create', 'update', 'import');

CREATE INDEX holding_history_by_holding ON holding_history (holding_id, id);

CREATE INDEX holding_usage_by_holding ON holding_usage (holding_id, used_on, id);

CREATE INDEX holdings_by_category ON holdings (coalesce(category, ''));

CREATE INDEX holdings_by_department ON holdings (department_id, status, category, contains_my_number, contains_sensitive,
  ledger_no, name, updated_at, coalesce(last_reviewed_at, created_at));

CREATE INDEX holdings_by_name ON holdings (name);

CREATE INDEX holdings_by_review ON holdings (coalesce(last_reviewed_at, created_at));

CREATE INDEX holdings_by_status ON holdings (status);

CREATE INDEX holdings_by_updated ON holdings (updated_at);

CREATE INDEX holdings_drafts ON holdings (department_id, verified_version) WHERE status = 'draft';

CREATE INDEX holdings_list_keys ON holdings (id, department_id, status, category, contains_my_number, contains_sensitive,
  ledger_no, name, updated_at, last_reviewed_at, created_at);

CREATE INDEX holdings_open_by_review ON holdings (status, coalesce(last_reviewed_at, created_at));

CREATE INDEX holdings_undecided ON holdings (status, department_id, category) WHERE category IS NULL;

CREATE INDEX media_by_department ON media (department_id, status, type, is_backup_medium, coalesce(storage_location_id, 0),
  media_no, registered_at, coalesce(last_seen_at, ''), updated_at);

CREATE INDEX media_by_last_seen ON media (coalesce(last_seen_at, ''));

CREATE INDEX media_by_location ON media (coalesce(storage_location_id, 0));

CREATE INDEX media_by_location_status ON media (storage_location_id, status);

CREATE INDEX media_by_no_nocase ON media (media_no COLLATE NOCASE);

CREATE INDEX media_by_registered ON media (registered_at);

CREATE INDEX media_by_status ON media (status);

CREATE INDEX media_by_type ON media (type);

CREATE INDEX media_by_updated ON media (updated_at);

CREATE INDEX media_contents_by_holding ON media_contents (holding_id, medium_id);

CREATE INDEX media_history_by_medium ON media_history (medium_id, id);

CREATE INDEX media_inventories_by_department ON media_inventories (coalesce(department_id, 0), id);

CREATE UNIQUE INDEX media_inventories_one_open ON media_inventories (storage_location_id) WHERE status = 'open';

CREATE INDEX media_inventory_scans_by_code ON media_inventory_scans (inventory_id, code);

CREATE INDEX media_inventory_scans_by_medium ON media_inventory_scans (inventory_id, medium_id);

CREATE INDEX media_list_keys ON media (id, department_id, status, type, is_backup_medium, storage_location_id,
  media_no, registered_at, last_seen_at, updated_at);

CREATE INDEX media_takeouts_by_department ON media_takeouts (department_id, id);

CREATE INDEX media_takeouts_by_medium ON media_takeouts (medium_id, id);

CREATE UNIQUE INDEX media_takeouts_one_open ON media_takeouts (medium_id) WHERE status IN ('requested', 'approved', 'out');

CREATE INDEX media_takeouts_overdue ON media_takeouts (status, due_back);

CREATE UNIQUE INDEX storage_locations_name ON storage_locations (coalesce(department_id, 0), name);

CREATE INDEX verification_requests_of ON verification_requests (requested_of, ledger, record_id);

CREATE TABLE area_authorization_areas (
  authorization_id INTEGER NOT NULL REFERENCES area_authorizations (id),
  area_id          INTEGER NOT NULL REFERENCES areas (id),
  PRIMARY KEY (area_id, authorization_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE area_authorization_history (
  id               INTEGER PRIMARY KEY,
  authorization_id INTEGER NOT NULL REFERENCES area_authorizations (id),
  version          INTEGER NOT NULL,
  at               TEXT NOT NULL,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  user_name        TEXT NOT NULL,
  action           TEXT NOT NULL CHECK (action IN ('create', 'update', 'revoke')),
  changes          TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note             TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE area_authorizations (
  id              INTEGER PRIMARY KEY,
  -- 許可番号: 年度-連番 from the kit (R8-0001), or typed from an earlier paper permit.
  permit_no       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(permit_no) BETWEEN 1 AND 30),
  -- The 課等 of the areas it opens (one 課等 per authorization: its manager grants it).
  department_id   INTEGER NOT NULL REFERENCES departments (id),
  person_id       INTEGER NOT NULL REFERENCES area_people (id),
  -- 職員 / 委託先 / 保守.
  kind            TEXT NOT NULL CHECK (kind IN ('staff', 'contractor', 'maintenance')),
  affiliation     TEXT NOT NULL DEFAULT '',
  -- The areas it opens: a sorted JSON array of ids, the authoritative set (hash-covered);
  -- area_authorization_areas only indexes it.
  area_ids        TEXT NOT NULL CHECK (json_type(area_ids) = 'array' AND json_array_length(area_ids) > 0),
  purpose         TEXT NOT NULL DEFAULT '',
  valid_from      TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- Inclusive, a day in the organisation's calendar (default: 31 March of the fiscal year).
  valid_until     TEXT NOT NULL CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  granted_by      INTEGER NOT NULL REFERENCES users (id),
  granted_at      TEXT NOT NULL,
  revoked_by      INTEGER REFERENCES users (id),
  revoked_at      TEXT,
  revoke_reason   TEXT NOT NULL DEFAULT '',
  remarks         TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  last_edited_by  INTEGER NOT NULL REFERENCES users (id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK (valid_from <= valid_until),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
) STRICT;

CREATE TABLE area_history (
  id        INTEGER PRIMARY KEY,
  area_id   INTEGER NOT NULL REFERENCES areas (id),
  version   INTEGER NOT NULL,
  at        TEXT NOT NULL,
  user_id   INTEGER NOT NULL REFERENCES users (id),
  user_name TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'retire', 'reactivate')),
  changes   TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE area_people (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('staff', 'outsider')),
  user_id        INTEGER UNIQUE REFERENCES users (id),
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- よみ (カタカナ as typed or folded from ひらがな), for search as you type.
  kana           TEXT NOT NULL DEFAULT '',
  -- 所属: required for an outsider (MIC §35 identification), a staff member's 課等 name otherwise.
  affiliation    TEXT NOT NULL DEFAULT '',
  -- name + kana + affiliation folded for the search (NFKC, ひらがな → カタカナ, no spaces, lower case).
  search_key     TEXT NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- When this person last entered any area: the search lists recent visitors first.
  last_visit_at  TEXT,
  version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  last_edited_by INTEGER NOT NULL REFERENCES users (id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK ((kind = 'staff') = (user_id IS NOT NULL)),
  CHECK (kind = 'staff' OR length(affiliation) > 0)
) STRICT;

CREATE TABLE area_visit_history (
  id        INTEGER PRIMARY KEY,
  visit_id  INTEGER NOT NULL REFERENCES area_visits (id),
  version   INTEGER NOT NULL,
  at        TEXT NOT NULL,
  user_id   INTEGER NOT NULL REFERENCES users (id),
  user_name TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('checkIn', 'checkOut', 'dayClose', 'confirmException')),
  changes   TEXT NOT NULL CHECK (json_type(changes) = 'array'),
  note      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE area_visits (
  id                     INTEGER PRIMARY KEY,
  area_id                INTEGER NOT NULL REFERENCES areas (id),
  -- The area's 課等 at check-in: the visit's scope (MIC §9), as a take-out keeps its 課等.
  department_id          INTEGER NOT NULL REFERENCES departments (id),
  person_id              INTEGER NOT NULL REFERENCES area_people (id),
  -- Who entered, as they were at the door (the book prints this, not today's person row).
  person_kind            TEXT NOT NULL CHECK (person_kind IN ('staff', 'outsider')),
  person_name            TEXT NOT NULL,
  affiliation            TEXT NOT NULL DEFAULT '',
  -- The authorization that let them in; NULL for an exception approved at the door.
  authorization_id       INTEGER REFERENCES area_authorizations (id),
  -- 用件 (MIC §35 入室の目的の確認).
  purpose                TEXT NOT NULL CHECK (length(purpose) > 0),
  -- 立会者: a staff account; its name as it was.
  escort_user_id         INTEGER REFERENCES users (id),
  escort_name            TEXT NOT NULL DEFAULT '',
  badge_no               TEXT NOT NULL DEFAULT '',
  -- NULL while inside or without a badge; 1 returned, 0 not returned (an exception).
  badge_returned         INTEGER CHECK (badge_returned IS NULL OR badge_returned IN (0, 1)),
  entered_at             TEXT NOT NULL,
  -- The organisation's day of entered_at: the daily and monthly books.
  entered_on             TEXT NOT NULL CHECK (entered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  exited_at              TEXT,
  status                 TEXT NOT NULL DEFAULT 'inside' CHECK (status IN ('inside', 'closed')),
  -- 退室 at the door, or closed with the day's open visits (a reason required).
  close_kind             TEXT CHECK (close_kind IS NULL OR close_kind IN ('checkout', 'dayClose')),
  close_reason           TEXT NOT NULL DEFAULT '',
  -- [{"mediumId":12|null,"label":"USB-001 / 私物ノートPC","inspection":"passed"|"failed"|"notInspected"}]
  devices_in             TEXT NOT NULL DEFAULT '[]' CHECK (json_type(devices_in) = 'array'),
  -- [{"mediumId":12|null,"label":"…","inspection":…,"takeoutId":7|null}]
  devices_out            TEXT NOT NULL DEFAULT '[]' CHECK (json_type(devices_out) = 'array'),
  -- Exception codes (areaValues.ts visitExceptions), sorted; has_exceptions indexes them.
  exceptions             TEXT NOT NULL DEFAULT '[]' CHECK (json_type(exceptions) = 'array'),
  has_exceptions         INTEGER NOT NULL DEFAULT 0 CHECK (has_exceptions IN (0, 1)),
  -- The manager who allowed an exception at the door (their password typed there), and why.
  exception_approved_by  INTEGER REFERENCES users (id),
  exception_note         TEXT NOT NULL DEFAULT '',
  -- A manager's 確認 of the exceptions afterwards (the dashboard lists the unconfirmed).
  exception_confirmed_by INTEGER REFERENCES users (id),
  exception_confirmed_at TEXT,
  exception_confirm_note TEXT NOT NULL DEFAULT '',
  remarks                TEXT NOT NULL DEFAULT '',
  recorded_by            INTEGER NOT NULL REFERENCES users (id),
  closed_by              INTEGER REFERENCES users (id),
  version                INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  last_edited_by         INTEGER NOT NULL REFERENCES users (id),
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  CHECK ((status = 'inside') = (exited_at IS NULL)),
  CHECK ((status = 'inside') = (close_kind IS NULL)),
  CHECK (exited_at IS NULL OR exited_at >= entered_at),
  CHECK (close_kind IS NOT 'dayClose' OR length(close_reason) > 0),
  CHECK (has_exceptions = (exceptions <> '[]'))
) STRICT;

CREATE TABLE areas (
  id              INTEGER PRIMARY KEY,
  department_id   INTEGER NOT NULL REFERENCES departments (id),
  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- The name as compared (NFKC, no spaces or invisible characters: db/contract/names.ts): one
  -- 「サーバ室」 in the organisation, however it was typed.
  name_key        TEXT NOT NULL UNIQUE CHECK (length(name_key) BETWEEN 1 AND 100),
  -- 取扱区域 / 管理区域 / 情報システム室 / 書庫・保管庫.
  kind            TEXT NOT NULL CHECK (kind IN ('handling', 'management', 'systemRoom', 'archive')),
  -- 所在 (本庁舎3階 …), shown on the book.
  location        TEXT NOT NULL DEFAULT '',
  -- MIC §35: outsiders escorted (立会い) or monitored.
  escort_required INTEGER NOT NULL CHECK (escort_required IN (0, 1)),
  -- MIC §35: 外部電磁的記録媒体等の持込み・持出しの制限又は検査 — allowed, allowed after inspection, prohibited.
  devices_in      TEXT NOT NULL CHECK (devices_in IN ('allowed', 'inspect', 'prohibited')),
  devices_out     TEXT NOT NULL CHECK (devices_out IN ('allowed', 'inspect', 'prohibited')),
  remarks         TEXT NOT NULL DEFAULT '',
  -- A retired area keeps its visits; no new authorization or check-in names it.
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  last_edited_by  INTEGER NOT NULL REFERENCES users (id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE audit_events (
  seq           INTEGER PRIMARY KEY CHECK (seq >= 1),
  at            TEXT NOT NULL,
  actor_user_id INTEGER,
  actor_name    TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
  target_type   TEXT,
  target_id     TEXT,
  detail        TEXT NOT NULL CHECK (json_valid(detail)),
  hash          BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE TABLE audit_reviews (
  id                    INTEGER PRIMARY KEY,
  reviewer_user_id      INTEGER NOT NULL REFERENCES users (id),
  period_from           TEXT NOT NULL,
  period_to             TEXT NOT NULL CHECK (period_to >= period_from),
  reviewed_through_seq  INTEGER NOT NULL,
  head_hash             TEXT NOT NULL CHECK (length(head_hash) = 64),
  chain_ok              INTEGER NOT NULL CHECK (chain_ok IN (0, 1)),
  findings              TEXT NOT NULL,
  created_at            TEXT NOT NULL
) STRICT;

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
, audit_head_seq INTEGER, audit_head_hash TEXT) STRICT;

CREATE TABLE departments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE disposal_certificate_key (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  secret BLOB NOT NULL CHECK (length(secret) = 32)
) STRICT;

CREATE TABLE disposal_certificate_prints (
  id          INTEGER PRIMARY KEY,
  disposal_id INTEGER NOT NULL REFERENCES disposals (id),
  printed_at  TEXT NOT NULL,
  printed_on  TEXT NOT NULL CHECK (printed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  printed_by  INTEGER NOT NULL REFERENCES users (id),
  reissue     INTEGER NOT NULL CHECK (reissue IN (0, 1)),
  target      TEXT NOT NULL CHECK (target IN ('printer', 'pdf'))
) STRICT;

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

CREATE VIRTUAL TABLE disposal_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE 'disposal_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'disposal_search_content'(id INTEGER PRIMARY KEY, c0);

CREATE TABLE 'disposal_search_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'disposal_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'disposal_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE disposal_targets (
  disposal_id INTEGER NOT NULL REFERENCES disposals (id),
  kind        TEXT NOT NULL CHECK (kind IN ('medium', 'holding')),
  target_id   INTEGER NOT NULL,
  PRIMARY KEY (disposal_id, kind, target_id)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE drafts (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users (id),
  -- One of db/contract/draftForms.ts (the form and, for an edit, the record it edits).
  form_id         TEXT NOT NULL CHECK (length(form_id) BETWEEN 1 AND 64),
  record_id       INTEGER CHECK (record_id IS NULL OR record_id > 0),
  -- The version the edit started from: saving over a newer one is refused as stale.
  record_version  INTEGER CHECK (record_version IS NULL OR record_version > 0),
  -- The typed values as JSON, already through the 個人番号 guard (a field holding one is dropped).
  contents        TEXT NOT NULL CHECK (json_valid(contents) AND length(contents) <= 100000),
  dropped_fields  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dropped_fields)),
  kept_at         TEXT NOT NULL,
  UNIQUE (user_id, form_id)
) STRICT;

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

CREATE VIRTUAL TABLE holding_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE 'holding_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'holding_search_content'(id INTEGER PRIMARY KEY, c0);

CREATE TABLE 'holding_search_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'holding_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'holding_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE holding_usage (
  id                  INTEGER PRIMARY KEY,
  holding_id          INTEGER NOT NULL REFERENCES holdings (id),
  kind                TEXT NOT NULL CHECK (kind IN ('use', 'copy', 'transmit', 'takeout', 'provide', 'outsource', 'correct', 'dispose')),
  used_on             TEXT NOT NULL CHECK (used_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  person_name         TEXT NOT NULL CHECK (length(person_name) >= 1),
  purpose             TEXT NOT NULL CHECK (length(purpose) >= 1),
  count               INTEGER CHECK (count IS NULL OR count >= 0),
  note                TEXT NOT NULL DEFAULT '',
  recorded_by         INTEGER NOT NULL REFERENCES users (id),
  recorded_at         TEXT NOT NULL
) STRICT;

CREATE TABLE holdings (
  id                        INTEGER PRIMARY KEY,
  ledger_no                 TEXT NOT NULL UNIQUE CHECK (length(ledger_no) BETWEEN 1 AND 30),
  name                      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  department_id             INTEGER NOT NULL REFERENCES departments (id),
  owner                     TEXT NOT NULL DEFAULT '',
  handlers                  TEXT NOT NULL DEFAULT '[]' CHECK (json_type(handlers) = 'array'),
  purpose                   TEXT NOT NULL CHECK (length(purpose) >= 1),
  record_items              TEXT NOT NULL DEFAULT '[]' CHECK (json_type(record_items) = 'array'),
  record_scope              TEXT NOT NULL DEFAULT '',
  collection_method         TEXT NOT NULL DEFAULT '',
  subject_count             INTEGER CHECK (subject_count IS NULL OR subject_count >= 0),
  subject_count_approximate INTEGER NOT NULL DEFAULT 0 CHECK (subject_count_approximate IN (0, 1)),
  contains_sensitive        INTEGER NOT NULL DEFAULT 0 CHECK (contains_sensitive IN (0, 1)),
  -- Whether the file holds 個人番号; the number itself is never stored (番号法 guideline).
  contains_my_number        INTEGER NOT NULL DEFAULT 0 CHECK (contains_my_number IN (0, 1)),
  medium                    TEXT NOT NULL CHECK (medium IN ('paper', 'electronic', 'both')),
  storage_location          TEXT NOT NULL DEFAULT '',
  storage_method            TEXT NOT NULL DEFAULT '',
  authorized_persons        TEXT NOT NULL DEFAULT '[]' CHECK (json_type(authorized_persons) = 'array'),
  recipients                TEXT NOT NULL DEFAULT '[]' CHECK (json_type(recipients) = 'array'),
  contractors               TEXT NOT NULL DEFAULT '[]' CHECK (json_type(contractors) = 'array'),
  foreign_handling          TEXT NOT NULL DEFAULT '',
  use_until                 TEXT CHECK (use_until IS NULL OR use_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  disposal_method           TEXT NOT NULL DEFAULT '',
  -- 管理区分 (METI §16), decided by the manager; NULL until decided. The suggestion is computed.
  category                  TEXT CHECK (category IS NULL OR category IN ('A', 'B', 'C')),
  category_reason           TEXT NOT NULL DEFAULT '',
  category_decided_by       INTEGER REFERENCES users (id),
  category_decided_at       TEXT,
  status                    TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'verified', 'retired', 'disposed')),
  -- Every change bumps the version; 照合 (MIC §28) records the version it confirmed.
  version                   INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  verified_version          INTEGER,
  verified_by               INTEGER REFERENCES users (id),
  verified_at               TEXT,
  last_edited_by            INTEGER NOT NULL REFERENCES users (id),
  last_reviewed_at          TEXT,
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL, remarks TEXT NOT NULL DEFAULT '' CHECK (length(remarks) <= 1000), retention TEXT CHECK (
  retention IS NULL
  OR retention GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
  OR retention = 'permanent'
  OR retention GLOB 'P[1-9]Y'
  OR retention GLOB 'P[1-9][0-9]Y'
),
  CHECK (status <> 'verified' OR (verified_by IS NOT NULL AND verified_version = version))
) STRICT;

CREATE TABLE import_mappings (
  id          INTEGER PRIMARY KEY,
  ledger      TEXT NOT NULL CHECK (length(ledger) BETWEEN 1 AND 50),
  -- The headers as a JSON array, sorted and without repeats: the set, not the order.
  header_set  TEXT NOT NULL CHECK (json_valid(header_set) AND json_type(header_set) = 'array'),
  -- header → column key, only the columns imported (the others are 取り込まない).
  mapping     TEXT NOT NULL CHECK (json_valid(mapping) AND json_type(mapping) = 'object'),
  saved_by    INTEGER NOT NULL REFERENCES users (id),
  saved_at    TEXT NOT NULL,
  UNIQUE (ledger, header_set)
) STRICT;

CREATE TABLE integrity_baseline (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  seq     INTEGER
, tables TEXT CHECK (tables IS NULL OR (json_valid(tables) AND json_type(tables) = 'array'))) STRICT;

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

CREATE TABLE media_contents (
  medium_id   INTEGER NOT NULL REFERENCES media (id),
  holding_id  INTEGER NOT NULL REFERENCES holdings (id),
  linked_at   TEXT NOT NULL,
  linked_by   INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (medium_id, holding_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE "media_history" (
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

CREATE TABLE media_numbering_rules (
  id            INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES departments (id),
  type          TEXT NOT NULL CHECK (type IN ('usb', 'sd', 'hdd', 'ssd', 'optical', 'paper', 'other')),
  -- A prefix plus the digits stays within the 30 characters of media.media_no.
  prefix        TEXT NOT NULL CHECK (length(prefix) BETWEEN 1 AND 16),
  digits        INTEGER NOT NULL CHECK (digits BETWEEN 1 AND 8),
  updated_by    INTEGER NOT NULL REFERENCES users (id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (department_id, type)
) STRICT;

CREATE VIRTUAL TABLE media_search USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE 'media_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'media_search_content'(id INTEGER PRIMARY KEY, c0);

CREATE TABLE 'media_search_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'media_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'media_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE "media_takeouts" (
  id                  INTEGER PRIMARY KEY,
  medium_id           INTEGER NOT NULL REFERENCES media (id),
  department_id       INTEGER NOT NULL REFERENCES departments (id),
  requested_by        INTEGER NOT NULL REFERENCES users (id),
  requested_at        TEXT NOT NULL,
  purpose             TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  destination         TEXT NOT NULL CHECK (length(destination) BETWEEN 1 AND 200),
  contents_summary    TEXT NOT NULL CHECK (length(contents_summary) BETWEEN 1 AND 1000),
  safeguard_encryption INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_encryption IN (0, 1)),
  safeguard_password   INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_password IN (0, 1)),
  safeguard_locked_case INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_locked_case IN (0, 1)),
  safeguard_sealed     INTEGER NOT NULL DEFAULT 0 CHECK (safeguard_sealed IN (0, 1)),
  due_back            TEXT NOT NULL CHECK (due_back GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status              TEXT NOT NULL DEFAULT 'requested'
                        CHECK (status IN ('requested', 'approved', 'refused', 'out', 'returned', 'cancelled')),
  decided_by          INTEGER REFERENCES users (id),
  decided_at          TEXT,
  decision_note       TEXT NOT NULL DEFAULT '',
  out_at              TEXT,
  returned_at         TEXT,
  return_checked_by   INTEGER REFERENCES users (id),
  contents_intact     INTEGER CHECK (contents_intact IS NULL OR contents_intact IN (0, 1)),
  temp_copies_erased  INTEGER CHECK (temp_copies_erased IS NULL OR temp_copies_erased IN (0, 1)),
  return_note         TEXT NOT NULL DEFAULT '',
  updated_at          TEXT NOT NULL
) STRICT;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE record_numbers (
  series  TEXT NOT NULL CHECK (length(series) BETWEEN 1 AND 100),
  period  TEXT NOT NULL,
  last    INTEGER NOT NULL CHECK (last >= 1),
  PRIMARY KEY (series, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE storage_locations (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  department_id INTEGER REFERENCES departments (id),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
, beside_terminal INTEGER NOT NULL DEFAULT 0 CHECK (beside_terminal IN (0, 1))) STRICT;

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  login_id             TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login_id) BETWEEN 1 AND 64),
  display_name         TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role                 TEXT NOT NULL CHECK (role IN ('chief', 'manager', 'officer', 'clerk', 'auditor')),
  department_id        INTEGER NOT NULL REFERENCES departments (id),
  -- 事務取扱担当者: may handle 個人番号 (MIC §4-5).
  is_my_number_handler INTEGER NOT NULL DEFAULT 0 CHECK (is_my_number_handler IN (0, 1)),
  -- Rights end when a person moves (seed 004 case 4).
  valid_until          TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  deactivated_at       TEXT,
  deactivation_reason  TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at           TEXT NOT NULL,
  last_login_at        TEXT,
  password_changed_at  TEXT,
  CHECK (active = 1 OR deactivated_at IS NOT NULL)
) STRICT;

CREATE TABLE verification_requests (
  ledger        TEXT NOT NULL CHECK (length(ledger) BETWEEN 1 AND 50),
  record_id     INTEGER NOT NULL CHECK (record_id >= 1),
  requested_of  INTEGER NOT NULL REFERENCES users (id),
  requested_by  INTEGER NOT NULL REFERENCES users (id),
  requested_at  TEXT NOT NULL,
  CHECK (requested_of <> requested_by),
  PRIMARY KEY (ledger, record_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER area_authorization_history_no_delete BEFORE DELETE ON area_authorization_history
BEGIN SELECT RAISE(ABORT, 'area_authorization_history is append-only'); END;

CREATE TRIGGER area_authorization_history_no_update BEFORE UPDATE ON area_authorization_history
BEGIN SELECT RAISE(ABORT, 'area_authorization_history is append-only'); END;

CREATE TRIGGER area_history_no_delete BEFORE DELETE ON area_history
BEGIN SELECT RAISE(ABORT, 'area_history is append-only'); END;

CREATE TRIGGER area_history_no_update BEFORE UPDATE ON area_history
BEGIN SELECT RAISE(ABORT, 'area_history is append-only'); END;

CREATE TRIGGER area_visit_history_no_delete BEFORE DELETE ON area_visit_history
BEGIN SELECT RAISE(ABORT, 'area_visit_history is append-only'); END;

CREATE TRIGGER area_visit_history_no_update BEFORE UPDATE ON area_visit_history
BEGIN SELECT RAISE(ABORT, 'area_visit_history is append-only'); END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TRIGGER audit_reviews_no_delete BEFORE DELETE ON audit_reviews
BEGIN SELECT RAISE(ABORT, 'audit_reviews is append-only'); END;

CREATE TRIGGER audit_reviews_no_update BEFORE UPDATE ON audit_reviews
BEGIN SELECT RAISE(ABORT, 'audit_reviews is append-only'); END;

CREATE TRIGGER backup_register_no_delete BEFORE DELETE ON backup_register
BEGIN SELECT RAISE(ABORT, 'backup_register is append-only'); END;

CREATE TRIGGER backup_register_no_update BEFORE UPDATE ON backup_register
BEGIN SELECT RAISE(ABORT, 'backup_register is append-only'); END;

CREATE TRIGGER disposal_certificate_key_no_delete BEFORE DELETE ON disposal_certificate_key
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_key is fixed'); END;

CREATE TRIGGER disposal_certificate_key_no_update BEFORE UPDATE ON disposal_certificate_key
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_key is fixed'); END;

CREATE TRIGGER disposal_certificate_prints_no_delete BEFORE DELETE ON disposal_certificate_prints
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_prints is append-only'); END;

CREATE TRIGGER disposal_certificate_prints_no_update BEFORE UPDATE ON disposal_certificate_prints
BEGIN SELECT RAISE(ABORT, 'disposal_certificate_prints is append-only'); END;

CREATE TRIGGER disposal_history_no_delete BEFORE DELETE ON disposal_history
BEGIN SELECT RAISE(ABORT, 'disposal_history is append-only'); END;

CREATE TRIGGER disposal_history_no_update BEFORE UPDATE ON disposal_history
BEGIN SELECT RAISE(ABORT, 'disposal_history is append-only'); END;

CREATE TRIGGER holding_history_no_delete BEFORE DELETE ON holding_history
BEGIN SELECT RAISE(ABORT, 'holding_history is append-only'); END;

CREATE TRIGGER holding_history_no_update BEFORE UPDATE ON holding_history
BEGIN SELECT RAISE(ABORT, 'holding_history is append-only'); END;

CREATE TRIGGER holding_usage_no_delete BEFORE DELETE ON holding_usage
BEGIN SELECT RAISE(ABORT, 'holding_usage is append-only'); END;

CREATE TRIGGER holding_usage_no_update BEFORE UPDATE ON holding_usage
BEGIN SELECT RAISE(ABORT, 'holding_usage is append-only'); END;

CREATE TRIGGER media_history_no_delete BEFORE DELETE ON media_history
BEGIN SELECT RAISE(ABORT, 'media_history is append-only'); END;

CREATE TRIGGER media_history_no_update BEFORE UPDATE ON media_history
BEGIN SELECT RAISE(ABORT, 'media_history is append-only'); END;

CREATE TRIGGER media_inventory_scans_no_delete BEFORE DELETE ON media_inventory_scans
BEGIN SELECT RAISE(ABORT, 'media_inventory_scans is append-only'); END;

CREATE TRIGGER media_inventory_scans_no_update BEFORE UPDATE ON media_inventory_scans
BEGIN SELECT RAISE(ABORT, 'media_inventory_scans is append-only'); END;
