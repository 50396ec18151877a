import type { HomeCardUnit, HomeLinkScreen, Permission, Role } from '../contract';
import type { Db } from '../store/database';
import { statement } from '../store/statements';
import { localDateIn } from '../contract/timeZone';
import { addCalendarDays } from './time';
import { backupStatus } from './backup/register';

/**
 * A card of the home dashboard (今日の確認事項): what one user should look at today, counted
 * in SQL, and where a click takes them. Core and each ledger define theirs
 * (db/core/homeCards.ts, db/features/<area>/home.ts); db/ipc/handlers.ts lists them all
 * and the kit (db/ledger/homeCards.ts) evaluates them for the session's user.
 */
export type HomeCardSeverity = 'action' | 'warning' | 'info';

export interface HomeCardContext {
  db: Db;
  /** The session's user, role and 課等: counts use the same department scope as the lists (MIC §9). */
  actor: { userId: number; name: string; role: Role; departmentId: number };
  /** Business dates in the organisation's zone (db/core/time.ts). */
  today: string;
  nowMs: number;
  timeZone: string;
  /** A figure several cards share (one pass of SQL), computed once per dashboard. */
  once<T>(key: string, compute: () => T): T;
}

export interface HomeCardCount {
  count: number;
  /** Who was asked, with how many (e.g. the people the user asked to verify). */
  people?: { name: string; count: number }[];
  /** The first day the count covers (e.g. the first day not yet reviewed). */
  since?: string | null;
  /** The card's severity for this figure, when it depends on it (an age past a limit warns). */
  severity?: HomeCardSeverity;
  /** Link filters that depend on today (a cutoff day), added to the card's own: the list then shows exactly what was counted. */
  filters?: Record<string, string | number | boolean>;
}

export interface HomeCard {
  /** Unique, `<area>.<what>` (e.g. `accounts.expired`). */
  id: string;
  /** Who sees the card: the role must have this permission. */
  permission: Permission;
  severity: HomeCardSeverity;
  /** The i18n object with its `title` and `hint` (renderer/i18n/<lang>/…). */
  textKey: string;
  unit: HomeCardUnit;
  count(ctx: HomeCardContext): number | HomeCardCount;
  /** Where a click goes: a screen, its tab, and the list filters that show exactly what was counted. */
  link: { screen: HomeLinkScreen; tab?: string; filters?: Record<string, string | number | boolean> };
}

/** Accounts whose 有効期限 has passed while they are still active: rights end when a person moves (seed 004 case 4). */
const expiredAccounts: HomeCard = {
  id: 'accounts.expired',
  permission: 'users.manage',
  severity: 'action',
  textKey: 'homeCards.accountsExpired',
  unit: 'accounts',
  count: ({ db, today }) => statement(db, 'SELECT count(*) FROM users WHERE active = 1 AND valid_until IS NOT NULL AND valid_until < ?').pluck().get(today) as number,
  link: { screen: 'users', tab: 'review' },
};

/** Accounts whose 有効期限 comes within 30 days (the account review's 期限間近). */
const expiringAccounts: HomeCard = {
  id: 'accounts.expiring',
  permission: 'users.manage',
  severity: 'warning',
  textKey: 'homeCards.accountsExpiring',
  unit: 'accounts',
  count: ({ db, today }) => statement(db, 'SELECT count(*) FROM users WHERE active = 1 AND valid_until BETWEEN ? AND ?').pluck().get(today, addCalendarDays(today, 30)) as number,
  link: { screen: 'users', tab: 'review' },
};

/** How many whole months between two YYYY-MM days' months, inclusive. */
function monthsInclusive(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/**
 * Months of the access log that have ended and no review covers (MIC §21: the log is
 * reviewed periodically, and the review is itself a record). Counted from the day after the
 * latest reviewed period, or from the log's first day; the current month is not yet due.
 */
export function unreviewedMonths(db: Db, today: string, timeZone: string): HomeCardCount {
  const lastReviewed = statement(db, 'SELECT max(period_to) FROM audit_reviews').pluck().get() as string | null;
  const firstAt = statement(db, 'SELECT at FROM audit_events WHERE seq = 1').pluck().get() as string | undefined;
  const since = lastReviewed ? addCalendarDays(lastReviewed, 1) : firstAt ? localDateIn(Date.parse(firstAt), timeZone) : null;
  const lastDayOfLastMonth = addCalendarDays(`${today.slice(0, 7)}-01`, -1);
  if (!since || since > lastDayOfLastMonth) return { count: 0, since };
  return { count: monthsInclusive(since, lastDayOfLastMonth), since };
}

const unreviewedAccessLog: HomeCard = {
  id: 'audit.unreviewed',
  permission: 'audit.review',
  severity: 'warning',
  textKey: 'homeCards.auditUnreviewed',
  unit: 'months',
  count: ({ db, today, timeZone }) => unreviewedMonths(db, today, timeZone),
  link: { screen: 'audit', tab: 'reviews' },
};

/**
 * The age of the last verified backup in whole days (MIC §29: backups are taken and checked;
 * an export is reopened and checked before it is kept, so it counts as verified too: the same
 * figure as backup.status). An age, not a to-do count: always shown to the chief, `since` the
 * day of that check (null: never), a warning past 設定's backupWarnAfterDays or when there is none.
 */
export function lastVerifiedBackup(db: Db, today: string, timeZone: string): HomeCardCount {
  const { lastVerifiedAt, warnAfterDays } = backupStatus(db);
  if (!lastVerifiedAt) return { count: 0, since: null, severity: 'warning' };
  const since = localDateIn(Date.parse(lastVerifiedAt), timeZone);
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000);
  return { count: days, since, severity: days > warnAfterDays ? 'warning' : 'info' };
}

const verifiedBackup: HomeCard = {
  id: 'backup.lastVerified',
  permission: 'backup.manage',
  severity: 'info',
  textKey: 'homeCards.backupVerified',
  unit: 'days',
  count: ({ db, today, timeZone }) => lastVerifiedBackup(db, today, timeZone),
  link: { screen: 'settings', tab: 'backup' },
};

/** Core's cards, in the order they are shown (before the ledgers'). */
export const coreHomeCards: readonly HomeCard[] = [expiredAccounts, expiringAccounts, unreviewedAccessLog, verifiedBackup];
