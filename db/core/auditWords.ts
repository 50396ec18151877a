import { roleScope, type Role } from '../contract';
import type { AuditPhrase, AuditTargetWords, AuditWord } from '../contract/auditWords';
import { retentionParts } from '../contract/retention';
import type { Db } from '../store/database';
import type { StoredAuditEvent } from './audit';
import { coreAuditFields } from './auditVocabulary';
import { coreAuditTargets, rowsByIds, type AuditField, type AuditReader, type AuditTargetType, type AuditValueKind, type DescribedTarget } from './auditTargets';

/**
 * 詳細 in words: an event's stored detail (JSON with the code's keys) turned into phrases a
 * person reads — field labels instead of keys, values in words, changes as 「前 → 後」 — and
 * its target named, for one reader. The screen (audit.query) and the CSV (audit.exportCsv)
 * both take their words from here. An event about a record the reader may not see (another
 * 課等's, MIC §9) keeps its time, person and action, but no name, no detail and no words.
 */
type StoredEvent = StoredAuditEvent;

/** The registered target types: core's and the areas' (db/ipc/handlers.ts lists them). */
export class AuditVocabulary {
  private readonly byType = new Map<string, AuditTargetType>();
  constructor(areas: readonly AuditTargetType[]) {
    for (const t of [...coreAuditTargets, ...areas]) this.byType.set(t.targetType, t);
  }
  /** The area an event belongs to: by its target type, else by its action's prefix. */
  areaOf(e: Pick<StoredEvent, 'targetType' | 'action'>): AuditTargetType | undefined {
    const byType = e.targetType ? this.byType.get(e.targetType) : undefined;
    return byType ?? [...this.byType.values()].find((t) => e.action.startsWith(t.actionPrefix));
  }
  targetTypes(): AuditTargetType[] {
    return [...this.byType.values()];
  }
  /** A field's label in whichever area has it (a form's dropped fields, an import mapping). */
  anyFieldLabel(field: string): string | undefined {
    for (const t of this.byType.values()) if (own(t.fields, field)?.label) return own(t.fields, field)!.label;
    return undefined;
  }
}

/** Names of 課等 and people the detail refers to by id, read once per page. */
interface Lookups {
  departments: Map<number, string>;
  /** A person's name, or `hidden` for another 課等's staff a department-scoped reader may not list. */
  users: Map<number, string | 'hidden'>;
}

/**
 * A manager is named only the people users.list shows them — their 課等's — and the chief and
 * the auditor, whose names their events carry anyway (MIC §9): an event by one of their
 * people may name another 課等's person by id (the chief searching the log for a 税務課 clerk).
 */
function lookups(db: Db, reader: AuditReader): Lookups {
  const departments = db.prepare('SELECT id, name FROM departments').all() as { id: number; name: string }[];
  const byId = new Map(departments.map((d) => [d.id, d.name]));
  if (roleScope(reader.role) === 'organization') {
    const users = db.prepare('SELECT id, display_name AS name FROM users').all() as { id: number; name: string }[];
    return { departments: byId, users: new Map(users.map((u) => [u.id, u.name])) };
  }
  const users = db.prepare('SELECT id, display_name AS name, role, department_id FROM users').all() as { id: number; name: string; role: Role; department_id: number }[];
  const named = (u: (typeof users)[number]) => u.department_id === reader.departmentId || roleScope(u.role) === 'organization';
  return { departments: byId, users: new Map(users.map((u) => [u.id, named(u) ? u.name : 'hidden'])) };
}

/**
 * The last move of each person from one 課等 to another after `afterSeq` (a user.update whose
 * departmentId changed), read from the log itself: a person's searches and exports before
 * their move were made for the 課等 they left. One range scan from the oldest event described;
 * a page of the screen is near the log's head, so the scan is short.
 */
export function departmentMoves(db: Db, afterSeq: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT CAST(target_id AS INTEGER) AS id, max(seq) AS seq FROM audit_events
       WHERE seq > ? AND action = 'user.update' AND target_type = 'user'
         AND json_extract(detail, '$.before.departmentId') IS NOT json_extract(detail, '$.after.departmentId')
       GROUP BY target_id`,
    )
    .all(afterSeq) as { id: number; seq: number }[];
  return new Map(rows.map((r) => [r.id, r.seq]));
}

/**
 * For a department-scoped reader: whether an event of a scoped area that names no record (a
 * search, an import, an export) is of another 課等 — its actor's when it was made (file names,
 * search words and filters are that 課等's business). An actor of the reader's 課等 who moved
 * there after the event made it for another (issue #9 item 3: a transferred clerk's old
 * searches stay with the 課等 they were made for). Null for an organisation-wide reader.
 */
function otherDepartmentsActor(
  db: Db,
  reader: AuditReader,
  events: readonly StoredEvent[],
  moves?: ReadonlyMap<number, number>,
): ((actorUserId: number | null, seq: number) => boolean) | null {
  if (roleScope(reader.role) !== 'department') return null;
  let ofReader: Set<number> | undefined;
  let movedAt = moves;
  return (actorUserId, seq) => {
    ofReader ??= new Set(db.prepare('SELECT id FROM users WHERE department_id = ?').pluck().all(reader.departmentId) as number[]);
    if (actorUserId === null || !ofReader.has(actorUserId)) return true;
    movedAt ??= departmentMoves(db, Math.min(...events.map((e) => e.seq)) - 1);
    return (movedAt.get(actorUserId) ?? 0) > seq;
  };
}

/** Events whose area places them with a 課等 other than their target's (`eventDepartmentSql`): seq → 課等. */
function eventDepartments(db: Db, events: readonly StoredEvent[], vocabulary: AuditVocabulary): Map<number, number> {
  const placed = new Map<number, number>();
  for (const type of vocabulary.targetTypes()) {
    const seqs = type.eventDepartmentSql ? events.filter((e) => e.targetType === type.targetType && e.targetId !== null).map((e) => e.seq) : [];
    if (seqs.length === 0) continue;
    const rows = rowsByIds<{ seq: number; dep: number | null }>(db, (p) => `SELECT seq, (${type.eventDepartmentSql}) AS dep FROM audit_events WHERE seq IN (${p})`, seqs);
    for (const r of rows) if (r.dep !== null) placed.set(r.seq, r.dep);
  }
  return placed;
}

/** Each event's target, described by its type's registered describer (one query per type). */
function describeTargets(db: Db, events: readonly StoredEvent[], reader: AuditReader, vocabulary: AuditVocabulary): Map<string, DescribedTarget> {
  const described = new Map<string, DescribedTarget>();
  for (const type of vocabulary.targetTypes()) {
    const ids = events.filter((e) => e.targetType === type.targetType && e.targetId !== null).map((e) => e.targetId!);
    if (ids.length === 0) continue;
    for (const [id, words] of type.describe(db, ids, reader)) described.set(`${type.targetType}:${id}`, words);
  }
  return described;
}

export interface DescribedEvent extends StoredEvent {
  target: AuditTargetWords | null;
  words: AuditPhrase[];
}

/**
 * The events of one page (or one export), each with its target and 詳細 in words for `reader`.
 * `moves` (departmentMoves from the log's start) spares an export of many batches a scan each.
 */
export function describeAuditEvents(
  db: Db,
  events: readonly StoredEvent[],
  reader: AuditReader,
  vocabulary: AuditVocabulary,
  moves?: ReadonlyMap<number, number>,
): DescribedEvent[] {
  const targets = describeTargets(db, events, reader, vocabulary);
  const names = lookups(db, reader);
  const ofOtherDepartments = otherDepartmentsActor(db, reader, events, moves);
  const apart = roleScope(reader.role) === 'department' ? eventDepartments(db, events, vocabulary) : new Map<number, number>();
  // Its own 課等's reader is told the target of an event placed apart, as they were when it was made.
  const mine = events.filter((e) => apart.get(e.seq) === reader.departmentId);
  const asMade = mine.length > 0 ? describeTargets(db, mine, { role: 'chief', departmentId: reader.departmentId }, vocabulary) : targets;
  return events.map((e) => {
    const key = `${e.targetType}:${e.targetId}`;
    const own = apart.get(e.seq);
    const target = e.targetType && e.targetId !== null ? (own === undefined ? targets.get(key) : own === reader.departmentId ? asMade.get(key) : 'hidden') : undefined;
    const area = vocabulary.areaOf(e);
    const unnamedOfOthers = area?.departmentScoped === true && e.targetId === null && ofOtherDepartments !== null && ofOtherDepartments(e.actorUserId, e.seq);
    // MIC §9: nothing of another 課等's record reaches this reader, not even in the raw detail.
    if (target === 'hidden' || unnamedOfOthers) return { ...e, detail: {}, target: null, words: [{ value: [{ key: 'auditDetail.notShown' }] }] };
    const sayer = new DetailWords(area, e.action, names, vocabulary);
    const skip = target && area?.sameAsTarget ? new Set(area.sameAsTarget) : new Set<string>();
    return { ...e, target: target ?? null, words: sayer.phrases(e.detail, skip) };
  });
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const yes: AuditWord = { text: '〇' };
const no: AuditWord = { text: '×' };
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * A key's words only if declared: a detail's keys come from the stored JSON, and a key such as
 * `toString` or `__proto__` must read as 「その他」, not find Object.prototype and break the page.
 */
function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The phrases of one event's detail, in the words of its area (or core's). */
class DetailWords {
  constructor(
    private readonly area: AuditTargetType | undefined,
    private readonly action: string,
    private readonly names: Lookups,
    private readonly vocabulary: AuditVocabulary,
  ) {}

  /** A key's label and kind: the action's own words, the area's, core's, else 「その他」 said generically. */
  field(key: string): AuditField {
    return own(own(this.area?.actionFields, this.action), key) ?? own(this.area?.fields, key) ?? own(coreAuditFields, key) ?? { label: 'auditDetail.other', kind: 'text' };
  }

  phrases(detail: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): AuditPhrase[] {
    // A record written before and after (an account, a 課等, settings): its changes.
    if (isRecord(detail.after) && (detail.before === undefined || isRecord(detail.before))) {
      const { before, after, ...rest } = detail;
      return [...this.phrases(rest, skip), ...this.beforeAfter(before as Record<string, unknown> | undefined, after)];
    }
    return this.ordered(Object.keys(detail)).flatMap((key) => (skip.has(key) ? [] : this.phrase(key, detail[key])));
  }

  /**
   * Keys in the order their words are declared — the area's (its form's field order), then
   * core's — not the stored order (canonical JSON sorts keys alphabetically); unknown keys last.
   */
  private ordered(keys: string[]): string[] {
    const order = [...Object.keys(own(this.area?.actionFields, this.action) ?? {}), ...Object.keys(this.area?.fields ?? {}), ...Object.keys(coreAuditFields)];
    const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
    return [...keys].sort((a, b) => rank(a) - rank(b));
  }

  private phrase(key: string, value: unknown): AuditPhrase[] {
    const { label, kind } = this.field(key);
    if (kind === 'hidden' || value === undefined) return [];
    if (kind === 'nested') return isRecord(value) ? this.phrases(value) : [];
    if (kind === 'changes') return Array.isArray(value) ? this.changes(value) : [];
    if (kind === 'mapping') return isRecord(value) ? this.mapping(value) : [];
    if (isRecord(value) && kind !== 'retention') return this.phrases(value);
    return [{ label: { key: label }, value: this.say(kind, value) }];
  }

  /** 「保管庫: 保管場所」 for each column of the file (as headed there) mapped to a field. */
  private mapping(pairs: Record<string, unknown>): AuditPhrase[] {
    return Object.entries(pairs).map(([header, field]) => ({ label: { text: header }, value: this.say('field', field) }));
  }

  /** A field's label key, as the area (or any area) calls it; the name itself when none knows it. */
  private fieldLabel(field: string): string | undefined {
    const declared = own(own(this.area?.actionFields, this.action), field) ?? own(this.area?.fields, field);
    return declared?.label || this.vocabulary.anyFieldLabel(field);
  }

  /** 「保管場所: 書庫A → 書庫B」 for each field changed; a new record's fields without an arrow. */
  private changes(list: unknown[]): AuditPhrase[] {
    const changes = list.filter(isRecord).filter((c) => typeof c.field === 'string');
    const created = changes.every((c) => c.before === null || c.before === undefined);
    return changes.flatMap((c) => {
      const { label, kind } = this.field(c.field as string);
      if (kind === 'hidden') return [];
      const after = this.say(kind, c.after);
      // A new record: what was filled in (an empty field of a new record says nothing).
      if (created) return after.length > 0 ? [{ label: { key: label }, value: after }] : [];
      return [{ label: { key: label }, before: this.say(kind, c.before), value: after }];
    });
  }

  private beforeAfter(before: Record<string, unknown> | undefined, after: Record<string, unknown>): AuditPhrase[] {
    return this.ordered(Object.keys(after))
      .filter((k) => !before || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .flatMap((k) => {
        const { label, kind } = this.field(k);
        if (kind === 'hidden') return [];
        if (isRecord(after[k]) && kind !== 'retention') {
          const inner = before && isRecord(before[k]) ? (before[k] as Record<string, unknown>) : undefined;
          return this.beforeAfter(inner, after[k] as Record<string, unknown>);
        }
        const value = this.say(kind, after[k]);
        if (!before) return value.length > 0 ? [{ label: { key: label }, value }] : [];
        return [{ label: { key: label }, before: this.say(kind, before[k]), value }];
      });
  }

  /** One value in words; empty values are no words (said 「—」). */
  say(kind: AuditValueKind, value: unknown): AuditWord[] {
    if (value === null || value === undefined || value === '') return [];
    if (Array.isArray(value)) return value.flatMap((v) => this.say(kind === 'list' ? 'text' : kind, v));
    if (typeof value === 'boolean') return [value ? yes : no];
    // An object inside a list or a change: its values, never its keys.
    if (isRecord(value)) return Object.values(value).flatMap((v) => this.say(kind, v));
    const text = String(value);
    if (typeof kind === 'object') return [{ key: `${kind.words}.${text.replaceAll('.', '_')}`, fallback: text }];
    switch (kind) {
      case 'count':
        return [{ text: typeof value === 'number' ? value.toLocaleString('en-US') : text }];
      case 'date':
        return [calendarDate.test(text) ? { date: text } : { text }];
      case 'instant':
        return [isoInstant.test(text) ? { instant: text } : { text }];
      case 'department':
        return [{ text: this.names.departments.get(Number(value)) ?? text }];
      case 'user': {
        const name = this.names.users.get(Number(value));
        return [name === 'hidden' ? { key: 'auditDetail.otherPerson' } : { text: name ?? text }];
      }
      case 'action':
        return [{ key: `auditActions.${text.replaceAll('.', '_')}`, fallback: text }];
      case 'targetType':
        return [{ key: `targetTypes.${text}`, fallback: text }];
      case 'direction':
        return [{ key: `auditDetail.direction_${text}`, fallback: text }];
      case 'retention':
        return sayRetention(text);
      case 'field': {
        const fieldLabel = this.fieldLabel(text);
        return [fieldLabel ? { key: fieldLabel, fallback: text } : { text }];
      }
      default:
        return [this.guess(text)];
    }
  }

  /** A value of no declared kind: a date or instant still reads as one. */
  private guess(text: string): AuditWord {
    if (calendarDate.test(text)) return { date: text };
    if (isoInstant.test(text) && !Number.isNaN(Date.parse(text))) return { instant: text };
    return { text };
  }
}

/** 保存期限 as the ledger says it: a date, 永年, or 「5年」 (db/contract/retention.ts). */
function sayRetention(value: string): AuditWord[] {
  const parts = retentionParts(value);
  if (!parts) return [{ text: value }];
  if (parts.kind === 'date') return [{ date: parts.date }];
  if (parts.kind === 'permanent') return [{ key: 'retention.permanent', fallback: value }];
  return [{ key: 'retention.years', params: { years: parts.years }, fallback: value }];
}
