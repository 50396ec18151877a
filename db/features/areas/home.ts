import { authorizationExpiringDays } from '../../contract/areas';
import { addCalendarDays } from '../../core/time';
import type { HomeCard } from '../../ledger/homeCards';
import { departmentScopeSql } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { stateSql } from './authorizationRecords';

/**
 * 入室許可's cards on the home dashboard (今日の確認事項; issue #12 item 2: 「expiring and expired
 * lists; dashboard cards」), for whoever grants them (areas.grant), counted in the list's
 * department scope (MIC §9) with the list's own SQL (authorizationRecords.ts stateSql), and
 * linked to the 入室許可 tab with the filters that show exactly what was counted.
 */
const expiring: HomeCard = {
  id: 'areas.authorizationsExpiring',
  permission: 'areas.grant',
  severity: 'warning',
  textKey: 'areasHome.authorizationsExpiring',
  unit: 'records',
  count: (ctx) => {
    const s = departmentScopeSql(ctx.actor, 'a.department_id');
    const state = stateSql('expiring', ctx.today);
    return statement(ctx.db, `SELECT count(*) FROM area_authorizations a WHERE ${state.sql}${s.sql}`).pluck().get(...state.params, ...s.params) as number;
  },
  link: { screen: 'areas', tab: 'authorizations', filters: { state: 'expiring' } },
};

/** Expired in the last 30 days and not revoked: renew them, or revoke them if the work has ended (seed 004 case 4). */
const expired: HomeCard = {
  id: 'areas.authorizationsExpired',
  permission: 'areas.grant',
  severity: 'info',
  textKey: 'areasHome.authorizationsExpired',
  unit: 'records',
  count: (ctx) => {
    const s = departmentScopeSql(ctx.actor, 'a.department_id');
    const since = addCalendarDays(ctx.today, -authorizationExpiringDays);
    const count = statement(ctx.db, `SELECT count(*) FROM area_authorizations a WHERE a.status = 'active' AND a.valid_until >= ? AND a.valid_until < ?${s.sql}`)
      .pluck()
      .get(since, ctx.today, ...s.params) as number;
    return { count, filters: { expiredSince: since } };
  },
  link: { screen: 'areas', tab: 'authorizations', filters: { state: 'expired' } },
};

/**
 * The door's cards on the home dashboard (今日の確認事項; issue #12 items 4–5): visits still open
 * from an earlier day (nobody recorded the exit, MIC §35 入退室の記録), and exceptions no manager
 * has confirmed. Each counted in the book's department scope (MIC §9), linking to the book with
 * the filter that shows exactly those (visitQueries.ts whereFor).
 */
const openPastDay: HomeCard = {
  id: 'areas.openPastDay',
  permission: 'areas.read',
  severity: 'warning',
  textKey: 'areasHome.openPastDay',
  unit: 'records',
  count: (ctx) => {
    const s = departmentScopeSql(ctx.actor, 'department_id');
    return statement(ctx.db, `SELECT count(*) FROM area_visits WHERE status = 'inside' AND entered_on < ?${s.sql}`).pluck().get(ctx.today, ...s.params) as number;
  },
  link: { screen: 'areas', tab: 'book', filters: { openBeforeToday: true } },
};

const unconfirmedExceptions: HomeCard = {
  id: 'areas.unconfirmedExceptions',
  permission: 'areas.grant',
  severity: 'action',
  textKey: 'areasHome.unconfirmedExceptions',
  unit: 'records',
  count: (ctx) => {
    const s = departmentScopeSql(ctx.actor, 'department_id');
    return statement(ctx.db, `SELECT count(*) FROM area_visits WHERE has_exceptions = 1 AND exception_confirmed_at IS NULL${s.sql}`).pluck().get(...s.params) as number;
  },
  link: { screen: 'areas', tab: 'book', filters: { unconfirmedOnly: true } },
};


/** In the order they were registered before: the permits', then the door's. */
export const areaHomeCards: readonly HomeCard[] = [expiring, expired, openPastDay, unconfirmedExceptions];
