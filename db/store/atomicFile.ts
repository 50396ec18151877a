import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Replaces `file` so that a crash leaves either the old content or the new, never a mix
 * (KeePassXC's save): write a temp file beside it, fsync it, rename over, fsync the folder.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  stageFileAtomic(file, data).place();
}

/** A file written and fsynced under a temp name beside its place, not yet there. */
export interface StagedFile {
  /** Renames it over its place and makes the rename durable (a failure removes the temp file). */
  place(): void;
  /** Removes the temp file: the file never appears. */
  discard(): void;
}

/**
 * The first half of writeFileAtomic: the content is on disk, but under its place's name only
 * once `place` is called — so a caller can put a file out only after the write that logs it has
 * committed (db/core/output/delivery.ts writeWithFile: a crash between leaves the event without
 * the file, never the file without its event, MIC §21).
 */
export function stageFileAtomic(file: string, data: string | Uint8Array): StagedFile {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  return {
    place: () => {
      try {
        renameSync(temp, file);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
      syncDirectory(dir);
    },
    discard: () => rmSync(temp, { force: true }),
  };
}

/** Makes a rename durable. Windows cannot open a folder for fsync; NTFS journals the rename. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on Windows: nothing more can be done there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
