import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Keyring } from '../keyring/keyring';
import { keyringPresent, loadKeyring } from '../keyring/keyringFiles';
import { syncDirectory, writeFileAtomic } from '../store/atomicFile';
import type { AppCore } from './appCore';
import { anchorFile } from './auditAnchor';

/**
 * The data folder as the backend finds it at start (issue #9, 8; SECURITY.md, "Files in
 * the data folder" and "Setup"): what a killed process can leave behind is set right
 * before anything else runs.
 */

/** Written before setup creates anything, removed once its transaction has committed. */
export const setupMarkerFileName = 'setup-in-progress.json';

/** What the setup wizard tells the user about the folder it found. */
export type SetupNotice = 'halfMadeCleared' | 'databaseWithoutKeyring';

// writeFileAtomic's temp names: `.<target>.<12 hex>.tmp` (atomicFile.ts).
const atomicTemp = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes the temp files of atomic writes that a crash cut short. A keyring temp may hold
 * key slots of an earlier generation (a deactivated account's, a changed password's), so
 * it must not linger; unlinking is enough, as the slots in it are wrapped like any other.
 */
export function removeStrayTemps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  // Regular files only: writeFileAtomic makes nothing else, and a folder or link that merely
  // has such a name is not ours to remove (rm of a folder threw here, and the app never started).
  const removed = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && atomicTemp.test(entry.name))
    .map((entry) => entry.name);
  for (const name of removed) rmSync(path.join(dir, name), { force: true });
  if (removed.length > 0) syncDirectory(dir);
  return removed;
}

/**
 * What setup makes: the database with its WAL, index and rollback journal (a kill before
 * WAL mode leaves `-journal`; left beside a new daicho.db it would be "rolled back" into
 * it), both keyring copies, and the head anchor of that database.
 */
function setupFiles(core: AppCore): string[] {
  const db = core.files.database;
  return [db, `${db}-wal`, `${db}-shm`, `${db}-journal`, core.files.keyring, core.files.keyringBackup, anchorFile(core.dataDir)];
}

/** Prefix of the folder an interrupted setup's files are moved into. */
export const setupInterruptedPrefix = 'setup-interrupted-';

/**
 * At start: a setup marker beside a folder used after its setup (`usedAfterSetup`) is not
 * that folder's and is dropped. Otherwise it means a setup that never finished, so what setup makes is moved
 * aside (setup-interrupted-<time>/) and the wizard starts over. The folder then holds nothing
 * but setup's own rows: the marker goes only after setup's commit, and this runs before anyone
 * can log in. Moved, never deleted: a marker that came some other way (a folder copied back,
 * a stray file) must not destroy an office's records; moved back, they are as they were. A
 * database without any keyring and no marker is never touched (it may be all an office has):
 * the wizard says what to do instead.
 */
export function prepareDataFolder(core: AppCore): SetupNotice | null {
  removeStrayTemps(core.dataDir);
  const marker = path.join(core.dataDir, setupMarkerFileName);
  if (existsSync(marker) && usedAfterSetup(core)) {
    // Not this folder's setup: the marker (which holds no record) goes, the data stays in use.
    rmSync(marker, { force: true });
    syncDirectory(core.dataDir);
  } else if (existsSync(marker)) {
    const found = [...setupFiles(core), marker].filter((file) => existsSync(file));
    const aside = path.join(core.dataDir, `${setupInterruptedPrefix}${core.nowIso().replace(/[:.]/g, '-')}`);
    if (found.length > 1) mkdirSync(aside, { recursive: true });
    for (const file of found) {
      if (file === marker && found.length === 1) rmSync(file, { force: true });
      else renameSync(file, path.join(aside, path.basename(file)));
    }
    if (found.length > 1) syncDirectory(aside);
    syncDirectory(core.dataDir);
    return 'halfMadeCleared';
  }
  if (existsSync(core.files.database) && !keyringPresent(core.keyringFiles)) return 'databaseWithoutKeyring';
  return null;
}

/** Longer than any setup takes: a lock or logout this long after setup's commit was work of a later session. */
const setupWindowMs = 60 * 60 * 1000;

/**
 * Whether the folder was in use after its setup finished, told without the key. A genuine
 * marker outlives setup only by a crash, so its keyring, if any, is the one setup's commit
 * wrote: one chief slot and the recovery slot, made together. A keyring changed since (an
 * account, a password, a recovery key), or a head anchor written well after that (a later
 * lock or logout), means the marker came some other way (a stray file, a folder copied
 * back): moving that folder aside would hide an office's records behind a wizard that says
 * nothing but setup was there.
 */
function usedAfterSetup(core: AppCore): boolean {
  let keyring: Keyring;
  try {
    keyring = loadKeyring(core.keyringFiles).keyring;
  } catch {
    return false;
  }
  const made = keyring.slots.map((slot) => Date.parse(slot.createdAt));
  const setupAt = made[0] ?? Number.NaN;
  const asSetupWroteIt = keyring.slots.length === 2 && keyring.slots.some((slot) => slot.kind === 'user') && made.every((t) => t === setupAt);
  if (!asSetupWroteIt) return true;
  const anchorAt = anchorTime(core.dataDir);
  return anchorAt !== null && anchorAt - setupAt > setupWindowMs;
}

/** The head anchor's time as written (unauthenticated here: no key at start; an attacker with the folder has the files anyway). */
function anchorTime(dataDir: string): number | null {
  try {
    const at = Date.parse((JSON.parse(readFileSync(anchorFile(dataDir), 'utf8')) as { at?: unknown }).at as string);
    return Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}

export function beginSetup(core: AppCore): void {
  setAsideStaleAnchor(core);
  writeFileAtomic(path.join(core.dataDir, setupMarkerFileName), `${JSON.stringify({ format: 'daicho-setup-marker', startedAt: core.nowIso() })}\n`);
}

/**
 * An anchor.json setup finds (the folder has neither database nor keyring, or setup would
 * not run) vouched for a database no longer here; its MAC is under that database's key, so
 * beside the new one it could only read as forged (anchorInvalid on a new organisation's
 * first 改ざん検査, and at every lock the new anchor was never written). It is kept aside,
 * under a name nothing reads, with the other files of that database if they come back.
 */
function setAsideStaleAnchor(core: AppCore): void {
  const file = anchorFile(core.dataDir);
  if (!existsSync(file)) return;
  renameSync(file, path.join(core.dataDir, `anchor.before-setup-${core.nowIso().replace(/[:.]/g, '-')}.json`));
  syncDirectory(core.dataDir);
}

/** Setup committed: from here the folder is set up and usable. */
export function endSetup(core: AppCore): void {
  rmSync(path.join(core.dataDir, setupMarkerFileName), { force: true });
  syncDirectory(core.dataDir);
}

/** Setup failed in this process: its files go, so it can run again. */
export function abandonSetup(core: AppCore): void {
  for (const file of setupFiles(core)) rmSync(file, { force: true });
  endSetup(core);
}
