/**
 * Every action the access log records, by name, and every kind of target — what the 操作 and
 * 対象種別 filters offer as choices. Zod-free, so the renderer imports it. Their words are in
 * renderer/i18n/<lang>/audit.ts (auditActions, with dots written as underscores; targetTypes);
 * tests/unit/renderer-i18n.test.ts keeps this list, the words and what main records in step.
 */
export const auditActions = [
  'auth.login',
  'auth.login.failed',
  'auth.login.refused',
  'auth.logout',
  'auth.reauthenticate',
  'auth.password.change',
  'auth.recover',
  'auth.recover.failed',
  'session.lock',
  'session.unlock',
  'draft.keep',
  'draft.restore',
  'draft.discard',
  'draft.delete',
  'setup.initialize',
  'keys.recovery.create',
  'keys.recovery.regenerate',
  'keys.recovery.acknowledge',
  'keys.reconcile',
  'print.recoverySheet',
  'backup.export',
  'backup.verify',
  'backup.restore',
  'users.view',
  'users.accountReview',
  'user.create',
  'user.update',
  'user.password.reset',
  'user.deactivate',
  'department.create',
  'department.update',
  'settings.update',
  'audit.view',
  'audit.export',
  'audit.review.create',
  'integrity.baseline',
  'ledger.state',
  'holdings.list',
  'holdings.view',
  'holdings.create',
  'holdings.import',
  'importMapping.save',
  'holdings.update',
  'holdings.verify',
  'holdings.requestVerification',
  'holdings.categorize',
  'holdings.review',
  'holdings.retire',
  'holdings.usage.add',
  'holdings.usage.view',
  'holdings.export',
  'holdings.printList',
  'holdings.printSheet',
] as const;

export const auditTargetTypes = ['user', 'department', 'organization', 'settings', 'keyring', 'audit_events', 'audit_review', 'holding', 'import_mapping', 'backup'] as const;

export type AuditAction = (typeof auditActions)[number];

/**
 * What each action does to the data, for the "changes only" filter: `change` writes records,
 * accounts, settings or keys; `read` shows data; `output` prints or exports it; `session` is
 * signing in and out. Typed over the list above, so a new action without a kind does not compile.
 */
export type AuditActionKind = 'change' | 'read' | 'output' | 'session';
export const auditActionKinds: Readonly<Record<AuditAction, AuditActionKind>> = {
  'auth.login': 'session',
  'auth.login.failed': 'session',
  'auth.login.refused': 'session',
  'auth.logout': 'session',
  'auth.reauthenticate': 'session',
  'auth.password.change': 'change',
  'auth.recover': 'change',
  'auth.recover.failed': 'session',
  'session.lock': 'session',
  'session.unlock': 'session',
  // A form's unsaved input kept at a lock, restored, discarded or deleted unseen (issue #7).
  'draft.keep': 'session',
  'draft.restore': 'session',
  'draft.discard': 'session',
  'draft.delete': 'session',
  'setup.initialize': 'change',
  'keys.recovery.create': 'change',
  'keys.recovery.regenerate': 'change',
  'keys.recovery.acknowledge': 'change',
  'keys.reconcile': 'change',
  'print.recoverySheet': 'output',
  // A backup holds every record (issue #8): its export is an output, its restore a change.
  'backup.export': 'output',
  'backup.verify': 'read',
  'backup.restore': 'change',
  'users.view': 'read',
  'users.accountReview': 'read',
  'user.create': 'change',
  'user.update': 'change',
  'user.password.reset': 'change',
  'user.deactivate': 'change',
  'department.create': 'change',
  'department.update': 'change',
  'settings.update': 'change',
  'audit.view': 'read',
  'audit.export': 'output',
  'audit.review.create': 'change',
  // The state of every ledger row, once after migration 0009, and a write's rows when no event of its own followed (db/ledger/integrity.ts).
  'integrity.baseline': 'change',
  'ledger.state': 'change',
  'holdings.list': 'read',
  'holdings.view': 'read',
  'holdings.create': 'change',
  'holdings.import': 'change',
  'importMapping.save': 'change',
  'holdings.update': 'change',
  'holdings.verify': 'change',
  'holdings.requestVerification': 'change',
  'holdings.categorize': 'change',
  'holdings.review': 'change',
  'holdings.retire': 'change',
  'holdings.usage.add': 'change',
  'holdings.usage.view': 'read',
  'holdings.export': 'output',
  'holdings.printList': 'output',
  'holdings.printSheet': 'output',
};

/** The actions that change data: what "changes only" keeps. */
export function auditActionsOfKind(kind: AuditActionKind): AuditAction[] {
  return auditActions.filter((a) => auditActionKinds[a] === kind);
}
