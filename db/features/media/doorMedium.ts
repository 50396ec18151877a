import { foldNumberText } from '../../contract/textLists';
import type { LabelLookup, LabelledRecord } from '../../ledger/linkedTargets';
import { statement } from '../../store/statements';

/**
 * The media register as the door sees it (issue #12 item 3): handed to the areas area by
 * db/ipc/handlers.ts. A label typed or scanned at the door is a 管理番号 in any width or case
 * (foldNumberText, as numbers are stored; COLLATE NOCASE for the case). What lets a medium leave
 * the area is an approved or started 持出し (MIC §34): its id is `clearedBy`, null when none.
 */
interface Row {
  id: number;
  media_no: string;
  type: string;
  department_id: number;
  status: string;
  cleared_by: number | null;
}

const byLabelSql = `SELECT m.id, m.media_no, m.type, m.department_id, m.status,
  (SELECT t.id FROM media_takeouts t WHERE t.medium_id = m.id AND t.status IN ('approved', 'out') ORDER BY t.id DESC LIMIT 1) AS cleared_by
  FROM media m WHERE m.media_no = ? COLLATE NOCASE LIMIT 1`;

export const doorMedium: LabelLookup = {
  byLabel(db, label): LabelledRecord | null {
    const folded = foldNumberText(label.trim());
    if (folded === '') return null;
    const row = statement(db, byLabelSql).get(folded) as Row | undefined;
    if (!row) return null;
    return {
      id: row.id,
      departmentId: row.department_id,
      label: row.media_no,
      detail: row.type,
      status: row.status,
      unavailable: row.status === 'disposed' ? 'closed' : row.status === 'checked_out' ? 'busy' : null,
      clearedBy: row.cleared_by,
    };
  },
};
