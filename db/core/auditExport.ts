import { roleScope, type ChannelInput } from '../contract';
import { sayPhrase, sayTarget, type AuditWord, type SayWord } from '../contract/auditWords';
import { formatDate, formatDateTime, formatWarekiDate } from '../print/dates';
import { hasJapaneseLabel, japaneseText } from '../print/labels';
import { writeFileAtomic } from '../store/atomicFile';
import type { Db } from '../store/database';
import { readerFilters } from './accessLog';
import type { AppCore } from './appCore';
import { countAuditEvents, iterateAuditEvents, type StoredAuditEvent } from './audit';
import type { AuditReader } from './auditTargets';
import { departmentMoves, describeAuditEvents, type AuditVocabulary, type DescribedEvent } from './auditWords';
import { checkBulkExport } from './output/bulkExport';
import { csvDocument } from './output/csv';
import { readSettings } from './settings';
import { zonedIso } from './time';
import { chooseOutputPath } from './output/savePath';

/**
 * The access log as CSV for an auditor's spreadsheet, in the words of its screen: 操作,
 * 対象種別, the target's 管理番号 and name and 詳細 from the same locale data and the same
 * description (auditWords.ts, scoped to the reader like the screen). Times are the
 * organisation's wall clock with the offset written out (2026-11-30T09:36:00.000+09:00):
 * what the office saw, and still the exact stored instant the hash was taken over.
 */
const header = ['連番', '日時', '利用者ID', '利用者', '操作', '対象種別', '対象ID', '対象', '詳細', 'ハッシュ'];

/** A word as the Japanese screen says it; dates in the organisation's zone and calendar setting. */
function japaneseWords(zone: string, wareki: boolean): SayWord {
  return (word: AuditWord) => {
    if ('text' in word) return word.text;
    if ('date' in word) return wareki ? formatWarekiDate(word.date, zone) : formatDate(word.date, zone);
    if ('instant' in word) return formatDateTime(word.instant, zone);
    return hasJapaneseLabel(word.key) ? japaneseText(word.key, word.params ?? {}) : (word.fallback ?? word.key);
  };
}

function csvRow(e: DescribedEvent, zone: string, say: SayWord): unknown[] {
  return [
    e.seq,
    zonedIso(e.at, zone),
    e.actorUserId,
    e.actorName,
    say({ key: `auditActions.${e.action.replaceAll('.', '_')}`, fallback: e.action }),
    e.targetType ? say({ key: `targetTypes.${e.targetType}`, fallback: e.targetType }) : '',
    e.targetId,
    sayTarget(e.target),
    e.words.map((p) => sayPhrase(p, say)).join(' / '),
    e.hash,
  ];
}

/** Every matching event described for the reader, a thousand at a time (one lookup per batch). */
function* describedEvents(db: Db, events: Iterable<StoredAuditEvent>, reader: AuditReader, vocabulary: AuditVocabulary): Generator<DescribedEvent> {
  // Moves between 課等 over the whole log, read once rather than once per batch (auditWords.ts).
  const moves = roleScope(reader.role) === 'department' ? departmentMoves(db, 0) : undefined;
  let batch: StoredAuditEvent[] = [];
  for (const e of events) {
    batch.push(e);
    if (batch.length === 1000) {
      yield* describeAuditEvents(db, batch, reader, vocabulary, moves);
      batch = [];
    }
  }
  yield* describeAuditEvents(db, batch, reader, vocabulary, moves);
}

export async function exportAuditCsv(core: AppCore, input: ChannelInput<'audit.exportCsv'>, vocabulary: AuditVocabulary): Promise<{ savedTo: string; rowCount: number }> {
  const vault = core.requireVault();
  const zone = core.timeZone();
  // Scoped like the screen: a manager's file holds their 課等's events only, and so does its count.
  const filters = readerFilters(core, input, vocabulary);
  const bulk = checkBulkExport(core, countAuditEvents(vault.db, filters), input.reason);
  const { file, fileName } = await chooseOutputPath(core, { defaultName: `アクセス記録_${core.today()}.csv`, filters: [{ name: 'CSV', extensions: ['csv'] }] });
  // The read, the file and its audit event succeed or fail together.
  return core.write((tx) => {
    const say = japaneseWords(zone, readSettings(tx.db).dateDisplay === 'wareki');
    const rows = [...describedEvents(tx.db, iterateAuditEvents(tx.db, filters), core.requireSession(), vocabulary)].map((e) => csvRow(e, zone, say));
    writeFileAtomic(file, csvDocument(header, rows));
    tx.audit({ action: 'audit.export', targetType: 'audit_events', detail: { rowCount: rows.length, file: fileName, filters: input, ...bulk } });
    return { savedTo: file, rowCount: rows.length };
  });
}
