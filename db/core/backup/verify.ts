import { closeSync, openSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BackupCheck, BackupCheckId, BackupVerifyReport } from '../../contract';
import { latestSchemaVersion } from '../../store/migrations';
import { AppError } from '../appError';
import { openManifest, readLayout, unwrapBackupKey, type BackupManifest, type BackupSecret } from './format';
import { runInWorker, type CheckResult, type Progress } from './worker';

/**
 * Verifies a backup without restoring it (issue #8): passphrase, authenticity (the header is
 * the manifest's GCM AAD), payload length and SHA-256, SQLCipher integrity (every
 * page's HMAC, checked beside the copy: worker.ts PagesTask), schema version, counts per table, the access-log chain and its
 * head against the manifest. The payload is copied (hashed on the way) to a temp file that
 * SQLCipher can open; its pages stay encrypted. A restore keeps that copy as what it swaps in.
 */
export interface OpenedBackup {
  report: BackupVerifyReport;
  /** Its `databaseKey` is wiped (zeros) unless `stagedFile` is set: then the caller wipes it. */
  manifest: BackupManifest | null;
  /** The payload as a database file (encrypted, not yet fsynced), when `keepPayload` was asked and every check passed. */
  stagedFile: string | null;
}

const order: BackupCheckId[] = ['passphrase', 'authenticity', 'payloadHash', 'integrity', 'schemaVersion', 'counts', 'auditChain', 'auditHead'];

export async function openBackup(
  file: string,
  secret: BackupSecret,
  options: { stageDir: string; keepPayload?: boolean; onProgress?: Progress },
): Promise<OpenedBackup> {
  const layout = readLayout(file);
  const checks: BackupCheck[] = [];
  const report = (manifest: BackupManifest | null): BackupVerifyReport => {
    for (const id of order) if (!checks.some((c) => c.id === id)) checks.push({ id, ok: false, messageKey: 'backupReport.checks.notRun' });
    return { ok: checks.every((c) => c.ok), fileName: path.basename(file), bytes: layout.fileSize, checks, manifest: manifest?.summary ?? null };
  };
  const done = (manifest: BackupManifest | null, stagedFile: string | null = null): OpenedBackup => ({ report: report(manifest), manifest, stagedFile });

  const backupKey = await unwrapBackupKey(layout.header, secret);
  checks.push({ id: 'passphrase', ok: backupKey !== null, messageKey: `backupReport.checks.passphrase${backupKey ? 'Ok' : 'Failed'}` });
  if (!backupKey) return done(null);
  const manifest = openManifest(layout, backupKey);
  backupKey.fill(0);
  checks.push({ id: 'authenticity', ok: manifest !== null, messageKey: `backupReport.checks.authenticity${manifest ? 'Ok' : 'Failed'}` });
  if (!manifest) return done(null);

  const { length, sha256 } = manifest.payload;
  const staged = path.join(options.stageDir, `.daicho-restore-${randomBytes(6).toString('hex')}.db`);
  let keep = false;
  try {
    let hashOk = layout.fileSize === layout.payloadOffset + length;
    let pagesOk = false;
    if (hashOk) {
      closeSync(openSync(staged, 'wx', 0o600));
      // Two workers read the payload side by side: one copies and hashes it, one checks every page's HMAC.
      const [copied, pages] = await Promise.all([
        runInWorker({ kind: 'copy', src: file, srcOffset: layout.payloadOffset, length, dst: staged, dstOffset: 0, sync: false }, options.onProgress),
        runInWorker({ kind: 'pages', src: file, srcOffset: layout.payloadOffset, length, key: manifest.databaseKey }),
      ]);
      hashOk = copied.bytes === length && copied.sha256 === sha256;
      pagesOk = pages.badPages === 0 && pages.pages * 4096 === length;
    }
    checks.push({ id: 'payloadHash', ok: hashOk, messageKey: `backupReport.checks.payloadHash${hashOk ? 'Ok' : 'Failed'}`, params: { bytes: length } });
    if (!hashOk) return done(manifest);

    // A page that fails its HMAC makes SQLite refuse the file ('malformed'): integrity fails, the rest is not run.
    const result = pagesOk ? await runInWorker({ kind: 'check', file: staged, key: manifest.databaseKey }).catch(() => null) : null;
    const integrityOk = result !== null && result.opened;
    checks.push({ id: 'integrity', ok: integrityOk, messageKey: `backupReport.checks.integrity${integrityOk ? 'Ok' : 'Failed'}` });
    if (!integrityOk) return done(manifest);

    checks.push(...contentChecks(manifest, result));
    const opened = done(manifest);
    keep = opened.report.ok && options.keepPayload === true;
    return keep ? { ...opened, stagedFile: staged } : opened;
  } finally {
    // The key goes with the staged copy: only a restore, which opens that copy, keeps it (and wipes it).
    if (!keep) manifest.databaseKey.fill(0);
    if (!keep) rmSync(staged, { force: true });
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${staged}${suffix}`, { force: true });
  }
}

/** What the opened copy holds against what its manifest says: schema version, rows per table, the access-log chain and its head. */
function contentChecks(manifest: BackupManifest, result: CheckResult): BackupCheck[] {
  const out: BackupCheck[] = [];
  const versionOk = result.schemaVersion <= latestSchemaVersion && result.schemaVersion === manifest.summary.schemaVersion;
  out.push({
    id: 'schemaVersion',
    ok: versionOk,
    messageKey: versionOk ? 'backupReport.checks.schemaVersionOk' : 'backupReport.checks.schemaVersionTooNew',
    params: { found: result.schemaVersion, supported: latestSchemaVersion },
  });

  const tables = new Set([...Object.keys(manifest.summary.counts), ...Object.keys(result.counts)]);
  const wrong = [...tables].find((t) => manifest.summary.counts[t] !== result.counts[t]);
  out.push(
    wrong === undefined
      ? { id: 'counts', ok: true, messageKey: 'backupReport.checks.countsOk', params: { tables: tables.size } }
      : {
          id: 'counts',
          ok: false,
          messageKey: 'backupReport.checks.countsFailed',
          params: { table: wrong, expected: manifest.summary.counts[wrong] ?? 0, found: result.counts[wrong] ?? 0 },
        },
  );

  out.push(
    result.chain.ok
      ? { id: 'auditChain', ok: true, messageKey: 'backupReport.checks.auditChainOk', params: { checked: result.chain.checked } }
      : { id: 'auditChain', ok: false, messageKey: 'backupReport.checks.auditChainFailed', params: { seq: result.chain.firstBroken?.seq ?? 0 } },
  );
  const head = manifest.summary.auditHead;
  const headOk = result.chain.ok && result.chain.lastSeq === head.seq && result.chain.lastHash === head.hash;
  out.push({
    id: 'auditHead',
    ok: headOk,
    messageKey: `backupReport.checks.auditHead${headOk ? 'Ok' : 'Failed'}`,
    params: headOk ? { seq: head.seq } : { expected: head.seq, found: result.chain.lastSeq },
  });
  return out;
}

/** A report's first failure as the error a restore refuses with. */
export function refusal(opened: OpenedBackup): AppError | null {
  const failed = opened.report.checks.find((c) => !c.ok);
  if (!failed) return null;
  if (failed.id === 'passphrase') return new AppError('BACKUP_WRONG_PASSPHRASE');
  if (failed.id === 'schemaVersion' && opened.manifest && opened.manifest.summary.schemaVersion > latestSchemaVersion) {
    return new AppError('BACKUP_TOO_NEW', { found: opened.manifest.summary.schemaVersion, supported: latestSchemaVersion });
  }
  return new AppError('BACKUP_DAMAGED');
}
