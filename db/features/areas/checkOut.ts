import type { CheckOut, Visit } from '../../contract/areaVisits';
import type { VisitException } from '../../contract/areaValues';
import { AppError, fieldError } from '../../core/appError';
import type { AppCore, Tx } from '../../core/appCore';
import { assertVersion, stepRecord, type LedgerActor } from '../../ledger/record';
import { actorOf } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { doorClock } from './checkIn';
import type { DoorMedia } from './doorMedia';
import { devicesOut, exitTime, reopenConfirmation, type DoorClock } from './doorRules';
import { visitLedger, type StoredDevice } from './visitColumns';
import { readVisit, requireVisitRow } from './visitRecords';

/**
 * 退室 at the door (issue #12 item 3; MIC §34, §35): the time, the devices taken out (media by
 * 管理番号; a medium without an approved 持出し is an exception) and the badge. The person is
 * leaving: what is wrong is recorded as an exception, never refused — only what the clerk must
 * still fill in (an inspection the area requires, whether the badge came back) is asked for.
 */
export function checkOut(core: AppCore, media: DoorMedia, input: CheckOut): Visit {
  const actor = actorOf(core);
  const clock = doorClock(core);
  return core.write((tx) => recordCheckOut(tx, actor, media, clock, input));
}

function recordCheckOut(tx: Tx, actor: LedgerActor, media: DoorMedia, clock: DoorClock, input: CheckOut): Visit {
  const row = requireVisitRow(tx.db, actor, input.visitId);
  if (row.status !== 'inside') throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.visitClosed');
  assertVersion(row.version, input.version);
  const exitedAt = exitTime(clock, input.exitedAt, row.entered_at);
  const area = statement(tx.db, 'SELECT devices_out FROM areas WHERE id = ?').get(row.area_id) as { devices_out: 'allowed' | 'inspect' | 'prohibited' };
  const out = devicesOut(tx.db, media, area.devices_out, input.devicesOut, JSON.parse(row.devices_in) as StoredDevice[]);
  const exceptions = new Set<VisitException>([...(JSON.parse(row.exceptions) as VisitException[]), ...out.exceptions]);
  let badgeReturned: number | null = null;
  if (row.badge_no !== '') {
    if (input.badgeReturned === null) throw fieldError(['badgeReturned'], 'areas.errors.badgeReturnRequired');
    badgeReturned = input.badgeReturned ? 1 : 0;
    if (!input.badgeReturned) exceptions.add('badgeNotReturned');
  }
  const after = [...exceptions].sort();
  const added = after.filter((e) => !(JSON.parse(row.exceptions) as string[]).includes(e));
  const reopened = reopenConfirmation(row, added.length);
  const remarks = input.remarks === '' ? row.remarks : row.remarks === '' ? input.remarks : `${row.remarks}\n${input.remarks}`;
  const changes = [
    { field: 'exitedAt', before: null, after: exitedAt },
    ...(out.stored.length > 0 ? [{ field: 'devicesOut', before: [], after: out.stored }] : []),
    ...(badgeReturned !== null ? [{ field: 'badgeReturned', before: null, after: badgeReturned === 1 }] : []),
    ...(added.length > 0 ? [{ field: 'exceptions', before: JSON.parse(row.exceptions) as string[], after }] : []),
    ...(remarks !== row.remarks ? [{ field: 'remarks', before: row.remarks, after: remarks }] : []),
    ...reopened.changes,
  ];
  stepRecord(tx, visitLedger, actor, row, {
    action: 'checkOut',
    changes,
    set: () => ({
      exited_at: exitedAt,
      status: 'closed',
      close_kind: 'checkout',
      devices_out: JSON.stringify(out.stored),
      badge_returned: badgeReturned,
      exceptions: JSON.stringify(after),
      has_exceptions: after.length > 0 ? 1 : 0,
      remarks,
      closed_by: actor.userId,
      last_edited_by: actor.userId,
      ...reopened.set,
    }),
  });
  tx.audit({
    action: 'areas.visit.checkOut',
    targetType: 'area_visit',
    targetId: row.id,
    detail: {
      exitedAt,
      ...(out.stored.length > 0 ? { devicesOut: out.stored.length } : {}),
      ...(badgeReturned !== null ? { badgeReturned: badgeReturned === 1 } : {}),
      ...(added.length > 0 ? { exceptions: added } : {}),
    },
  });
  return readVisit(tx.db, row.id);
}
