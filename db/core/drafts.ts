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
import { AppError } from './appError';
import type { AppCore, Tx } from './appCore';

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
export function keepDraft(core: AppCore, input: ParsedInput<'drafts.keep'>): { droppedFields: string[] } {
  const userId = assertMayUse(core, input.formId);
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
  for (const [formId, draft] of entry.forms) {
    upsert.run(userId, formId, draft.recordId, draft.recordVersion, JSON.stringify(draft.values), JSON.stringify(draft.droppedFields), tx.at);
    tx.audit({ action: 'draft.keep', targetType: 'user', targetId: userId, detail: draftDetail(formId, draft.recordId, draft.droppedFields) });
  }
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

/** drafts.pending: the newest of the session user's drafts that they could still save. */
export function pendingDraft(core: AppCore): PendingDraft | null {
  const session = core.requireSession();
  const rows = core
    .requireVault()
    .db.prepare('SELECT id, form_id, record_id, record_version, contents, dropped_fields, kept_at FROM drafts WHERE user_id = ? AND kept_at >= ? ORDER BY kept_at DESC, id DESC')
    .all(session.userId, cutoff(core)) as DraftRow[];
  const row = rows.find((r) => isFormId(r.form_id) && can(session.role, draftForms[r.form_id]));
  return row ? toPending(row) : null;
}

/**
 * Removes the session user's draft of one form and returns it, in a write with its event:
 * two racing calls cannot both get it (the second finds nothing). Another user's draft is
 * never matched, so it is neither shown nor revealed to exist.
 */
function removeDraft(core: AppCore, formId: DraftFormId, { action }: { action: 'draft.restore' | 'draft.discard' }): DraftRow | null {
  const userId = assertMayUse(core, formId);
  const limit = cutoff(core);
  return core.write((tx) => {
    const row = tx.db
      .prepare('DELETE FROM drafts WHERE user_id = ? AND form_id = ? AND kept_at >= ? RETURNING id, form_id, record_id, record_version, contents, dropped_fields, kept_at')
      .get(userId, formId, limit) as DraftRow | undefined;
    if (!row) return null;
    tx.audit({ action, targetType: 'user', targetId: userId, detail: draftDetail(formId, row.record_id, JSON.parse(row.dropped_fields) as string[]) });
    return row;
  });
}

/** drafts.take (復元する). */
export function takeDraft(core: AppCore, formId: DraftFormId): RestoredDraft | null {
  const row = removeDraft(core, formId, { action: 'draft.restore' });
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
