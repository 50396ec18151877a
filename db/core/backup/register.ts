import type { BackupRegisterRow, BackupStatus } from '../../contract';
import type { Db } from '../../store/database';
import type { AppCore, Tx } from '../appCore';
import type { AuditActor } from '../audit';
import { outsideCallTurn, sessionTurn } from '../sessionTurn';
import { readSettings } from '../settings';

/**
 * The backup register (バックアップ管理簿, MIC §29): every export, verification and restore,
 * successful or not, with its access-log event in the same transaction.
 */
export interface BackupRecord {
  operation: 'export' | 'verify' | 'restore';
  fileName: string;
  bytes: number | null;
  sha256: string | null;
  mediumLabel?: string;
  mediumLocation?: string;
  result: 'ok' | 'failed';
  messageKey?: string | null;
  /** A restore: the access-log head of the data it replaced, pinned in the restored log (the events after the backup are gone from it). */
  replaced?: { seq: number; hash: string };
  /** An export: the access-log head the backup holds (its manifest's), pinned for 改ざん検査 (auditFindings.ts). */
  auditHead?: { seq: number; hash: string };
}

export function recordBackup(tx: Tx, actor: { userId: number | null; name: string }, record: BackupRecord): number {
  const id = tx.db
    .prepare(
      `INSERT INTO backup_register (at, actor_user_id, actor_name, operation, file_name, bytes, sha256, medium_label, medium_location, result, message_key,
         audit_head_seq, audit_head_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      tx.at,
      actor.userId,
      actor.name,
      record.operation,
      record.fileName,
      record.bytes,
      record.sha256,
      record.mediumLabel ?? '',
      record.mediumLocation ?? '',
      record.result,
      record.messageKey ?? null,
      record.auditHead?.seq ?? null,
      record.auditHead?.hash ?? null,
    ).lastInsertRowid as number;
  const detail = {
    fileName: record.fileName,
    result: record.result,
    ...(record.bytes !== null ? { bytes: record.bytes } : {}),
    ...(record.sha256 ? { sha256: record.sha256 } : {}),
    ...(record.mediumLabel ? { mediumLabel: record.mediumLabel } : {}),
    ...(record.mediumLocation ? { mediumLocation: record.mediumLocation } : {}),
    ...(record.messageKey ? { messageKey: record.messageKey } : {}),
    ...(record.replaced ? { replacedSeq: record.replaced.seq, replacedHeadHash: record.replaced.hash } : {}),
    ...(record.auditHead ? { auditHeadSeq: record.auditHead.seq, auditHeadHash: record.auditHead.hash } : {}),
  };
  const action = record.operation === 'export' ? 'backup.export' : record.operation === 'verify' ? 'backup.verify' : 'backup.restore';
  tx.audit({ action, targetType: 'backup', targetId: id, detail });
  return id;
}

/** Records in the open database, if any (a verification on a fresh install has nowhere to go). */
export function recordIfOpen(core: AppCore, record: BackupRecord, since?: { turn: number; actor: AuditActor }): void {
  if (!core.vault || !core.session || core.session.locked) return;
  // Another session began while it ran: recorded in the name of who started it (issue #9, 12).
  if (!since || sessionTurn(core) === since.turn) core.write((tx) => recordBackup(tx, core.actor(), record));
  else outsideCallTurn(() => core.write((tx) => recordBackup(tx, since.actor, record), since.actor));
}

interface RegisterDbRow {
  id: number;
  at: string;
  actor_name: string;
  operation: BackupRegisterRow['operation'];
  file_name: string;
  bytes: number | null;
  sha256: string | null;
  medium_label: string;
  medium_location: string;
  result: BackupRegisterRow['result'];
  message_key: string | null;
}

/** Newest first, capped (a register grows by a few rows a month: no paging needed). */
export function listRegister(db: Db, limit: number): { rows: BackupRegisterRow[]; total: number } {
  const rows = db.prepare('SELECT * FROM backup_register ORDER BY id DESC LIMIT ?').all(limit) as RegisterDbRow[];
  const total = db.prepare('SELECT count(*) FROM backup_register').pluck().get() as number;
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      operation: r.operation,
      fileName: r.file_name,
      bytes: r.bytes,
      sha256: r.sha256,
      mediumLabel: r.medium_label,
      mediumLocation: r.medium_location,
      result: r.result,
      messageKey: r.message_key,
    })),
  };
}

export const defaultBackupWarnAfterDays = 30;

/** The note on a successful verification of another organisation's backup: it is not a backup of this data. */
export const otherDatabaseVerified = 'backupReport.warnings.otherDatabaseVerified';

export function backupStatus(db: Db): BackupStatus {
  const last = (operation: string) =>
    (db
      .prepare(`SELECT max(at) FROM backup_register WHERE operation = ? AND result = 'ok' AND coalesce(message_key, '') <> ?`)
      .pluck()
      .get(operation, otherDatabaseVerified) as string | null) ?? null;
  const setting = (readSettings(db) as { backupWarnAfterDays?: unknown }).backupWarnAfterDays;
  return {
    lastExportAt: last('export'),
    // A backup checked at its export (reopened and hashed) counts as verified too.
    lastVerifiedAt: [last('verify'), last('export')].filter((v): v is string => v !== null).sort().at(-1) ?? null,
    warnAfterDays: typeof setting === 'number' ? setting : defaultBackupWarnAfterDays,
  };
}
