-- 0007: the column mapping a clerk chose for a CSV import, remembered per ledger and exact
-- set of headers, so next year's file with the same headings is mapped without touching
-- anything (db/ledger/csv/importMappings.ts). Not personal data: headers and field keys,
-- each header checked by the 個人番号 guard before it is stored. Each save is in the access log.
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
