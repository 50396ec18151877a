import { oneYearBeforeIso } from '../../core/time';
import type { HomeCard, HomeCardContext } from '../../ledger/homeCards';
import { authoredSinceVerifiedSql } from '../../ledger/lifecycle';
import { departmentScopeSql } from '../../ledger/scope';
import { statement } from '../../store/statements';
import { holdingVerification } from './rules';

/**
 * The 保有個人情報等台帳's cards on the home dashboard (今日の確認事項). Each count is SQL in the
 * list's department scope (MIC §9) and each link opens the list with the filters that show
 * exactly the rows counted (db/features/holdings/queries.ts).
 */
const authored = authoredSinceVerifiedSql(holdingVerification, 'h', holdingVerification.authorActions);
// Each count names its covering index (migrations 0003, 0005): without ANALYZE statistics the
// planner would guess a narrower one and read 25,000 wide, encrypted rows instead (measured:
// p95 36 ms → 18 ms for the chief at 100,000 holdings, scripts/benchLedger.ts).

/** The list's 課等 scope (db/ledger/scope.ts) on the holdings alias `h`. */
const scope = (ctx: HomeCardContext) => departmentScopeSql(ctx.actor, 'h.department_id');

/** One pass over the drafts in scope: how many, and how many the user authored since their last 照合. */
function drafts(ctx: HomeCardContext): { all: number; mine: number } {
  return ctx.once('holdings.drafts', () => {
    const s = scope(ctx);
    const row = statement(ctx.db, `SELECT count(*) AS all_drafts, coalesce(sum(${authored}), 0) AS mine FROM holdings h INDEXED BY holdings_drafts WHERE h.status = 'draft'${s.sql}`).get(ctx.actor.userId, ...s.params) as {
      all_drafts: number;
      mine: number;
    };
    return { all: row.all_drafts, mine: row.mine };
  });
}

/** 照合依頼 made of me that I can still act on: drafts in my scope I did not author. */
const requestedOfMe: HomeCard = {
  id: 'holdings.requestedOfMe',
  permission: 'holdings.verify',
  severity: 'action',
  textKey: 'holdingHome.requestedOfMe',
  unit: 'records',
  count: (ctx) => {
    const s = scope(ctx);
    return statement(
      ctx.db,
      `SELECT count(*) FROM verification_requests vr JOIN holdings h ON h.id = vr.record_id
       WHERE vr.ledger = ? AND vr.requested_of = ? AND h.status = 'draft'${s.sql} AND NOT ${authored}`,
    ).pluck().get(holdingVerification.key, ctx.actor.userId, ...s.params, ctx.actor.userId) as number;
  },
  link: { screen: 'holdings', filters: { requestedOfMe: true } },
};

/** Everything awaiting 照合 that I may verify (MIC §28: not by its author). */
const verifiableByMe: HomeCard = {
  id: 'holdings.verifiableByMe',
  permission: 'holdings.verify',
  severity: 'action',
  textKey: 'holdingHome.verifiableByMe',
  unit: 'records',
  count: (ctx) => {
    const d = drafts(ctx);
    return d.all - d.mine;
  },
  link: { screen: 'holdings', filters: { verifiableByMe: true } },
};

/** What I entered or changed and others have yet to verify, with whom I asked. */
const awaitingOthers: HomeCard = {
  id: 'holdings.authoredByMe',
  permission: 'holdings.write',
  severity: 'info',
  textKey: 'holdingHome.authoredByMe',
  unit: 'records',
  count: (ctx) => {
    const s = scope(ctx);
    const people = statement(
      ctx.db,
      `SELECT u.display_name AS name, count(*) AS count FROM verification_requests vr
       JOIN holdings h ON h.id = vr.record_id JOIN users u ON u.id = vr.requested_of
       WHERE vr.ledger = ? AND h.status = 'draft'${s.sql} AND ${authored}
       GROUP BY vr.requested_of ORDER BY count(*) DESC, u.display_name`,
    ).all(holdingVerification.key, ...s.params, ctx.actor.userId) as { name: string; count: number }[];
    return { count: drafts(ctx).mine, people };
  },
  link: { screen: 'holdings', filters: { authoredByMe: true } },
};

/** 照合済 rows whose yearly review (JIS Q 15001) is due; a draft is verified first. */
const reviewDue: HomeCard = {
  id: 'holdings.reviewDue',
  permission: 'holdings.write',
  severity: 'warning',
  textKey: 'holdingHome.reviewDue',
  unit: 'records',
  count: (ctx) => {
    const s = scope(ctx);
    const cutoff = oneYearBeforeIso(ctx.nowMs, ctx.timeZone);
    const index = s.sql ? 'holdings_by_department' : 'holdings_open_by_review';
    return statement(ctx.db, `SELECT count(*) FROM holdings h INDEXED BY ${index} WHERE h.status = 'verified' AND coalesce(h.last_reviewed_at, h.created_at) < ?${s.sql}`).pluck().get(cutoff, ...s.params) as number;
  },
  link: { screen: 'holdings', filters: { status: 'verified', reviewDue: true } },
};

/** Held rows whose 管理区分 (METI §16) is still to be decided, for those who decide it. */
const categoryUndecided: HomeCard = {
  id: 'holdings.categoryUndecided',
  permission: 'holdings.categorize',
  severity: 'warning',
  textKey: 'holdingHome.categoryUndecided',
  unit: 'records',
  count: (ctx) => {
    const s = scope(ctx);
    return statement(ctx.db, `SELECT count(*) FROM holdings h INDEXED BY holdings_undecided WHERE h.category IS NULL AND h.status IN ('draft', 'verified')${s.sql}`).pluck().get(...s.params) as number;
  },
  link: { screen: 'holdings', filters: { category: 'undecided', held: true } },
};

/** In the order a clerk works through them: asked of me, mine to verify, mine with others, then upkeep. */
export const holdingHomeCards: readonly HomeCard[] = [requestedOfMe, verifiableByMe, awaitingOthers, reviewDue, categoryUndecided];
