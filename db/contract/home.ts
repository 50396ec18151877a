import { z } from 'zod';
import type { ChannelSpec } from './channels';

/**
 * The home dashboard (今日の確認事項): per card its figure and where a click goes. The cards
 * themselves are defined in main (db/core/homeCards.ts, db/features/<area>/home.ts).
 */
// 'days' is an age (the last verified backup): always shown, `since` the day it counts from, null for never.
export const homeCardUnits = ['records', 'accounts', 'months', 'days'] as const;
export type HomeCardUnit = (typeof homeCardUnits)[number];
/** The screens a card may open (renderer/screens/MainFrame.tsx routes). */
export const homeLinkScreens = ['holdings', 'media', 'disposal', 'areas', 'users', 'audit', 'settings'] as const;
export type HomeLinkScreen = (typeof homeLinkScreens)[number];

export const homeCardSchema = z.strictObject({
  id: z.string(),
  severity: z.enum(['action', 'warning', 'info']),
  textKey: z.string(),
  unit: z.enum(homeCardUnits),
  count: z.int(),
  people: z.array(z.strictObject({ name: z.string(), count: z.int() })),
  since: z.string().nullable(),
  link: z.strictObject({
    screen: z.enum(homeLinkScreens),
    tab: z.string().optional(),
    filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
});

export const homeChannels = {
  /**
   * Not an audited read: it reveals counts and the names of colleagues asked to verify, no
   * content of any ledger; opening the list a card links to is the audited read (MIC §21).
   */
  'home.cards': { input: z.strictObject({}), output: z.strictObject({ cards: z.array(homeCardSchema) }), access: 'session' },
} as const satisfies Record<string, ChannelSpec>;

export type HomeCardSummary = z.output<typeof homeCardSchema>;
