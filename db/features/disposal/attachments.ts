import { readFileSync, statSync } from 'node:fs';
import type { ChannelInput } from '../../contract';
import type { Attachment, AttachmentImage } from '../../contract/disposalAttachments';
import { attachmentLimits, type AttachmentKind, type AttachmentMime } from '../../contract/disposalValues';
import { AppError } from '../../core/appError';
import type { AppCore, Tx } from '../../core/appCore';
import { writeWithFile } from '../../core/output/delivery';
import { chooseOutputPath } from '../../core/output/savePath';
import { assertSameTurn, sessionTurn } from '../../core/sessions';
import { pinSideRow } from '../../ledger/integrity';
import { appendHistory, type LedgerActor, type LedgerRef } from '../../ledger/record';
import { actorOf, assertDepartmentAccess } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { attachmentFileName, checkSize, contentType, fileError, loadSharp, prepareFile, sha256Of, type PreparedFile } from './attachmentFiles';

/**
 * Photos of destroyed media and the contractor's scanned certificate (issue #11 item 2; MIC §13
 * 写真等を付した消去及び廃棄を証明する書類). Main opens the file dialog, reads the file and keeps
 * its bytes in the encrypted database (they travel in backups); the renderer gets metadata and,
 * on request, a thumbnail or the print image — never a path.
 */

// The disposal ledger as the kit's history needs it (its column table is helper-agnostic: columns.ts).
const disposalRef: LedgerRef = { table: 'disposals', history: { table: 'disposal_history', recordColumn: 'disposal_id' } };

// 改ざん検査: disposal_attachments is a side table of the disposal ledger (columns.ts), each row pinned
// by its attach / detach event without its BLOBs (sha256 stands for the content).
const attachmentTable = 'disposal_attachments';

const pdfFilters = { name: 'PDF', extensions: ['pdf'] };
const imageFilters = { name: 'JPEG / PNG', extensions: ['jpg', 'jpeg', 'png'] };

interface AttachmentRow {
  id: number;
  disposal_id: number;
  kind: AttachmentKind;
  file_name: string;
  mime: AttachmentMime;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  caption: string;
  added_at: string;
  added_by_name: string;
  removed_at: string | null;
  removed_by_name: string | null;
}

const attachmentColumns = `a.id, a.disposal_id, a.kind, a.file_name, a.mime, a.size, a.sha256, a.width, a.height, a.caption, a.added_at,
  ua.display_name AS added_by_name, a.removed_at, ur.display_name AS removed_by_name
  FROM disposal_attachments a JOIN users ua ON ua.id = a.added_by LEFT JOIN users ur ON ur.id = a.removed_by`;

function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    disposalId: r.disposal_id,
    kind: r.kind,
    fileName: r.file_name,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
    caption: r.caption,
    addedAt: r.added_at,
    addedByName: r.added_by_name,
    removedAt: r.removed_at,
    removedByName: r.removed_by_name,
  };
}

/** A record's attachments, added and removed, oldest first: metadata only, never the bytes (disposal.get). */
export function listAttachments(db: Db, disposalId: number): Attachment[] {
  return (statement(db, `SELECT ${attachmentColumns} WHERE a.disposal_id = ? ORDER BY a.id`).all(disposalId) as AttachmentRow[]).map(toAttachment);
}

function readAttachment(db: Db, id: number): Attachment {
  const row = statement(db, `SELECT ${attachmentColumns} WHERE a.id = ?`).get(id) as AttachmentRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return toAttachment(row);
}

interface DisposalState {
  id: number;
  department_id: number;
  status: string;
  version: number;
}

/** The record, if the actor may read it (MIC §9: another 課等's record is as one that does not exist). */
function readDisposal(db: Db, actor: LedgerActor, disposalId: number): DisposalState {
  const row = statement(db, 'SELECT id, department_id, status, version FROM disposals WHERE id = ?').get(disposalId) as DisposalState | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  assertDepartmentAccess(actor, row.department_id);
  return row;
}

/** Only a 作成中 record's files change: a requested or approved record is frozen (domain.md §3). */
function assertDraft(d: DisposalState): void {
  if (d.status !== 'draft') throw new AppError('CONFLICT', undefined, undefined, 'disposalAttachments.errors.notDraft');
}

function assertRoom(db: Db, disposalId: number): void {
  const inForce = statement(db, 'SELECT count(*) FROM disposal_attachments WHERE disposal_id = ? AND removed_at IS NULL').pluck().get(disposalId) as number;
  if (inForce >= attachmentLimits.maxPerRecord) throw new AppError('CONFLICT', { maximum: attachmentLimits.maxPerRecord }, undefined, 'disposalAttachments.errors.tooMany');
}

/** The picked file read and made ready (type, location removed, images) — all before the transaction. */
async function pickFile(core: AppCore, kind: AttachmentKind): Promise<{ fileName: string; prepared: PreparedFile } | null> {
  const turn = sessionTurn(core);
  const file = await core.ports.dialogs.chooseOpenPath({ filters: kind === 'photo' ? [imageFilters] : [{ name: 'JPEG / PNG / PDF', extensions: ['jpg', 'jpeg', 'png', 'pdf'] }, imageFilters, pdfFilters] });
  if (!file) return null;
  // Picked in one session, answered in another: the file is read for no one (issue #9, 12).
  assertSameTurn(core, turn);
  const fileName = attachmentFileName(file);
  const bytes = readPicked(file);
  checkSize(bytes.length);
  const mime = await contentType(bytes, fileName, kind);
  return { fileName, prepared: await prepareFile(bytes, mime) };
}

/**
 * The picked file's bytes. The size from the file system first: an oversized file is refused
 * without being read. A file gone or unreadable by now (a USB stick pulled out, a folder picked,
 * no permission) is said so, not an internal error.
 */
function readPicked(file: string): Buffer {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw fileError('disposalAttachments.errors.unreadable');
  }
  if (!stat.isFile()) throw fileError('disposalAttachments.errors.unreadable');
  checkSize(stat.size);
  try {
    return readFileSync(file);
  } catch {
    throw fileError('disposalAttachments.errors.unreadable');
  }
}

type AddInput = ChannelInput<'disposal.attachments.add'>;

export async function addAttachment(core: AppCore, input: AddInput): Promise<{ attachment: Attachment | null }> {
  const actor = actorOf(core);
  const db = core.requireVault().db;
  // Refused before the dialog opens when nothing could be attached anyway.
  const before = readDisposal(db, actor, input.disposalId);
  assertDraft(before);
  assertRoom(db, before.id);
  const picked = await pickFile(core, input.kind);
  if (!picked) return { attachment: null };
  const { fileName, prepared: p } = picked;
  const id = core.write((tx) => {
    // Checked again inside the write: the record may have been requested or filled while the file was read.
    const d = readDisposal(tx.db, actorOf(core), input.disposalId);
    assertDraft(d);
    assertRoom(tx.db, d.id);
    const { lastInsertRowid } = statement(
      tx.db,
      `INSERT INTO disposal_attachments (disposal_id, kind, file_name, mime, size, sha256, width, height, caption, content, thumbnail, print_image, added_by, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(d.id, input.kind, fileName, p.mime, p.content.length, p.sha256, p.width, p.height, input.caption, p.content, p.thumbnail, p.printImage, actor.userId, tx.at);
    const attachmentId = Number(lastInsertRowid);
    // A step of the record, not an edit of it: its version (and 照合 of its fields) stays.
    appendHistory(tx, disposalRef, actor, d.id, d.version, 'attach', [], fileName);
    pinSideRow(tx.db, attachmentTable, attachmentId);
    tx.audit({ action: 'disposal.attach', targetType: 'disposal', targetId: d.id, detail: { fileName, kind: input.kind, sha256: p.sha256, size: p.content.length } });
    return attachmentId;
  });
  return { attachment: readAttachment(db, id) };
}

/**
 * Whether each attachment in force still has the bytes its SHA-256 says: the code vouches for the
 * hashes (verificationCode.ts certifiedContent), so a file swapped by SQL under its unchanged hash
 * makes the paper no longer match what is kept (verify.ts: altered).
 */
export function attachmentBytesHold(db: Db, disposalId: number): boolean {
  const rows = statement(db, 'SELECT content, sha256 FROM disposal_attachments WHERE disposal_id = ? AND removed_at IS NULL').all(disposalId) as { content: Buffer | null; sha256: string }[];
  return rows.every((r) => r.content !== null && sha256Of(r.content) === r.sha256);
}

/** The attachment and its record, if the actor may read the record. */
function attachmentOf(db: Db, actor: LedgerActor, attachmentId: number): { attachment: Attachment; disposal: DisposalState } {
  const attachment = readAttachment(db, attachmentId);
  return { attachment, disposal: readDisposal(db, actor, attachment.disposalId) };
}

export function removeAttachment(core: AppCore, input: ChannelInput<'disposal.attachments.remove'>): Attachment {
  const actor = actorOf(core);
  core.write((tx: Tx) => {
    const { attachment, disposal } = attachmentOf(tx.db, actor, input.attachmentId);
    assertDraft(disposal);
    if (attachment.removedAt !== null) throw new AppError('CONFLICT', undefined, undefined, 'disposalAttachments.errors.removed');
    // The row stays (who removed what, when); its bytes go — the CHECK wants no content once removed.
    statement(tx.db, 'UPDATE disposal_attachments SET content = NULL, thumbnail = NULL, print_image = NULL, removed_by = ?, removed_at = ? WHERE id = ?').run(actor.userId, tx.at, attachment.id);
    appendHistory(tx, disposalRef, actor, disposal.id, disposal.version, 'detach', [], input.reason ? `${attachment.fileName}: ${input.reason}` : attachment.fileName);
    pinSideRow(tx.db, attachmentTable, attachment.id);
    tx.audit({
      action: 'disposal.detach',
      targetType: 'disposal',
      targetId: disposal.id,
      detail: { fileName: attachment.fileName, kind: attachment.kind, sha256: attachment.sha256, ...(input.reason ? { reason: input.reason } : {}) },
    });
  });
  return readAttachment(core.requireVault().db, input.attachmentId);
}

/** A thumbnail (the list) or the print image (a photo opened), as base64 for a data: URL. */
export async function attachmentImage(core: AppCore, input: ChannelInput<'disposal.attachments.image'>): Promise<AttachmentImage> {
  const db = core.requireVault().db;
  const { attachment } = attachmentOf(db, actorOf(core), input.attachmentId);
  if (attachment.removedAt !== null) throw new AppError('CONFLICT', undefined, undefined, 'disposalAttachments.errors.removed');
  const column = input.size === 'thumbnail' ? 'thumbnail' : 'print_image';
  const image = statement(db, `SELECT ${column} FROM disposal_attachments WHERE id = ?`).pluck().get(attachment.id) as Buffer | null;
  if (!image) throw new AppError('CONFLICT', undefined, undefined, 'disposalAttachments.errors.noImage');
  const { width = 0, height = 0 } = await imageSize(image);
  return { mime: 'image/jpeg', base64: image.toString('base64'), width, height };
}

async function imageSize(image: Buffer): Promise<{ width?: number; height?: number }> {
  return (await loadSharp())(image).metadata();
}

/** The file as stored (its location removed) written where the user chooses: an audited export. */
export async function saveAttachment(core: AppCore, input: ChannelInput<'disposal.attachments.save'>): Promise<{ savedTo: string | null }> {
  const actor = actorOf(core);
  const { attachment } = attachmentOf(core.requireVault().db, actor, input.attachmentId);
  if (attachment.removedAt !== null) throw new AppError('CONFLICT', undefined, undefined, 'disposalAttachments.errors.removed');
  const ext = attachment.fileName.includes('.') ? attachment.fileName.slice(attachment.fileName.lastIndexOf('.') + 1) : '';
  let chosen: { file: string; fileName: string };
  try {
    chosen = await chooseOutputPath(core, { defaultName: attachment.fileName, filters: [{ name: attachment.mime, extensions: ext ? [ext] : [] }] });
  } catch (e) {
    if (e instanceof AppError && e.code === 'CANCELLED') return { savedTo: null };
    throw e;
  }
  writeWithFile(core, (tx, place) => {
    // Read inside the write: removed meanwhile, the bytes are gone and nothing is logged or written.
    const { attachment: now, disposal } = attachmentOf(tx.db, actor, input.attachmentId);
    const content = statement(tx.db, 'SELECT content FROM disposal_attachments WHERE id = ?').pluck().get(now.id) as Buffer | null;
    if (!content) throw new AppError('CONFLICT', undefined, undefined, 'disposalAttachments.errors.removed');
    tx.audit({ action: 'disposal.attachment.save', targetType: 'disposal_attachment', targetId: now.id, detail: { disposalId: disposal.id, fileName: chosen.fileName, sha256: now.sha256 } });
    // Written in the transaction that logs it, in place once it committed: a failed write rolls the event back (output.ts does the same).
    place(chosen.file, content);
  });
  return { savedTo: chosen.file };
}
