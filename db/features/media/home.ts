import { readSettings } from '../../core/settings';
import { addCalendarDays } from '../../core/time';
import type { HomeCard, HomeCardContext } from '../../ledger/homeCards';
import { departmentScopeSql } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { backupBesideTerminalSql, unseenSinceSql } from './queries';
import { awaitingDecisionOfSql, overdueTakeoutSql } from './takeoutRecords';

/**
 * The 媒体管理台帳's cards on the home dashboard (今日の確認事項; issue #10 items 4 and 6). Each
 * count is SQL in the list's department scope (MIC §9) and each link opens the register or the
 * 持出管理簿 with the filters that show exactly the rows counted (queries.ts, takeoutRecords.ts).
 */
const scope = (ctx: HomeCardContext) => departmentScopeSql(ctx.actor, 'm.department_id');

function countMedia(ctx: HomeCardContext, condition: string, ...params: unknown[]): number {
  const s = scope(ctx);
  return statement(ctx.db, `SELECT count(*) FROM media m WHERE ${condition}${s.sql}`).pluck().get(...params, ...s.params) as number;
}

function countTakeouts(ctx: HomeCardContext, condition: string, ...params: unknown[]): number {
  // The take-out's own 課等 (0016), as the 持出管理簿 the card links to (takeoutRecords.ts).
  const s = departmentScopeSql(ctx.actor, 't.department_id');
  return statement(ctx.db, `SELECT count(*) FROM media_takeouts t WHERE ${condition}${s.sql}`).pluck().get(...params, ...s.params) as number;
}

/** The day before which a medium counts as unseen: today less 設定's 媒体の点検間隔 (MIC §42). */
function unseenCutoff(ctx: Pick<HomeCardContext, 'db' | 'today'>): string {
  return addCalendarDays(ctx.today, -readSettings(ctx.db).mediaInventoryIntervalDays);
}

/** Out past the due date in the organisation's calendar (domain.md §2: overdue take-outs stand out everywhere). */
const overdueTakeouts: HomeCard = {
  id: 'media.overdue',
  // Who takes media out and brings them back (an auditor reads the register but has no to-do here).
  permission: 'media.request',
  severity: 'action',
  textKey: 'mediaHome.overdue',
  unit: 'records',
  count: (ctx) => countTakeouts(ctx, overdueTakeoutSql, ctx.today),
  link: { screen: 'media', tab: 'takeouts', filters: { overdue: true } },
};

/** Requests this manager may decide: never their own (MIC §12-2, separation of duties). */
const awaitingDecision: HomeCard = {
  id: 'media.awaitingDecision',
  permission: 'media.approve',
  severity: 'action',
  textKey: 'mediaHome.awaitingDecision',
  unit: 'records',
  count: (ctx) => countTakeouts(ctx, awaitingDecisionOfSql, ctx.actor.userId),
  link: { screen: 'media', tab: 'takeouts', filters: { awaitingMyDecision: true } },
};

/** 所在不明: each one prompts a follow-up (domain.md §2: 所在不明 … prompts an incident). */
const missingMedia: HomeCard = {
  id: 'media.missing',
  // Who runs the inventory follows a missing medium up (domain.md Roles).
  permission: 'media.inventory',
  severity: 'action',
  textKey: 'mediaHome.missing',
  unit: 'records',
  count: (ctx) => countMedia(ctx, "m.status = 'missing'"),
  link: { screen: 'media', filters: { status: 'missing' } },
};

/**
 * 保管中 and not seen by an inventory (or, never inventoried, since registration) for longer
 * than 設定's interval (MIC §42 定期的に点検). The link carries the cutoff day, so the list shows
 * the rows counted today even if the setting changes meanwhile.
 */
const unseenMedia: HomeCard = {
  id: 'media.unseen',
  permission: 'media.inventory',
  severity: 'warning',
  textKey: 'mediaHome.unseen',
  unit: 'records',
  count: (ctx) => {
    const cutoff = unseenCutoff(ctx);
    return { count: countMedia(ctx, `m.status = 'in_storage' AND ${unseenSinceSql}`, cutoff), filters: { unseenSince: cutoff } };
  },
  link: { screen: 'media', filters: { status: 'in_storage' } },
};

/** MIC §29 分散保管 (seed 004 case 7-1): a backup medium kept in the same room as this terminal. */
const backupBesideTerminal: HomeCard = {
  id: 'media.backupBesideTerminal',
  // Who keeps the register and its places can move the medium (media.master).
  permission: 'media.master',
  severity: 'warning',
  textKey: 'mediaHome.backupBesideTerminal',
  unit: 'records',
  count: (ctx) => countMedia(ctx, backupBesideTerminalSql),
  link: { screen: 'media', filters: { backupBesideTerminal: true } },
};

/** In the order to act on them: overdue, decisions, missing; then upkeep. */
export const mediaHomeCards: readonly HomeCard[] = [overdueTakeouts, awaitingDecision, missingMedia, unseenMedia, backupBesideTerminal];
