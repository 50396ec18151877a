-- 0021: 取扱区域・管理区域 and the 入退室管理簿 (issue #12; MIC §19, §35; domain.md §4).
-- An area is where 個人番号 work or system management is done (MIC §19: the 保護管理者 defines it);
-- MIC §35 asks, for such rooms, a list of who may enter (authorizations), the purpose of each
-- visit, records of entry and exit, outsiders identified and escorted, and media brought in and
-- out limited or inspected. Three ledgers on the kit (record + history + 改ざん検査) and one
-- side table of the people met at the door.

-- ── 区域 ────────────────────────────────────────────────────────────────────────────
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
CREATE INDEX areas_by_department ON areas (department_id, active, name_key);

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
CREATE INDEX area_history_by_area ON area_history (area_id, id);
CREATE TRIGGER area_history_no_update BEFORE UPDATE ON area_history
BEGIN SELECT RAISE(ABORT, 'area_history is append-only'); END;
CREATE TRIGGER area_history_no_delete BEFORE DELETE ON area_history
BEGIN SELECT RAISE(ABORT, 'area_history is append-only'); END;

-- ── 入退室者 (people met at the door) ─────────────────────────────────────────────────
-- Staff come from the user list (user_id; the row holds their reading for the search) and are
-- made on first use; an outsider typed at the door is remembered for the next visit.
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
CREATE INDEX area_people_recent ON area_people (active, coalesce(last_visit_at, ''), id);

-- ── 入室許可 (authorizations, MIC §35 「入室を認める者の範囲」) ──────────────────────────
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
CREATE INDEX area_authorizations_by_person ON area_authorizations (person_id, status, valid_until);
CREATE INDEX area_authorizations_by_until ON area_authorizations (status, valid_until, id);
CREATE INDEX area_authorizations_by_department ON area_authorizations (department_id, status, valid_until, id);

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
CREATE INDEX area_authorization_history_by_authorization ON area_authorization_history (authorization_id, id);
CREATE TRIGGER area_authorization_history_no_update BEFORE UPDATE ON area_authorization_history
BEGIN SELECT RAISE(ABORT, 'area_authorization_history is append-only'); END;
CREATE TRIGGER area_authorization_history_no_delete BEFORE DELETE ON area_authorization_history
BEGIN SELECT RAISE(ABORT, 'area_authorization_history is append-only'); END;

-- ── 入退室記録 (one row per visit) ────────────────────────────────────────────────────
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
-- One open visit per person and area: a second check-in races into this index and fails.
CREATE UNIQUE INDEX area_visits_one_inside ON area_visits (person_id, area_id) WHERE status = 'inside';
-- 在室者: the open visits of an area.
CREATE INDEX area_visits_inside ON area_visits (area_id, entered_at, id) WHERE status = 'inside';
-- The books: an area's day or month, in order of entry.
CREATE INDEX area_visits_by_area_day ON area_visits (area_id, entered_on, entered_at, id);
CREATE INDEX area_visits_by_entered ON area_visits (entered_at, id);
CREATE INDEX area_visits_by_department ON area_visits (department_id, entered_at, id);
CREATE INDEX area_visits_by_person ON area_visits (person_id, entered_at, id);
CREATE INDEX area_visits_exceptions ON area_visits (entered_at, id) WHERE has_exceptions = 1;
CREATE INDEX area_visits_unconfirmed ON area_visits (department_id, entered_at) WHERE has_exceptions = 1 AND exception_confirmed_at IS NULL;

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
CREATE INDEX area_visit_history_by_visit ON area_visit_history (visit_id, id);
CREATE TRIGGER area_visit_history_no_update BEFORE UPDATE ON area_visit_history
BEGIN SELECT RAISE(ABORT, 'area_visit_history is append-only'); END;
CREATE TRIGGER area_visit_history_no_delete BEFORE DELETE ON area_visit_history
BEGIN SELECT RAISE(ABORT, 'area_visit_history is append-only'); END;
