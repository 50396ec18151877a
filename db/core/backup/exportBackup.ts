import { lstatSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BackupMessage, ChannelOutput, ParsedInput } from '../../contract';
import { serializeKeyring, type RecoverySlot } from '../../keyring/keyring';
import { syncDirectory } from '../../store/atomicFile';
import { AppError } from '../appError';
import type { AppCore } from '../appCore';
import { chooseOutputPath } from '../output/savePath';
import { unwrapKey } from '../../keyring/slotCrypto';
import { backupExtension, databaseKeyAad, openManifest, readLayout } from './format';
import { recordIfOpen } from './register';
import { sessionOwner } from '../sessions';
import { takeSnapshot } from './snapshot';
import { runInWorker } from './worker';
import { writeBackupFile } from './writeFile';

/**
 * バックアップの作成 (issue #8): a consistent snapshot of the database, the key material to
 * open it on another PC, all under a backup passphrase, written to the medium the chief
 * picks; older generations of this organisation's backups beyond `keepGenerations` go.
 */
export async function exportBackup(core: AppCore, input: ParsedInput<'backup.export'>, resolveMedium: BackupMediumResolver): Promise<ChannelOutput<'backup.export'>> {
  core.requireVault();
  // Resolved (or refused) before the save dialog: a refused choice writes nothing (issue #10 item 6).
  const medium = mediumOf(core, input, resolveMedium);
  exportsRunning.set(core, (exportsRunning.get(core) ?? 0) + 1);
  try {
    return await runExport(core, input, medium);
  } finally {
    exportsRunning.set(core, (exportsRunning.get(core) ?? 1) - 1);
  }
}

/**
 * The medium the backup goes on, as the register records it. A registered backup medium
 * (`mediumId`) is resolved by the media area, which core does not import: db/ipc/handlers.ts
 * hands its resolver in (as ledgerRowChecks is). It throws a field error for a medium that may
 * not be chosen; its place's same-room flag replaces the guess from free text (MIC §29).
 */
export type BackupMediumResolver = (core: AppCore, mediumId: number) => { label: string; location: string; besideTerminal: boolean };

interface ChosenMedium {
  mediumLabel: string;
  mediumLocation: string;
  besideTerminal: boolean | null;
}

function mediumOf(core: AppCore, input: ParsedInput<'backup.export'>, resolveMedium: BackupMediumResolver): ChosenMedium {
  if (input.mediumId === undefined) return { mediumLabel: input.mediumLabel, mediumLocation: input.mediumLocation, besideTerminal: null };
  const chosen = resolveMedium(core, input.mediumId);
  return { mediumLabel: chosen.label, mediumLocation: chosen.location, besideTerminal: chosen.besideTerminal };
}

/**
 * Exports under way: the copy reads daicho.db by its path, so a restore must not rename
 * another file into place meanwhile (the backup would mix the two; restore.ts refuses).
 */
const exportsRunning = new WeakMap<AppCore, number>();
export const exportRunning = (core: AppCore): boolean => (exportsRunning.get(core) ?? 0) > 0;

async function runExport(core: AppCore, input: ParsedInput<'backup.export'>, chosen: ChosenMedium): Promise<ChannelOutput<'backup.export'>> {
  const vault = core.requireVault();
  const session = core.requireSession();
  const owner = sessionOwner(core);
  const stamp = fileStamp(core.nowMs(), core.timeZone());
  const defaultName = `Daicho_${safeName(session.organizationName)}_${stamp}.${backupExtension}`;
  // A backup beside the data it copies is no backup (MIC §29), and its rename could replace daicho.db.
  const { file: target, fileName } = await chooseOutputPath(
    core,
    { defaultName, filters: [{ name: 'Daicho backup', extensions: [backupExtension] }] },
    () => new AppError('BACKUP_WRITE_FAILED', undefined, undefined, 'errors.backupIntoDataFolder'),
  );
  const medium = { mediumLabel: chosen.mediumLabel, mediumLocation: chosen.mediumLocation };
  const recoverySlot = vault.keyring.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
  if (!recoverySlot) throw new AppError('KEYRING_DAMAGED');

  const emit = (phase: string, done: number, total: number) => core.emit({ type: 'backup.progress', operation: 'export', phase, done, total });
  emit('snapshot', 0, 1);
  // Our own copy of the key: a lock or logout while scrypt or the copy runs wipes the vault's
  // (closeVault fills it with zeros), which would seal a backup whose database key is zeros.
  const databaseKey = Buffer.from(vault.masterKey);
  // The keyring as this session holds it, beside the snapshot: the file on disk may be the
  // damaged one the session's login repaired from its copy (keyringFiles.ts).
  const { checksum: _stored, ...held } = vault.keyring;
  const keyringJson = serializeKeyring(held).text;
  let snapshot: Awaited<ReturnType<typeof takeSnapshot>>;
  try {
    snapshot = await takeSnapshot(vault.db, core.files.database, databaseKey);
  } catch (error) {
    databaseKey.fill(0);
    throw error;
  }
  try {
    await assertPagesIntact(core.files.database, snapshot.length, databaseKey);
  } catch (error) {
    snapshot.release();
    databaseKey.fill(0);
    recordIfOpen(core, { operation: 'export', fileName, bytes: null, sha256: null, ...medium, result: 'failed', messageKey: 'errors.DATABASE_DAMAGED' }, owner);
    throw error;
  }
  let written: { bytes: number; sha256: string };
  let removed: string[];
  try {
    written = await writeBackupFile(
      target,
      {
        databaseFile: core.files.database,
        length: snapshot.length,
        summary: { ...snapshot.summary, appVersion: core.appVersion, createdAt: core.nowIso(), createdBy: session.displayName },
        databaseKey,
        keyringJson,
        recoverySlot,
      },
      input.passphrase,
      { kdfCost: core.kdfCost, onProgress: emit },
    );
  } catch (error) {
    databaseKey.fill(0);
    const messageKey = error instanceof AppError ? error.messageKey : 'errors.INTERNAL';
    recordIfOpen(core, { operation: 'export', fileName, bytes: null, sha256: null, ...medium, result: 'failed', messageKey }, owner);
    throw error;
  } finally {
    snapshot.release();
  }
  try {
    removed = pruneGenerations(path.dirname(target), snapshot.summary.databaseId, databaseKey, fileName, input.keepGenerations);
  } finally {
    databaseKey.fill(0);
  }
  recordIfOpen(core, { operation: 'export', fileName, ...written, ...medium, result: 'ok', auditHead: snapshot.summary.auditHead }, owner);
  emit('done', 1, 1);
  return { fileName, ...written, removed, warnings: chosenMediumWarnings(chosen, session.departmentName) };
}

/**
 * The pages are copied as they are, so a damaged page would be copied too, and the backup
 * found unusable only when it is needed (issue #9, 7): every page's HMAC is checked first
 * and a damaged database is refused with DATABASE_DAMAGED (restore the last good backup).
 */
async function assertPagesIntact(file: string, length: number, databaseKey: Buffer): Promise<void> {
  const pages = await runInWorker({ kind: 'pages', src: file, srcOffset: 0, length, key: databaseKey });
  if (pages.badPages > 0) {
    console.error(`daicho: backup refused, ${pages.badPages} damaged page(s) in the database, first ${pages.firstBadPage}`);
    throw new AppError('DATABASE_DAMAGED');
  }
}

/**
 * MIC §29 (seed 004 case 7-1: backup media beside the server): the medium must be kept apart
 * from the terminal. The app knows no room of the terminal, so a location that is empty,
 * says 「同じ」/「同室」/「端末」/「横」/「隣」, or names the chief's own 課等 is taken to be
 * the terminal's own place. Deliberately simple; the warning never blocks the export.
 */
export function storageWarnings(location: string, departmentName: string): BackupMessage[] {
  const text = location.normalize('NFKC').trim();
  if (text === '') return [{ messageKey: 'backupReport.warnings.noLocation' }];
  const same = /同じ|同室|端末|横|隣|そば|same/i.test(text) || (departmentName.trim() !== '' && text.includes(departmentName.normalize('NFKC').trim()));
  return same ? [{ messageKey: 'backupReport.warnings.sameLocation' }] : [];
}

/** A registered medium says itself whether its place is beside the terminal; free text is guessed from (storageWarnings). */
function chosenMediumWarnings(chosen: ChosenMedium, departmentName: string): BackupMessage[] {
  if (chosen.besideTerminal === null) return storageWarnings(chosen.mediumLocation, departmentName);
  if (chosen.mediumLocation === '') return [{ messageKey: 'backupReport.warnings.noLocation' }];
  return chosen.besideTerminal ? [{ messageKey: 'backupReport.warnings.sameLocation' }] : [];
}

/**
 * Keeps the newest `keep` backups of this database in the folder (the new one included).
 * Only whole, authentic backups of this database count and go: plain files (no symlink)
 * whose manifest opens under the database key (the header is its AAD, so its createdAt is
 * genuine) and whose payload is all there. A file that merely copies our header (with a
 * createdAt in 2099, or cut short) neither pushes a real generation out nor is deleted.
 */
export function pruneGenerations(dir: string, databaseId: string, databaseKey: Buffer, newName: string, keep: number): string[] {
  const ours: { name: string; createdAt: string }[] = [];
  for (const name of readdirSync(dir)) {
    if (name === newName || name.startsWith('.') || !name.endsWith(`.${backupExtension}`)) continue;
    try {
      const file = path.join(dir, name);
      if (!lstatSync(file).isFile()) continue;
      const layout = readLayout(file);
      if (layout.header.databaseId !== databaseId) continue;
      const backupKey = unwrapKey(databaseKey, layout.header.recovery.wrap, databaseKeyAad(databaseId));
      const manifest = backupKey ? openManifest(layout, backupKey) : null;
      // Only its summary counts here: the key copies are wiped at once (issue #9, 6).
      backupKey?.fill(0);
      manifest?.databaseKey.fill(0);
      if (!manifest || manifest.summary.databaseId !== databaseId || layout.fileSize !== layout.payloadOffset + manifest.payload.length) continue;
      ours.push({ name, createdAt: layout.header.createdAt });
    } catch {
      // Not a backup, or a damaged one: never ours to delete.
    }
  }
  ours.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const removed = ours.slice(Math.max(0, keep - 1)).map((b) => b.name);
  for (const name of removed) rmSync(path.join(dir, name), { force: true });
  if (removed.length > 0) syncDirectory(dir);
  return removed.reverse();
}

function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s\p{Cc}]/gu, '_').slice(0, 60) || 'organization';
}

/** YYYYMMDD-HHmm in the organisation's time zone. */
function fileStamp(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}`;
}
