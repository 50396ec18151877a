import { statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { ChainVerification, IntegrityCheck } from '../contract';
import type { Db } from '../store/database';
import { keyConnection, secretBuffer } from '../store/secrets';
import { isDatabaseDamage } from '../store/damage';
import type { AppCore } from './appCore';
import { verifyChain } from './auditVerify';
import { runInWorker, type IntegrityResult, type PagesResult } from './backup/worker';

/**
 * 改ざん検査 of the database file (issue #9, 7), beside the access log's chain: a flipped byte
 * on a history or search page is otherwise noticed only when that row is read.
 * - `cipher_integrity_check`: every page's SQLCipher HMAC, recomputed in a worker thread
 *   (this build's PRAGMA cipher_integrity_check returns nothing; backup/worker.ts 'pages').
 * - `integrity_check`: SQLite's PRAGMA, on a worker's own read-only connection so IPC stays
 *   responsive. A page that fails its HMAC cannot be read, which stops SQLite's check: that
 *   is reported as the check aborted, and the page numbers come from the first check.
 * Both are worker work because they read the whole file (figures in docs/SECURITY.md).
 */
export async function verifyLogAndFile(core: AppCore, chain: Promise<ChainVerification>): Promise<ChainVerification> {
  let verification: ChainVerification;
  try {
    verification = await chain;
  } catch (error) {
    if (!isDatabaseDamage(error)) throw error;
    // What reads beyond the log (reconciling ledger rows) met the damaged page: the chain alone
    // is said, and the result is not ok, since the file is damaged; the checks below say where.
    console.error('daicho: 改ざん検査 met a damaged page', error);
    verification = { ...verifyChain(core.requireVault().db), ok: false };
  }
  // A lock while the chain was checked wiped the key: nothing more is read for a locked screen.
  const vault = core.requireVault();
  return { ...verification, integrity: await checkIntegrity(vault.db, core.files.database, vault.masterKey) };
}

export async function checkIntegrity(db: Db, file: string, masterKey: Buffer): Promise<IntegrityCheck[]> {
  // Our own copy, wiped at the end (store/secrets.ts): a lock during the awaits below overwrites the vault's.
  const key = secretBuffer(masterKey.length);
  masterKey.copy(key);
  try {
    const frozen = freezeFile(db, file, key);
    let pages: PagesResult;
    try {
      pages = await runInWorker({ kind: 'pages', src: file, srcOffset: 0, length: frozen.length, key });
    } finally {
      frozen.release();
    }
    const sqlite = await runInWorker({ kind: 'integrity', file, key });
    return [pageCheck(pages), sqliteCheck(sqlite)];
  } finally {
    key.fill(0);
  }
}

/**
 * The pages are read from daicho.db itself, so it must not change meanwhile (as for a backup,
 * backup/snapshot.ts): the WAL is folded in, then a reader holds a snapshot of the file alone,
 * and SQLite never checkpoints past a reader's snapshot. A file whose first page is damaged
 * cannot be held; nothing can commit to it either.
 */
function freezeFile(db: Db, file: string, key: Buffer): { length: number; release(): void } {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A damaged page in the WAL's way: the scan reports it.
  }
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  let holding = false;
  try {
    keyConnection(reader, key);
    reader.prepare('BEGIN').run();
    holding = true;
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    // Page 1 unreadable: the scan names it.
  }
  return {
    length: statSync(file).size,
    release: () => {
      try {
        if (holding) reader.prepare('COMMIT').run();
      } finally {
        reader.close();
      }
    },
  };
}

const shownFindings = 5;

function pageCheck(pages: PagesResult): IntegrityCheck {
  return {
    check: 'cipher_integrity_check',
    ok: pages.badPages === 0,
    problems: pages.badPages,
    findings: pages.badPageList.slice(0, shownFindings).map((page) => ({ kind: 'hmac', page, text: '' })),
  };
}

function sqliteCheck(result: IntegrityResult): IntegrityCheck {
  if (result.aborted) {
    return { check: 'integrity_check', ok: false, problems: 1, findings: [{ kind: 'aborted', page: null, text: result.aborted.message }] };
  }
  const problems = result.messages.filter((m) => m !== 'ok');
  return {
    check: 'integrity_check',
    ok: problems.length === 0,
    problems: problems.length,
    findings: problems.slice(0, shownFindings).map((text) => ({ kind: 'sqlite', page: pageIn(text), text })),
  };
}

/** SQLite names a page as "page 123" (e.g. "Tree 5 page 81 cell 0: …", "Page 7: never used"). */
function pageIn(message: string): number | null {
  const match = /\bpage (\d+)/i.exec(message);
  return match ? Number(match[1]) : null;
}
