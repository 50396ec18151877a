import type { Disposal, DisposalFields, DisposalHistoryEntry, DisposalStatus, DisposalSummary, DisposalTarget, DisposalTargetKind, DisposalTargetView } from '../../contract/disposal';
import { AppError } from '../../core/appError';
import { decodeFields } from '../../ledger/columns';
import { readLinked, type LinkedRecord } from '../../ledger/linkedTargets';
import { rowsInOrder } from '../../ledger/listQuery';
import { readHistory, type LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import { japaneseText } from '../../print/labels';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { disposalColumns, disposalLedger } from './columns';
import type { DisposalTargets } from './targets';

/** The columns of `disposals` (with its 課等's name) that every read of a record uses: the screens' and the certificate's. */
export interface DisposalRowBase {
  id: number;
  certificate_no: string | null;
  department_id: number;
  department_name: string;
  status: DisposalStatus;
  amends_id: number | null;
  amendment_reason: string;
  operator_id: number;
  witness_ids: string;
  targets: string;
  approved_by: number | null;
  verification_code: string | null;
}

/** A row of `disposals` with the names the screens show. */
export interface DisposalRow extends DisposalRowBase, Record<string, unknown> {
  amends_certificate_no: string | null;
  operator_name: string;
  target_kinds: string;
  created_by: number;
  created_by_name: string;
  requested_by: number | null;
  requested_by_name: string | null;
  requested_at: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  version: number;
  last_edited_by_name: string;
  created_at: string;
  updated_at: string;
}

const disposalSelect = `
  SELECT x.*, d.name AS department_name, o.display_name AS operator_name, cu.display_name AS created_by_name,
    ru.display_name AS requested_by_name, au.display_name AS approved_by_name, eu.display_name AS last_edited_by_name,
    a.certificate_no AS amends_certificate_no
  FROM disposals x
  JOIN departments d ON d.id = x.department_id
  JOIN users o ON o.id = x.operator_id
  JOIN users cu ON cu.id = x.created_by
  JOIN users eu ON eu.id = x.last_edited_by
  LEFT JOIN users ru ON ru.id = x.requested_by
  LEFT JOIN users au ON au.id = x.approved_by
  LEFT JOIN disposals a ON a.id = x.amends_id`;

export function readDisposalRow(db: Db, disposalId: number): DisposalRow {
  const row = statement(db, `${disposalSelect} WHERE x.id = ?`).get(disposalId) as DisposalRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export function readDisposalRows(db: Db, ids: readonly number[]): DisposalRow[] {
  return rowsInOrder<DisposalRow>(db, disposalSelect, 'x.id', ids);
}

export function rowToFields(r: DisposalRow): DisposalFields {
  return decodeFields(disposalColumns, r);
}

/** 'm', 'h', 'p' in that order (the list's 対象種別 filter, migration 0018). */
export function targetKindsOf(targets: readonly DisposalTarget[]): string {
  return (['medium', 'holding', 'paper'] as const).filter((k) => targets.some((t) => t.kind === k)).map((k) => k[0]).join('');
}

function kindsOfCode(code: string): DisposalTargetKind[] {
  return (['medium', 'holding', 'paper'] as const).filter((k) => code.includes(k[0]!));
}

function linkedIds(targets: readonly DisposalTarget[]): { medium: number[]; holding: number[] } {
  const ids = { medium: [] as number[], holding: [] as number[] };
  for (const t of targets) if (t.kind !== 'paper') ids[t.kind].push(t.id);
  return ids;
}

/** A target as this reader sees it: another 課等's medium or holding is hidden (MIC §9). */
function targetView(t: DisposalTarget, linked: Map<string, LinkedRecord>, actor: LedgerActor): DisposalTargetView {
  if (t.kind === 'paper') {
    return { kind: 'paper', id: null, label: t.description, detail: `${t.quantity} ${t.unit}`, quantity: t.quantity, unit: t.unit, status: null, hidden: false };
  }
  const record = linked.get(`${t.kind}:${t.id}`);
  if (!record || (isDepartmentScoped(actor) && record.departmentId !== actor.departmentId)) {
    return { kind: t.kind, id: null, label: '', detail: '', quantity: null, unit: '', status: null, hidden: true };
  }
  return { kind: t.kind, id: t.id, label: record.label, detail: record.detail, quantity: null, unit: '', status: record.status, hidden: false };
}

/** The targets of many rows, read once per kind. */
export function targetViews(db: Db, targets: DisposalTargets, actor: LedgerActor, lists: readonly (readonly DisposalTarget[])[]): DisposalTargetView[][] {
  const ids = linkedIds(lists.flat());
  const linked = readLinked(db, targets, ids);
  return lists.map((list) => list.map((t) => targetView(t, linked, actor)));
}

/** One line naming the targets (「USB-001、USB-002、廃棄文書 3 箱」), as the list and the 廃棄記録簿 show them. */
export function targetsLine(views: readonly DisposalTargetView[], limit = Infinity): string {
  const shown = views.filter((v) => !v.hidden).map((v) => (v.kind === 'paper' ? `${v.label} ${v.detail}` : v.label));
  const hidden = views.length - shown.length;
  const more = shown.length - Math.min(shown.length, limit);
  return [
    ...shown.slice(0, limit),
    ...(more > 0 ? [japaneseText('disposal.moreTargets', { count: more })] : []),
    ...(hidden > 0 ? [japaneseText('disposal.hiddenTargets', { count: hidden })] : []),
  ].join('、');
}

function witnessesOf(db: Db, ids: readonly number[]): { userId: number; name: string }[] {
  if (ids.length === 0) return [];
  const names = new Map(
    (statement(db, `SELECT id, display_name FROM users WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as { id: number; display_name: string }[]).map((u) => [u.id, u.display_name]),
  );
  return ids.map((userId) => ({ userId, name: names.get(userId) ?? '' }));
}

/** What the detail and the list both say first of a record: its number, 課等, status and the record it corrects. */
const recordHead = (r: DisposalRow) => ({
  id: r.id,
  certificateNo: r.certificate_no,
  departmentId: r.department_id,
  departmentName: r.department_name,
  status: r.status,
  amendsId: r.amends_id,
  amendsCertificateNo: r.amends_certificate_no,
});

export function rowToDisposal(db: Db, targets: DisposalTargets, actor: LedgerActor, r: DisposalRow, certificatePrints: number): Disposal {
  const f = rowToFields(r);
  const amendedBy = statement(db, "SELECT id, certificate_no FROM disposals WHERE amends_id = ? AND status IN ('approved', 'amended') ORDER BY id DESC LIMIT 1").get(r.id) as
    | { id: number; certificate_no: string }
    | undefined;
  const { departmentId: _d, targets: list, witnessIds, ...plain } = f;
  return {
    ...plain,
    ...recordHead(r),
    amendmentReason: r.amendment_reason,
    amendedById: r.status === 'amended' ? (amendedBy?.id ?? null) : null,
    amendedByCertificateNo: r.status === 'amended' ? (amendedBy?.certificate_no ?? null) : null,
    targets: targetViews(db, targets, actor, [list])[0]!,
    operatorName: r.operator_name,
    witnesses: witnessesOf(db, witnessIds),
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at,
    approvedByName: r.approved_by_name,
    approvedAt: r.approved_at,
    verificationCode: r.verification_code,
    certificatePrints,
    version: r.version,
    createdByName: r.created_by_name,
    lastEditedBy: r.last_edited_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The list's rows; `targetsShown` caps the targets named in a row's line (a screen page stays small
 * with records of hundreds of targets), the 廃棄記録簿 names them all.
 */
export function rowsToSummaries(db: Db, targets: DisposalTargets, actor: LedgerActor, rows: readonly DisposalRow[], targetsShown = Infinity): DisposalSummary[] {
  const views = targetViews(db, targets, actor, rows.map((r) => JSON.parse(r.targets) as DisposalTarget[]));
  return rows.map((r, i) => ({
    ...recordHead(r),
    nistClass: r.nist_class as DisposalSummary['nistClass'],
    method: r.method as DisposalSummary['method'],
    performedOn: r.performed_on as string,
    placeKind: r.place_kind as DisposalSummary['placeKind'],
    operatorName: r.operator_name,
    result: r.result as DisposalSummary['result'],
    targetsText: targetsLine(views[i]!, targetsShown),
    targetKinds: kindsOfCode(r.target_kinds),
    approvedAt: r.approved_at,
    updatedAt: r.updated_at,
  }));
}

export function readDisposalHistory(db: Db, disposalId: number): DisposalHistoryEntry[] {
  return readHistory(db, disposalLedger, disposalId) as DisposalHistoryEntry[];
}
