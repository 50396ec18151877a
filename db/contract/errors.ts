/**
 * Every failure that crosses the IPC boundary is one of these codes. Thrown errors lose
 * their type across IPC, so handlers return `{ ok: false, code, messageKey }` instead.
 * The renderer turns `messageKey` into Japanese (or English) through i18next.
 */
export const errorCodes = [
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'NOT_AUTHENTICATED',
  'SESSION_LOCKED',
  'PERMISSION_DENIED',
  'REAUTH_REQUIRED',
  'INVALID_INPUT',
  'WRONG_PASSWORD',
  'WRONG_RECOVERY_KEY',
  'ACCOUNT_LOCKED',
  'THROTTLE_UNAVAILABLE',
  'ACCOUNT_DISABLED',
  'ACCOUNT_EXPIRED',
  'PASSWORD_POLICY',
  'SEPARATION_OF_DUTIES',
  'NOT_FOUND',
  'CONFLICT',
  'NO_PENDING_RECOVERY_KEY',
  'BULK_EXPORT_REASON_REQUIRED',
  'KEYRING_DAMAGED',
  'DATABASE_TOO_NEW',
  'DATABASE_DAMAGED',
  'CANCELLED',
  'BACKUP_WRONG_PASSPHRASE',
  'BACKUP_NOT_A_BACKUP',
  'BACKUP_DAMAGED',
  'BACKUP_TOO_NEW',
  'BACKUP_OTHER_ORGANIZATION',
  'BACKUP_WRITE_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field; `path` names the field, e.g. ["chief", "password"]. */
export interface FieldIssue {
  path: (string | number)[];
  messageKey: string;
  params?: Record<string, string | number>;
}

export interface Failure {
  ok: false;
  code: ErrorCode;
  messageKey: string;
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; data: T } | Failure;

export function errorMessageKey(code: ErrorCode): string {
  return `errors.${code}`;
}
