import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { opaqueId } from '../opaqueId';
import type { BackupMessage, BackupSummary, RestorePreview } from '../../contract';
import { readKeyring } from '../../keyring/keyring';
import { writeKeyringText } from '../../keyring/keyringFiles';
import { syncDirectory } from '../../store/atomicFile';
import { keyConnection } from '../../store/secrets';
import { latestSchemaVersion } from '../../store/migrations';
import type { Db } from '../../store/database';
import { AppError } from '../appError';
import { loggedFileName } from '../output/fileName';
import type { AppCore } from '../appCore';
import { auditHead } from '../audit';
import { anchorFile, resetAnchor, writeAnchor } from '../auditAnchor';
import { forgetHeldDrafts } from '../drafts';
import { damageRecord, forgetDamage, isSameDatabase, type DamageRecord } from '../damagedDatabase';
import type { BackupManifest, BackupSecret } from './format';
import { exportRunning } from './exportBackup';
import { recordBackup, recordIfOpen } from './register';
import { summarize } from './snapshot';
import { openBackup, refusal } from './verify';

/**
 * 復元 (issue #8). open: the chosen file is verified in full and its payload staged in the
 * data folder (still encrypted); the clerk sees what it holds against the current data.
 * commit: the current files are copied to backup-before-restore-<time>/, then daicho.db is
 * replaced by one rename and keyring.json by another. Until that first rename the current
 * data is untouched (a failure or a killed process leaves it as it was; a staged
 * `.daicho-restore-*.db` may remain and is removed at the next restore). Over existing data
 * only a backup of the same database (same databaseId and key) is accepted: another
 * organisation's backup belongs on a fresh install. Hence a crash between the two renames
 * leaves the restored database beside the current keyring, which opens it (same key).
 */
interface PendingRestore {
  restoreId: string;
  fresh: boolean;
  stagedFile: string;
  manifest: BackupManifest;
  fileName: string;
  bytes: number;
  /** Set when it repairs a folder whose database a login found damaged (damagedDatabase.ts). */
  damage: DamageRecord | null;
  /** The session that opened it (null on a fresh install): a later login, even the same chief's, must open the file again. */
  session: AppCore['session'];
}

const pending = new WeakMap<AppCore, PendingRestore>();

/** Test seams: a test kills the process here (before the first rename, between the two). */
export const restoreHooks: { beforeSwap?: () => void; betweenRenames?: () => void } = {};

export async function openRestore(core: AppCore, secret: BackupSecret, fresh: boolean): Promise<RestorePreview> {
  // Over a set-up folder only when a login found its database damaged (damagedDatabase.ts).
  const damage = fresh && core.isSetUp() ? damagedFolder(core) : null;
  if (fresh && core.isSetUp() && !damage) throw new AppError('ALREADY_SET_UP');
  const vault = fresh ? null : core.requireVault();
  const file = await core.ports.dialogs.chooseOpenPath({ filters: [{ name: 'Daicho backup', extensions: ['daicho-backup'] }] });
  if (!file) throw new AppError('CANCELLED');
  // The name goes into the backup register and the access log: one carrying a 個人番号 is refused before anything is staged (issue #9, 2).
  const fileName = loggedFileName(file);
  mkdirSync(core.dataDir, { recursive: true });
  discardPending(core);
  removeStaleStaging(core.dataDir);

  let opened;
  try {
    opened = await openBackup(file, secret, {
      stageDir: core.dataDir,
      keepPayload: true,
      onProgress: (done, total) => core.emit({ type: 'backup.progress', operation: 'restore', phase: 'verify', done, total }),
    });
  } catch (error) {
    if (error instanceof AppError) recordIfOpen(core, { operation: 'restore', fileName, bytes: null, sha256: null, result: 'failed', messageKey: error.messageKey });
    throw error;
  }
  const refused = refusal(opened);
  const manifest = opened.manifest;
  const otherDatabase =
    vault !== null && manifest !== null && !refused && (manifest.summary.databaseId !== vault.keyring.databaseId || !manifest.databaseKey.equals(vault.masterKey));
  const notTheDamaged = damage !== null && manifest !== null && !refused && !isSameDatabase(damage, manifest.summary.databaseId, manifest.databaseKey);
  const error = refused ?? (otherDatabase || notTheDamaged ? new AppError('BACKUP_OTHER_ORGANIZATION', { organization: manifest?.summary.organizationName ?? '' }) : null);
  if (error || !manifest || !opened.stagedFile) {
    manifest?.databaseKey.fill(0);
    if (opened.stagedFile) rmSync(opened.stagedFile, { force: true });
    const failure = error ?? new AppError('BACKUP_DAMAGED');
    recordIfOpen(core, { operation: 'restore', fileName, bytes: opened.report.bytes, sha256: null, result: 'failed', messageKey: failure.messageKey });
    throw failure;
  }

  const restoreId = opaqueId();
  pending.set(core, { restoreId, fresh, damage, stagedFile: opened.stagedFile, manifest, fileName, bytes: opened.report.bytes, session: fresh ? null : core.requireSession() });
  const current: BackupSummary | null = vault
    ? { ...summarize(vault.db), appVersion: core.appVersion, createdAt: core.nowIso(), createdBy: core.requireSession().displayName }
    : null;
  const comparison = compare(manifest.summary, current, vault?.db ?? null);
  const back = vault ? usersComingBack(vault.db, opened.stagedFile, manifest.databaseKey) : [];
  // Over existing data the key is the vault's own (checked above): the pending restore keeps no
  // copy across a lock or logout, and the commit uses the vault's (issue #9, 6).
  if (vault) manifest.databaseKey.fill(0);
  if (back.length > 0) comparison.warnings.push({ messageKey: 'backupReport.warnings.usersReactivated', params: { count: back.length, names: back.join('、') } });
  return { restoreId, fileName, backup: manifest.summary, current, ...comparison };
}

/**
 * Accounts stopped since the backup that it brings back: their rows are active in the backup
 * and keyring.json gets their password slots again. Said before the restore, by name.
 */
function usersComingBack(db: Db, stagedFile: string, key: Buffer): string[] {
  const stopped = new Set(db.prepare('SELECT id FROM users WHERE active = 0').pluck().all() as number[]);
  if (stopped.size === 0) return [];
  const staged = new Database(stagedFile, { fileMustExist: true });
  try {
    keyConnection(staged, key);
    const rows = staged.prepare('SELECT id, display_name FROM users WHERE active = 1 ORDER BY id').all() as { id: number; display_name: string }[];
    return rows.filter((r) => stopped.has(r.id)).map((r) => r.display_name);
  } finally {
    staged.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${stagedFile}${suffix}`, { force: true });
  }
}

function compare(backup: BackupSummary, current: BackupSummary | null, db: Db | null): Pick<RestorePreview, 'differences' | 'warnings'> {
  const tables = [...new Set([...Object.keys(backup.counts), ...Object.keys(current?.counts ?? {})])].sort();
  const warnings: BackupMessage[] = [];
  let sameHistory = false;
  let eventsSinceBackup = 0;
  if (current && db) {
    const hash = db.prepare('SELECT lower(hex(hash)) FROM audit_events WHERE seq = ?').pluck().get(backup.auditHead.seq) as string | undefined;
    sameHistory = backup.auditHead.seq === 0 || hash === backup.auditHead.hash;
    eventsSinceBackup = sameHistory ? Math.max(0, current.auditHead.seq - backup.auditHead.seq) : 0;
    if (eventsSinceBackup > 0) warnings.push({ messageKey: 'backupReport.warnings.backupIsOlder', params: { events: eventsSinceBackup } });
    if (!sameHistory) warnings.push({ messageKey: 'backupReport.warnings.differentHistory' });
  }
  if (backup.schemaVersion < latestSchemaVersion) {
    warnings.push({ messageKey: 'backupReport.warnings.willMigrate', params: { found: backup.schemaVersion, supported: latestSchemaVersion } });
  }
  return {
    differences: {
      backupIsOlder: current !== null && backup.createdAt < current.createdAt && (sameHistory ? eventsSinceBackup > 0 : true),
      eventsSinceBackup,
      sameHistory,
      tables: tables.map((table) => ({ table, backup: backup.counts[table] ?? null, current: current ? (current.counts[table] ?? null) : null })),
    },
    warnings,
  };
}

export function commitRestore(core: AppCore, restoreId: string, fresh: boolean): Record<string, never> {
  const job = pending.get(core);
  if (!job || job.restoreId !== restoreId || job.fresh !== fresh || (!fresh && job.session !== core.session) || !existsSync(job.stagedFile)) {
    // Its session is over: the staged copy goes too.
    if (job && !job.fresh && job.session !== core.session) discardPending(core);
    throw new AppError('NOT_FOUND', undefined, undefined, 'errors.backupRestoreExpired');
  }
  if (exportRunning(core)) throw new AppError('CONFLICT', undefined, undefined, 'errors.backupExportRunning');
  pending.delete(core);
  if (fresh && core.isSetUp() && !(job.damage && damagedFolder(core))) {
    rmSync(job.stagedFile, { force: true });
    throw new AppError('ALREADY_SET_UP');
  }
  const actorName = core.session?.displayName ?? job.damage?.loginId ?? 'system';
  const vault = fresh ? null : core.requireVault();
  const keepKey = vault ? Buffer.from(vault.masterKey) : null;
  const keyring = vault?.keyring ?? null;
  const replaced = vault ? auditHead(vault.db) : null;
  const emit = (phase: string, done: number) => core.emit({ type: 'backup.progress', operation: 'restore', phase, done, total: 3 });
  try {
    emit('safetyCopy', 0);
    if (vault) {
      // Everything committed goes into daicho.db itself, so the WAL can be dropped at the swap.
      vault.db.pragma('wal_checkpoint(TRUNCATE)');
      core.closeVault();
      keepSafetyCopy(core);
    } else if (existsSync(core.files.database)) {
      // A fresh install over a database without its keyring (SECURITY.md, Setup): it may be
      // all an office has, so it is kept aside, never overwritten.
      keepSafetyCopy(core);
    }
    emit('swap', 1);
    restoreHooks.beforeSwap?.();
    // The staged copy was not synced when it was checked; it must be on disk before it replaces daicho.db.
    syncFile(job.stagedFile);
    for (const suffix of ['-wal', '-shm']) rmSync(`${core.files.database}${suffix}`, { force: true });
    renameSync(job.stagedFile, core.files.database);
    // The log is now the backup's, and so is the anchor: a crash before the end must not read as tampering (auditAnchor.ts).
    writeAnchor(core.dataDir, keepKey ?? job.manifest.databaseKey, job.manifest.summary.auditHead, core.nowIso());
    restoreHooks.betweenRenames?.();
    // Both copies (keyringFiles.ts): a copy left of the replaced keyring would disagree with it.
    writeKeyringText(core.keyringFiles, job.manifest.keyringJson);
    syncDirectory(core.dataDir);
  } catch (error) {
    rmSync(job.stagedFile, { force: true });
    if (keepKey && keyring && !core.vault) {
      try {
        core.openVault(keepKey, keyring);
        recordIfOpen(core, { operation: 'restore', fileName: job.fileName, bytes: job.bytes, sha256: null, result: 'failed', messageKey: 'errors.INTERNAL' });
      } catch {
        endSession(core);
      }
    }
    throw error;
  }

  // The restored data records its own restore (opening it migrates an older schema forward).
  // The vault takes this buffer and wipes it when it closes: the one kept from ours, or the backup's (fresh).
  const restoredKey = keepKey ?? job.manifest.databaseKey;
  const restored = core.openVault(restoredKey, readKeyring(core.files.keyring));
  try {
    core.write((tx) => recordBackup(tx, { userId: null, name: actorName }, {
          operation: 'restore',
          fileName: job.fileName,
          bytes: job.bytes,
          sha256: null,
          result: 'ok',
          ...(replaced ? { replaced: { seq: replaced.seq, hash: replaced.hash } } : {}),
        }), { userId: null, name: actorName }, restored);
    // The log is now the backup's: the anchor starts from its head, not the replaced data's (auditAnchor.ts).
    resetAnchor(core.dataDir, restored.db, restored.masterKey, core.nowIso());
  } finally {
    core.closeVault();
  }
  emit('done', 3);
  forgetDamage(core);
  endSession(core);
  return {};
}

/** The damage a login proved, while no one is logged in (the login screen's restore). */
function damagedFolder(core: AppCore): DamageRecord | null {
  return core.session ? null : damageRecord(core);
}

function endSession(core: AppCore): void {
  core.closeVault();
  const had = core.session !== null;
  core.session = null;
  core.pendingRecoveryKey = null;
  forgetHeldDrafts(core);
  if (had) core.emit({ type: 'session.ended', reason: 'restored' });
}

/**
 * The current files, as they are, in backup-before-restore-<time>/ beside them. The head
 * anchor too: it vouches for the replaced log (evidence for whoever investigates), and data
 * moved back without it would meet the restored data's anchor and read as rewritten.
 */
function keepSafetyCopy(core: AppCore): string {
  const dir = path.join(core.dataDir, `backup-before-restore-${core.nowIso().replace(/[:.]/g, '-')}`);
  mkdirSync(dir);
  const files = [core.files.database, `${core.files.database}-wal`, core.files.keyring, core.files.keyringBackup, core.files.lockout, anchorFile(core.dataDir)];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const copy = path.join(dir, path.basename(file));
    copyFileSync(file, copy);
    syncFile(copy);
  }
  syncDirectory(dir);
  syncDirectory(core.dataDir);
  return dir;
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function discardPending(core: AppCore): void {
  const job = pending.get(core);
  if (job) rmSync(job.stagedFile, { force: true });
  job?.manifest.databaseKey.fill(0);
  pending.delete(core);
}

function removeStaleStaging(dir: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith('.daicho-restore-')) rmSync(path.join(dir, name), { force: true });
}
