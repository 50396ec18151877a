import type { AccountReviewRow, ChannelInput, UserSummary } from '../contract';
import { sameNameKey } from '../contract/textLists';
import type { Db } from '../store/database';
import { AppError, fieldError } from './appError';
import type { Tx } from './appCore';
import { assertDepartmentUsable } from './departments';

/**
 * Personal accounts (MIC §9, §20). People are never deleted: deactivation keeps the row,
 * and every change is in the access log with its before and after.
 */
interface UserRow {
  id: number;
  login_id: string;
  display_name: string;
  role: UserSummary['role'];
  department_id: number;
  department_name: string;
  is_my_number_handler: number;
  valid_until: string | null;
  active: number;
  deactivated_at: string | null;
  created_at: string;
  last_login_at: string | null;
  must_change_password: number;
}

const userSelect = `
  SELECT u.id, u.login_id, u.display_name, u.role, u.department_id, d.name AS department_name,
         u.is_my_number_handler, u.valid_until, u.active, u.deactivated_at, u.created_at,
         u.last_login_at, u.must_change_password
  FROM users u JOIN departments d ON d.id = u.department_id`;

function toSummary(r: UserRow): UserSummary {
  return {
    id: r.id,
    loginId: r.login_id,
    displayName: r.display_name,
    role: r.role,
    departmentId: r.department_id,
    departmentName: r.department_name,
    isMyNumberHandler: r.is_my_number_handler === 1,
    validUntil: r.valid_until,
    active: r.active === 1,
    deactivatedAt: r.deactivated_at,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
    mustChangePassword: r.must_change_password === 1,
  };
}

export function getUser(db: Db, userId: number): UserSummary {
  const row = db.prepare(`${userSelect} WHERE u.id = ?`).get(userId) as UserRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return toSummary(row);
}

export function findUserByLoginId(db: Db, loginId: string): UserSummary | undefined {
  const row = db.prepare(`${userSelect} WHERE u.login_id = ?`).get(loginId) as UserRow | undefined;
  return row && toSummary(row);
}

/** The accounts, or those of one 課等 (a manager's list, MIC §9: their own staff only). */
export function listUsers(db: Db, includeInactive: boolean, departmentId: number | null = null): UserSummary[] {
  const where = [...(includeInactive ? [] : ['u.active = 1']), ...(departmentId === null ? [] : ['u.department_id = ?'])];
  const sql = `${userSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.name, u.login_id`;
  return (db.prepare(sql).all(...(departmentId === null ? [] : [departmentId])) as UserRow[]).map(toSummary);
}

type NewUser = Omit<ChannelInput<'users.create'>, 'initialPassword'> & { mustChangePassword: boolean };

/** Inserts the account; the caller adds its key slot in the same transaction. */
export function insertUser(tx: Tx, input: NewUser): UserSummary {
  assertDepartmentUsable(tx.db, input.departmentId, 'departmentId');
  if (findUserByLoginId(tx.db, input.loginId)) throw fieldError(['loginId'], 'validation.loginIdTaken');
  const { lastInsertRowid } = tx.db
    .prepare(
      `INSERT INTO users (login_id, display_name, role, department_id, is_my_number_handler, valid_until, must_change_password, created_at, password_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.loginId,
      input.displayName,
      input.role,
      input.departmentId,
      input.isMyNumberHandler ? 1 : 0,
      input.validUntil ?? null,
      input.mustChangePassword ? 1 : 0,
      tx.at,
      tx.at,
    );
  const user = getUser(tx.db, Number(lastInsertRowid));
  // One person with two accounts could verify his own entry (issue #9 item 14): warn, log, never refuse.
  const namesakes = activeNamesakes(tx.db, user);
  const warning = namesakes.length ? { warning: 'sameDisplayName', namesakes } : {};
  tx.audit({ action: 'user.create', targetType: 'user', targetId: user.id, detail: { after: auditView(user), ...warning } });
  return user;
}

/** Other active accounts whose display name is the same (sameNameKey): maybe the same person. */
export function activeNamesakes(db: Db, user: { id: number; displayName: string }): { loginId: string; displayName: string }[] {
  const key = sameNameKey(user.displayName);
  return listUsers(db, false)
    .filter((u) => u.id !== user.id && sameNameKey(u.displayName) === key)
    .map((u) => ({ loginId: u.loginId, displayName: u.displayName }));
}

/** What of an account goes into the access log (no secrets exist in the row to leave out). */
function auditView(u: UserSummary) {
  return {
    loginId: u.loginId,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    isMyNumberHandler: u.isMyNumberHandler,
    validUntil: u.validUntil,
    active: u.active,
  };
}

function activeChiefCount(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'chief' AND active = 1`).get() as { n: number }).n;
}

export function updateUser(tx: Tx, input: ChannelInput<'users.update'>, actingUserId: number): UserSummary {
  const before = getUser(tx.db, input.userId);
  if (!before.active) throw new AppError('CONFLICT', undefined, undefined, 'errors.userInactive');
  if (input.departmentId !== undefined) assertDepartmentUsable(tx.db, input.departmentId, 'departmentId');
  // The organisation must keep a 総括保護管理者 who can manage accounts and keys.
  if (before.role === 'chief' && input.role !== undefined && input.role !== 'chief' && activeChiefCount(tx.db) <= 1) {
    throw fieldError(['role'], 'validation.lastChief');
  }
  if (input.userId === actingUserId && input.role !== undefined && input.role !== before.role) {
    throw fieldError(['role'], 'validation.ownRole');
  }
  tx.db
    .prepare(
      `UPDATE users SET display_name = coalesce(?, display_name), role = coalesce(?, role), department_id = coalesce(?, department_id),
         is_my_number_handler = coalesce(?, is_my_number_handler),
         valid_until = CASE WHEN ? THEN ? ELSE valid_until END
       WHERE id = ?`,
    )
    .run(
      input.displayName ?? null,
      input.role ?? null,
      input.departmentId ?? null,
      input.isMyNumberHandler === undefined ? null : input.isMyNumberHandler ? 1 : 0,
      input.validUntil !== undefined ? 1 : 0,
      input.validUntil ?? null,
      input.userId,
    );
  const after = getUser(tx.db, input.userId);
  // A rename onto an active account's name is the same warning as creating one (never a refusal).
  const namesakes = after.displayName !== before.displayName ? activeNamesakes(tx.db, after) : [];
  const warning = namesakes.length ? { warning: 'sameDisplayName', namesakes } : {};
  tx.audit({ action: 'user.update', targetType: 'user', targetId: after.id, detail: { before: auditView(before), after: auditView(after), ...warning } });
  return after;
}

/** Ends an account's rights; the caller removes its key slot in the same transaction. */
export function deactivateUser(tx: Tx, userId: number, reason: string, actingUserId: number): UserSummary {
  const before = getUser(tx.db, userId);
  if (!before.active) throw new AppError('CONFLICT', undefined, undefined, 'errors.userInactive');
  if (userId === actingUserId) throw new AppError('CONFLICT', undefined, undefined, 'errors.cannotDeactivateSelf');
  if (before.role === 'chief' && activeChiefCount(tx.db) <= 1) throw new AppError('CONFLICT', undefined, undefined, 'errors.lastChief');
  tx.db.prepare('UPDATE users SET active = 0, deactivated_at = ?, deactivation_reason = ? WHERE id = ?').run(tx.at, reason, userId);
  const after = getUser(tx.db, userId);
  tx.audit({ action: 'user.deactivate', targetType: 'user', targetId: userId, detail: { reason, before: auditView(before), after: auditView(after) } });
  return after;
}

/** Records a new password; `at` is also the key slot's createdAt, which is how a slot is matched to its record. */
export function markPasswordChanged(tx: Tx, userId: number, mustChange: boolean, at = tx.at): void {
  tx.db.prepare('UPDATE users SET password_changed_at = ?, must_change_password = ? WHERE id = ?').run(at, mustChange ? 1 : 0, userId);
}

export function markLoggedIn(tx: Tx, userId: number): void {
  tx.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(tx.at, userId);
}

/** Who may hold a key slot: the active accounts, with when their password was last recorded. */
export function activeSlotOwners(db: Db): Map<number, { loginId: string; passwordChangedAt: string | null }> {
  const rows = db.prepare('SELECT id, login_id, password_changed_at FROM users WHERE active = 1').all() as {
    id: number;
    login_id: string;
    password_changed_at: string | null;
  }[];
  return new Map(rows.map((r) => [r.id, { loginId: r.login_id, passwordChangedAt: r.password_changed_at }]));
}

/**
 * The periodic account review: who has expired, who never logged in, who has not for 90
 * days. A transferred person keeping access is an inspection finding (seed 004 case 4).
 */
export function accountReview(db: Db, today: string, departmentId: number | null = null): AccountReviewRow[] {
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 30);
  const soonDate = soon.toISOString().slice(0, 10);
  const dormantSince = new Date(`${today}T00:00:00Z`);
  dormantSince.setUTCDate(dormantSince.getUTCDate() - 90);
  const dormantIso = dormantSince.toISOString();
  const users = listUsers(db, true);
  const activeByName = new Map<string, number>();
  for (const u of users) if (u.active) activeByName.set(sameNameKey(u.displayName), (activeByName.get(sameNameKey(u.displayName)) ?? 0) + 1);
  // Namesakes are looked for across the organisation; a manager is shown only their 課等's rows.
  return users.filter((u) => departmentId === null || u.departmentId === departmentId).map((u) => {
    const flags: AccountReviewRow['flags'] = [];
    // Two active accounts under one name: maybe one person who could verify his own entries.
    if (u.active && (activeByName.get(sameNameKey(u.displayName)) ?? 0) > 1) flags.push('sameName');
    if (!u.active) flags.push('inactive');
    if (u.validUntil !== null && u.validUntil < today) flags.push('expired');
    else if (u.validUntil !== null && u.validUntil <= soonDate) flags.push('expiringSoon');
    if (u.lastLoginAt === null) flags.push('neverUsed');
    else if (u.lastLoginAt < dormantIso) flags.push('dormant');
    return { ...u, flags };
  });
}
