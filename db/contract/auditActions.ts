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
  'setup.initialize',
  'keys.recovery.create',
  'keys.recovery.regenerate',
  'keys.recovery.acknowledge',
  'keys.reconcile',
  'print.recoverySheet',
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
  'holdings.list',
  'holdings.view',
  'holdings.create',
  'holdings.import',
  'holdings.update',
  'holdings.verify',
  'holdings.categorize',
  'holdings.review',
  'holdings.retire',
  'holdings.usage.add',
  'holdings.usage.view',
  'holdings.export',
  'holdings.printList',
  'holdings.printSheet',
] as const;

export const auditTargetTypes = ['user', 'department', 'organization', 'settings', 'keyring', 'audit_events', 'audit_review', 'holding'] as const;

