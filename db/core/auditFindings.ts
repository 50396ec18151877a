import type { ChainVerification, VerificationFinding } from '../contract';
import type { Db } from '../store/database';
import { isDatabaseDamage } from '../store/damage';
import { auditHead } from './audit';
import { hashAt, readAnchor } from './auditAnchor';
import { walkOf, type ChainWalk } from './auditVerify';

/**
 * 改ざん検査 beyond the chain's own hashes (issue #9, item 5): a chain rewritten consistently,
 * or cut short, still verifies against itself. So every head pinned outside the log is
 * compared with it — each review's, each backup's, the anchor file's — and every ledger row
 * with the state its latest event recorded (`RowChecks`, the kit's: db/ledger/reconcile.ts).
 * docs/SECURITY.md says what each catches and what it does not.
 */
interface Pin {
  source: 'review' | 'backup' | 'anchor';
  id: number;
  seq: number;
  hash: string;
}

function pinnedHeads(db: Db): Pin[] {
  const reviews = db.prepare('SELECT id, reviewed_through_seq AS seq, head_hash AS hash FROM audit_reviews WHERE reviewed_through_seq > 0 ORDER BY id').all() as Omit<Pin, 'source'>[];
  const backups = db
    .prepare("SELECT id, audit_head_seq AS seq, audit_head_hash AS hash FROM backup_register WHERE audit_head_seq > 0 AND operation = 'export' ORDER BY id")
    .all() as Omit<Pin, 'source'>[];
  return [...reviews.map((r) => ({ ...r, source: 'review' as const })), ...backups.map((b) => ({ ...b, source: 'backup' as const }))];
}

/** A pin the verified log no longer has (cut short) or has with another hash (rewritten). */
function checkPin(db: Db, chain: ChainVerification, pin: Pin): VerificationFinding | null {
  const params = { source: pin.source, id: pin.id, seq: pin.seq };
  if (pin.seq > chain.headSeq) {
    // Beyond a break the chain finding already says it; past the intact head, events are missing.
    return chain.ok ? { kind: 'pinMissing', params: { ...params, headSeq: chain.headSeq, missing: pin.seq - chain.headSeq }, fieldKeys: [] } : null;
  }
  return hashAt(db, pin.seq) === pin.hash.toLowerCase() ? null : { kind: 'pinMismatch', params, fieldKeys: [] };
}

function anchorFindings(db: Db, chain: ChainVerification, walk: ChainWalk, dataDir: string, masterKey: Buffer): VerificationFinding[] {
  const anchor = readAnchor(dataDir, masterKey);
  if (anchor.state === 'invalid') return [{ kind: 'anchorInvalid', params: {}, fieldKeys: [] }];
  if (anchor.state === 'missing') {
    // Expected once a lock or logout followed the first baseline: each of those wrote it.
    const baseline = walk.pins.find(([, , isBaseline]) => isBaseline)?.[0];
    return baseline !== undefined && walk.lastClose > baseline ? [{ kind: 'anchorMissing', params: { lastClose: walk.lastClose }, fieldKeys: [] }] : [];
  }
  // Older than the head is normal (a crash before the next lock); ahead or different is not.
  const finding = checkPin(db, chain, { source: 'anchor', id: 0, seq: anchor.seq, hash: anchor.hash });
  return finding ? [finding] : [];
}

/**
 * Reconciliation of rows with the row states the log recorded (statePins.ts). The kit
 * implements it (db/ledger/reconcile.ts `ledgerRowChecks`) and db/ipc/handlers.ts hands it
 * in: core cannot import the kit, which builds on core (docs/ARCHITECTURE.md, "Folders").
 */
export interface RowChecks<S> {
  /**
   * The rows as they stand, and the row states of the events after `headSeq` (written while
   * the chain was walked), read in one transaction so they agree. The costly half: 改ざん検査
   * runs it while the chain's workers run.
   */
  snapshot(db: Db, headSeq: number): S;
  /** Every row that no event of the walked chain (or written since) accounts for. */
  findings(db: Db, walk: ChainWalk, snapshot: S): VerificationFinding[];
  /** What a reader limited to one 課等 is told of `findings` (MIC §9, issue #9 item 3). */
  forDepartment(db: Db, findings: readonly VerificationFinding[], departmentId: number): VerificationFinding[];
}

/** The snapshot as of the log's head now; null when the file is damaged (that is reported by the file's own checks). */
export function snapshotIfReadable<S>(db: Db, rows: RowChecks<S>): S | null {
  try {
    return rows.snapshot(db, auditHead(db).seq);
  } catch (error) {
    if (!isDatabaseDamage(error)) throw error;
    return null;
  }
}

/**
 * The chain's verification with everything pinned outside it; ok only when nothing was
 * found. `snapshot` is taken after the chain's head was read (`rows.snapshot`), by default
 * now; null skips the rows (the file was damaged).
 */
export function withFindings<S>(db: Db, chain: ChainVerification, dataDir: string, masterKey: Buffer, rows: RowChecks<S>, snapshot?: S | null): ChainVerification {
  const walk = walkOf(chain);
  try {
    const findings = [
      ...pinnedHeads(db).map((pin) => checkPin(db, chain, pin)).filter((f): f is VerificationFinding => f !== null),
      ...anchorFindings(db, chain, walk, dataDir, masterKey),
      // On a broken chain the rows after the break cannot be told from the events: the break is the finding.
      ...(chain.ok && snapshot !== null ? rows.findings(db, walk, snapshot === undefined ? rows.snapshot(db, chain.headSeq) : snapshot) : []),
    ];
    return { ...chain, ok: chain.ok && findings.length === 0, findings };
  } catch (error) {
    // A damaged page met on the way: the chain's result stands, and the file's checks name the damage.
    if (!isDatabaseDamage(error)) throw error;
    return chain;
  }
}
