import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/appError';
import { syncDirectory, writeFileAtomic } from '../store/atomicFile';
import { keyringFileName, parseKeyring, serializeKeyring, type Keyring } from './keyring';

/**
 * keyring.json and its copy, keyring.backup.json (issue #9, 8): losing the one file that
 * holds every wrapped key loses the database, so each write puts the same generation into
 * both, one after the other, each read back and checked before the next. The copy is of the
 * CURRENT generation, never the previous one: a previous generation would still hold the
 * slot of a deactivated account and open with a password that was changed (SECURITY.md,
 * "keyring.json and its copy").
 */
export const keyringBackupFileName = 'keyring.backup.json';

export interface KeyringFiles {
  primary: string;
  backup: string;
}

export function keyringFilesIn(dataDir: string): KeyringFiles {
  return { primary: path.join(dataDir, keyringFileName), backup: path.join(dataDir, keyringBackupFileName) };
}

export type KeyringFileName = typeof keyringFileName | typeof keyringBackupFileName;
/** What was wrong with one copy when it was read; set right by the next write (catchUp). */
export interface KeyringCopyProblem {
  file: KeyringFileName;
  problem: 'missing' | 'damaged' | 'differs';
}

export interface LoadedKeyring {
  keyring: Keyring;
  problems: KeyringCopyProblem[];
  /** The copy, when both are whole and differ: which generation is current, only the database can say (keySlots.ts). */
  alternative: Keyring | null;
}

/** Set up = either copy is there (the other is put back at the next login). */
export function keyringPresent(files: KeyringFiles): boolean {
  return existsSync(files.primary) || existsSync(files.backup);
}

type CopyRead = { keyring: Keyring; text: string } | 'missing' | 'damaged';

function readCopy(file: string): CopyRead {
  if (!existsSync(file)) return 'missing';
  try {
    const text = readFileSync(file, 'utf8');
    return { keyring: parseKeyring(text), text };
  } catch {
    return 'damaged';
  }
}

/**
 * The keyring to use: keyring.json if it is whole, else its copy. Two whole copies that
 * name different databases are refused: which one belongs to daicho.db cannot be told
 * without opening it, and a keyring of another database must never be used (nor copied).
 * Two whole copies of one database that differ are both kept at hand (`alternative`): a
 * crash between the two writes leaves them so, but so does an OLD generation put in place
 * of either file, and an old one holds slots of accounts deactivated since and lacks the
 * slots made since. A password opens with either; the next write keeps the copy the
 * database agrees with and makes both equal (keySlots.ts, repairKeyringCopies).
 */
export function loadKeyring(files: KeyringFiles): LoadedKeyring {
  const primary = readCopy(files.primary);
  const backup = readCopy(files.backup);
  if (typeof primary !== 'string') {
    if (typeof backup !== 'string' && backup.keyring.databaseId !== primary.keyring.databaseId) {
      throw new AppError('KEYRING_DAMAGED', undefined, undefined, 'errors.keyringOtherDatabase');
    }
    const problem = typeof backup === 'string' ? backup : backup.text === primary.text ? null : 'differs';
    const alternative = problem === 'differs' && typeof backup !== 'string' ? backup.keyring : null;
    return { keyring: primary.keyring, problems: problem ? [{ file: keyringBackupFileName, problem }] : [], alternative };
  }
  if (typeof backup !== 'string') return { keyring: backup.keyring, problems: [{ file: keyringFileName, problem: primary }], alternative: null };
  // Neither copy is usable. The recovery key cannot help: its slot is inside these files.
  throw new AppError('KEYRING_DAMAGED', undefined, undefined, primary === 'missing' && backup === 'missing' ? 'errors.keyringMissing' : 'errors.keyringLost');
}

/** Writes one copy and reads it back: a copy that does not read back whole is an error. */
function writeVerified(file: string, text: string): void {
  writeFileAtomic(file, text);
  let back: string;
  try {
    back = readFileSync(file, 'utf8');
  } catch {
    back = '';
  }
  if (back !== text) throw new AppError('KEYRING_DAMAGED', undefined, undefined, 'errors.keyringWriteFailed');
}

/** Writes `text` (a whole keyring) to keyring.json, then to its copy. */
export function writeKeyringText(files: KeyringFiles, text: string): void {
  parseKeyring(text);
  writeVerified(files.primary, text);
  writeVerified(files.backup, text);
}

/** Both copies of a new generation (checksum added); returns it. */
export function saveKeyringFiles(files: KeyringFiles, keyring: Omit<Keyring, 'checksum'>): Keyring {
  const { keyring: complete, text } = serializeKeyring(keyring);
  writeKeyringText(files, text);
  return complete;
}

/** The bytes of both copies, to put back if the transaction that changed them fails. */
export function snapshotKeyringFiles(files: KeyringFiles): { primary: Buffer | null; backup: Buffer | null } {
  return {
    primary: existsSync(files.primary) ? readFileSync(files.primary) : null,
    backup: existsSync(files.backup) ? readFileSync(files.backup) : null,
  };
}

export function restoreKeyringFiles(files: KeyringFiles, before: { primary: Buffer | null; backup: Buffer | null }): void {
  for (const which of ['primary', 'backup'] as const) {
    const bytes = before[which];
    if (bytes) writeFileAtomic(files[which], bytes);
    else rmSync(files[which], { force: true });
  }
  syncDirectory(path.dirname(files.primary));
}
