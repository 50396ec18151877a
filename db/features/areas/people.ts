import { can } from '../../contract';
import type { OutsiderFields, Person, PersonRef } from '../../contract/areas';
import { AppError, fieldError } from '../../core/appError';
import type { Tx } from '../../core/appCore';
import { pinSideRow } from '../../ledger/integrity';
import { assertVersion, type LedgerActor } from '../../ledger/record';
import { isDepartmentScoped } from '../../ledger/scope';
import type { Db } from '../../store/database';
import { statement } from '../../store/statements';
import { areaPeopleTable } from './areaColumns';

/**
 * 入退室者: the people met at the door (migration 0021 area_people). Staff come from the user
 * list and get a row on first use (their 課等 name as affiliation); an outsider typed at the door
 * is remembered for the next visit (MIC §35: outsiders identified by name and 所属). A person is
 * organisation-wide: the same contractor visits the rooms of several 課等. Each write pins the row
 * (a side table of the areas ledger, areaColumns.ts) with its own access-log event.
 */
export interface PersonRow {
  id: number;
  kind: 'staff' | 'outsider';
  user_id: number | null;
  name: string;
  kana: string;
  affiliation: string;
  search_key: string;
  active: number;
  last_visit_at: string | null;
  version: number;
  last_edited_by: number;
  created_at: string;
  updated_at: string;
}

/** ひらがな → カタカナ (ぁ U+3041 … ゖ U+3096, and ゝゞ), the one spelling よみ are kept in. */
function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * How a name, a よみ or a 所属 is compared while typing: NFKC (ｶﾀｶﾅ and Ｆｕｌｌ width fold), ひらがな
 * as カタカナ, without spaces or characters that show nothing, lower case. The stored search_key
 * and the typed text are folded alike, so 「やまだ」「ヤマダ」「ﾔﾏﾀﾞ」 all find 「ヤマダ タロウ」.
 */
export function foldSearchKey(text: string): string {
  return toKatakana(text.normalize('NFKC'))
    .replace(/[\s\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu, '')
    .toLowerCase();
}

/** The row's search key: each part folded, kept apart so a match never spans two of them. */
export function personSearchKey(name: string, kana: string, affiliation: string): string {
  return [name, kana, affiliation].map(foldSearchKey).join('|');
}

/** よみ as stored: カタカナ, full width (NFKC), spaces as typed but trimmed. */
function storedKana(kana: string): string {
  return toKatakana(kana.normalize('NFKC')).trim();
}

function readPerson(db: Db, id: number): PersonRow | undefined {
  return statement(db, 'SELECT * FROM area_people WHERE id = ?').get(id) as PersonRow | undefined;
}

export function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    kind: r.kind,
    userId: r.user_id,
    name: r.name,
    kana: r.kana,
    affiliation: r.affiliation,
    active: r.active === 1,
    lastVisitAt: r.last_visit_at,
    version: r.version,
  };
}

interface StaffUser {
  id: number;
  display_name: string;
  department_name: string;
}

/** A user in force on `today` (active, 有効期限 not passed in the organisation's calendar): seed 004 case 4. */
export function staffUserInForce(db: Db, userId: number, today: string): StaffUser | undefined {
  return statement(
    db,
    `SELECT u.id, u.display_name, d.name AS department_name FROM users u JOIN departments d ON d.id = u.department_id
     WHERE u.id = ? AND u.active = 1 AND (u.valid_until IS NULL OR u.valid_until >= ?)`,
  ).get(userId, today) as StaffUser | undefined;
}

function insertPerson(tx: Tx, actor: LedgerActor, p: { kind: 'staff' | 'outsider'; userId: number | null; name: string; kana: string; affiliation: string }): PersonRow {
  const kana = storedKana(p.kana);
  const { lastInsertRowid } = statement(
    tx.db,
    `INSERT INTO area_people (kind, user_id, name, kana, affiliation, search_key, active, version, last_edited_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?)`,
  ).run(p.kind, p.userId, p.name, kana, p.affiliation, personSearchKey(p.name, kana, p.affiliation), actor.userId, tx.at, tx.at);
  const id = Number(lastInsertRowid);
  pinSideRow(tx.db, areaPeopleTable, id);
  tx.audit({
    action: 'areas.person.create',
    targetType: 'area_person',
    targetId: id,
    detail: { kind: p.kind, name: p.name, ...(kana ? { kana } : {}), affiliation: p.affiliation, ...(p.userId !== null ? { userId: p.userId } : {}) },
  });
  return readPerson(tx.db, id)!;
}

/**
 * A staff member's row as the user list says them now: a renamed account (婚姻による改姓) or one
 * moved to another 課等 is recorded at the door, and on a permit, under the name and 課等 it has
 * today — the 入退室管理簿 must say who entered (MIC §35) — the row brought up to date in the same
 * write, with its own logged change. The user list is the authority (users.manage changed it).
 */
function asUserListSays(tx: Tx, actor: LedgerActor, row: PersonRow, user: StaffUser): PersonRow {
  return rewritePerson(tx, actor, row, { name: user.display_name, kana: row.kana, affiliation: user.department_name });
}

/** The staff member's row, made on first use from the user list (name and 課等 as they are now). */
function staffPerson(tx: Tx, actor: LedgerActor, userId: number, today: string): PersonRow {
  const user = staffUserInForce(tx.db, userId, today);
  if (!user) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.personInactive');
  const existing = statement(tx.db, 'SELECT * FROM area_people WHERE user_id = ?').get(userId) as PersonRow | undefined;
  if (existing) return asUserListSays(tx, actor, existing, user);
  return insertPerson(tx, actor, { kind: 'staff', userId, name: user.display_name, kana: '', affiliation: user.department_name });
}

/**
 * An outsider as typed: an active one with the same name and 所属 (folded) is the same person and
 * is reused, so typing 「株式会社テスト保守」 again next month does not make a second 山田 太郎.
 */
export function findOrCreateOutsider(tx: Tx, actor: LedgerActor, fields: OutsiderFields): PersonRow {
  if (fields.affiliation.trim() === '') throw fieldError(['affiliation'], 'areas.errors.affiliationRequired');
  const nameKey = foldSearchKey(fields.name);
  const affiliationKey = foldSearchKey(fields.affiliation);
  const prefix = `${nameKey}|`;
  const candidates = statement(tx.db, "SELECT * FROM area_people WHERE kind = 'outsider' AND active = 1 AND search_key >= ? AND search_key < ?")
    .all(prefix, `${nameKey}}`) as PersonRow[];
  const same = candidates.find((r) => foldSearchKey(r.name) === nameKey && foldSearchKey(r.affiliation) === affiliationKey);
  return same ?? insertPerson(tx, actor, { kind: 'outsider', userId: null, name: fields.name, kana: fields.kana, affiliation: fields.affiliation });
}

/**
 * Who a check-in or an authorization is for, resolved in the caller's write: 'known' must exist
 * and be active; 'staff' must be a user in force on `today` (the organisation's day); 'new' is an
 * outsider remembered (or reused). A row made here logs `areas.person.create` in the same write.
 */
export function resolvePerson(tx: Tx, actor: LedgerActor, ref: PersonRef, today: string): PersonRow {
  if (ref.kind === 'known') {
    const row = readPerson(tx.db, ref.personId);
    if (!row || row.active !== 1) throw new AppError('NOT_FOUND', undefined, undefined, 'areas.errors.unknownPerson');
    if (row.kind !== 'staff') return row;
    const user = staffUserInForce(tx.db, row.user_id!, today);
    if (!user) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.personInactive');
    return asUserListSays(tx, actor, row, user);
  }
  if (ref.kind === 'staff') return staffPerson(tx, actor, ref.userId, today);
  return findOrCreateOutsider(tx, actor, ref.outsider);
}

/**
 * A permit names its person (MIC §35 「入室を認める者の範囲」): a new name or 所属 on someone who
 * holds one makes the permit open the door to whoever now answers to it. So, while a permit not
 * revoked names them, only whoever may grant every such permit (areas.grant, of its 課等, or the
 * chief) changes them — never a clerk, nor another 課等 unseen by the permit's own — and never to
 * their own name (MIC §12-2, as authorizationRules.ts assertNotSelf).
 */
function assertMayRename(tx: Tx, actor: LedgerActor, row: PersonRow, nextName: string): void {
  const departments = statement(tx.db, "SELECT DISTINCT department_id FROM area_authorizations WHERE person_id = ? AND status = 'active'").pluck().all(row.id) as number[];
  if (departments.length === 0) return;
  const grants = can(actor.role, 'areas.grant') && departments.every((d) => !isDepartmentScoped(actor) || d === actor.departmentId);
  if (!grants) throw new AppError('CONFLICT', undefined, undefined, 'areas.errors.personHasPermits');
  if (foldSearchKey(nextName) === foldSearchKey(actor.name)) throw fieldError(['name'], 'areas.errors.grantToOwnName');
}

/**
 * A person's name, よみ or 所属 corrected (areas.people.update). A staff member's name and 所属
 * come from the user list: only their よみ is kept here. Versioned like a record (a stale form is
 * refused); the row is pinned and the change logged with its before and after.
 */
export function updatePerson(tx: Tx, actor: LedgerActor, input: { personId: number; version: number; fields: OutsiderFields }): PersonRow {
  const row = readPerson(tx.db, input.personId);
  if (!row) throw new AppError('NOT_FOUND', undefined, undefined, 'areas.errors.unknownPerson');
  assertVersion(row.version, input.version);
  const staff = row.kind === 'staff';
  const next = { name: staff ? row.name : input.fields.name, kana: storedKana(input.fields.kana), affiliation: staff ? row.affiliation : input.fields.affiliation };
  if (!staff && next.affiliation.trim() === '') throw fieldError(['affiliation'], 'areas.errors.affiliationRequired');
  if (next.name !== row.name || next.affiliation !== row.affiliation) assertMayRename(tx, actor, row, next.name);
  return rewritePerson(tx, actor, row, next);
}

/** A person's row rewritten (versioned, pinned, its before and after logged), or left as it is when nothing differs. */
function rewritePerson(tx: Tx, actor: LedgerActor, row: PersonRow, next: { name: string; kana: string; affiliation: string }): PersonRow {
  const changes = (['name', 'kana', 'affiliation'] as const).filter((f) => row[f] !== next[f]).map((f) => ({ field: f, before: row[f], after: next[f] }));
  if (changes.length === 0) return row;
  statement(tx.db, 'UPDATE area_people SET name = ?, kana = ?, affiliation = ?, search_key = ?, version = version + 1, last_edited_by = ?, updated_at = ? WHERE id = ?')
    .run(next.name, next.kana, next.affiliation, personSearchKey(next.name, next.kana, next.affiliation), actor.userId, tx.at, row.id);
  pinSideRow(tx.db, areaPeopleTable, row.id);
  tx.audit({ action: 'areas.person.update', targetType: 'area_person', targetId: row.id, detail: { name: next.name, version: row.version + 1, changes } });
  return readPerson(tx.db, row.id)!;
}
