import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { DraftFormId, Failure, RestoredDraft } from '../../db/contract';
import { call } from '../api';

/**
 * A form's unsaved input survives the lock (issue #7). The renderer keeps nothing itself (no
 * localStorage, sessionStorage or IndexedDB: a shared terminal's next user could read it);
 * it sends the open form's input to main, which holds it and writes it into the encrypted
 * database in the lock's own transaction. A form gets all of it with one line:
 *
 *   const draft = useDraft({ formId, recordId, recordVersion, state: form, onRestore });
 */

/** After the last change, how long before the input goes to main (typing is not sent per key). */
const keepDelayMs = 1500;

/** Each open form's "send it now": the countdown before the idle lock and the lock button call these. */
const openForms = new Set<() => Promise<boolean>>();

/** Sends every open form's unsent input to main at once; true if main now holds a draft. */
export async function keepOpenDrafts(): Promise<boolean> {
  const held = await Promise.all([...openForms].map((keepNow) => keepNow()));
  return held.some(Boolean);
}

export interface DraftRestoreValue {
  /** A draft the user chose to restore (復元する), waiting for its form to open. */
  waiting: RestoredDraft | null;
  /** The form opened with it: it waits no more. */
  release(draft: RestoredDraft): void;
}

export const DraftRestoreContext = createContext<DraftRestoreValue | null>(null);

/** The draft waiting for one of these forms: the screen opens that form (and record) for it. */
function useDraftToReopen(formIds: readonly DraftFormId[]): RestoredDraft | null {
  const waiting = useContext(DraftRestoreContext)?.waiting ?? null;
  return waiting && formIds.includes(waiting.formId) ? waiting : null;
}

/**
 * The same, acted on once per draft during render (a screen opens the record, a list its 新規
 * dialog): `open` runs when a draft for these forms is waiting and `applies` to this screen.
 */
export function useReopenDraft(formIds: readonly DraftFormId[], open: (draft: RestoredDraft) => void, applies: (draft: RestoredDraft) => boolean = () => true): void {
  const reopen = useDraftToReopen(formIds);
  const [reopened, setReopened] = useState<RestoredDraft | null>(null);
  if (reopen && reopen !== reopened && applies(reopen)) {
    setReopened(reopen);
    open(reopen);
  }
}

function sameKind(current: unknown, value: unknown): boolean {
  if (Array.isArray(current)) return Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (current !== null && typeof current === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
  return typeof value === typeof current;
}

/**
 * The restored values over the form's fresh state, field by field, only where the kind
 * matches: what main returns came from a renderer, and a field the form no longer has is left out.
 */
export function mergeDraft<T extends object>(base: T, values: Record<string, unknown>): T {
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [field, current] of Object.entries(base)) {
    if (!Object.hasOwn(values, field) || !sameKind(current, values[field])) continue;
    const value = values[field];
    merged[field] = current !== null && typeof current === 'object' && !Array.isArray(current) ? mergeDraft(current, value as Record<string, unknown>) : value;
  }
  return merged as T;
}

export interface DraftOptions<T> {
  formId: DraftFormId;
  /** An edit: the record, and the version the edit started from (a stale save is refused). */
  recordId?: number | null;
  recordVersion?: number | null;
  state: T;
  /** Puts a restored draft into the form (its values through mergeDraft, an edit's version). */
  onRestore(draft: RestoredDraft): void;
}

export interface DraftStatus {
  /** The draft this form was opened with (the form says so, and what was left out). */
  restored: RestoredDraft | null;
  /** Fields main did not keep because they hold a 個人番号. */
  droppedNow: string[];
  /** main refused to hold the input (too large): the form says it would be lost at a lock. */
  failure: Failure | null;
}

/** Sends the form's input to main a moment after each change, or at once when asked. */
function useKeeper<T>({ formId, recordId = null, recordVersion = null, state }: DraftOptions<T>) {
  const [droppedNow, setDroppedNow] = useState<string[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const json = JSON.stringify(state);
  const [initial] = useState(json);
  const latest = useRef({ formId, recordId, recordVersion, json });
  const sent = useRef({ json, held: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = { formId, recordId, recordVersion, json };
  });

  const keepNow = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const input = latest.current;
    if (input.json === sent.current.json) return sent.current.held;
    sent.current = { json: input.json, held: sent.current.held };
    // Back to what the form opened with: nothing worth keeping.
    if (input.json === initial) {
      await call('drafts.clear', { formId: input.formId });
      sent.current.held = false;
      return false;
    }
    const values = JSON.parse(input.json) as Record<string, never>;
    const r = await call('drafts.keep', { formId: input.formId, recordId: input.recordId, recordVersion: input.recordVersion, values });
    setDroppedNow(r.ok ? r.data.droppedFields : []);
    setFailure(r.ok ? null : r);
    sent.current.held = r.ok;
    return r.ok;
  }, [initial]);

  useEffect(() => {
    if (json === sent.current.json) return;
    timer.current = setTimeout(() => void keepNow(), keepDelayMs);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [json, keepNow]);

  useEffect(() => {
    openForms.add(keepNow);
    return () => void openForms.delete(keepNow);
  }, [keepNow]);

  // Saved, cancelled or gone with its screen: main holds nothing more for it. After a lock
  // main refuses the call (locked) — it has already written the draft.
  useEffect(() => () => void call('drafts.clear', { formId: latest.current.formId }), []);
  return { droppedNow, failure };
}

/** The form's draft: restored once when the form opens for it, then kept in main while the form is open. */
export function useDraft<T extends object>(options: DraftOptions<T>): DraftStatus {
  const restoring = useContext(DraftRestoreContext);
  const { formId, recordId = null, onRestore } = options;
  const [opened, setOpened] = useState(false);
  const [restored, setRestored] = useState<RestoredDraft | null>(null);
  // At the form's first render: the draft waiting for this form and record goes into it.
  if (!opened) {
    setOpened(true);
    const waiting = restoring?.waiting;
    if (waiting && waiting.formId === formId && waiting.recordId === recordId) {
      setRestored(waiting);
      onRestore(waiting);
    }
  }
  const release = restoring?.release;
  useEffect(() => {
    if (restored) release?.(restored);
  }, [restored, release]);
  return { restored, ...useKeeper(options) };
}
