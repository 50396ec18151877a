import { areaKinds, inspectionResults, personKinds, visitExceptions, type AreaKind, type BookPeriod } from '../../../contract/areaValues';
import type { DeviceView } from '../../../contract/areaVisits';
import { wallClock } from '../doorRules';
import { html, type SafeHtml } from '../../../print/layout';
import { japaneseLabel, japaneseLabels, japaneseText } from '../../../print/labels';
import { renderListDocument } from '../../../print/listDocument';
import { signatureBoxes, type PrintContext } from '../../../print/parts';
import type { BookVisit } from '../bookRows';

/**
 * 入退室管理簿（日報・月報）: one area's visits of a day or a month on A4 landscape, in order of
 * entry (issue #12 item 6; MIC §35 入退室の記録, 外部の者の識別, 媒体の持込み・持出しの検査), with the
 * area's 区域名・種別・所在・課等 and the period in the head, the filters as 抽出条件, and a 確認欄
 * for the 保護管理者 who reads it (MIC §35: the records are checked). A visit with an exception
 * carries ※ and its exceptions in bold, so an inspector finds them at a glance (domain.md §4).
 * Words: the screen's (renderer/i18n/ja/areas.ts) or the book's own (ja/areaOutput.ts).
 */
interface BookHead {
  areaName: string;
  kind: AreaKind;
  location: string;
  departmentName: string;
  period: BookPeriod;
  /** The day (YYYY-MM-DD) or the month (YYYY-MM). */
  when: string;
}

interface AreaBookInput extends PrintContext {
  head: BookHead;
  conditions: string;
  rows: readonly BookVisit[];
  /** A stored date or instant as the organisation prints a day (西暦 or 和暦). */
  day(value: string): string;
}

const book = (key: string) => japaneseLabel(`areaOutput.book.${key}`);
const visit = (key: string) => japaneseLabel(`visitFields.${key}`);
const area = (key: string) => japaneseLabel(`areaFields.${key}`);
const kindWords = japaneseLabels('areaKind', areaKinds);
const personKindWords = japaneseLabels('personKind', personKinds);
const inspectionWords = japaneseLabels('inspectionResult', inspectionResults);
const exceptionWords = japaneseLabels('visitException', visitExceptions);

const columns = [
  visit('enteredOn'), visit('enteredAt'), visit('exitedAt'), visit('person'), visit('affiliation'), visit('personKind'), visit('purpose'),
  visit('permitNo'), visit('escort'), book('badge'), book('devices'), visit('exceptions'), visit('recordedBy'),
];
// On 267 mm of landscape A4; 用件 takes what is left (about 31 mm). 区分 holds 外部の者 on one line.
const widthsMm = [25, 12, 15, 22, 26, 14, null, 16, 16, 16, 32, 27, 15];

// A day and a time on one line; the short columns centred.
const styles = `
  table.list td:nth-child(1), table.list td:nth-child(2), table.list td:nth-child(3) { white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(2), table.list td:nth-child(6) { text-align: center; }
  table.list td .note { display: block; font-size: 7pt; }
  .meta td.head-value { font-weight: bold; }
`;

/** A visit's exit: 在室中, the time (with its day when it is not the day of entry), 一括退室 said. */
function exitText(v: BookVisit, zone: string, day: (value: string) => string): string {
  if (v.exitedAt === null) return japaneseLabel('visitStatus.inside');
  const exit = wallClock(v.exitedAt, zone);
  const when = exit.day === v.enteredOn ? exit.time : `${day(exit.day)} ${exit.time}`;
  return v.closeKind === 'dayClose' ? `${when}（${japaneseLabel('visitCloseKind.dayClose')}）` : when;
}

function badgeText(v: BookVisit): string {
  if (!v.badgeNo) return '';
  if (v.badgeReturned === null) return v.badgeNo;
  return `${v.badgeNo}（${japaneseLabel(`badgeReturned.${v.badgeReturned ? 'returned' : 'notReturned'}`)}）`;
}

function devicesHtml(v: BookVisit): SafeHtml {
  const line = (word: string, d: DeviceView) => html`<span class="note">${word}: ${d.label}（${inspectionWords[d.inspection]}）</span>`;
  return html`${v.devicesIn.map((d) => line(book('deviceIn'), d))}${v.devicesOut.map((d) => line(book('deviceOut'), d))}`;
}

/**
 * The exceptions, and what an inspector asks of each (MIC §35): who let it happen at the door and
 * why (the approval's note), why the day's close ended the visit, and who confirmed it afterwards.
 */
function exceptionsHtml(v: BookVisit, zone: string, day: (value: string) => string): SafeHtml {
  if (v.exceptions.length === 0) return html``;
  const note = (text: string) => html`<span class="note">${text}</span>`;
  const approved = v.exceptionApprovedByName ? note(japaneseText('areaOutput.book.approvedBy', { name: v.exceptionApprovedByName })) : null;
  const why = v.exceptionNote ? note(`${visit('exceptionNote')}: ${v.exceptionNote}`) : null;
  const closed = v.closeKind === 'dayClose' && v.closeReason ? note(`${visit('closeReason')}: ${v.closeReason}`) : null;
  const confirmed = v.exceptionConfirmedByName ? japaneseText('areaOutput.book.confirmedBy', { name: v.exceptionConfirmedByName, at: confirmedAt(v, zone, day) }) : book('notConfirmed');
  const confirmNote = v.exceptionConfirmNote ? note(`${visit('exceptionConfirmNote')}: ${v.exceptionConfirmNote}`) : null;
  return html`${v.exceptions.map((e) => html`<b>※ ${exceptionWords[e]}</b> `)}${approved}${why}${closed}${note(confirmed)}${confirmNote}`;
}

/** When a manager confirmed the exceptions: the day as the book prints days, and the time in the organisation's zone. */
function confirmedAt(v: BookVisit, zone: string, day: (value: string) => string): string {
  if (!v.exceptionConfirmedAt) return '';
  const at = wallClock(v.exceptionConfirmedAt, zone);
  return `${day(at.day)} ${at.time}`;
}

function rowHtml(v: BookVisit, zone: string, day: (value: string) => string): SafeHtml {
  const mark = v.exceptions.length > 0 ? '※ ' : '';
  // One line of markup per row: a month of a busy room stays small.
  return html`<tr><td>${mark}${day(v.enteredOn)}</td><td>${wallClock(v.enteredAt, zone).time}</td><td>${exitText(v, zone, day)}</td><td>${v.personName}</td><td>${v.affiliation}</td><td>${personKindWords[v.personKind]}</td><td>${v.purpose}</td><td>${v.permitNo ?? ''}</td><td>${v.escortName}</td><td>${badgeText(v)}</td><td>${devicesHtml(v)}</td><td>${exceptionsHtml(v, zone, day)}</td><td>${v.recordedByName}</td></tr>
`;
}

/** The input's day() once per distinct day: a month's rows name about 30. */
function memoDay(day: (value: string) => string): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    let text = seen.get(value);
    if (text === undefined) seen.set(value, (text = day(value)));
    return text;
  };
}

/** The period as printed: the day, or the month (2026年11月 / 令和8年11月 as the organisation prints days). */
function periodText(head: Pick<BookHead, 'period' | 'when'>, day: (value: string) => string): string {
  if (head.period === 'day') return day(head.when);
  return day(`${head.when}-01`).replace(/0?1日$/, '');
}

export function bookTitle(period: BookPeriod): string {
  return book(period === 'day' ? 'titleDay' : 'titleMonth');
}

export function renderAreaBook(input: AreaBookInput): string {
  const h = input.head;
  const day = memoDay(input.day);
  const period = periodText(h, day);
  const metaRows = [
    html`<tr><th>${area('name')}</th><td class="head-value">${h.areaName}</td><th>${area('kind')}</th><td>${kindWords[h.kind]}</td><th>${area('departmentId')}</th><td>${h.departmentName}</td></tr>`,
    html`<tr><th>${area('location')}</th><td>${h.location}</td><th>${book('period')}</th><td class="head-value" colspan="3">${period}</td></tr>`,
  ];
  return renderListDocument({
    ...input,
    title: bookTitle(h.period),
    columns,
    widthsMm,
    rows: input.rows.map((v) => rowHtml(v, input.timeZone, day)),
    emptyText: book('empty'),
    legend: book('legend'),
    styles,
    metaRows,
    after: signatureBoxes([book('confirmRole')], book('confirmTitle')),
    pageMark: `${bookTitle(h.period)} ${h.areaName} ${period}`,
  });
}
