-- 0023: the 入退室管理簿 of one area in order of entry (issue #12 item 6). 0021's book index leads
-- with the day (area, entered_on, entered_at), which serves a day; a list of an area's visits (a
-- page of 50 of 50,000, newest first) or a month walked in order needs the time right after the
-- area, or SQLite sorts every visit of the area for each page (measured: 10–16 ms a page at
-- 1,000,000 visits in 20 areas).
CREATE INDEX area_visits_by_area ON area_visits (area_id, entered_at, id);
-- The exceptions of an area (the book's 「例外のみ」, an inspector's first question): one visit in
-- dozens, so a partial index, and every other check-in writes no page of it.
CREATE INDEX area_visits_exceptions_by_area ON area_visits (area_id, entered_at, id) WHERE has_exceptions = 1;
