import m0001 from './0001_init.sql?raw';
import m0002 from './0002_holdings.sql?raw';
import m0003 from './0003_ledger_kit.sql?raw';
import m0004 from './0004_holding_fields.sql?raw';
import m0005 from './0005_verification_requests.sql?raw';
import m0006 from './0006_drafts.sql?raw';
import m0007 from './0007_import_mappings.sql?raw';
import m0008 from './0008_backups.sql?raw';
import m0009 from './0009_tamper_evidence.sql?raw';
import m0010 from './0010_media.sql?raw';
import m0011 from './0011_media_takeouts.sql?raw';
import m0012 from './0012_media_history_steps.sql?raw';
import m0013 from './0013_media_numbering.sql?raw';
import m0014 from './0014_media_inventory.sql?raw';
import m0015 from './0015_media_backup_rule.sql?raw';
import m0016 from './0016_media_takeout_department.sql?raw';
import m0017 from './0017_media_number_nocase.sql?raw';
import m0018 from './0018_disposals.sql?raw';
import m0019 from './0019_disposal_attachment_digests.sql?raw';
import m0020 from './0020_disposal_approval_index.sql?raw';
import m0021 from './0021_areas.sql?raw';
import m0022 from './0022_area_people_search.sql?raw';
import m0023 from './0023_area_visit_book_index.sql?raw';

/**
 * Numbered migrations, applied in order; migration N leaves `PRAGMA user_version = N`.
 * Only ever append: a shipped migration is never edited (the schema snapshot test guards it).
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '0001_init', sql: m0001 },
  { version: 2, name: '0002_holdings', sql: m0002 },
  { version: 3, name: '0003_ledger_kit', sql: m0003 },
  { version: 4, name: '0004_holding_fields', sql: m0004 },
  { version: 5, name: '0005_verification_requests', sql: m0005 },
  { version: 6, name: '0006_drafts', sql: m0006 },
  { version: 7, name: '0007_import_mappings', sql: m0007 },
  { version: 8, name: '0008_backups', sql: m0008 },
  { version: 9, name: '0009_tamper_evidence', sql: m0009 },
  { version: 10, name: '0010_media', sql: m0010 },
  { version: 11, name: '0011_media_takeouts', sql: m0011 },
  { version: 12, name: '0012_media_history_steps', sql: m0012 },
  { version: 13, name: '0013_media_numbering', sql: m0013 },
  { version: 14, name: '0014_media_inventory', sql: m0014 },
  { version: 15, name: '0015_media_backup_rule', sql: m0015 },
  { version: 16, name: '0016_media_takeout_department', sql: m0016 },
  { version: 17, name: '0017_media_number_nocase', sql: m0017 },
  { version: 18, name: '0018_disposals', sql: m0018 },
  { version: 19, name: '0019_disposal_attachment_digests', sql: m0019 },
  { version: 20, name: '0020_disposal_approval_index', sql: m0020 },
  { version: 21, name: '0021_areas', sql: m0021 },
  { version: 22, name: '0022_area_people_search', sql: m0022 },
  { version: 23, name: '0023_area_visit_book_index', sql: m0023 },
];

// The last one's number (not the count), so a series with a reserved gap still opens what it wrote.
export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
