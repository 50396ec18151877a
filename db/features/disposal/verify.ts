import type { DisposalStatus } from '../../contract/disposal';
import type { CodeCheck, CodeOutcome } from '../../contract/disposalOutput';
import type { AppCore } from '../../core/appCore';
import { eventHashHolds, eventRowAt, genesisHash, type EventRow } from '../../core/audit';
import type { LedgerActor } from '../../ledger/record';
import { actorOf, isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { attachmentBytesHold } from './attachments';
import { correctionInForce } from './certificateData';
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

/**
 * The record carrying the number, whatever its status: only an approval gives a number, so a
 * numbered row that is not approved or amended was turned back by SQL (checked in contentOutcome).
 */
function certifiedRow(db: Db, certificateNo: string): CertifiedRow | undefined {
  return statement(
    db,
    `SELECT id, certificate_no, department_id, status, approved_at, verification_code, chain_seq, chain_prev_hash
     FROM disposals WHERE certificate_no = ? ORDER BY status IN ${certifiedStatuses} DESC, id LIMIT 1`,
  ).get(certificateNo) as CertifiedRow | undefined;
}

/**
 * The codes the approval events of a 証明書番号 / of a record logged. Each is answered from a partial
 * index of the approval events (migration 0020), never by walking the access log.
 */
export const approvalsOfNumberSql =
  "SELECT json_extract(detail, '$.verificationCode') FROM audit_events WHERE action = 'disposal.approve' AND json_extract(detail, '$.certificateNo') = ?";
export const approvalsOfRecordSql = "SELECT json_extract(detail, '$.verificationCode') FROM audit_events WHERE action = 'disposal.approve' AND target_id = ?";

/**
 * No record carries the number: notFound, unless the access log says an approval issued it (the
 * row was renumbered or its number cleared behind the app): then altered if the paper's code is
 * the one logged, forged if not.
 */
function unnumberedOutcome(db: Db, parsed: ParsedCode): CodeOutcome {
  const codes = statement(db, approvalsOfNumberSql)
    .pluck()
    .all(parsed.certificateNo) as (string | null)[];
  if (codes.length === 0) return 'notFound';
  return codes.some((c) => typeof c === 'string' && sameMac(parsed.mac, macPart(c))) ? 'altered' : 'forged';
}

const codeIn = (e: EventRow): string | null => {
  const code = (JSON.parse(e.detail) as { verificationCode?: unknown }).verificationCode;
  return typeof code === 'string' ? code : null;
};

/**
 * The code the approval put into the access-log chain, if its place there still holds: the event
 * at chain_seq is this record's approval, the event before it has the hash sealed into the code,
 * the event's own hash and the next one's still compute. Null otherwise: a rewritten, moved or
 * deleted approval event, or one before it (改ざん検査 tells the rest). The code is read from the
 * event, not the row: an insider with the key can recompute the row's code, not the chain.
 */
function codeSealedInChain(db: Db, row: CertifiedRow): string | null {
  const event = eventRowAt(db, row.chain_seq);
  if (!event || event.action !== 'disposal.approve' || event.target_id !== String(row.id)) return null;
  // A record is approved once: a second approval event is one appended at the head by someone with the key.
  if (approvalCodes(db, row).length !== 1) return null;
  const before = row.chain_seq === 1 ? genesisHash : eventRowAt(db, row.chain_seq - 1)?.hash;
  if (before !== row.chain_prev_hash.toLowerCase() || !eventHashHolds(event, before)) return null;
  const next = eventRowAt(db, row.chain_seq + 1);
  if (next && !eventHashHolds(next, event.hash)) return null;
  return codeIn(event);
}

/** The codes this record's approval events logged (one, unless the log was added to behind the app). */
function approvalCodes(db: Db, row: CertifiedRow): (string | null)[] {
  return statement(db, approvalsOfRecordSql)
    .pluck()
    .all(String(row.id)) as (string | null)[];
}

/** Some approval event of this record logged the paper's code (the paper is one this ledger issued), wherever it now stands. */
const loggedCode = (db: Db, row: CertifiedRow, mac: string) => approvalCodes(db, row).some((c) => typeof c === 'string' && sameMac(mac, macPart(c)));

/**
 * valid / amended: the paper matches the record as it stands and the approval still holds its
 * place in the chain. altered: the paper is one this ledger issued (it matches what was sealed,
 * or what the record now says) but the record or its approval event changed since. forged: neither.
 */
function contentOutcome(db: Db, parsed: ParsedCode, row: CertifiedRow): CodeOutcome {
  const matchesNow = sameMac(parsed.mac, macPart(currentCode(db, row.id)));
  const sealed = codeSealedInChain(db, row);
  // The code covers each attachment's SHA-256; the bytes kept must still be those (MIC §13 写真等).
  const certified = row.status === 'approved' || row.status === 'amended';
  if (certified && matchesNow && sealed !== null && sameMac(parsed.mac, macPart(sealed)) && attachmentBytesHold(db, row.id)) return row.status === 'amended' ? 'amended' : 'valid';
  if (matchesNow || sameMac(parsed.mac, macPart(row.verification_code)) || loggedCode(db, row, parsed.mac)) return 'altered';
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
  if (!row) return outcomeOnly(unnumberedOutcome(db, parsed), parsed.code);
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
    amendedBy: outcome === 'amended' ? correctionInForce(db, row.id) : null,
  };
}
