import { formulaStart } from '../../core/output/csv';
import { permanentRetention, retentionOfYears, retentionYearsMax, retentionYearsMin } from '../../contract/retention';

/**
 * Cells as people type them in Excel: 〇/×, 約3,000人, 和暦 dates (元年 included), lists in
 * one cell. Each parser returns the value, or null/undefined for "not understood" as it says.
 */
function squeeze(cell: string): string {
  return cell.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const trueWords = new Set(['〇', '○', '◯', '●', '有', '有り', 'あり', 'はい', 'yes', 'y', 'true', '1', '✓', '✔', '含む']);
const falseWords = new Set(['', '×', '✕', '無', '無し', 'なし', 'いいえ', 'no', 'n', 'false', '0', '-', '含まない']);

export function parseBooleanCell(cell: string): boolean | null {
  const s = squeeze(cell);
  if (trueWords.has(s)) return true;
  if (falseWords.has(s)) return false;
  return null;
}

/** 「3,000」「３０００」 → 3000; '' → null; anything else → undefined. */
export function parseIntegerCell(cell: string): number | null | undefined {
  const s = squeeze(cell).replace(/,/g, '');
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : undefined;
}

/** 「3,000」「約3000人」「3000名」「３０００」 → count; 約・およそ・概ね・程度 mark it approximate. */
export function parseCountCell(cell: string): { count: number | null; approximate: boolean } | null {
  let s = squeeze(cell);
  if (s === '') return { count: null, approximate: false };
  let approximate = false;
  const stripped = s.replace(/^(約|およそ|概ね|おおむね)/, '').replace(/(程度|前後)$/, '');
  if (stripped !== s) approximate = true;
  s = stripped.replace(/[人名]$/, '').replace(/,/g, '');
  if (!/^\d+$/.test(s)) return null;
  return { count: Number(s), approximate };
}

// 和暦: first day of each era and its Western year for 元年 (= year 1).
const eras: Record<string, { start: string; base: number }> = {
  令和: { start: '2019-05-01', base: 2018 },
  r: { start: '2019-05-01', base: 2018 },
  平成: { start: '1989-01-08', base: 1988 },
  h: { start: '1989-01-08', base: 1988 },
  昭和: { start: '1926-12-25', base: 1925 },
  s: { start: '1926-12-25', base: 1925 },
};

const westernDate = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;
const japaneseDate = /^(令和|平成|昭和|r|h|s)(\d{1,2}|元)[年./-](\d{1,2})[月./-](\d{1,2})日?$/;

const pad2 = (n: string | number) => String(n).padStart(2, '0');

/**
 * 2026-03-31, 2026/3/31, 2026.3.31, 2026年3月31日, 令和8年3月31日, R8.3.31, 平成31年4月30日,
 * 令和元年5月1日 → 'YYYY-MM-DD' (whether the day exists is checked by the schema).
 * A 和暦 date before its era began is refused. Years past an era's end (平成32年 …) are
 * accepted: ledgers written before 2019 state deadlines that way. '' → null; unknown → undefined.
 */
export function parseDateCell(cell: string): string | null | undefined {
  const s = squeeze(cell);
  if (s === '') return null;
  const w = westernDate.exec(s);
  if (w) return `${w[1]}-${pad2(w[2] ?? w[4] ?? '')}-${pad2(w[3] ?? w[5] ?? '')}`;
  const j = japaneseDate.exec(s);
  if (j) {
    const era = eras[j[1] as string] as { start: string; base: number };
    const year = j[2] === '元' ? 1 : Number(j[2]);
    if (year < 1) return undefined;
    const iso = `${era.base + year}-${pad2(j[3] as string)}-${pad2(j[4] as string)}`;
    return iso < era.start ? undefined : iso;
  }
  return undefined;
}

// 保存期限 as ledgers write it: 永年 and its usual spellings mean "no end date".
const permanentWords = new Set(['永年', '永年保存', '常用', '無期限']);
const yearsPeriod = /^(\d+)年(?:間)?(?:保存)?$/;

/**
 * 保存期限: 「永年」「常用」「無期限」 → 'permanent'; 「5年」「５年」「5年間」 → 'P5Y' (1–99 years,
 * else 'validation.retentionYears'); a date as parseDateCell reads it; '' → null. Anything
 * else (「永遠」) is 'validation.invalidRetention'. (db/contract/retention.ts)
 */
export function parseRetentionCell(cell: string): string | null | { error: string } {
  const s = squeeze(cell);
  if (s === '') return null;
  if (permanentWords.has(s)) return permanentRetention;
  const period = yearsPeriod.exec(s);
  if (period) {
    const years = Number(period[1]);
    return years >= retentionYearsMin && years <= retentionYearsMax ? retentionOfYears(years) : { error: 'validation.retentionYears' };
  }
  const date = parseDateCell(cell);
  return date ? date : { error: 'validation.invalidRetention' };
}

// The writer (csv.ts) puts an apostrophe before a cell a spreadsheet would run as a formula;
// reading it back removes that apostrophe so an exported record round-trips.
export function importedCellText(raw: string): string {
  const text = raw.startsWith("'") && formulaStart.test(raw.slice(1)) ? raw.slice(1) : raw;
  return text.replace(/\r\n?/g, '\n');
}

/** Names (課等 …) compare after NFKC and without spaces: 「市民 課」 is 「市民課」. */
export { nameKey } from '../../contract/names';

