import type { VisitException } from '../../contract/areaValues';
import { AppError } from '../../core/appError';
import type { AppCore } from '../../core/appCore';
import { stepRecord } from '../../ledger/record';
import { actorOf, isDepartmentScoped } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { reopenConfirmation } from './doorRules';
import { visitLedger } from './visitColumns';

/**
 * 終業時の一括退室 (issue #12 item 5): the chosen open visits of one area closed now with a reason
 * — each an exception (closedAtDayEnd: nobody saw them leave) a manager later confirms. One write,
 * one access-log event naming the count and the visits, and a history step in each visit.
 */
interface OpenVisit {
  id: number;
  version: number;
  area_id: number;
  department_id: number;
  status: string;
  exceptions: string;
  exception_confirmed_at: string | null;
  confirmed_by_name: string | null;
}

export function closeDay(core: AppCore, input: { areaId: number; visitIds: number[]; reason: string }): { closed: number } {
  const actor = actorOf(core);
  const ids = [...new Set(input.visitIds)].sort((a, b) => a - b);
  return core.write((tx) => {
    const rows = statement(tx.db, `SELECT v.id, v.version, v.area_id, v.department_id, v.status, v.exceptions, v.exception_confirmed_at, u.display_name AS confirmed_by_name
       FROM area_visits v LEFT JOIN users u ON u.id = v.exception_confirmed_by WHERE v.id IN (SELECT value FROM json_each(?)) ORDER BY v.id`)
      .all(JSON.stringify(ids)) as OpenVisit[];
    // Any visit not open, not of this area or out of the clerk's scope: nothing closed (the list was stale).
    const fit = (r: OpenVisit) => r.status === 'inside' && r.area_id === input.areaId && !(isDepartmentScoped(actor) && r.department_id !== actor.departmentId);
    if (rows.length !== ids.length || !rows.every(fit)) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.visitNotInArea');
    for (const r of rows) {
      const before = JSON.parse(r.exceptions) as VisitException[];
      const after = [...new Set<VisitException>([...before, 'closedAtDayEnd'])].sort();
      const reopened = reopenConfirmation(r, after.length - before.length);
      stepRecord(tx, visitLedger, actor, r, {
        action: 'dayClose',
        note: input.reason,
        changes: [
          { field: 'exitedAt', before: null, after: tx.at },
          { field: 'exceptions', before, after },
          ...reopened.changes,
        ],
        set: () => ({
          exited_at: tx.at,
          status: 'closed',
          close_kind: 'dayClose',
          close_reason: input.reason,
          exceptions: JSON.stringify(after),
          has_exceptions: 1,
          closed_by: actor.userId,
          last_edited_by: actor.userId,
          ...reopened.set,
        }),
      });
    }
    tx.audit({ action: 'areas.visit.dayClose', targetType: 'area', targetId: input.areaId, detail: { rowCount: rows.length, visitIds: ids, reason: input.reason } });
    return { closed: rows.length };
  });
}
