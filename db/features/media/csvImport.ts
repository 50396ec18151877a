import { z } from 'zod';
import { mediaStatuses, mediumCreateSchema, type ImportRowError, type MediaStatus, type MediumFields } from '../../contract';
import { localDate } from '../../contract/fields';
import { departmentName } from '../../core/departments';
import { choice, date, type CsvReadContext } from '../../ledger/columns';
import type { CsvColumn } from '../../ledger/csv/table';
import type { LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import type { Db } from '../../store/database';
import { hasNumberingRule, upcomingMediaNos } from './numbering';
import type { ImportedMedium } from './rules';

/**
 * What the import of a media register reads beyond the form's fields (issue #10 item 7): 状態 and
 * 最終確認日, as the register's own CSV writes them (csv.ts), so a re-imported export — or an
 * office's Excel register with 廃棄済 rows — keeps disposed media disposed and inventoried media
 * off the 点検されていない card; and the 管理番号 a blank row gets from its 課等's rule.
 */
export interface MediumImportRecord extends MediumFields {
  status: ImportedMedium['status'];
  lastSeenAt: string | null;
}

/**
 * Excel registers' words for the statuses. 使用中 means "in service" there (the opposite of 廃止),
 * not carried out: 保管中. A take-out is never imported (below).
 */
const statusSpellings: Record<string, MediaStatus> = {
  保管: 'in_storage', 使用中: 'in_storage', 在庫: 'in_storage', 保管済: 'in_storage',
  紛失: 'missing', 不明: 'missing', 行方不明: 'missing', 亡失: 'missing',
  廃止済: 'retired', 廃止済み: 'retired', 使用停止: 'retired', 使用中止: 'retired',
  廃棄: 'disposed', 廃棄済み: 'disposed', 廃棄処分: 'disposed', 処分済: 'disposed', 処分済み: 'disposed',
  持出し中: 'checked_out', 持ち出し中: 'checked_out', 貸出中: 'checked_out', 貸出し中: 'checked_out',
};

const statusCell = choice('status', {
  label: 'mediaFields.status',
  synonyms: ['状況', 'ステータス'],
  words: japaneseLabels('mediaStatus', mediaStatuses),
  spellings: statusSpellings,
}).csv!;

const lastSeenCell = date('last_seen_at', { label: 'mediaFields.lastSeenAt', synonyms: ['最終点検日', '点検日', '最終確認'] }).csv!;

/**
 * An empty cell is 保管中, as a file without the column (choice() alone would call it required).
 * 持出中 is refused: a take-out needs its request and the manager's approval on record (MIC §10);
 * the clerk imports the medium 保管中 and records the take-out.
 */
function readStatus(cell: string, ctx: CsvReadContext): ReturnType<typeof statusCell.read> | { value: undefined } {
  if (cell.trim() === '') return { value: undefined };
  const read = statusCell.read(cell, ctx);
  return 'value' in read && read.value === 'checked_out' ? { error: 'mediaImport.errors.checkedOut' } : read;
}

/** The import-only columns, under the headers the export writes (csv.ts extraColumns). */
export const mediaStateColumns: readonly CsvColumn[] = [
  {
    key: 'status',
    field: 'status',
    header: japaneseLabel('mediaFields.status'),
    synonyms: statusCell.synonyms ?? [],
    cell: { ...statusCell, read: readStatus } as CsvColumn['cell'],
  },
  { key: 'lastSeenAt', field: 'lastSeenAt', header: japaneseLabel('mediaFields.lastSeenAt'), synonyms: lastSeenCell.synonyms ?? [], cell: lastSeenCell as CsvColumn['cell'] },
];

const importableStatuses = mediaStatuses.filter((s): s is ImportedMedium['status'] => s !== 'checked_out');

/** A row's schema: the form's (an empty 管理番号 is numbered), with its state (never 持出中, readStatus). */
export const mediumImportSchema = mediumCreateSchema.extend({
  status: z.enum(importableStatuses as [ImportedMedium['status'], ...ImportedMedium['status'][]], 'validation.invalidOption').default('in_storage'),
  lastSeenAt: localDate.nullable().default(null),
});

type ColumnOf = (key: string) => string;

/** 最終確認日 is a day in 1900..today (localDate: from 1900) and not before the 登録日 (blank: today), MIC §42. */
export function lastSeenErrors(today: string, records: readonly MediumImportRecord[], columnOf: ColumnOf): ImportRowError[] {
  return records.flatMap((r, i): ImportRowError[] => {
    if (r.lastSeenAt === null) return [];
    const base = { row: i + 1, column: columnOf('lastSeenAt') || japaneseLabel('mediaFields.lastSeenAt'), field: 'lastSeenAt' };
    if (r.lastSeenAt > today) return [{ ...base, messageKey: 'validation.dateInFuture' }];
    // A blank 登録日 becomes today, but an Excel register often has a 点検日 and no 登録日: the medium
    // was there before it was entered here, so only a 登録日 the file gives is compared.
    if (r.registeredAt === null) return [];
    return r.lastSeenAt < r.registeredAt ? [{ ...base, messageKey: 'mediaImport.errors.lastSeenBeforeRegistered', params: { registeredAt: r.registeredAt } }] : [];
  });
}

/** SQLite's NOCASE: ASCII letters only are folded (numbering.ts isMediaNoTaken). */
export const asciiUpper = (value: string) => value.replace(/[a-z]/g, (c) => c.toUpperCase());

/** The numbers the file's rows bring: a blank row is not given one of them (its row is inserted later). */
export function numbersInFile(records: readonly MediumFields[]): (mediaNo: string) => boolean {
  const typed = new Set(records.filter((r) => r.mediaNo !== '').map((r) => asciiUpper(r.mediaNo)));
  return (mediaNo) => typed.has(asciiUpper(mediaNo));
}

/** A row left to the numbering rule: blank 管理番号, of a 課等 the reader may import to (another's is refused for that alone, MIC §9). */
function leftToRule(actor: LedgerActor, r: MediumFields): boolean {
  return r.mediaNo === '' && (!isDepartmentScoped(actor) || r.departmentId === actor.departmentId);
}

/**
 * The 管理番号 each blank row would get now, in file order (null: it brings one, has no rule, or is
 * of a 課等 the reader may not import to — whose numbers are not theirs to see, MIC §9).
 */
export function upcomingNumbers(db: Db, actor: LedgerActor, records: readonly MediumFields[]): (string | null)[] {
  const taken = numbersInFile(records);
  const blanks = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (!leftToRule(actor, r)) return;
    const key = `${r.departmentId}:${r.type}`;
    const rows = blanks.get(key);
    if (rows) rows.push(i);
    else blanks.set(key, [i]);
  });
  const numbers: (string | null)[] = records.map(() => null);
  for (const rows of blanks.values()) {
    const first = records[rows[0] as number] as MediumFields;
    const upcoming = upcomingMediaNos(db, first.departmentId, first.type, rows.length, taken) ?? [];
    rows.forEach((row, k) => (numbers[row] = upcoming[k] ?? null));
  }
  return numbers;
}

/** A blank 管理番号 with no rule for its 課等 and 種別 is named with both (numbering.ts; the rules dialog sets one). */
export function unnumberableRows(db: Db, actor: LedgerActor, records: readonly MediumFields[], columnOf: ColumnOf): ImportRowError[] {
  return records.flatMap((r, i): ImportRowError[] => {
    // Another 課等's row is refused for that alone (rowsOfOtherDepartments): its rules are not looked at (MIC §9).
    if (!leftToRule(actor, r) || hasNumberingRule(db, r.departmentId, r.type)) return [];
    const params = { department: departmentName(db, r.departmentId) ?? '', type: japaneseLabel(`mediaTypes.${r.type}`) };
    return [{ row: i + 1, column: columnOf('mediaNo') || japaneseLabel('mediaFields.mediaNo'), field: 'mediaNo', messageKey: 'mediaImport.errors.noNumberingRule', params }];
  });
}
