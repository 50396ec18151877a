import type { DisposalStatus } from '../../contract/disposal';
import type { CodeCheck, CodeOutcome } from '../../contract/disposalOutput';
import type { AppCore } from '../../core/appCore';
import { genesisHash } from '../../core/audit';
import type { LedgerActor } from '../../ledger/record';
import { actorOf, isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { currentCode, macPart, organisationTag, parseCode, sameMac, type ParsedCode } from './verificationCode';

/**
 * Checking a paper 廃棄・消去証明書 against the ledger (issue #11 item 6): the code typed or
 * scanned (verificationCode.ts reads it) is told apart as not a code, another organisation's,
 * no record of ours, a record as certified (valid, or amended and by which correction), a
 * record changed since it was certified (altered), or a code this ledger never issued (forged).
 * Only reads: the channel's audited read is the one event (readAudit, MIC §21).
 */
interface CertifiedRow {
  id: number;
  certificate_no: string;
  department_id: number;
  status: DisposalStatus;
  approved_at: string;
  verification_code: string;
  chain_seq: number;
  chain_prev_hash: string;
}

const certifiedStatuses = "('approved', 'amended')";

function certifiedRow(db: Db, certificateNo: string): CertifiedRow | undefined {
  return statement(
    db,
    `SELECT id, certificate_no, department_id, status, approved_at, verification_code, chain_seq, chain_prev_hash
     FROM disposals WHERE certificate_no = ? AND status IN ${certifiedStatuses}`,
  ).get(certificateNo) as CertifiedRow | undefined;
}

/**
 * The approval's place in the access-log chain still holds: the event at chain_seq is this
 * record's approval, and the event before it has the hash sealed into the code. A rewritten or
 * deleted approval event (or one before it) breaks it (改ざん検査 tells the rest).
 */
function chainHolds(db: Db, row: CertifiedRow): boolean {
  const event = statement(db, 'SELECT action, target_id FROM audit_events WHERE seq = ?').get(row.chain_seq) as
    | { action: string; target_id: string | null }
    | undefined;
  if (!event || event.action !== 'disposal.approve' || event.target_id !== String(row.id)) return false;
  const before =
    row.chain_seq === 1
      ? genesisHash
      : (statement(db, 'SELECT lower(hex(hash)) FROM audit_events WHERE seq = ?').pluck().get(row.chain_seq - 1) as string | undefined);
  return before === row.chain_prev_hash.toLowerCase();
}

/** The approved correction that superseded an amended record (the newest, domain.md §3). */
function amendedBy(db: Db, disposalId: number): CodeCheck['amendedBy'] {
  const row = statement(
    db,
    `SELECT id, certificate_no, approved_at FROM disposals WHERE amends_id = ? AND status IN ${certifiedStatuses}
     ORDER BY approved_at DESC, id DESC LIMIT 1`,
  ).get(disposalId) as { id: number; certificate_no: string; approved_at: string } | undefined;
  return row ? { id: row.id, certificateNo: row.certificate_no, approvedAt: row.approved_at } : null;
}

/**
 * valid / amended: the paper matches the record as it stands and the approval still holds its
 * place in the chain. altered: the paper is one this ledger issued (it matches what was sealed,
 * or what the record now says) but the record or its approval event changed since. forged: neither.
 */
function contentOutcome(db: Db, parsed: ParsedCode, row: CertifiedRow): CodeOutcome {
  const matchesNow = sameMac(parsed.mac, macPart(currentCode(db, row.id)));
  if (matchesNow && chainHolds(db, row)) return row.status === 'amended' ? 'amended' : 'valid';
  if (matchesNow || sameMac(parsed.mac, macPart(row.verification_code))) return 'altered';
  return 'forged';
}

function outcomeOnly(outcome: CodeOutcome, code: string): CodeCheck {
  return { outcome, code, disposalId: null, certificateNo: null, status: null, approvedAt: null, hidden: false, amendedBy: null };
}

export function checkCode(core: AppCore, text: string): CodeCheck {
  return checkCodeAs(core.requireVault().db, actorOf(core), text);
}

/** What `text` says about this ledger, as `actor` may be told it. */
export function checkCodeAs(db: Db, actor: LedgerActor, text: string): CodeCheck {
  const parsed = parseCode(text);
  if (!parsed) return outcomeOnly('malformed', text.normalize('NFKC').trim());
  if (parsed.tag !== organisationTag(db)) return outcomeOnly('otherOrganization', parsed.code);
  const row = certifiedRow(db, parsed.certificateNo);
  if (!row) return outcomeOnly('notFound', parsed.code);
  const outcome = contentOutcome(db, parsed, row);
  // Another 課等's record (MIC §9): the reader learns whether the paper holds, not the record.
  if (isDepartmentScoped(actor) && actor.departmentId !== row.department_id) return { ...outcomeOnly(outcome, parsed.code), hidden: true };
  const known = outcome !== 'forged';
  return {
    outcome,
    code: parsed.code,
    disposalId: known ? row.id : null,
    certificateNo: known ? row.certificate_no : null,
    status: known ? row.status : null,
    approvedAt: known ? row.approved_at : null,
    hidden: false,
    amendedBy: outcome === 'amended' ? amendedBy(db, row.id) : null,
  };
}
