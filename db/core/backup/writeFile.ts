import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BackupSummary } from '../../contract';
import type { RecoverySlot } from '../../keyring/keyring';
import { syncDirectory } from '../../store/atomicFile';
import { randomSecret } from '../../store/secrets';
import { AppError } from '../appError';
import { encodePreamble, manifestLength, newHeader, openManifest, passphraseKek, readLayout, sealManifest, type BackupManifest } from './format';
import { runInWorker, type Progress } from './worker';

export interface BackupSource {
  /** The database file and how many of its bytes form the snapshot. */
  databaseFile: string;
  length: number;
  summary: BackupSummary;
  databaseKey: Buffer;
  keyringJson: string;
  recoverySlot: RecoverySlot;
}

/**
 * Writes a backup file atomically (KeePassXC's save): a temp name beside the target, the
 * payload copied and hashed in a worker, the manifest sealed once the hash is known (its
 * length does not depend on the hash), fsync, then the written file is reopened and checked
 * (manifest decrypts, payload hashes to the manifest's value) before it is renamed. Any
 * failure removes the temp file: nothing half-written is ever under the final name.
 */
export async function writeBackupFile(
  target: string,
  source: BackupSource,
  passphrase: string,
  options: { kdfCost?: { N: number; r: number; p: number }; onProgress?: (phase: string, done: number, total: number) => void },
): Promise<{ bytes: number; sha256: string }> {
  const progress = (phase: string): Progress => (done, total) => options.onProgress?.(phase, done, total);
  const { kdf, kek } = await passphraseKek(passphrase, options.kdfCost);
  const backupKey = randomSecret(32);
  const header = newHeader({
    databaseId: source.summary.databaseId,
    createdAt: source.summary.createdAt,
    backupKey,
    passphraseKek: kek,
    kdf,
    recoverySlot: source.recoverySlot,
    databaseKey: source.databaseKey,
  });
  const draft: BackupManifest = {
    summary: source.summary,
    payload: { length: source.length, sha256: '0'.repeat(64) },
    databaseKey: source.databaseKey,
    keyringJson: source.keyringJson,
  };
  const preamble = encodePreamble(header, manifestLength(draft));
  const payloadOffset = preamble.length + 12 + manifestLength(draft) + 16;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    writeAll(fd, preamble, 0);
    closeSync(fd);
    fd = null;
    const copied = await runInWorker(
      { kind: 'copy', src: source.databaseFile, srcOffset: 0, length: source.length, dst: temp, dstOffset: payloadOffset },
      progress('copy'),
    );
    if (copied.bytes !== source.length) throw new Error('backup: the database file was shorter than its snapshot');
    const manifest: BackupManifest = { ...draft, payload: { length: source.length, sha256: copied.sha256 } };
    const sealed = sealManifest(backupKey, preamble, manifest);
    fd = openSync(temp, 'r+');
    writeAll(fd, Buffer.concat([sealed.iv, sealed.ciphertext, sealed.tag]), preamble.length);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;

    // Reopen what is on the medium: a flaky stick is found now, not on the day of the restore.
    // One pass hashes the whole file (for the register) and the payload (against the manifest).
    const layout = readLayout(temp);
    const reread = openManifest(layout, backupKey);
    const keyOk = reread !== null && reread.databaseKey.equals(source.databaseKey);
    reread?.databaseKey.fill(0);
    const check = await runInWorker({ kind: 'copy', src: temp, srcOffset: 0, length: layout.fileSize, dst: null, dstOffset: 0, innerFrom: layout.payloadOffset }, progress('verify'));
    if (!reread || !keyOk || reread.payload.sha256 !== copied.sha256 || check.inner !== copied.sha256 || layout.fileSize !== payloadOffset + source.length) {
      throw new AppError('BACKUP_DAMAGED');
    }
    renameSync(temp, target);
    syncDirectory(path.dirname(target));
    return { bytes: layout.fileSize, sha256: check.sha256 };
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    throw writeFailure(error);
  } finally {
    backupKey.fill(0);
    kek.fill(0);
  }
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
}

/** A full, read-only or vanished target, in words a clerk can act on. */
export function writeFailure(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown })?.code;
  const text = `${typeof code === 'string' ? code : ''} ${error instanceof Error ? error.message : String(error)}`;
  if (/ENOSPC|EDQUOT|EFBIG/.test(text)) return new AppError('BACKUP_WRITE_FAILED', undefined, undefined, 'errors.backupDiskFull');
  if (/EACCES|EPERM|EROFS/.test(text)) return new AppError('BACKUP_WRITE_FAILED', undefined, undefined, 'errors.backupReadOnly');
  if (/ENOENT|ENOTDIR|ENODEV|EIO|ENXIO/.test(text)) return new AppError('BACKUP_WRITE_FAILED', undefined, undefined, 'errors.backupTargetGone');
  return error;
}

