import type { ErrorCode, FieldIssue } from '../contract';

/**
 * A failure a service reports on purpose. The router turns it into
 * `{ ok: false, code, messageKey, params, issues }`; anything else thrown becomes INTERNAL.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly issues?: FieldIssue[],
    readonly messageKey = `errors.${code}`,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** One invalid field, reported like a zod issue so the form can show it next to the field. */
export function fieldError(path: (string | number)[], messageKey: string, params?: Record<string, string | number>): AppError {
  return new AppError('INVALID_INPUT', undefined, [{ path, messageKey, ...(params ? { params } : {}) }]);
}
