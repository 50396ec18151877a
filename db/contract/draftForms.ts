import type { Permission } from './permissions';

/**
 * The forms whose unsaved input survives the idle lock (issue #7: a lock must not cost the
 * clerk a half-filled form), each with the permission its save needs: main keeps a draft
 * only for a user who could save that form. Zod-free, so the renderer imports it; a later
 * ledger adds its forms here (one line each).
 */
export const draftForms = {
  'holdings.create': 'holdings.write',
  'holdings.edit': 'holdings.write',
  // 媒体管理台帳 (issue #10): registering and editing a medium are the 保護担当者's.
  'media.create': 'media.master',
  'media.edit': 'media.master',
  // 廃棄・消去記録 (issue #11): recording and editing a draft are disposal.write's.
  'disposal.create': 'disposal.write',
  'disposal.edit': 'disposal.write',
} as const satisfies Record<string, Permission>;

export type DraftFormId = keyof typeof draftForms;
export const draftFormIds = Object.keys(draftForms) as DraftFormId[];

/** Drafts older than this are deleted unseen (data minimisation: a draft is personal data). */
export const draftLifetimeDays = 7;

/** Bounds on what a renderer may ask main to hold (the renderer is untrusted). */
export const draftLimits = {
  fields: 60,
  textLength: 4000,
  listItems: 200,
  itemLength: 500,
  /** Parts of one field (a date, a kind, a number of years). */
  parts: 10,
  /** The whole draft as JSON, in characters. */
  totalLength: 60_000,
} as const;
