import type { LabelLookup } from '../../ledger/linkedTargets';

/** The media register as the door sees it (issue #12 item 3): handed to the areas area by db/ipc/handlers.ts. */
export const doorMedium: LabelLookup = {
  byLabel: () => null,
};
