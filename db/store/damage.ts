import { AppError } from '../core/appError';

/**
 * A damaged database file (issue #9, 7): a flipped byte fails the page's SQLCipher HMAC,
 * which the driver reports as SQLITE_CORRUPT ("database disk image is malformed"); a damaged
 * first page or salt as SQLITE_NOTADB ("file is not a database"). Neither is a bug to hide
 * behind INTERNAL: the user must restore from a backup, so both become DATABASE_DAMAGED.
 */
const damageCodes = /^SQLITE_(CORRUPT|NOTADB)(_|$)/;
const damageMessages = /database disk image is malformed|file is not a database|hmac check failed/i;

export function isDatabaseDamage(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'DATABASE_DAMAGED';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && damageCodes.test(code)) || damageMessages.test(error.message);
}

/** The failure the user sees; the driver's error itself stays in the main process's log. */
export function damageError(): AppError {
  return new AppError('DATABASE_DAMAGED');
}

/** A damage error becomes DATABASE_DAMAGED (the driver's error logged in main); anything else passes unchanged. */
export function asDamage(error: unknown): unknown {
  if (error instanceof AppError || !isDatabaseDamage(error)) return error;
  console.error('daicho: the database is damaged', error);
  return damageError();
}
