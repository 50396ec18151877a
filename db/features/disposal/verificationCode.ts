import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Tx } from '../../core/appCore';
import { auditHead } from '../../core/audit';
import type { Db } from '../../store/database';
import { canonicalJson } from '../../store/canonicalJson';
import { statement } from '../../store/statements';

/**
 * The verification code printed on a 廃棄・消去証明書 (issue #11 items 5–6; domain.md §3): a paper
 * copy can be checked against the ledger years later. The code is
 *
 *   TTTT-R8-0001-MMMM-MMMM-MMMM-MMMM-CC
 *
 * TTTT: the organisation's tag (from its certificate key, migration 0018), so a code made by
 * another installation is told apart; R8-0001: the 証明書番号; M…: 80 bits of an HMAC-SHA256,
 * under the organisation's key, of the certified content (every field, the targets, each
 * attachment's SHA-256, the approval) and of the approval's place in the access-log chain (its
 * seq and the hash of the event before it); CC: a check over the rest, so a typo or a made-up
 * string is told apart from a code this ledger did not issue. Crockford base32 (no I L O U):
 * read back case-blind, O as 0, I and L as 1, in full width too (a reader in IME mode).
 *
 * Without the database key nobody can make a code for content of their choosing; an insider who
 * changes a certified field changes what the code is computed from, so the paper no longer
 * matches (`altered`), and rewriting the approval event breaks the chain (改ざん検査).
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const macChars = 16;

function base32(bytes: Buffer, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

function certificateKey(db: Db): Buffer {
  return statement(db, 'SELECT secret FROM disposal_certificate_key WHERE id = 1').pluck().get() as Buffer;
}

/** This organisation's tag: the first group of every code it issues. */
export function organisationTag(db: Db): string {
  return base32(createHmac('sha256', certificateKey(db)).update('daicho/certificate/organisation').digest(), 4);
}

function checkChars(payload: string): string {
  return base32(createHash('sha256').update(`daicho/certificate/check\n${payload}`).digest(), 2);
}

/**
 * The columns a certificate vouches for: every field of the record, the approval, and the chain
 * position. Not the status (an approved record later amended still vouches for what it said),
 * nor the envelope (version, timestamps) or the code itself.
 */
const certifiedColumns = [
  'id', 'certificate_no', 'department_id', 'amends_id', 'amendment_reason', 'nist_class', 'method', 'method_detail', 'tool',
  'tool_version', 'verification_method', 'verification_outcome', 'performed_on', 'place_kind', 'place_detail', 'operator_id',
  'witness_ids', 'contractor_name', 'contractor_certificate_no', 'contractor_staff', 'result', 'result_note', 'targets',
  'remarks', 'created_by', 'requested_by', 'approved_by', 'approved_at', 'approved_on', 'chain_seq', 'chain_prev_hash',
] as const;

/** What a certificate vouches for, as one canonical text: the columns above and each attachment in force by id, kind and SHA-256. */
export function certifiedContent(db: Db, disposalId: number): string {
  const row = statement(db, `SELECT ${certifiedColumns.join(', ')} FROM disposals WHERE id = ?`).get(disposalId) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no disposal ${disposalId}`);
  const attachments = statement(
    db,
    'SELECT id, kind, sha256 FROM disposal_attachments WHERE disposal_id = ? AND removed_at IS NULL ORDER BY id',
  ).raw().all(disposalId);
  return canonicalJson({ v: 1, row, attachments });
}

function macOf(db: Db, disposalId: number): string {
  return base32(createHmac('sha256', certificateKey(db)).update(certifiedContent(db, disposalId)).digest(), macChars);
}

/** A code from its parts, with its check characters (as printed). */
export function formatCode(tag: string, certificateNo: string, mac: string): string {
  const groups = mac.match(/.{4}/g) as string[];
  const payload = [tag, certificateNo, ...groups].join('-');
  return `${payload}-${checkChars(payload)}`;
}

/**
 * Seals an approval: call it in the approval's write after the record's approval fields and
 * 証明書番号 are set, immediately before the `disposal.approve` event is appended (that event is
 * the next in the chain: its seq and the hash before it are part of the code). Writes the code
 * and the chain position into the row and returns the code.
 */
export function sealVerificationCode(tx: Tx, disposalId: number): string {
  const head = auditHead(tx.db);
  statement(tx.db, 'UPDATE disposals SET chain_seq = ?, chain_prev_hash = ? WHERE id = ?').run(head.seq + 1, head.hash, disposalId);
  const certificateNo = statement(tx.db, 'SELECT certificate_no FROM disposals WHERE id = ?').pluck().get(disposalId) as string;
  const code = formatCode(organisationTag(tx.db), certificateNo, macOf(tx.db, disposalId));
  statement(tx.db, 'UPDATE disposals SET verification_code = ? WHERE id = ?').run(code, disposalId);
  return code;
}

/** The code a record would carry now (its content as it stands): differs from the printed one when a certified field changed. */
export function currentCode(db: Db, disposalId: number): string {
  const certificateNo = statement(db, 'SELECT certificate_no FROM disposals WHERE id = ?').pluck().get(disposalId) as string;
  return formatCode(organisationTag(db), certificateNo, macOf(db, disposalId));
}

export interface ParsedCode {
  /** The code written as this ledger prints it. */
  code: string;
  tag: string;
  certificateNo: string;
  mac: string;
}

/**
 * Reads a code as typed, scanned or pasted: full width, either case, any dash or space between
 * the groups (ー from an IME too, a soft hyphen), zero-width characters anywhere, O/I/L for
 * 0/1/1 in the base32 groups. Null when it is not a well-formed code (wrong shape or check
 * characters): a typo or a made-up string.
 */
export function parseCode(text: string): ParsedCode | null {
  const groups = text
    .normalize('NFKC')
    // Invisible characters a PDF viewer's copy or a chat message leaves in and between the groups; a soft hyphen is a dash.
    .replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '')
    .toUpperCase()
    .split(/[\s\-‐‑‒–—―−ー－_\u00AD]+/u)
    .filter((g) => g.length > 0);
  if (groups.length !== 8) return null;
  const [tag, year, serial, m1, m2, m3, m4, check] = groups as [string, string, string, string, string, string, string, string];
  if (!/^R\d{1,3}$/.test(year) || !/^\d{4,6}$/.test(serial)) return null;
  const base32Groups = [tag, m1, m2, m3, m4, check].map((g) => g.replace(/O/g, '0').replace(/[IL]/g, '1'));
  if (base32Groups.some((g, i) => (i === 5 ? g.length !== 2 : g.length !== 4) || [...g].some((c) => !alphabet.includes(c)))) return null;
  const [t, a, b, c, d, cc] = base32Groups as [string, string, string, string, string, string];
  const certificateNo = `${year}-${serial}`;
  const payload = [t, certificateNo, a, b, c, d].join('-');
  if (checkChars(payload) !== cc) return null;
  return { code: `${payload}-${cc}`, tag: t, certificateNo, mac: a + b + c + d };
}

/** Constant-time comparison of two codes' MAC parts. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The MAC part of a stored, well-formed code. */
export function macPart(code: string): string {
  return parseCode(code)?.mac ?? '';
}
