import type { AuditField } from './auditTargets';

/**
 * The words of the detail keys core's own events record (accounts, 課等, settings, keys,
 * sessions, the log itself) and of what every search or export records (the query, the
 * sort, the file). Labels are the keys the screens already use for the same thing
 * (fields.loginId, settings.idleLockMinutes …); the rest are in audit.ts `auditDetail`.
 * An area's own keys (holdings' fields) come from its registration and take precedence.
 */
const f = (label: string, kind: AuditField['kind'] = 'text'): AuditField => ({ label, kind });
const detail = (key: string, kind: AuditField['kind'] = 'text') => f(`auditDetail.${key}`, kind);

export const coreAuditFields: Readonly<Record<string, AuditField>> = {
  // What a search, a list or an export recorded: its filters, in place, without paging.
  query: f('', 'nested'),
  filters: f('', 'nested'),
  changes: f('', 'changes'),
  page: f('', 'hidden'),
  pageSize: f('', 'hidden'),
  cursor: f('', 'hidden'),
  firstId: f('', 'hidden'),
  lastId: f('', 'hidden'),
  text: detail('text'),
  sort: detail('sort', 'field'),
  direction: detail('direction', 'direction'),
  includeInactive: detail('includeInactive', 'flag'),
  // Outputs (MIC §22)
  rowCount: detail('rowCount', 'count'),
  file: detail('file'),
  fileName: detail('file'),
  // Where a document went (db/core/output/delivery.ts records it for every print): 印刷 or PDF.
  target: detail('printTarget', { words: 'auditPrintTarget' }),
  encoding: detail('encoding'),
  created: detail('created', 'count'),
  bulk: detail('bulk', 'flag'),
  reason: f('fields.reason', { words: 'auditReasons' }),
  // Records
  version: detail('version', 'count'),
  wasVerified: detail('wasVerified', 'flag'),
  // A step that keeps a 照合 (categorize, review): whether it stands, and why
  verification: detail('verification', { words: 'auditVerification' }),
  verificationBasis: detail('verificationBasis', { words: 'auditVerification' }),
  // Accounts
  loginId: f('fields.loginId'),
  displayName: f('fields.displayName'),
  role: f('fields.role', { words: 'roles' }),
  departmentId: f('fields.department', 'department'),
  isMyNumberHandler: f('fields.isMyNumberHandler', 'flag'),
  validUntil: f('fields.validUntil', 'date'),
  mustChangePassword: detail('mustChangePassword', 'flag'),
  via: detail('via', { words: 'auditVia' }),
  name: detail('name'),
  active: detail('active', 'flag'),
  // An account created beside an active one of the same name (maybe one person, two accounts)
  warning: detail('warning', { words: 'auditWarnings' }),
  namesakes: detail('namesakes', 'list'),
  // Settings and setup
  organizationName: f('fields.organizationName'),
  idleLockMinutes: f('settings.idleLockMinutes', 'count'),
  bulkExportThreshold: f('settings.bulkExportThreshold', 'count'),
  dateDisplay: f('settings.dateDisplay', { words: 'settings' }),
  timeZone: f('settings.timeZone'),
  backupWarnAfterDays: f('settings.backupWarnAfterDays', 'count'),
  mediaInventoryIntervalDays: f('settings.mediaInventoryIntervalDays', 'count'),
  // A change that loosened a guard: what it loosened (its reason is `reason`)
  weakened: detail('weakened', { words: 'settingsWeakened' }),
  passwordPolicy: f('', 'nested'),
  minLength: f('fields.minLength', 'count'),
  minClasses: f('fields.minClasses', 'count'),
  databaseId: f('', 'hidden'),
  // Keys, and events written after the fact (a failed login recorded at the next login)
  finding: detail('finding', { words: 'auditFindings' }),
  slotCreatedAt: detail('slotCreatedAt', 'instant'),
  happenedAt: detail('happenedAt', 'instant'),
  actor: detail('actor'),
  attemptedAt: detail('attemptedAt', 'instant'),
  // 照合依頼 (any ledger): whom the author asked
  requestedOf: detail('requestedOf'),
  requestedOfUserId: f('', 'hidden'),
  // Unsaved input kept at a lock (drafts): which form, and the fields that could not be kept
  formId: detail('form', { words: 'auditForms' }),
  recordId: f('', 'hidden'),
  droppedFields: detail('droppedFields', 'field'),
  // A keyed digest of what the lock kept (drafts.ts): it proves the draft unchanged, says nothing to a reader
  digest: f('', 'hidden'),
  // A remembered CSV import mapping: the file's header → the ledger's field
  ledger: f('', 'hidden'),
  mapping: f('', 'mapping'),
  outcome: detail('outcome', { words: 'auditReasons' }),
  // The access log: its searches and reviews
  from: f('audit.from', 'date'),
  to: f('audit.to', 'date'),
  actorUserId: f('audit.actor', 'user'),
  action: f('audit.action', 'action'),
  targetType: f('audit.targetType', 'targetType'),
  changesOnly: f('audit.changesOnly', 'flag'),
  periodFrom: f('reviews.periodFrom', 'date'),
  periodTo: f('reviews.periodTo', 'date'),
  reviewedThroughSeq: f('reviews.throughSeq', 'count'),
  headHash: detail('headHash'),
  chainOk: f('reviews.chain', 'flag'),
  firstBroken: f('', 'nested'),
  seq: f('audit.seq', 'count'),
  // A restore (backup/restore.ts): the access-log head of the data it replaced
  replacedSeq: detail('replacedSeq', 'count'),
  replacedHeadHash: detail('replacedHeadHash'),
  // An export (backup/register.ts): the access-log head the backup holds, pinned for 改ざん検査
  auditHeadSeq: detail('auditHeadSeq', 'count'),
  auditHeadHash: detail('auditHeadHash'),
  // Row states a ledger write logs for 改ざん検査 (db/ledger/integrity.ts): hashes, not words
  ledgerState: f('', 'hidden'),
  schemaVersion: detail('schemaVersion', 'count'),
};
