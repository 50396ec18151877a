import { mediaEncryptions, mediaStatuses, mediaTypes, type MediumSummary } from '../../../contract';
import { html, type SafeHtml } from '../../../print/layout';
import { japaneseLabel, japaneseLabels } from '../../../print/labels';
import { renderListDocument } from '../../../print/listDocument';
import type { PrintContext } from '../../../print/parts';

/**
 * 媒体管理台帳（一覧）: the register on A4 landscape, one line per medium, in the list's order
 * and with its filters (issue #10 item 7; MIC §10 媒体の管理, §42 点検). The words are the
 * screen's (renderer/i18n/ja/media.ts): one label per thing.
 */
export interface MediaRegisterListInput extends PrintContext {
  conditions: string;
  rows: readonly MediumSummary[];
  /** A stored date or instant as the organisation prints a day (西暦 or 和暦). */
  day(value: string): string;
}

const field = (key: string) => japaneseLabel(`mediaFields.${key}`);
const word = (key: string) => japaneseLabel(`mediaOutput.print.${key}`);
const typeWords = japaneseLabels('mediaTypes', mediaTypes);
const encryptionWords = japaneseLabels('mediaEncryption', mediaEncryptions);
const statusWords = japaneseLabels('mediaStatus', mediaStatuses);

const mediaRegisterListTitle = word('registerTitle');

const columns = ['mediaNo', 'type', 'makeModel', 'encrypted', 'departmentId', 'custodian', 'storageLocationId', 'isBackupMedium', 'status', 'registeredAt', 'lastSeenAt'].map(field);
// On 267 mm of landscape A4; メーカー・型番 takes what is left.
const widthsMm = [22, 24, null, 22, 24, 22, 30, 14, 16, 24, 24];

const styles = `
  table.list td:nth-child(1) { white-space: nowrap; overflow-wrap: normal; }
  table.list td:nth-child(8), table.list td:nth-child(9) { text-align: center; }
`;

function rowHtml(m: MediumSummary, day: (value: string) => string): SafeHtml {
  // One line of markup per row, no whitespace between cells: a few thousand rows stay small.
  return html`<tr><td>${m.mediaNo}</td><td>${typeWords[m.type]}</td><td>${m.makeModel}</td><td>${encryptionWords[m.encrypted]}</td><td>${m.departmentName}</td><td>${m.custodian}</td><td>${m.storageLocationName ?? ''}</td><td>${m.isBackupMedium ? word('backupMark') : ''}</td><td>${statusWords[m.status]}</td><td>${m.registeredAt ? day(m.registeredAt) : ''}</td><td>${m.lastSeenAt ? day(m.lastSeenAt) : ''}</td></tr>
`;
}

export function renderMediaRegisterList(input: MediaRegisterListInput): string {
  return renderListDocument({
    ...input,
    title: mediaRegisterListTitle,
    columns,
    widthsMm,
    rows: input.rows.map((m) => rowHtml(m, input.day)),
    emptyText: word('registerEmpty'),
    legend: word('registerLegend'),
    styles,
  });
}
