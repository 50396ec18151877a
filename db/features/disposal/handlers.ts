import type { ChannelName } from '../../contract';
import type { Handlers } from '../../ipc/router';
import type { DraftRecordChecks } from '../../core/drafts';
import { attachmentHandlers } from './attachmentHandlers';
import { outputHandlers } from './outputHandlers';
import { disposalPeople, disposalWithDetails, disposalWrites as w, listDisposalsFor, readDisposal, targetCandidates, writeDisposal } from './service';
import type { DisposalTargets } from './targets';

/** An edit draft of a disposal is kept, offered and restored only while its user may read the record (MIC §9). */
export function disposalDraftRecords(targets: DisposalTargets): DraftRecordChecks {
  return { 'disposal.edit': (core, disposalId) => void readDisposal(core, targets, disposalId) };
}

/**
 * 廃棄・消去記録 channels → the feature's services (issue #11). Handlers stay one-liners. The
 * media and holdings it names come through `targets`, handed over by db/ipc/handlers.ts (the
 * area imports neither).
 */
export function disposalHandlers(targets: DisposalTargets): Pick<Handlers, Extract<ChannelName, `disposal.${string}`>> {
  return {
    ...attachmentHandlers,
    ...outputHandlers(targets),
    'disposal.list': (core, input) => listDisposalsFor(core, targets, input),
    'disposal.get': (core, input) => disposalWithDetails(core, targets, input.disposalId),
    'disposal.create': (core, input) => writeDisposal(core, targets, (ctx) => w.create(ctx, input)),
    'disposal.update': (core, input) => writeDisposal(core, targets, (ctx) => w.update(ctx, input)),
    'disposal.request': (core, input) => writeDisposal(core, targets, (ctx) => w.request(ctx, input)),
    'disposal.return': (core, input) => writeDisposal(core, targets, (ctx) => w.return(ctx, input)),
    'disposal.approve': (core, input) => writeDisposal(core, targets, (ctx) => w.approve(ctx, input)),
    'disposal.cancel': (core, input) => writeDisposal(core, targets, (ctx) => w.cancel(ctx, input)),
    'disposal.amend': (core, input) => writeDisposal(core, targets, (ctx) => w.amend(ctx, input)),
    'disposal.targetCandidates': (core, input) => targetCandidates(core, targets, input),
    'disposal.people': (core, input) => disposalPeople(core, input.departmentId),
  };
}
