-- 0013: 管理番号 numbering rules of the 媒体管理台帳 (issue #10 item 2; domain.md §2; seed 004
-- case 6-2: 簿冊 with no spine numbers). The office sets, per 課等 and 種別, the prefix of its
-- stickers (「SOM-USB-」) and how many digits the serial has; a medium registered with an empty
-- 管理番号 gets prefix + the next serial in the same transaction (db/features/media/numbering.ts,
-- counters in record_numbers, series `media:<department>:<type>`, period = the prefix).
-- The serial does not restart each 年度: a sticker number is the medium's identity for life,
-- and a yearly restart would repeat numbers unless the year were in the prefix, which the office
-- can put there itself (「SOM-R8-」) — a new prefix starts its own counter at 1.
-- One rule per (課等, 種別); a rule is changed, never deleted (the access log names it).
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
