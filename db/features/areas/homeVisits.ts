import type { HomeCard } from '../../ledger/homeCards';
import { departmentScopeSql } from '../../ledger/scope';
import { statement } from '../../store/statements';

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

export const visitHomeCards: readonly HomeCard[] = [openPastDay, unconfirmedExceptions];
