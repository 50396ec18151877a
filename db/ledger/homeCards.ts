import { can, type HomeCardSummary } from '../contract';
import type { AppCore } from '../core/appCore';
import type { HomeCard, HomeCardContext, HomeCardCount } from '../core/homeCards';
import { actorOf } from './scope';

/**
 * The home dashboard's registry (今日の確認事項): every card of core and of each ledger,
 * evaluated for the session's user. A ledger adds its cards in one place — its
 * `db/features/<area>/home.ts`, spread into the list in db/ipc/handlers.ts — and each card
 * says who sees it (a permission), how it counts (SQL in the same department scope as the
 * lists) and which list, with which filters, a click opens.
 */
export type { HomeCard, HomeCardContext, HomeCardCount, HomeCardSeverity } from '../core/homeCards';

/** Every id once: a card's id is also its test id and the key its figure is found by. */
export function homeCardRegistry(...groups: readonly (readonly HomeCard[])[]): readonly HomeCard[] {
  const cards = groups.flat();
  const seen = new Set<string>();
  for (const card of cards) {
    if (seen.has(card.id)) throw new Error(`home card ${card.id} is registered twice`);
    seen.add(card.id);
  }
  return cards;
}

/** The card's link, with the filters its figure adds (a cutoff day computed with the count). */
function linkOf(card: HomeCard, figure: HomeCardCount): HomeCardSummary['link'] {
  const filters = card.link.filters || figure.filters ? { ...card.link.filters, ...figure.filters } : undefined;
  return { screen: card.link.screen, ...(card.link.tab ? { tab: card.link.tab } : {}), ...(filters ? { filters } : {}) };
}

/**
 * The cards this user's role may see, with their figures, in registry order. Cards with a
 * zero figure are returned too (the screen leaves them out: nothing to do there).
 */
export function homeDashboard(core: AppCore, cards: readonly HomeCard[]): { cards: HomeCardSummary[] } {
  const actor = actorOf(core);
  const memo = new Map<string, unknown>();
  const ctx: HomeCardContext = {
    db: core.requireVault().db,
    actor,
    today: core.today(),
    nowMs: core.nowMs(),
    timeZone: core.timeZone(),
    once: <T>(key: string, compute: () => T): T => {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
  const visible = cards.filter((card) => can(actor.role, card.permission));
  return {
    cards: visible.map((card) => {
      const raw = card.count(ctx);
      const figure: HomeCardCount = typeof raw === 'number' ? { count: raw } : raw;
      return {
        id: card.id,
        severity: figure.severity ?? card.severity,
        textKey: card.textKey,
        unit: card.unit,
        count: figure.count,
        people: figure.people ?? [],
        since: figure.since ?? null,
        link: linkOf(card, figure),
      };
    }),
  };
}
