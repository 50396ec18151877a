import type { HoldingStatus } from '../../contract';
import { candidatePatterns, type LinkedRecord, type LinkedRecordKind } from '../../ledger/linkedTargets';
import { stepRecord } from '../../ledger/record';
import { clearVerificationRequest } from '../../ledger/verificationRequests';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { holdingsLedger } from './columns';
import { holdingVerification } from './rules';

/**
 * A holding as a 廃棄・消去記録 names it (issue #11; MIC §13), handed to the disposal area by
 * db/ipc/handlers.ts. Disposed it is closed; an approved disposal marks it disposed here, with
 * the holding's own history step ('dispose') and event naming the certificate.
 */
interface Row {
  id: number;
  ledger_no: string;
  name: string;
  department_id: number;
  status: HoldingStatus;
}

const select = 'SELECT h.id, h.ledger_no, h.name, h.department_id, h.status FROM holdings h';

function toLinked(r: Row): LinkedRecord {
  return { id: r.id, departmentId: r.department_id, label: r.ledger_no, detail: r.name, status: r.status, unavailable: r.status === 'disposed' ? 'closed' : null };
}

export const holdingDisposalTarget: LinkedRecordKind = {
  read(db: Db, ids) {
    const rows = statement(db, `${select} WHERE h.id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as Row[];
    return new Map(rows.map((r) => [r.id, toLinked(r)]));
  },
  candidates(db, departmentId, text, limit) {
    const { number, words } = candidatePatterns(text);
    const rows = statement(
      db,
      `${select} WHERE h.department_id = ? AND h.status <> 'disposed' AND (h.ledger_no LIKE ? ESCAPE '\\' OR h.ledger_no LIKE ? ESCAPE '\\' OR h.name LIKE ? ESCAPE '\\' OR h.name LIKE ? ESCAPE '\\') ORDER BY h.ledger_no, h.id LIMIT ?`,
    ).all(departmentId, ...number, ...words, limit) as Row[];
    return rows.map(toLinked);
  },
  close(tx, actor, id, reference) {
    const row = statement(tx.db, 'SELECT id, ledger_no, status, version FROM holdings WHERE id = ?').get(id) as { id: number; ledger_no: string; status: HoldingStatus; version: number };
    const changes = [{ field: 'status', before: row.status, after: 'disposed' }];
    // Closed: no 照合 is due any more, as when it is retired (rules.ts retireHolding).
    stepRecord(tx, holdingsLedger, actor, row, { action: 'dispose', changes, note: reference.note, set: () => ({ status: 'disposed', verified_version: null }) });
    clearVerificationRequest(tx, holdingVerification, row.id);
    tx.audit({ action: 'holdings.dispose', targetType: 'holding', targetId: row.id, detail: { ledgerNo: row.ledger_no, certificateNo: reference.number, changes } });
  },
};
