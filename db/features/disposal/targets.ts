import type { DisposalTarget } from '../../contract/disposal';
import { fieldError } from '../../core/appError';
import type { LinkedRecordKinds } from '../../ledger/linkedTargets';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';

/**
 * The media and holdings a disposal names (domain.md §3; MIC §13). The disposal area does not
 * import the media or holdings areas: db/ipc/handlers.ts hands it their adapters
 * (db/features/media/disposalTarget.ts, db/features/holdings/disposalTarget.ts).
 */
export type DisposalTargets = LinkedRecordKinds<'medium' | 'holding'>;

/** The record being checked: its 課等, its id (0 when new) and the approved record it corrects. */
export interface TargetCheck {
  departmentId: number;
  disposalId: number;
  amendsId: number | null;
}

const unknownKey = { medium: 'disposal.errors.unknownMedium', holding: 'disposal.errors.unknownHolding' } as const;

/** The medium and holding ids an approved (not failed) original disposed: an amendment names them again without disposing them twice. */
export function disposedByOriginal(db: Db, amendsId: number | null): Set<string> {
  if (amendsId === null) return new Set();
  const row = statement(db, "SELECT targets FROM disposals WHERE id = ? AND status = 'approved' AND result <> 'failed'").pluck().get(amendsId) as string | undefined;
  return new Set((JSON.parse(row ?? '[]') as DisposalTarget[]).flatMap((t) => (t.kind === 'paper' ? [] : [`${t.kind}:${t.id}`])));
}

/**
 * Another open or approved disposal naming this target (not this record, not the original it
 * corrects). An approved record whose result is 失敗 disposed nothing (approval.ts): the next
 * attempt is a record of its own, and the failed one stays true as recorded (MIC §13).
 */
function otherDisposalOf(db: Db, kind: string, id: number, check: TargetCheck): { id: number; certificate_no: string | null } | undefined {
  return statement(
    db,
    `SELECT x.id, x.certificate_no FROM disposal_targets t JOIN disposals x ON x.id = t.disposal_id
     WHERE t.kind = ? AND t.target_id = ? AND x.status IN ('draft', 'requested', 'approved') AND NOT (x.status = 'approved' AND x.result = 'failed')
       AND x.id NOT IN (?, ?) ORDER BY x.id LIMIT 1`,
  ).get(kind, id, check.disposalId, check.amendsId ?? 0) as { id: number; certificate_no: string | null } | undefined;
}

/**
 * Every target may be disposed of by this record now: no target twice; a medium or holding
 * exists and is of the record's 課等 (another 課等's is unknown, MIC §9); not 持出中 or with
 * an open take-out; not already disposed (except what the corrected original disposed); not
 * named by another open or approved disposal. Checked at save, request and approval.
 */
export function assertTargetsAllowed(db: Db, adapters: DisposalTargets, targets: readonly DisposalTarget[], check: TargetCheck): void {
  const seen = new Set<string>();
  const original = disposedByOriginal(db, check.amendsId);
  targets.forEach((t, i) => {
    const key = t.kind === 'paper' ? `paper:${t.description}:${t.unit}` : `${t.kind}:${t.id}`;
    if (seen.has(key)) throw fieldError(['targets', i], 'disposal.errors.duplicateTarget');
    seen.add(key);
    if (t.kind === 'paper') return;
    const record = adapters[t.kind].read(db, [t.id]).get(t.id);
    if (!record || record.departmentId !== check.departmentId) throw fieldError(['targets', i], unknownKey[t.kind]);
    const label = record.label;
    if (record.unavailable === 'busy') throw fieldError(['targets', i], 'disposal.errors.targetCheckedOut', { label });
    if (record.unavailable === 'closed' && !original.has(key)) throw fieldError(['targets', i], 'disposal.errors.targetAlreadyDisposed', { label });
    const other = otherDisposalOf(db, t.kind, t.id, check);
    if (other) throw fieldError(['targets', i], 'disposal.errors.targetInOtherDisposal', { label, record: other.certificate_no ?? `#${other.id}` });
  });
  // A correction may not take back what the original disposed: the media stay 廃棄済 (domain.md §3).
  const kept = new Set(targets.flatMap((t) => (t.kind === 'paper' ? [] : [`${t.kind}:${t.id}`])));
  if ([...original].some((k) => !kept.has(k))) throw fieldError(['targets'], 'disposal.errors.amendmentDropsTarget');
}

/** disposal_targets indexes the row's media and holdings: rewritten in the same step as the row. */
export function indexTargets(db: Db, disposalId: number, targets: readonly DisposalTarget[]): void {
  statement(db, 'DELETE FROM disposal_targets WHERE disposal_id = ?').run(disposalId);
  const insert = statement(db, 'INSERT OR IGNORE INTO disposal_targets (disposal_id, kind, target_id) VALUES (?, ?, ?)');
  for (const t of targets) if (t.kind !== 'paper') insert.run(disposalId, t.kind, t.id);
}
