import { loginHash } from '../keyring/keyring';
import type { AppCore, WriteTx } from './appCore';
import { reconcileKeyring, repairKeyringCopies } from './keySlots';
import { recoveryLockKey } from './lockout';
import { listUsers } from './users';

/**
 * What happened while the database was closed enters it the next time it is open, in the
 * same transaction as whatever opened it: failed attempts waiting in lockout.json, events
 * of a session that ended while locked, a keyring copy found damaged, missing or behind
 * (repairKeyringCopies), and a keyring change whose transaction never committed
 * (reconcileKeyring).
 */
export function catchUp(core: AppCore, tx: WriteTx): void {
  const pending = core.lockout.takePending();
  if (pending.failures.length > 0) {
    const byHash = new Map(listUsers(tx.db, true).map((u) => [loginHash(tx.keyring.databaseId, u.loginId), u]));
    for (const failure of pending.failures) {
      const user = byHash.get(failure.loginHash);
      tx.audit({
        action: failure.loginHash === recoveryLockKey ? 'auth.recover.failed' : 'auth.login.failed',
        targetType: user ? 'user' : null,
        targetId: user?.id ?? null,
        detail: { attemptedAt: new Date(failure.at).toISOString(), outcome: failure.outcome, loginId: user?.loginId ?? null },
      });
    }
  }
  for (const deferred of core.deferredAudit) {
    deferred.alongside?.(tx);
    tx.audit({ ...deferred.entry, detail: { ...deferred.entry.detail, happenedAt: deferred.at, actor: deferred.actor.name } });
  }
  const deferredCount = core.deferredAudit.length;
  const repaired = repairKeyringCopies(tx, core.keyringProblems, core.keyringAlternative);
  reconcileKeyring(tx);
  // Only once the transaction commits are they dropped from where they waited.
  tx.afterCommit(() => {
    core.deferredAudit = core.deferredAudit.slice(deferredCount);
    pending.commit();
    if (repaired) {
      core.keyringProblems = [];
      core.keyringAlternative = null;
    }
  });
}
