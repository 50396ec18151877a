import type { ExceptionApproval } from '../../contract/areaVisits';
import { AppError, fieldError } from '../../core/appError';
import type { AppCore } from '../../core/appCore';
import { catchUp } from '../../core/catchUp';
import { checkPassword } from '../../core/passwordCheck';
import { statement } from '../../store/statements';

/**
 * A manager's approval typed at the door for an exception (issue #12 item 4; MIC §12-2): their
 * login ID and password, checked as a login is — under the failed-login throttle of that account
 * (MIC §20), so the door is no way round the lock-out — BEFORE the write, since scrypt is slow
 * and a transaction must not wait on it. The master key the slot yields is wiped at once: only
 * "this person typed their password" is wanted. Whether they may approve is checked in the write
 * (doorRules.ts assertApprover). The password never reaches the access log.
 */
export async function approverOf(core: AppCore, approval: ExceptionApproval): Promise<number> {
  const vault = core.requireVault();
  try {
    (await checkPassword(core, vault.keyring, approval.loginId, approval.password)).fill(0);
  } catch (error) {
    if (error instanceof AppError && error.code === 'WRONG_PASSWORD') throw fieldError(['exceptionApproval', 'password'], 'areas.errors.approverUnknown');
    throw error;
  } finally {
    // A failed attempt is logged as a failed login of that account (catchUp), as reauthenticate does.
    if (core.vault) core.write((tx) => catchUp(core, tx));
  }
  const id = statement(core.requireVault().db, 'SELECT id FROM users WHERE login_id = ?').pluck().get(approval.loginId) as number | undefined;
  if (id === undefined) throw fieldError(['exceptionApproval', 'password'], 'areas.errors.approverUnknown');
  return id;
}
