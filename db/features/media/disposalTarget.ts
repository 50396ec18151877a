import type { MediaStatus } from '../../contract';
import { candidatePatterns, type LinkedRecord, type LinkedRecordKind } from '../../ledger/linkedTargets';
import { stepRecord } from '../../ledger/record';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { mediaLedger } from './columns';

/**
 * A medium as a 廃棄・消去記録 names it (issue #11; MIC §13), handed to the disposal area by
 * db/ipc/handlers.ts. 持出中 or with a take-out under way it is busy (brought back and closed
 * first, MIC §10); 廃棄済 it is closed. An approved disposal marks it 廃棄済 here, with the
 * medium's own history step and event naming the certificate.
 */
interface Row {
  id: number;
  media_no: string;
  type: string;
  department_id: number;
  status: MediaStatus;
  taken: number;
}

const select = `SELECT m.id, m.media_no, m.type, m.department_id, m.status,
  EXISTS (SELECT 1 FROM media_takeouts t WHERE t.medium_id = m.id AND t.status IN ('requested', 'approved', 'out')) AS taken
  FROM media m`;

function toLinked(r: Row): LinkedRecord {
  const unavailable = r.status === 'disposed' ? 'closed' : r.status === 'checked_out' || r.taken === 1 ? 'busy' : null;
  return { id: r.id, departmentId: r.department_id, label: r.media_no, detail: `mediaTypes.${r.type}`, status: r.status, unavailable };
}

export const mediumDisposalTarget: LinkedRecordKind = {
  read(db: Db, ids) {
    const rows = statement(db, `${select} WHERE m.id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as Row[];
    return new Map(rows.map((r) => [r.id, toLinked(r)]));
  },
  // 保管中, 所在不明 and 廃止 media of the 課等 (a 持出中 one is shown as busy by the form's check).
  candidates(db, departmentId, text, limit) {
    const { number, words } = candidatePatterns(text);
    const rows = statement(
      db,
      `${select} WHERE m.department_id = ? AND m.status IN ('in_storage', 'missing', 'retired')
       AND (m.media_no LIKE ? ESCAPE '\\' OR m.media_no LIKE ? ESCAPE '\\' OR m.make_model LIKE ? ESCAPE '\\' OR m.make_model LIKE ? ESCAPE '\\') ORDER BY m.media_no, m.id LIMIT ?`,
    ).all(departmentId, ...number, ...words, limit) as Row[];
    return rows.map(toLinked);
  },
  close(tx, actor, id, reference) {
    const row = statement(tx.db, 'SELECT id, media_no, status, version FROM media WHERE id = ?').get(id) as { id: number; media_no: string; status: MediaStatus; version: number };
    const changes = [{ field: 'status', before: row.status, after: 'disposed' }];
    stepRecord(tx, mediaLedger, actor, row, { action: 'dispose', changes, note: reference.note, set: () => ({ status: 'disposed' }) });
    tx.audit({ action: 'media.dispose', targetType: 'medium', targetId: row.id, detail: { mediaNo: row.media_no, certificateNo: reference.number, changes } });
  },
};
