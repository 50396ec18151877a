import type { ChannelInput, UserSummary } from '../contract';
import { AppError, fieldError } from './appError';
import type { AppCore } from './appCore';
import { deleteDraftsOf } from './drafts';
import { removeUserSlot, rewrapUserSlot, saveUserSlot, withPreparedPassword } from './keySlots';
import { assertPasswordAllowed } from './passwordPolicy';
import { checkPassword, refreshSession } from './sessions';
import { readSettings } from './settings';
import { deactivateUser, getUser, insertUser, updateUser } from './users';

/**
 * Account management (MIC §9, §20): the rows live in users.ts, the key slots in
 * keySlots.ts; here each change is one transaction holding both and its audit event.
 */

function passwordPolicy(core: AppCore) {
  return readSettings(core.requireVault().db).passwordPolicy;
}

/** Creates an account and its key slot in one transaction (MIC §9: one account per person). */
export async function createAccount(core: AppCore, input: ChannelInput<'users.create'>): Promise<UserSummary> {
  assertPasswordAllowed(passwordPolicy(core), input.initialPassword, input.loginId, ['initialPassword']);
  return withPreparedPassword(core, input.initialPassword, (prepared) =>
    core.write((tx) => {
      const { initialPassword: _secret, ...fields } = input;
      // Whoever set the first password knows it, so the person must replace it at first login.
      const user = insertUser(tx, { ...fields, mustChangePassword: true });
      saveUserSlot(tx, core.requireVault().masterKey, user, prepared);
      return user;
    }),
  );
}

/** Changes an account; the session follows at once if it was the user's own. */
export function updateAccount(core: AppCore, input: ChannelInput<'users.update'>): UserSummary {
  const updated = core.write((tx) => updateUser(tx, input, core.requireSession().userId));
  refreshSession(core);
  return updated;
}

/** Ends an account and deletes its key slot, so the old password opens nothing. */
export function deactivateAccount(core: AppCore, userId: number, reason: string): UserSummary {
  const actingUserId = core.requireSession().userId;
  return core.write((tx) => {
    const user = deactivateUser(tx, userId, reason, actingUserId);
    deleteDraftsOf(tx, userId);
    removeUserSlot(tx, userId);
    return user;
  });
}

/** An administrator's reset: the person must choose a new password at their next login. */
export async function resetPassword(core: AppCore, input: ChannelInput<'users.resetPassword'>): Promise<void> {
  const vault = core.requireVault();
  const session = core.requireSession();
  if (input.userId === session.userId) throw new AppError('CONFLICT', undefined, undefined, 'errors.useChangePassword');
  const user = getUser(vault.db, input.userId);
  if (!user.active) throw new AppError('CONFLICT', undefined, undefined, 'errors.userInactive');
  assertPasswordAllowed(passwordPolicy(core), input.newPassword, user.loginId, ['newPassword']);
  await rewrapUserSlot(core, user.id, input.newPassword, true, 'user.password.reset');
}

/** The user's own change, proven by the current password. */
export async function changePassword(core: AppCore, input: ChannelInput<'auth.changePassword'>): Promise<void> {
  const vault = core.requireVault();
  const session = core.requireSession();
  assertPasswordAllowed(passwordPolicy(core), input.newPassword, session.loginId, ['newPassword']);
  if (input.newPassword === input.currentPassword) throw fieldError(['newPassword'], 'validation.passwordUnchanged');
  try {
    (await checkPassword(core, vault.keyring, session.loginId, input.currentPassword)).fill(0);
  } catch (error) {
    if (error instanceof AppError && error.code === 'WRONG_PASSWORD') throw fieldError(['currentPassword'], 'errors.WRONG_PASSWORD');
    throw error;
  }
  await rewrapUserSlot(core, session.userId, input.newPassword, false, 'auth.password.change');
  session.mustChangePassword = false;
}
