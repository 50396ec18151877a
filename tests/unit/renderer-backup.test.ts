import { describe, expect, it } from 'vitest';
import { formatBytes, groupedHash } from '../../renderer/screens/settings/backup/BackupSummaryFacts';
import { comparedRows } from '../../renderer/screens/settings/backup/RestoreComparison';

/** 設定 → バックアップ (issue #8): what the clerk copies onto a label, and the restore comparison's rows. */
describe('backup screens: figures as the clerk reads them', () => {
  it('groups a SHA-256 in eight blocks of eight hex digits for the medium’s label', () => {
    const hash = 'a'.repeat(8) + 'b'.repeat(8) + '0123456789abcdef'.repeat(3);
    expect(groupedHash(hash)).toBe('aaaaaaaa bbbbbbbb 01234567 89abcdef 01234567 89abcdef 01234567 89abcdef');
    expect(groupedHash(hash).replace(/ /g, '')).toBe(hash);
  });

  it('gives sizes in B, KB, MB and GB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(198_758)).toBe('194.1 KB');
    expect(formatBytes(1_073_741_824)).toBe('1.0 GB');
  });

  it('names the tables a clerk knows and sums the rest into one row, so a difference there still shows', () => {
    const tables = [
      { table: 'holdings', backup: 3, current: 5 },
      { table: 'holding_search_data', backup: 2, current: 4 },
      { table: 'meta', backup: 3, current: 3 },
      { table: 'new_table', backup: null, current: 1 },
    ];
    const rows = comparedRows(tables, (t) => t === 'holdings');
    expect(rows).toEqual([
      { table: 'holdings', backup: 3, current: 5 },
      { table: 'internal', backup: 5, current: 8 },
    ]);
    // A fresh install has no current data: the rest's column stays empty, not 0.
    expect(comparedRows([{ table: 'meta', backup: 3, current: null }], () => false)).toEqual([{ table: 'internal', backup: 3, current: null }]);
    expect(comparedRows([{ table: 'holdings', backup: 1, current: null }], () => true)).toEqual([{ table: 'holdings', backup: 1, current: null }]);
  });
});
