import type { HomeCard } from '../../ledger/homeCards';
import { departmentScopeSql } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { awaitingApprovalOfSql } from './queries';

/**
 * The 廃棄・消去記録's card on the home dashboard (今日の確認事項; issue #11): records awaiting an
 * approval this reader may give — never one they made, edited, asked for, performed or witnessed (MIC
 * §12-2) — counted in the list's department scope (MIC §9) with the list's own SQL (queries.ts),
 * and the link opens the list with the filter that shows exactly those.
 */
const awaitingApproval: HomeCard = {
  id: 'disposal.awaitingApproval',
  permission: 'disposal.approve',
  severity: 'action',
  textKey: 'disposalHome.awaitingApproval',
  unit: 'records',
  count: (ctx) => {
    const s = departmentScopeSql(ctx.actor, 'x.department_id');
    const me = ctx.actor.userId;
    return statement(ctx.db, `SELECT count(*) FROM disposals x WHERE ${awaitingApprovalOfSql}${s.sql}`).pluck().get(me, me, me, me, me, ...s.params) as number;
  },
  link: { screen: 'disposal', filters: { awaitingMyApproval: true } },
};

export const disposalHomeCards: readonly HomeCard[] = [awaitingApproval];
