import { roleScope, type Role } from '../contract';
import type { AuditTargetWords } from '../contract/auditWords';
import type { Db } from '../store/database';

/**
 * How the access log describes what an event is about. Each area registers its target type
 * (holdings: db/features/holdings/auditWords.ts; media and disposal add theirs the same way)
 * with the words of its detail keys and a `describe` that names its records — 管理番号 and
 * name — for one reader. Core registers its own (accounts, 課等) below.
 *
 * The name is looked up when the log is read, not stored in the event when it is written:
 * - scope (MIC §9): whether the reader may see a record is decided by the area's own rule
 *   against the record as it is now; a name frozen into the hash-chained detail would be
 *   handed to every reader of the log, and could never be withheld again;
 * - every event gets a name, old ones included, and a renamed record reads under its
 *   current name — what it was called before is in the event of the rename (名称: 旧 → 新);
 * - the event format and its hash chain stay as they are (docs/SECURITY.md).
 */
export interface AuditReader {
  role: Role;
  departmentId: number;
}

/** How one detail key's value is said. */
export type AuditValueKind =
  | 'text'
  | 'list'
  | 'flag'
  | 'count'
  | 'date'
  | 'instant'
  | 'retention'
  | 'department'
  | 'user'
  | 'action'
  | 'targetType'
  | 'direction'
  /** An enum whose words are the i18n namespace `words` (holdingStatus …); unknown values as recorded. */
  | { words: string }
  /** The value names a field (a sort key): said with the area's label of that field. */
  | 'field'
  /** A CSV import mapping { header: field }: each pair said 「header → field label」. */
  | 'mapping'
  /** An object whose own keys are phrases (the filters of a search). */
  | 'nested'
  /** A record's field changes: [{ field, before, after }]. */
  | 'changes'
  /** Paging, ids: nothing a person reading the log needs. */
  | 'hidden';

export interface AuditField {
  /** i18n key of the label: the same one label the screen and paper use for that thing. */
  label: string;
  kind: AuditValueKind;
}

/** What a reader may know of one target: its words, or `hidden` (another 課等's record). */
export type DescribedTarget = AuditTargetWords | 'hidden';

export interface AuditTargetType {
  targetType: string;
  /** Events of this area: of this target type, or actions starting with this (lists, exports). */
  actionPrefix: string;
  /** The words of its detail keys and of its records' fields (in `changes`). */
  fields: Readonly<Record<string, AuditField>>;
  /** Keys that mean something else in one action (取扱状況の「目的」 is not the file's 利用目的). */
  actionFields?: Readonly<Record<string, Readonly<Record<string, AuditField>>>>;
  /**
   * Its records belong to a 課等 (MIC §9): an event of the area that names no one record (a
   * search, an import, an export) is of its actor's 課等, and a department-scoped reader of
   * another 課等 gets no detail of it, as for a record they may not see.
   */
  departmentScoped?: boolean;
  /**
   * SQL selecting, as text, the ids of this type's targets that belong to the 課等 bound to `?`
   * (a holding of it, an account of it). A department-scoped reader (a manager) is given the
   * events about these and the events of their 課等's people, nothing else (auditScope.ts).
   */
  idsInDepartmentSql?: string;
  /**
   * SQL over an event row (audit_events' columns, no `?`) giving the 課等 an event belongs to
   * when that is not its target's current one, else NULL: a take-out's steps stay with the 課等
   * that made the take-out when the medium later moves (MIC §9). 0 is no 課等's: only the
   * organisation-wide readers, and the actor's 課等 (auditScope.ts), read it.
   */
  eventDepartmentSql?: string;
  /** Top-level detail keys that repeat the target (its 管理番号): left out when the target is named. */
  sameAsTarget?: readonly string[];
  /** Each id the reader may know about: words, or hidden. An id missing from the map was not found. */
  describe(db: Db, ids: readonly string[], reader: AuditReader): Map<string, DescribedTarget>;
}

/** Ids as stored (text) → integers, ignoring anything that is not one. */
export function integerIds(ids: readonly string[]): number[] {
  return [...new Set(ids)].filter((id) => /^\d{1,15}$/.test(id)).map(Number);
}

/** `SELECT … WHERE id IN (…)` in chunks under SQLite's variable limit. */
export function rowsByIds<R>(db: Db, sql: (placeholders: string) => string, ids: readonly number[]): R[] {
  const rows: R[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    rows.push(...(db.prepare(sql(chunk.map(() => '?').join(','))).all(...chunk) as R[]));
  }
  return rows;
}

/** A `describe` for records named by one text and without a 管理番号: `sql` selects `id` and `name`. */
export function describeByName(sql: (placeholders: string) => string): AuditTargetType['describe'] {
  return (db, ids) => {
    const rows = rowsByIds<{ id: number; name: string }>(db, sql, integerIds(ids));
    return new Map(rows.map((r) => [String(r.id), { number: null, name: r.name }]));
  };
}

/**
 * Accounts: login ID and name, for the readers who may list them — the whole organisation
 * for the chief and the auditor, a manager their own 課等's (users.list is scoped alike).
 */
const userTarget: AuditTargetType = {
  targetType: 'user',
  actionPrefix: 'user.',
  fields: {},
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM users WHERE department_id = ?',
  describe(db, ids, reader) {
    const rows = rowsByIds<{ id: number; login_id: string; display_name: string; department_id: number }>(
      db,
      (p) => `SELECT id, login_id, display_name, department_id FROM users WHERE id IN (${p})`,
      integerIds(ids),
    );
    const organizationWide = roleScope(reader.role) === 'organization';
    return new Map(
      rows.map((r) => [String(r.id), organizationWide || r.department_id === reader.departmentId ? { number: r.login_id, name: r.display_name } : 'hidden'] as const),
    );
  },
};

/** 課等: their names are on every screen that offers a 課等. */
const departmentTarget: AuditTargetType = {
  targetType: 'department',
  actionPrefix: 'department.',
  fields: {},
  idsInDepartmentSql: 'SELECT CAST(id AS TEXT) FROM departments WHERE id = ?',
  describe: describeByName((p) => `SELECT id, name FROM departments WHERE id IN (${p})`),
};

export const coreAuditTargets: readonly AuditTargetType[] = [userTarget, departmentTarget];
