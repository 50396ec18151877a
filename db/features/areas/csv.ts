import { authorizationKinds, authorizationStates, inspectionResults, personKinds, visitExceptions, visitStatuses } from '../../contract/areaValues';
import type { Authorization } from '../../contract/areas';
import type { DeviceView } from '../../contract/areaVisits';
import { csvDocument } from '../../core/output/csv';
import { writeLedgerCsv, type ExtraCsvColumn } from '../../ledger/csv/table';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import type { BookVisit } from './bookRows';

/**
 * The 入退室管理簿 and the 入室許可 list as CSV for Excel (issue #12 items 2, 6): one row per visit, each header the field's
 * word on the screen (renderer/i18n/ja/areas.ts, one label per thing). Days as stored (the
 * organisation's calendar), instants as its wall-clock time with the offset (as the access-log and
 * 持出管理簿 CSVs write them). Formulas are defused by the kit's writer (csvDocument).
 */
const visit = (key: string) => japaneseLabel(`visitFields.${key}`);
const personKindWords = japaneseLabels('personKind', personKinds);
const statusWords = japaneseLabels('visitStatus', visitStatuses);
const inspectionWords = japaneseLabels('inspectionResult', inspectionResults);
const exceptionWords = japaneseLabels('visitException', visitExceptions);

const devicesText = (devices: readonly DeviceView[]) => devices.map((d) => `${d.label}（${inspectionWords[d.inspection]}）`).join('、');

function badgeReturnedText(v: BookVisit): string {
  if (!v.badgeNo) return japaneseLabel('badgeReturned.none');
  if (v.badgeReturned === null) return '';
  return japaneseLabel(`badgeReturned.${v.badgeReturned ? 'returned' : 'notReturned'}`);
}

function visitColumns(instant: (iso: string) => string): ExtraCsvColumn<BookVisit>[] {
  return [
    { header: visit('enteredOn'), write: (v) => v.enteredOn },
    { header: visit('enteredAt'), write: (v) => instant(v.enteredAt) },
    { header: visit('exitedAt'), write: (v) => (v.exitedAt ? instant(v.exitedAt) : '') },
    { header: visit('areaId'), write: (v) => v.areaName },
    { header: japaneseLabel('areaOutput.book.department'), write: (v) => v.departmentName },
    { header: visit('person'), write: (v) => v.personName },
    { header: visit('personKind'), write: (v) => personKindWords[v.personKind] },
    { header: visit('affiliation'), write: (v) => v.affiliation },
    { header: visit('permitNo'), write: (v) => v.permitNo ?? '' },
    { header: visit('purpose'), write: (v) => v.purpose },
    { header: visit('escort'), write: (v) => v.escortName },
    { header: visit('badgeNo'), write: (v) => v.badgeNo },
    { header: visit('badgeReturned'), write: badgeReturnedText },
    { header: visit('devicesIn'), write: (v) => devicesText(v.devicesIn) },
    { header: visit('devicesOut'), write: (v) => devicesText(v.devicesOut) },
    { header: visit('status'), write: (v) => statusWords[v.status] },
    { header: visit('closeReason'), write: (v) => v.closeReason },
    { header: visit('exceptions'), write: (v) => v.exceptions.map((e) => exceptionWords[e]).join('、') },
    { header: visit('exceptionApprovedBy'), write: (v) => v.exceptionApprovedByName ?? '' },
    { header: visit('exceptionNote'), write: (v) => v.exceptionNote },
    { header: visit('exceptionConfirmedBy'), write: (v) => v.exceptionConfirmedByName ?? '' },
    { header: visit('exceptionConfirmNote'), write: (v) => v.exceptionConfirmNote },
    { header: visit('recordedBy'), write: (v) => v.recordedByName },
    { header: visit('remarks'), write: (v) => v.remarks },
  ];
}

/** The visits as read (an iterable: a CSV of years is written as it is read); the text and its row count. */
export function visitsCsv(rows: Iterable<BookVisit>, instant: (iso: string) => string): { csv: string; rowCount: number } {
  const columns = visitColumns(instant);
  let rowCount = 0;
  function* lines() {
    for (const v of rows) {
      rowCount++;
      yield columns.map((c) => c.write(v));
    }
  }
  const csv = csvDocument(columns.map((c) => c.header), lines());
  return { csv, rowCount };
}

const permit = (key: string) => japaneseLabel(`authorizationFields.${key}`);
const authorizationKindWords = japaneseLabels('authorizationKind', authorizationKinds);
const stateWords = japaneseLabels('authorizationState', authorizationStates);

function authorizationColumns(instant: (iso: string) => string): ExtraCsvColumn<Authorization>[] {
  return [
    { header: permit('permitNo'), write: (a) => a.permitNo },
    { header: permit('departmentId'), write: (a) => a.departmentName },
    { header: permit('person'), write: (a) => a.personName },
    { header: japaneseLabel('personFields.kana'), write: (a) => a.personKana },
    { header: japaneseLabel('personFields.kind'), write: (a) => personKindWords[a.personKind] },
    { header: permit('kind'), write: (a) => authorizationKindWords[a.kind] },
    { header: permit('affiliation'), write: (a) => a.affiliation },
    { header: permit('areaIds'), write: (a) => a.areas.map((x) => x.name).join('、') },
    { header: permit('purpose'), write: (a) => a.purpose },
    { header: permit('validFrom'), write: (a) => a.validFrom },
    { header: permit('validUntil'), write: (a) => a.validUntil },
    // 期限切れ and まもなく期限 as of the export's day in the organisation's zone (never stored).
    { header: permit('state'), write: (a) => stateWords[a.state] },
    { header: permit('grantedBy'), write: (a) => a.grantedByName },
    { header: permit('grantedAt'), write: (a) => instant(a.grantedAt) },
    { header: permit('revokedBy'), write: (a) => a.revokedByName ?? '' },
    { header: permit('revokedAt'), write: (a) => (a.revokedAt ? instant(a.revokedAt) : '') },
    { header: permit('revokeReason'), write: (a) => a.revokeReason },
    { header: permit('remarks'), write: (a) => a.remarks },
  ];
}

/** The 入室許可 list as CSV (MIC §35 入室を認める者の範囲), in the list's order. */
export function authorizationsCsv(rows: readonly Authorization[], instant: (iso: string) => string): string {
  return writeLedgerCsv([], rows, authorizationColumns(instant));
}
