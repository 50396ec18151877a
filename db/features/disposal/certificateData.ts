import type { DisposalTarget } from '../../contract/disposal';
import type { DisposalResult } from '../../contract/disposalValues';
import type { LedgerActor } from '../../ledger/record';
import { japaneseLabel, japaneseText } from '../../print/labels';
import type { PrintContext } from '../../print/parts';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import type { CertificateInput, CertificatePhoto, CertificateTarget } from './print/certificate';
import { targetViews, type DisposalRowBase } from './records';
import type { DisposalTargets } from './targets';

/**
 * The 廃棄・消去証明書's content read from the ledger, in words (certificate.ts prints it): names
 * of the people as they stand in the accounts, the targets' numbers, the photos' print images
 * (made by the main process at attach time, ≤ 1600 px) and the scans by name and hash.
 */
export interface CertificateRow extends DisposalRowBase {
  nist_class: string;
  method: string;
  method_detail: string;
  tool: string;
  tool_version: string;
  verification_method: string;
  verification_outcome: string;
  performed_on: string;
  place_kind: string;
  place_detail: string;
  contractor_name: string;
  contractor_certificate_no: string;
  contractor_staff: string;
  result: string;
  result_note: string;
  remarks: string;
  approved_on: string | null;
}

export function certificateRow(db: Db, disposalId: number): CertificateRow | undefined {
  return statement(db, 'SELECT x.*, d.name AS department_name FROM disposals x JOIN departments d ON d.id = x.department_id WHERE x.id = ?').get(disposalId) as
    | CertificateRow
    | undefined;
}

const userName = (db: Db, userId: number | null) =>
  userId === null ? '' : ((statement(db, 'SELECT display_name FROM users WHERE id = ?').pluck().get(userId) as string | undefined) ?? String(userId));

/** The targets as this reader may see them (records.ts): another 課等's medium or holding is counted, not named (MIC §9). */
function certificateTargets(db: Db, targets: DisposalTargets, actor: LedgerActor, list: readonly DisposalTarget[]): CertificateTarget[] {
  return targetViews(db, targets, actor, [list])[0]!.map((v) => {
    if (v.hidden) return { kind: v.kind, label: japaneseText('disposal.hiddenTargets', { count: 1 }), detail: '' };
    // A medium's second word is its 種別's key (the media ledger's words); a holding's is its name.
    return { kind: v.kind, label: v.label, detail: v.kind === 'medium' ? japaneseLabel(v.detail) : v.detail };
  });
}

interface AttachmentRow {
  kind: 'photo' | 'certificate';
  file_name: string;
  mime: string;
  sha256: string;
  caption: string;
  print_image: Buffer | null;
}

function attachments(db: Db, disposalId: number): { photos: CertificatePhoto[]; scans: CertificateInput['scans'] } {
  const rows = statement(
    db,
    'SELECT kind, file_name, mime, sha256, caption, print_image FROM disposal_attachments WHERE disposal_id = ? AND removed_at IS NULL ORDER BY id',
  ).all(disposalId) as AttachmentRow[];
  const photos: CertificatePhoto[] = [];
  const scans: { fileName: string; sha256: string; isPdf: boolean }[] = [];
  for (const a of rows) {
    // A photo is printed from its print image; a scanned certificate (or a photo without one) is listed by name and hash.
    if (a.kind === 'photo' && a.print_image) photos.push({ jpeg: a.print_image, caption: a.caption, fileName: a.file_name });
    else scans.push({ fileName: a.file_name, sha256: a.sha256, isPdf: a.mime === 'application/pdf' });
  }
  return { photos, scans };
}

const certificateNoOf = (db: Db, disposalId: number) => statement(db, 'SELECT certificate_no FROM disposals WHERE id = ?').pluck().get(disposalId) as string | null;

/**
 * The approved correction in force for a record since corrected: a correction may itself be
 * corrected (amend is from 'approved' only, so the corrections form a chain), and the paper in
 * hand should name the one that now stands, not a step on the way (domain.md §3).
 */
export function correctionInForce(db: Db, disposalId: number): { id: number; certificateNo: string; approvedAt: string } | null {
  const row = statement(
    db,
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT ?, 0
       UNION ALL
       SELECT x.id, chain.depth + 1 FROM disposals x JOIN chain ON x.amends_id = chain.id
       WHERE x.status IN ('approved', 'amended') AND chain.depth < 1000
     )
     SELECT x.id, x.certificate_no AS certificateNo, x.approved_at AS approvedAt FROM chain JOIN disposals x ON x.id = chain.id
     WHERE chain.depth > 0 ORDER BY chain.depth DESC, x.approved_at DESC, x.id DESC LIMIT 1`,
  ).get(disposalId) as { id: number; certificateNo: string; approvedAt: string } | undefined;
  return row ?? null;
}

export type CertificateContent = Omit<CertificateInput, keyof PrintContext | 'reissuedOn'>;

type Words = (namespace: string, value: string) => string;
const words: Words = (namespace, value) => japaneseLabel(`${namespace}.${value}`);

/** Everything the certificate prints but who printed it, when, and whether it is a 再発行. */
export function certificateContent(db: Db, scope: { targets: DisposalTargets; actor: LedgerActor }, row: CertificateRow, day: (value: string) => string): CertificateContent {
  const witnessIds = JSON.parse(row.witness_ids) as number[];
  const targets = JSON.parse(row.targets) as DisposalTarget[];
  return {
    certificateNo: row.certificate_no ?? '',
    departmentName: row.department_name,
    targets: certificateTargets(db, scope.targets, scope.actor, targets),
    nistClass: words('disposalNistClass', row.nist_class),
    method: words('disposalMethod', row.method),
    methodDetail: row.method_detail,
    tool: row.tool,
    toolVersion: row.tool_version,
    verificationMethod: row.verification_method,
    verificationOutcome: words('disposalVerificationOutcome', row.verification_outcome),
    performedOn: day(row.performed_on),
    place: words('disposalPlace', row.place_kind),
    placeDetail: row.place_detail,
    operatorName: userName(db, row.operator_id),
    witnessNames: witnessIds.map((id) => userName(db, id)),
    contractorName: row.contractor_name,
    contractorCertificateNo: row.contractor_certificate_no,
    contractorStaff: row.contractor_staff,
    result: words('disposalResult', row.result),
    resultKind: row.result as DisposalResult,
    resultNote: row.result_note,
    approvedByName: userName(db, row.approved_by),
    approvedOn: row.approved_on ? day(row.approved_on) : '',
    remarks: row.remarks,
    amends: row.amends_id === null ? null : { certificateNo: certificateNoOf(db, row.amends_id) ?? '', reason: row.amendment_reason },
    amendedBy: row.status === 'amended' ? (correctionInForce(db, row.id)?.certificateNo ?? null) : null,
    ...attachments(db, row.id),
    verificationCode: row.verification_code ?? '',
  };
}
