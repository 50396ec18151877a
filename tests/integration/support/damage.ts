import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { chief } from './backend';
import { databaseKeyFromPassword, openWithRawKey } from './documentedFormat';

/**
 * A damaged database page as a failing disk leaves it (issue #9, 7), for the integration and
 * end-to-end tests alike. SQLCipher 4 pages are 4096 bytes; offset 100 lies in a page's
 * encrypted data, clear of the salt (page 1's bytes 0–15), the IV and the HMAC at its end.
 */
export const pageSize = 4096;

/** Flips one bit of `page` (1-based) at `offset` in `file`; flipping it again puts the byte back. */
export function flipPageByte(file: string, page: number, offset = 100): void {
  const at = (page - 1) * pageSize + offset;
  const fd = openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0x04;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
}

/**
 * The leaf pages of `table` in the data folder `dir`'s daicho.db, in page order, from SQLite's
 * dbstat (compiled into this driver); opened with the key the chief's password unseals.
 */
export function leafPages(dir: string, table: string): number[] {
  const db = openWithRawKey(path.join(dir, 'daicho.db'), databaseKeyFromPassword(path.join(dir, 'keyring.json'), chief.loginId, chief.password));
  try {
    return db.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`).pluck().all(table) as number[];
  } finally {
    db.close();
  }
}
