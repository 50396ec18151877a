import { mediaTypes, takeoutStatuses, type Takeout } from '../../../contract';
import { html, type SafeHtml } from '../../../print/layout';
import { japaneseLabel, japaneseLabels } from '../../../print/labels';
import { renderListDocument } from '../../../print/listDocument';
import type { PrintContext } from '../../../print/parts';
import { checkMark, safeguardsText } from '../takeoutWords';

/**
 * 持出管理簿 on paper (issue #10 item 3 and 7; MIC §10, §12, §26, §34; 番号法 guideline: every
 * move out of the controlled area recorded): each take-out with the medium, who asked and why,
 * where it went and how it was protected, when it is due, who approved, when it left and came
 * back, who checked it and whether contents were intact and copies erased. A take-out out past
 * its due day (the organisation's calendar on the day printed) is marked.
 */
export interface TakeoutListInput extends PrintContext {
  conditions: string;
  rows: readonly Takeout[];
  day(value: string): string;
}

const word = (key: string) => japaneseLabel(`mediaOutput.print.${key}`);
const takeoutWord = (key: string) => japaneseLabel(`mediaTakeout.${key}`);
const typeWords = japaneseLabels('mediaTypes', mediaTypes);
const statusWords = japaneseLabels('mediaTakeoutStatus', takeoutStatuses);

const takeoutListTitle = word('takeoutTitle');

const columns = [
  japaneseLabel('mediaFields.mediaNo'),
  takeoutWord('requestedBy'),
  takeoutWord('purpose'),
  takeoutWord('destination'),
  takeoutWord('safeguards'),
  takeoutWord('dueBack'),
  takeoutWord('decidedBy'),
  takeoutWord('outAt'),
  takeoutWord('returnedAt'),
  word('checks'),
  takeoutWord('status'),
];
// On 267 mm of landscape A4; the purpose takes what is left. A day (2026年11月24日) needs 25 mm at 8 pt.
const widthsMm = [22, 26, null, 22, 22, 26, 26, 26, 26, 14, 24];

const styles = `
  table.list td:nth-child(1), table.list td:nth-child(6), table.list td:nth-child(8) { white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(10) { text-align: center; }
  table.list td:nth-child(11) b { white-space: nowrap; }
`;

function rowHtml(t: Takeout, day: (value: string) => string): SafeHtml {
  const when = (value: string | null) => (value ? day(value) : '');
  // The notes are the record's reasons (MIC §12: why a medium without encryption was let out; MIC §26: why
  // contents were not intact or copies not erased): on paper as in the CSV, under who decided or checked.
  const note = (text: string) => (text ? html`<br>${text}` : html``);
  const returned = t.returnedAt ? html`${when(t.returnedAt)}<br>${t.returnCheckedByName ?? ''}${note(t.returnNote)}` : html``;
  const checks = t.returnedAt ? html`${checkMark(t.contentsIntact)}・${checkMark(t.tempCopiesErased)}` : html``;
  const status = t.overdue ? html`${statusWords[t.status]}<br><b>${word('overdueMark')}</b>` : html`${statusWords[t.status]}`;
  return html`<tr><td>${t.mediaNo}<br>${typeWords[t.mediumType]}</td><td>${t.requestedByName}<br>${when(t.requestedAt)}</td><td>${t.purpose}<br>${t.contentsSummary}</td><td>${t.destination}</td><td>${safeguardsText(t)}</td><td>${when(t.dueBack)}</td><td>${t.decidedByName ?? ''}<br>${when(t.decidedAt)}${note(t.decisionNote)}</td><td>${when(t.outAt)}</td><td>${returned}</td><td>${checks}</td><td>${status}</td></tr>
`;
}

export function renderTakeoutList(input: TakeoutListInput): string {
  return renderListDocument({
    ...input,
    title: takeoutListTitle,
    columns,
    widthsMm,
    rows: input.rows.map((t) => rowHtml(t, input.day)),
    emptyText: word('takeoutEmpty'),
    legend: word('takeoutLegend'),
    styles,
  });
}
