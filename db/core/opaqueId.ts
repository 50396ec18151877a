import { randomBytes } from 'node:crypto';

// 32 letters: a byte's low five bits pick one evenly.
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEF';

/**
 * An id main issues for a step the renderer sends back (an import, a restore): 120 random bits
 * as letters only. A UUID's digits and dashes read as a 個人番号 about one time in ten thousand
 * (4-4-4 digit groups with a valid check digit), and the guard every text from the renderer
 * passes (issue #9, 2) would then refuse the app's own id.
 */
export function opaqueId(): string {
  return [...randomBytes(24)].map((b) => letters[b & 31]).join('');
}
