import { mediaTypes, takeoutStatuses, type Takeout } from '../../contract';
import { writeLedgerCsv, type ExtraCsvColumn } from '../../ledger/csv/table';
import { japaneseLabel, japaneseLabels } from '../../print/labels';
import { checkMark, safeguardsText } from './takeoutWords';

/**
 * The 持出管理簿 as CSV for Excel (issue #10 item 7): one row per take-out, each header the word
 * the screen uses (renderer/i18n/ja/media.ts). Days and instants are the organisation's: a due
 * day as it is, an instant with its offset (as the access-log CSV writes them).
 */
const typeWords = japaneseLabels('mediaTypes', mediaTypes);
const statusWords = japaneseLabels('mediaTakeoutStatus', takeoutStatuses);
const takeoutWord = (key: string) => japaneseLabel(`mediaTakeout.${key}`);
const printWord = (key: string) => japaneseLabel(`mediaOutput.print.${key}`);

function takeoutColumns(instant: (iso: string) => string): ExtraCsvColumn<Takeout>[] {
  const at = (value: string | null) => (value ? instant(value) : '');
  return [
    { header: japaneseLabel('mediaFields.mediaNo'), write: (t) => t.mediaNo },
    { header: japaneseLabel('mediaFields.type'), write: (t) => typeWords[t.mediumType] },
    { header: japaneseLabel('mediaFields.departmentId'), write: (t) => t.departmentName },
    { header: takeoutWord('requestedBy'), write: (t) => t.requestedByName },
    { header: printWord('requestedAt'), write: (t) => at(t.requestedAt) },
    { header: takeoutWord('purpose'), write: (t) => t.purpose },
    { header: takeoutWord('destination'), write: (t) => t.destination },
    { header: takeoutWord('contentsSummary'), write: (t) => t.contentsSummary },
    { header: takeoutWord('safeguards'), write: safeguardsText },
    { header: takeoutWord('dueBack'), write: (t) => t.dueBack },
    { header: takeoutWord('status'), write: (t) => statusWords[t.status] },
    { header: takeoutWord('overdue'), write: (t) => (t.overdue ? '〇' : '') },
    { header: takeoutWord('decidedBy'), write: (t) => t.decidedByName ?? '' },
    { header: printWord('decidedAt'), write: (t) => at(t.decidedAt) },
    { header: printWord('decisionNote'), write: (t) => t.decisionNote },
    { header: takeoutWord('outAt'), write: (t) => at(t.outAt) },
    { header: takeoutWord('returnedAt'), write: (t) => at(t.returnedAt) },
    { header: printWord('returnCheckedBy'), write: (t) => t.returnCheckedByName ?? '' },
    { header: printWord('contentsIntact'), write: (t) => checkMark(t.contentsIntact) },
    { header: printWord('tempCopiesErased'), write: (t) => checkMark(t.tempCopiesErased) },
    { header: takeoutWord('returnNote'), write: (t) => t.returnNote },
  ];
}

export function takeoutsCsv(rows: readonly Takeout[], instant: (iso: string) => string): string {
  return writeLedgerCsv([], rows, takeoutColumns(instant));
}
