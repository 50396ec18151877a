import type { PasswordPolicy } from '../contract';
import { AppError } from './appError';

/** Character classes counted by the policy: lower, upper, digits, everything else. */
export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/**
 * Refuses a password the organisation's policy does not allow (MIC §20). `path` names
 * the form field so the message appears beside it.
 */
export function assertPasswordAllowed(policy: PasswordPolicy, password: string, loginId: string, path: string[]): void {
  const length = [...password].length;
  // Length and character classes are said together, so a second try does not meet a second rule.
  const problem: { messageKey: string; params: Record<string, number> } | null =
    length < policy.minLength || characterClasses(password) < policy.minClasses
      ? { messageKey: 'validation.passwordPolicy', params: { minLength: policy.minLength, minClasses: policy.minClasses } }
      : password.toLowerCase().includes(loginId.toLowerCase())
        ? { messageKey: 'validation.passwordContainsLoginId', params: {} }
        : null;
  if (problem) throw new AppError('PASSWORD_POLICY', undefined, [{ path, ...problem }]);
}
