-- 0017: 管理番号 are unique whatever their letter case (a barcode reader with Caps Lock on types
-- 「som-usb-0001」 for 「SOM-USB-0001」): the register's check (numbering.ts isMediaNoTaken) and the
-- inventory's lookup of a scanned label compare with COLLATE NOCASE. This index answers both
-- without reading the table (some 0.4 ms a lookup at 20,000 media without it). Not UNIQUE: a
-- register from before the rule may hold two numbers that differ only in case; the app refuses
-- a third and keeps both as they are.
CREATE INDEX media_by_no_nocase ON media (media_no COLLATE NOCASE);
