import { AppError } from './appError';

/**
 * 二人以上での確認 (MIC §12-2, §28): the person who requests never approves, the operator
 * of a disposal never witnesses it, the author of a ledger row never verifies it. The main
 * process enforces this; the renderer merely hides the button.
 */
export type DutyPair = 'requester-approver' | 'operator-witness' | 'author-verifier';

export function assertSeparateDuties(pair: DutyPair, firstUserId: number, secondUserIds: number | readonly number[]): void {
  const others = typeof secondUserIds === 'number' ? [secondUserIds] : secondUserIds;
  if (others.includes(firstUserId)) {
    throw new AppError('SEPARATION_OF_DUTIES', undefined, undefined, `errors.separationOfDuties.${pair}`);
  }
}
