import { mediaStatuses, type ImportRowError, type Medium, type MediumFields, type StorageLocation } from '../../contract';
import { departmentName, listDepartments } from '../../core/departments';
import { nameKey } from '../../ledger/csv/cells';
import { numbersAlreadyRegistered, rowsOfOtherDepartments } from '../../ledger/csv/importChecks';
import type { ImportDefinition } from '../../ledger/csv/importSession';
import { csvColumnsOf, writeLedgerCsv, type ExtraCsvColumn } from '../../ledger/csv/table';
import type { LedgerActor } from '../../ledger/record';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { mediaColumns } from './columns';
import { listLocations } from './locations';
import { asciiUpper, lastSeenErrors, mediaStateColumns, mediumImportSchema, numbersInFile, unnumberableRows, upcomingNumbers, type MediumImportRecord } from './csvImport';
import { insertMedium } from './rules';

/**
 * CSV of the 媒体管理台帳 (issue #10 item 7): the columns come from the column table (one label
 * per field, the same on screen and paper), then 状態 and 最終確認日; and the import of an
 * existing Excel register or of this export, each row with the state it gives (csvImport.ts),
 * all in one transaction or none.
 */
export const mediaCsvColumns = csvColumnsOf(mediaColumns, japaneseLabel);

const statusWords = japaneseLabels('mediaStatus', mediaStatuses);
/** A stored instant as the organisation's calendar day. */
type DayOf = (iso: string) => string;
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function extraColumns(dayOf: DayOf): ExtraCsvColumn<Medium>[] {
  return [
    { header: japaneseLabel('mediaFields.status'), write: (m) => statusWords[m.status] },
    // The 点検 records the day itself (inventory.ts): written as it is, so it reads back the same in any zone.
    { header: japaneseLabel('mediaFields.lastSeenAt'), write: (m) => (m.lastSeenAt === null ? '' : isDay(m.lastSeenAt) ? m.lastSeenAt : dayOf(m.lastSeenAt)) },
  ];
}

/** The register as CSV for Excel; dates are days in the organisation's time zone. */
export function mediaCsv(rows: readonly Medium[], dayOf: DayOf): string {
  return writeLedgerCsv(mediaCsvColumns, rows, extraColumns(dayOf));
}

type ColumnOf = (key: string) => string;

/**
 * The place a row means: the file names a 保管場所, and names are unique only within a 課等 (or
 * among the shared places), so the row's own 課等's place of that name comes first, then a
 * shared one (MIC §10: kept at a designated place of its 課等; MIC §29 shared safes).
 */
function placeFor(places: readonly StorageLocation[], record: MediumFields): StorageLocation | undefined {
  if (record.storageLocationId === null) return undefined;
  const named = places.find((p) => p.id === record.storageLocationId);
  if (!named) return undefined;
  const same = places.filter((p) => nameKey(p.name) === nameKey(named.name));
  return same.find((p) => p.departmentId === record.departmentId) ?? same.find((p) => p.departmentId === null);
}

/** A row whose place exists among the reader's, but not for the row's 課等, names both. */
function placesOfOtherDepartments(db: Db, places: readonly StorageLocation[], records: readonly MediumFields[], columnOf: ColumnOf): ImportRowError[] {
  return records.flatMap((f, i) => {
    if (f.storageLocationId === null || placeFor(places, f)) return [];
    const name = places.find((p) => p.id === f.storageLocationId)?.name ?? '';
    const params = { name, department: departmentName(db, f.departmentId) ?? '' };
    return [{ row: i + 1, column: columnOf('storageLocation'), field: 'storageLocation', messageKey: 'mediaOutput.importErrors.storageLocationOfOtherDepartment', params }];
  });
}

/** A 登録日 after today is refused as the form refuses it (rules.ts, MIC §42): named by row here, not failing the commit. */
function registeredAfter(today: string, records: readonly MediumFields[], columnOf: ColumnOf): ImportRowError[] {
  return records.flatMap((f, i) =>
    f.registeredAt !== null && f.registeredAt > today ? [{ row: i + 1, column: columnOf('registeredAt'), field: 'registeredAt', messageKey: 'validation.dateInFuture' }] : [],
  );
}

function checkAgainstDatabase(db: Db, actor: LedgerActor, records: readonly MediumFields[], columnOf: ColumnOf): ImportRowError[] {
  // In any case, as a 管理番号 is taken (numbering.ts isMediaNoTaken).
  const holder = statement(db, 'SELECT department_id FROM media WHERE media_no = ? COLLATE NOCASE').pluck();
  return [
    ...numbersAlreadyRegistered(actor, records, {
      field: 'mediaNo',
      column: columnOf('mediaNo'),
      of: (f) => f.mediaNo,
      departmentOf: (f) => f.departmentId,
      holderDepartment: (no) => holder.get(no) as number | undefined,
      takenKey: 'validation.mediaNoTaken',
    }),
    ...rowsOfOtherDepartments(db, actor, records, (f) => f.departmentId, columnOf('department')),
    ...placesOfOtherDepartments(db, listLocations(db, actor, false), records, columnOf),
  ];
}

/**
 * Import of an existing Excel register. 課等 and 保管場所 are read by name: a 保管場所 must be one
 * the reader may use (their 課等's or a shared one; every active one for an organisation-wide role).
 * `today` (the organisation's calendar) is the 登録日 of rows that have none.
 */
export function mediaImport(actor: LedgerActor, today: string): ImportDefinition<MediumImportRecord> {
  return {
    ledger: 'media',
    columns: [...mediaCsvColumns, ...mediaStateColumns],
    schema: mediumImportSchema,
    uniqueField: 'mediaNo',
    // Two rows differing only in case are one label to a barcode reader: taken as the register takes them (numbering.ts, COLLATE NOCASE).
    uniqueKey: asciiUpper,
    // A blank 管理番号 is numbered by its 課等's rule for its 種別, as the form does (numbering.ts).
    numbering: { field: 'mediaNo', upcomingEach: (db, records) => upcomingNumbers(db, actor, records) },
    context(db) {
      const departments = new Map(listDepartments(db, false).map((d) => [nameKey(d.name), d.id]));
      const places = listLocations(db, actor, false);
      // The first place of a name stands for the name; placeFor picks the row's 課等's own.
      const placeOfName = new Map<string, number>();
      for (const p of places) if (!placeOfName.has(nameKey(p.name))) placeOfName.set(nameKey(p.name), p.id);
      return {
        cacheKey: JSON.stringify([[...departments], places.map((p) => [p.id, p.name, p.departmentId])]),
        lookup: (kind, name) => (kind === 'department' ? departments.get(nameKey(name)) : placeOfName.get(nameKey(name))),
      };
    },
    checkAgainstDatabase: (db, records, columnOf) => [
      ...checkAgainstDatabase(db, actor, records, columnOf),
      ...registeredAfter(today, records, columnOf),
      ...lastSeenErrors(today, records, columnOf),
      ...unnumberableRows(db, actor, records, columnOf),
    ],
    insert(tx, records, file) {
      const places = listLocations(tx.db, actor, false);
      const numberTaken = numbersInFile(records);
      const ids = records.map(({ status, lastSeenAt, ...f }) =>
        insertMedium(tx, actor, { ...f, storageLocationId: placeFor(places, f)?.id ?? null }, today, { status, lastSeenAt, numberTaken }),
      );
      // One event for the file; each medium's own history says it came from this import.
      tx.audit({
        action: 'media.import',
        targetType: 'medium',
        detail: { fileName: file.fileName, encoding: file.encoding, created: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
      });
    },
  };
}
