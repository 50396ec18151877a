import { isClosedMediumStatus, mediaTypes, type MediaStatus, type MediaType, type ParsedInput } from '../../contract';
import { AppError, fieldError } from '../../core/appError';
import type { AppCore } from '../../core/appCore';
import { printDocument } from '../../ledger/output';
import { actorOf, assertDepartmentAccess } from '../../ledger/scope';
import { japaneseLabels, japaneseText } from '../../print/labels';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { renderLabelSheet, renderSpineLabels, type LabelItem } from './print/labelSheet';

/**
 * Printing media labels (issue #10 item 2) through the kit's output pipeline: only media the
 * reader may see (MIC §9: another 課等's id is NOT_FOUND, as everywhere), the printer or a PDF,
 * and one access-log event naming every 管理番号 printed (MIC §21).
 */
interface LabelRow {
  id: number;
  media_no: string;
  type: MediaType;
  make_model: string;
  department_id: number;
  department_name: string;
  status: MediaStatus;
}

/** The media in the order asked (the sheet is filled in that order); a duplicate id prints twice. */
function labelRows(core: AppCore, mediumIds: readonly number[]): LabelRow[] {
  const db: Db = core.requireVault().db;
  const actor = actorOf(core);
  const read = statement(db, 'SELECT m.id, m.media_no, m.type, m.make_model, m.department_id, d.name AS department_name, m.status FROM media m JOIN departments d ON d.id = m.department_id WHERE m.id = ?');
  const rows = mediumIds.map((id) => {
    const row = read.get(id) as LabelRow | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    assertDepartmentAccess(actor, row.department_id);
    return row;
  });
  // A 廃止・廃棄済 medium is out of use (rules.ts): a new sticker with its number would end up on a
  // live medium, which the 点検 would then count as the closed one. Checked after every id is
  // known to be the reader's, so the refusal names only their own medium (MIC §9).
  const closed = rows.find((row) => isClosedMediumStatus(row.status));
  if (closed) throw fieldError(['mediumIds'], 'validation.labelOfClosedMedium', { mediaNo: closed.media_no });
  // One 課等 per sheet, so its event is of that 課等 (labelAudit): a chief's print naming several
  // 課等's numbers would be read by the managers of the chief's own 課等 (MIC §9).
  if (new Set(rows.map((row) => row.department_id)).size > 1) throw fieldError(['mediumIds'], 'validation.labelsOneDepartment');
  return rows;
}

const typeWords = japaneseLabels('mediaTypes', mediaTypes);

function toItem(row: LabelRow): LabelItem {
  return { mediaNo: row.media_no, departmentName: row.department_name, typeLabel: typeWords[row.type], name: row.make_model };
}

function labelAudit(action: string, rows: readonly LabelRow[], detail: Record<string, unknown>) {
  // About the first medium, so the event is of the media's 課等 (all one: labelRows) and hidden
  // from every other 課等's manager; an event about no record would be of the printer's 課等,
  // whose manager need not be the media's (a chief of another 課等). The detail names every number.
  return { action, targetType: 'medium', targetId: rows[0]!.id, detail: { mediaNos: rows.map((r) => r.media_no), ...detail } };
}

export function printMediaLabels(core: AppCore, input: ParsedInput<'media.printLabels'>) {
  const rows = labelRows(core, input.mediumIds);
  return printDocument(core, {
    html: () => renderLabelSheet({ layout: input.layout, startPosition: input.startPosition, items: rows.map(toItem) }),
    target: input.target,
    defaultName: `${japaneseText('mediaLabels.fileName', { layout: input.layout })}_${core.today()}.pdf`,
    audit: labelAudit('media.printLabels', rows, { layout: input.layout, startPosition: input.startPosition }),
  });
}

/** 背表紙ラベル: 簿冊 (paper) only — a USB stick has no spine. */
export function printSpineLabels(core: AppCore, input: ParsedInput<'media.printSpineLabels'>) {
  const rows = labelRows(core, input.mediumIds);
  if (rows.some((row) => row.type !== 'paper')) throw fieldError(['mediumIds'], 'validation.spineLabelPaperOnly');
  return printDocument(core, {
    html: () => renderSpineLabels({ startPosition: input.startPosition, items: rows.map(toItem) }),
    target: input.target,
    defaultName: `${japaneseText('mediaLabels.spineFileName', {})}_${core.today()}.pdf`,
    audit: labelAudit('media.printSpineLabels', rows, { startPosition: input.startPosition }),
  });
}
