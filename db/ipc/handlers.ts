import path from 'node:path';
import type { ChannelInput } from '../contract';
import { renderRecoverySheet } from '../print/recoverySheet';
import { writeFileAtomic } from '../store/atomicFile';
import { AppError } from '../core/appError';
import { countAuditEvents, iterateAuditEvents, queryAuditEvents, type AuditFilters } from '../core/audit';
import { verifyChainParallel } from '../core/auditVerify';
import { createReview, listReviews } from '../core/auditReviews';
import * as auth from '../core/auth';
import { checkBulkExport } from '../core/output/bulkExport';
import type { AppCore } from '../core/appCore';
import { csvDocument } from '../core/output/csv';
import { deliverDocument } from '../core/output/delivery';
import { readSettings, updateSettings } from '../core/settings';
import { localDayEndExclusiveIso, localDayStartIso } from '../core/time';
import * as users from '../core/users';
import { holdingHandlers } from '../features/holdings/handlers';
import type { Handlers } from './router';

/** Channel → service. Handlers stay one-liners; the rules live in db/services. */

function auditFilters(zone: string, input: Pick<ChannelInput<'audit.query'>, 'from' | 'to' | 'actorUserId' | 'action' | 'targetType'>): AuditFilters {
  if (input.from && input.to && input.from > input.to) {
    throw new AppError('INVALID_INPUT', undefined, [{ path: ['to'], messageKey: 'validation.dateRangeOrder' }]);
  }
  return {
    ...(input.from ? { fromInstant: localDayStartIso(input.from, zone) } : {}),
    ...(input.to ? { toInstantExclusive: localDayEndExclusiveIso(input.to, zone) } : {}),
    ...(input.actorUserId !== undefined ? { actorUserId: input.actorUserId } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
  };
}

async function exportAuditCsv(core: AppCore, input: ChannelInput<'audit.exportCsv'>) {
  const vault = core.requireVault();
  const filters = auditFilters(core.timeZone(), input);
  const bulk = checkBulkExport(core, countAuditEvents(vault.db, filters), input.reason);
  const file = await core.ports.dialogs.chooseSavePath({
    defaultName: `アクセス記録_${core.today()}.csv`,
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  if (!file) throw new AppError('CANCELLED');
  // The read, the file and its audit event succeed or fail together.
  return core.write((tx) => {
    const rows = [...iterateAuditEvents(tx.db, filters)];
    const csv = csvDocument(
      ['連番', '日時(UTC)', '利用者ID', '利用者', '操作', '対象種別', '対象ID', '詳細', 'ハッシュ'],
      rows.map((e) => [e.seq, e.at, e.actorUserId, e.actorName, e.action, e.targetType, e.targetId, JSON.stringify(e.detail), e.hash]),
    );
    writeFileAtomic(file, csv);
    tx.audit({ action: 'audit.export', targetType: 'audit_events', detail: { rowCount: rows.length, file: path.basename(file), filters: input, ...bulk } });
    return { savedTo: file, rowCount: rows.length };
  });
}

function verifyChainOfVault(core: AppCore) {
  const vault = core.requireVault();
  return verifyChainParallel(vault.db, core.files.database, vault.masterKey);
}

export const handlers: Handlers = {
  'app.status': (core) => ({ setUp: core.isSetUp(), version: core.appVersion, session: auth.sessionInfo(core) }),
  'setup.initialize': (core, input) => auth.initialize(core, input),
  'setup.acknowledgeRecoveryKey': (core) => (auth.acknowledgeRecoveryKey(core), {}),

  'auth.login': (core, input) => auth.login(core, input),
  'auth.recover': (core, input) => auth.recover(core, input),
  'auth.logout': (core) => (auth.logout(core), {}),
  'auth.reauthenticate': (core, input) => auth.reauthenticate(core, input.password),
  'auth.changePassword': async (core, input) => (await auth.changePassword(core, input), {}),
  'session.current': (core) => auth.sessionInfo(core),
  'session.activity': () => ({}),
  'session.lock': (core) => (auth.lock(core, 'manual'), {}),
  'session.unlock': (core, input) => auth.unlock(core, input.password),

  'keys.regenerateRecoveryKey': (core) => auth.regenerateRecoveryKey(core),
  'keys.pendingRecoveryKey': (core) => {
    if (!core.pendingRecoveryKey) throw new AppError('NO_PENDING_RECOVERY_KEY');
    return { recoveryKey: core.pendingRecoveryKey };
  },
  'print.recoverySheet': async (core, input) => {
    const vault = core.requireVault();
    const recoveryKey = core.pendingRecoveryKey;
    if (!recoveryKey) throw new AppError('NO_PENDING_RECOVERY_KEY');
    const session = core.requireSession();
    const html = renderRecoverySheet({
      organizationName: readSettings(vault.db).organizationName,
      recoveryKey,
      createdAt: core.nowIso(),
      createdBy: session.displayName,
      databaseId: vault.keyring.databaseId,
    });
    return deliverDocument(core, {
      html,
      target: input.target,
      defaultName: `回復キー_${core.today()}.pdf`,
      audit: { action: 'print.recoverySheet', targetType: 'keyring', detail: {} },
    });
  },

  'users.list': (core, input) => users.listUsers(core.requireVault().db, input.includeInactive),
  'users.create': async (core, input) => auth.createUserWithSlot(core, input),
  'users.update': (core, input) => {
    const updated = core.write((tx) => users.updateUser(tx, input, core.requireSession().userId));
    auth.refreshSession(core);
    return updated;
  },
  'users.resetPassword': async (core, input) => (await auth.resetPassword(core, input), {}),
  'users.deactivate': (core, input) => auth.deactivateUserAndSlot(core, input.userId, input.reason),
  'users.accountReview': (core) => users.accountReview(core.requireVault().db, core.today()),
  'departments.list': (core, input) => users.listDepartments(core.requireVault().db, input.includeInactive),
  'departments.create': (core, input) => core.write((tx) => users.createDepartment(tx, input.name)),

  'settings.get': (core) => readSettings(core.requireVault().db),
  'settings.update': (core, input) => {
    const settings = core.write((tx) => updateSettings(tx, input));
    auth.refreshSession(core);
    return settings;
  },

  'audit.query': (core, input) => queryAuditEvents(core.requireVault().db, auditFilters(core.timeZone(), input), input.page, input.pageSize),
  'audit.verify': (core) => verifyChainOfVault(core),
  'audit.reviews.list': (core) => listReviews(core.requireVault().db),
  'audit.reviews.create': async (core, input) => {
    const verification = await verifyChainOfVault(core);
    return core.write((tx) => createReview(tx, core.requireSession().userId, input, verification));
  },
  'audit.exportCsv': (core, input) => exportAuditCsv(core, input),

  ...holdingHandlers,
};
