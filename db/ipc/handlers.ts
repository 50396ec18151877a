import * as accessLog from '../core/accessLog';
import * as accounts from '../core/accounts';
import { backupHandlers } from '../core/backup/handlers';
import { exportAuditCsv } from '../core/auditExport';
import { listReviews } from '../core/auditReviews';
import { verifyLogAndFile } from '../core/integrity';
import { scopedDepartment } from '../core/auditScope';
import * as departments from '../core/departments';
import * as drafts from '../core/drafts';
import * as recovery from '../core/recovery';
import * as sessions from '../core/sessions';
import { readSettings } from '../core/settings';
import { initialize } from '../core/setup';
import * as users from '../core/users';
import { AuditVocabulary } from '../core/auditWords';
import { holdingAuditTarget } from '../features/holdings/auditWords';
import { holdingDraftRecords, holdingHandlers } from '../features/holdings/handlers';
import { holdingHomeCards } from '../features/holdings/home';
import { mediumAuditTarget, storageLocationAuditTarget } from '../features/media/auditWords';
import { inventoryAuditTarget } from '../features/media/inventoryAuditWords';
import { numberingRuleAuditTarget } from '../features/media/labelAuditWords';
import { resolveBackupMedium } from '../features/media/backupMedium';
import { mediaDraftRecords, mediaHandlers } from '../features/media/handlers';
import { mediaHomeCards } from '../features/media/home';
import { disposalDraftRecords, disposalHandlers } from '../features/disposal/handlers';
import { disposalAuditTarget } from '../features/disposal/auditWords';
import { disposalHomeCards } from '../features/disposal/home';
import type { DisposalTargets } from '../features/disposal/targets';
import { mediumDisposalTarget } from '../features/media/disposalTarget';
import { holdingDisposalTarget } from '../features/holdings/disposalTarget';
import { attachmentAuditTarget } from '../features/disposal/attachmentAuditWords';
import { areaHandlers } from '../features/areas/handlers';
import { visitAuditTarget } from '../features/areas/visitAuditWords';
import { areaHomeCards } from '../features/areas/home';
import { registerAuditTargets } from '../features/areas/auditWords';
import { doorMedium } from '../features/media/doorMedium';
import { coreHomeCards } from '../core/homeCards';
import { homeCardRegistry, homeDashboard } from '../ledger/homeCards';
import { importMappingAuditTarget } from '../ledger/csv/importMappings';
import { ledgerRowChecks } from '../ledger/reconcile';
import type { Handlers } from './router';

/** How the access log names each area's records and says its details (one entry per area). */
const auditVocabulary = new AuditVocabulary([holdingAuditTarget, mediumAuditTarget, storageLocationAuditTarget, inventoryAuditTarget, numberingRuleAuditTarget, importMappingAuditTarget, disposalAuditTarget, attachmentAuditTarget, ...registerAuditTargets, visitAuditTarget]);

/** The media and holdings a disposal names and, once approved, marks 廃棄済 / disposed (the disposal area imports neither area). */
const disposalTargets: DisposalTargets = { medium: mediumDisposalTarget, holding: holdingDisposalTarget };

/** Forms that edit a record, with the check that their user may still read it (drafts, MIC §9). */
const draftRecords: drafts.DraftRecordChecks = { ...holdingDraftRecords, ...mediaDraftRecords, ...disposalDraftRecords(disposalTargets) };

/** 今日の確認事項: core's cards, then each ledger's — a new ledger adds its list here (docs/ARCHITECTURE.md). */
const homeCards = homeCardRegistry(coreHomeCards, holdingHomeCards, mediaHomeCards, disposalHomeCards, areaHomeCards);

/** Channel → service. Handlers stay one-liners; the rules live in db/core and db/features. */
export const handlers: Handlers = {
  'app.status': (core) => sessions.appStatus(core),
  'setup.initialize': (core, input) => initialize(core, input),
  'setup.acknowledgeRecoveryKey': (core) => (recovery.acknowledgeRecoveryKey(core), {}),

  'auth.login': (core, input) => sessions.login(core, input),
  'auth.recover': (core, input) => recovery.recover(core, input),
  'auth.logout': (core) => (sessions.logout(core), {}),
  'auth.reauthenticate': (core, input) => sessions.reauthenticate(core, input.password),
  'auth.changePassword': async (core, input) => (await accounts.changePassword(core, input), {}),
  'session.current': (core) => sessions.sessionInfo(core),
  'session.activity': () => ({}),
  'session.lock': (core) => (sessions.lock(core, 'manual'), {}),
  'session.unlock': (core, input) => sessions.unlock(core, input.password),

  'drafts.keep': (core, input) => drafts.keepDraft(core, input, draftRecords),
  'drafts.clear': (core, input) => drafts.clearDraft(core, input.formId),
  'drafts.pending': (core) => drafts.pendingDraft(core, draftRecords),
  'drafts.take': (core, input) => drafts.takeDraft(core, input.formId, draftRecords),
  'drafts.discard': (core, input) => drafts.discardDraft(core, input.formId),

  'keys.regenerateRecoveryKey': (core) => recovery.regenerateRecoveryKey(core),
  'keys.pendingRecoveryKey': (core) => recovery.pendingRecoveryKey(core),
  'print.recoverySheet': (core, input) => recovery.printRecoverySheet(core, input.target),

  'users.list': (core, input) => users.listUsers(core.requireVault().db, input.includeInactive, scopedDepartment(core.requireSession())),
  'users.create': (core, input) => accounts.createAccount(core, input),
  'users.update': (core, input) => accounts.updateAccount(core, input),
  'users.resetPassword': async (core, input) => (await accounts.resetPassword(core, input), {}),
  'users.deactivate': (core, input) => accounts.deactivateAccount(core, input.userId, input.reason),
  'users.accountReview': (core) => users.accountReview(core.requireVault().db, core.today(), scopedDepartment(core.requireSession())),
  'departments.list': (core, input) => departments.listDepartments(core.requireVault().db, input.includeInactive),
  'departments.create': (core, input) => core.write((tx) => departments.createDepartment(tx, input.name)),
  'departments.update': (core, input) => core.write((tx) => departments.updateDepartment(tx, input)),

  'settings.get': (core) => readSettings(core.requireVault().db),
  'settings.update': (core, input) => sessions.changeSettings(core, input),

  'audit.query': (core, input) => accessLog.queryAccessLog(core, input, auditVocabulary),
  'audit.verify': (core) => verifyLogAndFile(core, accessLog.verifyAccessLogForReader(core, ledgerRowChecks)),
  'audit.reviews.list': (core) => listReviews(core.requireVault().db, scopedDepartment(core.requireSession())),
  'audit.reviews.create': (core, input) => accessLog.reviewAccessLog(core, input, ledgerRowChecks),
  'audit.exportCsv': (core, input) => exportAuditCsv(core, input, auditVocabulary),

  'home.cards': (core) => homeDashboard(core, homeCards),

  ...holdingHandlers,
  ...mediaHandlers,
  ...disposalHandlers(disposalTargets),
  // The door looks up registered media by 管理番号 through the media area's adapter (issue #12 item 3).
  ...areaHandlers(doorMedium),
  // The backup may name a registered backup medium: core is handed the media area's resolver (issue #10 item 6).
  ...backupHandlers(resolveBackupMedium),
};
