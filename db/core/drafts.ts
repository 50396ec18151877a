import {
  can,
  containsMyNumber,
  draftFormIds,
  draftForms,
  draftLifetimeDays,
  type DraftFormId,
  type ParsedInput,
  type PendingDraft,
  type RestoredDraft,
} from '../contract';
import { createHmac, hkdfSync } from 'node:crypto';
import { AppError, fieldError } from './appError';
import type { AppCore, Tx } from './appCore';
import { iterateAuditEvents } from './audit';

/**
 * Drafts (issue #7): a form's unsaved input survives the lock. While the form is open main
 * holds it in memory for the session's user (drafts.keep); the lock writes it into the
 * encrypted database in its own transaction, so nothing depends on the renderer racing the
 * lock and nothing lies in the renderer's storage. It is offered back to that user only,
 * and taken or discarded once.
 *
 * A draft is personal data: a field holding a 個人番号 is not kept at all (番号法 guideline:
 * records that prove handling never hold 特定個人情報), and the form says which fields were
 * left out; drafts expire after `draftLifetimeDays` and go with their user's deactivation.
 */

type DraftValues = Record<string, unknown>;

/**
 * For each form that edits a record: throws as reading that record would (NOT_FOUND, for one
 * of another 課等 as well). An edit draft holds the record's values as the form showed them,
 * so it is kept, offered and restored only while its user may still read the record (MIC §9:
 * a clerk moved to another 課等 must not get the old 課等's record back through a draft).
 * Each area registers its edit forms (db/ipc/handlers.ts).
 */
export type DraftRecordChecks = Partial<Record<DraftFormId, (core: AppCore, recordId: number) => void>>;

function assertRecordReadable(core: AppCore, records: DraftRecordChecks, formId: DraftFormId, recordId: number): void {
  const check = records[formId];
  // A form without a record (新規登録) has none to name; a record it names is never kept or given.
  if (!check) throw new AppError('PERMISSION_DENIED');
  check(core, recordId);
}

function recordReadable(core: AppCore, records: DraftRecordChecks, formId: DraftFormId, recordId: number | null): boolean {
  if (recordId === null) return true;
  try {
    assertRecordReadable(core, records, formId, recordId);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

interface HeldDraft {
  recordId: number | null;
  recordVersion: number | null;
  values: DraftValues;
  droppedFields: string[];
}

/** What main holds for the open session, per form; never written anywhere but at a lock. */
const held = new WeakMap<AppCore, { userId: number; forms: Map<DraftFormId, HeldDraft> }>();

function heldFor(core: AppCore, userId: number): Map<DraftFormId, HeldDraft> {
  let entry = held.get(core);
  if (!entry || entry.userId !== userId) {
    entry = { userId, forms: new Map() };
    held.set(core, entry);
  }
  return entry.forms;
}

/** A new session or a logout: what the previous one held is gone (it was never written). */
export function forgetHeldDrafts(core: AppCore): void {
  held.delete(core);
}

function carriesMyNumber(value: unknown): boolean {
  if (typeof value === 'string') return containsMyNumber(value);
  if (typeof value === 'number') return containsMyNumber(String(value));
  if (Array.isArray(value)) return value.some(carriesMyNumber);
  if (value !== null && typeof value === 'object') return Object.values(value).some(carriesMyNumber);
  return false;
}

function assertMayUse(core: AppCore, formId: DraftFormId): number {
  const session = core.requireSession();
  // Only a user who could save the form may have its input held (the renderer is untrusted).
  if (!can(session.role, draftForms[formId])) throw new AppError('PERMISSION_DENIED');
  return session.userId;
}

/** drafts.keep: holds the open form's input in memory, without any field carrying a 個人番号. */
export function keepDraft(core: AppCore, input: ParsedInput<'drafts.keep'>, records: DraftRecordChecks): { droppedFields: string[] } {
  const userId = assertMayUse(core, input.formId);
  if (input.recordId !== null) {
    if (!records[input.formId]) throw fieldError(['recordId'], 'validation.invalidType');
    assertRecordReadable(core, records, input.formId, input.recordId);
  }
  const values: DraftValues = {};
  const droppedFields: string[] = [];
  for (const [field, value] of Object.entries(input.values)) {
    if (carriesMyNumber(value)) droppedFields.push(field);
    else values[field] = value;
  }
  heldFor(core, userId).set(input.formId, { recordId: input.recordId, recordVersion: input.recordVersion, values, droppedFields });
  return { droppedFields };
}

/** drafts.clear: the form was saved or closed. */
export function clearDraft(core: AppCore, formId: DraftFormId): Record<string, never> {
  const session = core.requireSession();
  heldFor(core, session.userId).delete(formId);
  return {};
}

/**
 * Part of the lock's transaction: each held draft replaces the user's earlier one of the same
 * form, with an access-log event naming the form (never its contents).
 */
export function writeHeldDrafts(core: AppCore, tx: Tx, userId: number): void {
  const entry = held.get(core);
  if (!entry || entry.userId !== userId) return;
  const upsert = tx.db.prepare(
    `INSERT INTO drafts (user_id, form_id, record_id, record_version, contents, dropped_fields, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, form_id) DO UPDATE SET record_id = excluded.record_id, record_version = excluded.record_version,
       contents = excluded.contents, dropped_fields = excluded.dropped_fields, kept_at = excluded.kept_at`,
  );
  const masterKey = core.requireVault().masterKey;
  for (const [formId, draft] of entry.forms) {
    const kept = { user_id: userId, form_id: formId, record_id: draft.recordId, record_version: draft.recordVersion, contents: JSON.stringify(draft.values), dropped_fields: JSON.stringify(draft.droppedFields), kept_at: tx.at };
    upsert.run(kept.user_id, kept.form_id, kept.record_id, kept.record_version, kept.contents, kept.dropped_fields, kept.kept_at);
    const detail = { ...draftDetail(formId, draft.recordId, draft.droppedFields), digest: draftDigest(masterKey, kept) };
    tx.audit({ action: 'draft.keep', targetType: 'user', targetId: userId, detail });
  }
}

type KeptDraft = Pick<DraftRow, 'form_id' | 'record_id' | 'record_version' | 'contents' | 'dropped_fields' | 'kept_at'> & { user_id: number };

/**
 * A keyed digest of a kept draft, written into the lock's hash-chained event. The drafts
 * table itself is not chained: someone holding the database key could plant a draft for a
 * colleague (who would restore it and save it under their own name) or change a kept one.
 * Such a row no longer matches its event and is never offered or restored. Keyed (from the
 * master key), so a reader of the access log cannot test guesses of what was typed.
 */
function draftDigest(masterKey: Buffer, d: KeptDraft): string {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'daicho draft digest', 32));
  return createHmac('sha256', key)
    .update(JSON.stringify([d.user_id, d.form_id, d.record_id, d.record_version, d.contents, d.dropped_fields, d.kept_at]))
    .digest('hex');
}

/**
 * Whether the lock that kept this draft recorded exactly it (the event at its kept_at), and no
 * later event took, discarded or deleted it (a row put back after it was taken is not offered
 * twice). The events since kept_at are a seq range (at most the draft's lifetime).
 */
function keptAsLogged(core: AppCore, userId: number, row: DraftRow): boolean {
  const vault = core.requireVault();
  const digest = draftDigest(vault.masterKey, { ...row, user_id: userId });
  let kept = false;
  for (const event of iterateAuditEvents(vault.db, { fromInstant: row.kept_at, action: 'draft.', targetType: 'user' })) {
    if (event.targetId !== String(userId) || event.detail.formId !== row.form_id) continue;
    if (event.action === 'draft.keep') kept = event.at === row.kept_at && event.detail.digest === digest;
    else kept = false;
  }
  return kept;
}

/** Once the lock has committed (or the session ended) main holds nothing any more. */
export function releaseHeldDrafts(core: AppCore): void {
  held.delete(core);
}

function draftDetail(formId: string, recordId: number | null, droppedFields: string[]): Record<string, unknown> {
  return { formId, ...(recordId !== null ? { recordId } : {}), ...(droppedFields.length > 0 ? { droppedFields } : {}) };
}

interface DraftRow {
  id: number;
  form_id: string;
  record_id: number | null;
  record_version: number | null;
  contents: string;
  dropped_fields: string;
  kept_at: string;
}

function cutoff(core: AppCore): string {
  return new Date(core.nowMs() - draftLifetimeDays * 86_400_000).toISOString();
}

const isFormId = (formId: string): formId is DraftFormId => (draftFormIds as string[]).includes(formId);

function toPending(row: DraftRow): PendingDraft {
  return { formId: row.form_id as DraftFormId, recordId: row.record_id, keptAt: row.kept_at, droppedFields: JSON.parse(row.dropped_fields) as string[] };
}

/** drafts.pending: the newest of the session user's drafts that they could still save (and whose record they may still read). */
export function pendingDraft(core: AppCore, records: DraftRecordChecks): PendingDraft | null {
  const session = core.requireSession();
  const rows = core
    .requireVault()
    .db.prepare('SELECT id, form_id, record_id, record_version, contents, dropped_fields, kept_at FROM drafts WHERE user_id = ? AND kept_at >= ? ORDER BY kept_at DESC, id DESC')
    .all(session.userId, cutoff(core)) as DraftRow[];
  const row = rows.find(
    (r) => isFormId(r.form_id) && can(session.role, draftForms[r.form_id]) && recordReadable(core, records, r.form_id, r.record_id) && keptAsLogged(core, session.userId, r),
  );
  return row ? toPending(row) : null;
}

/**
 * Removes the session user's draft of one form and returns it, in a write with its event:
 * two racing calls cannot both get it (the second finds nothing). Another user's draft is
 * never matched, so it is neither shown nor revealed to exist.
 */
function removeDraft(core: AppCore, formId: DraftFormId, { action, records }: { action: 'draft.restore' | 'draft.discard'; records?: DraftRecordChecks }): DraftRow | null {
  const userId = assertMayUse(core, formId);
  const limit = cutoff(core);
  return core.write((tx) => {
    const row = tx.db
      .prepare('DELETE FROM drafts WHERE user_id = ? AND form_id = ? AND kept_at >= ? RETURNING id, form_id, record_id, record_version, contents, dropped_fields, kept_at')
      .get(userId, formId, limit) as DraftRow | undefined;
    if (!row) return null;
    if (records) {
      // Restoring: refused (rolled back, nothing written) if the row is not what the lock kept,
      // or, for an edit, once the record is out of the user's reach.
      if (!keptAsLogged(core, userId, row)) throw new AppError('CONFLICT', undefined, undefined, 'errors.draftAltered');
      if (row.record_id !== null) assertRecordReadable(core, records, formId, row.record_id);
    }
    tx.audit({ action, targetType: 'user', targetId: userId, detail: draftDetail(formId, row.record_id, JSON.parse(row.dropped_fields) as string[]) });
    return row;
  });
}

/** drafts.take (復元する). */
export function takeDraft(core: AppCore, formId: DraftFormId, records: DraftRecordChecks): RestoredDraft | null {
  const row = removeDraft(core, formId, { action: 'draft.restore', records });
  if (!row) return null;
  return { ...toPending(row), recordVersion: row.record_version, values: JSON.parse(row.contents) as DraftValues };
}

/** drafts.discard (破棄する). */
export function discardDraft(core: AppCore, formId: DraftFormId): { discarded: boolean } {
  return { discarded: removeDraft(core, formId, { action: 'draft.discard' }) !== null };
}

function deleteWhere(tx: Tx, where: string, params: unknown[], reason: 'expired' | 'deactivated'): void {
  const rows = tx.db.prepare(`DELETE FROM drafts WHERE ${where} RETURNING user_id, form_id, record_id`).all(...params) as { user_id: number; form_id: string; record_id: number | null }[];
  for (const row of rows) {
    tx.audit({ action: 'draft.delete', targetType: 'user', targetId: row.user_id, detail: { ...draftDetail(row.form_id, row.record_id, []), reason } });
  }
}

/** At each login and unlock: drafts past their lifetime are deleted unseen. */
export function deleteExpiredDrafts(core: AppCore, tx: Tx): void {
  deleteWhere(tx, 'kept_at < ?', [cutoff(core)], 'expired');
}

/** In the deactivation's transaction: a person whose rights ended leaves no drafts behind. */
export function deleteDraftsOf(tx: Tx, userId: number): void {
  deleteWhere(tx, 'user_id = ?', [userId], 'deactivated');
}
