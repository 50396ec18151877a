-- 0006: a form's unsaved input, kept when the session locks (MIC §33: the lock must not cost
-- the clerk their work). Main writes it in the lock's own transaction, so it is encrypted at
-- rest with everything else; it is offered back only to its user and taken once.
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
