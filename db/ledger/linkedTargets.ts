import { foldNumberText } from '../contract/textLists';
import type { Tx } from '../core/appCore';
import type { Db } from '../store/database';
import type { LedgerActor } from './record';

/**
 * A record of one ledger acting on records of another (a closing record naming the records it
 * closes): the acting area never imports the other; the composition (db/ipc/handlers.ts) hands
 * it one adapter per kind of record it may name. The adapter answers in the other ledger's
 * terms (its number, its words), and closes a record with that ledger's own history step and
 * access-log event, in the acting write's transaction.
 */
export interface LinkedRecord {
  id: number;
  departmentId: number;
  /** The record's number as people know it (管理番号). */
  label: string;
  /** A second word: its type's word key or its name. */
  detail: string;
  /** Its status now, in the other ledger's values. */
  status: string;
  /**
   * Why it may not be acted on now: 'busy' (away from its place, or a step under way that must
   * end first), 'closed' (already closed by an earlier act), null when it may.
   */
  unavailable: 'busy' | 'closed' | null;
}

export interface LinkedRecordKind {
  /** The records with these ids that exist, by id. */
  read(db: Db, ids: readonly number[]): Map<number, LinkedRecord>;
  /** Records of a 課等 a form may pick, matching a typed text (number or name), at most `limit`. */
  candidates(db: Db, departmentId: number, text: string | undefined, limit: number): LinkedRecord[];
  /**
   * Closes the record in its own ledger: its history step and its own access-log event, which
   * names `reference` (the acting record's number). Call it after the acting record's event.
   */
  close(tx: Tx, actor: LedgerActor, id: number, reference: { number: string; note: string }): void;
}

/** What an acting ledger is handed: one adapter per kind it names. */
export type LinkedRecordKinds<K extends string> = Readonly<Record<K, LinkedRecordKind>>;

/** Reads each kind's ids in one statement per kind: `ids` by kind → records by kind and id. */
export function readLinked<K extends string>(db: Db, kinds: LinkedRecordKinds<K>, ids: Partial<Record<K, readonly number[]>>): Map<string, LinkedRecord> {
  const out = new Map<string, LinkedRecord>();
  for (const kind of Object.keys(kinds) as K[]) {
    const wanted = ids[kind] ?? [];
    if (wanted.length === 0) continue;
    for (const [id, record] of kinds[kind].read(db, wanted)) out.set(`${kind}:${id}`, record);
  }
  return out;
}

const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The LIKE patterns (ESCAPE '\\') a picker's typed text matches: `number` for a 管理番号 as a
 * reader or an IME types it (Ｒ８－０３０１, r8ー0301 → R8-0301: foldNumberText, as the number was
 * stored), `words` for a name (ﾃﾞｰﾀ → データ by NFKC; a name's ー stays a 長音). Each as typed too,
 * so a record stored before numbers were folded is still found.
 */
export function candidatePatterns(text: string | undefined): { number: [string, string]; words: [string, string] } {
  const typed = text ?? '';
  return { number: [likeOf(foldNumberText(typed)), likeOf(typed)], words: [likeOf(typed.normalize('NFKC')), likeOf(typed)] };
}

/**
 * A record of another ledger named at a desk by its label (a 管理番号 typed or scanned by a reader
 * at the door): what it is, and which step of its own ledger lets it leave now (an approved
 * take-out), read only. The reading area keeps the id of that step; it changes nothing there.
 */
export interface LabelledRecord extends LinkedRecord {
  /** The id of the other ledger's step that lets it leave now (an approved or started take-out), or null. */
  clearedBy: number | null;
}

export interface LabelLookup {
  /** The record a typed or scanned label names — in any width or letter case — or null. */
  byLabel(db: Db, label: string): LabelledRecord | null;
}
