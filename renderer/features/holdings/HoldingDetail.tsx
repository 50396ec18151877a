import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, Holding } from '../../../db/contract';
import { isClosedStatus } from '../../../db/contract/holdingValues';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useReopenDraft } from '../../components/drafts';
import { OutputNotice, printOutcome, useOutput } from '../../components/output';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { HoldingFacts } from './HoldingFacts';
import { CategorizeDialog, RetireDialog, ReviewDialog, VerifyDialog } from './HoldingDialogs';
import { HoldingFormDialog } from './HoldingForm';
import { HoldingMedia } from './HoldingMedia';
import { HoldingTimeline } from './HoldingTimeline';
import { HoldingStatusBadge } from './parts';
import { RequestVerificationDialog } from './RequestVerificationDialog';
import { UsageLog } from './UsageLog';

type Dialog = 'edit' | 'verify' | 'request' | 'categorize' | 'review' | 'retire' | null;

interface HoldingDetailProps {
  holdingId: number;
  initialNotice: string | null;
  onBack(): void;
}

/** One entry of the ledger: its fields, what may be done with it, its history and its usage log. */
export function HoldingDetail({ holdingId, initialNotice, onBack }: HoldingDetailProps) {
  const { t } = useTranslation();
  const can = useCan();
  const loaded = useLoad('holdings.get', { holdingId });
  const departments = useLoad('departments.list', { includeInactive: true });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  // 復元する after a lock: the edit of this entry opens again with what was typed (issue #7).
  useReopenDraft(['holdings.edit'], () => setDialog('edit'), (d) => d.recordId === holdingId);

  const data = loaded.data;
  if (!data) {
    return (
      <section className="panel" data-testid="holding-detail-loading" aria-busy={loaded.loading}>
        <BackButton onBack={onBack} />
        <FormFailure failure={loaded.failure} />
        {!loaded.failure && <p>{t('holdingDetail.loading')}</p>}
      </section>
    );
  }
  const h = data.holding;
  const changedSinceVerified = h.status === 'draft' && h.verifiedVersion !== null;
  const done = (message: string | null) => {
    setDialog(null);
    setNotice(message);
    if (message) loaded.reload();
  };
  const departmentNames = new Map((departments.data ?? []).map((d) => [d.id, d.name]));

  return (
    <section className="panel holding-detail" data-testid="holding-detail">
      <BackButton onBack={onBack} />
      <div className="detail-heading">
        <h1 data-testid="holding-detail-title">
          <span className="monospace ledger-no">{h.ledgerNo}</span> {h.name}
        </h1>
        <HoldingStatusBadge status={h.status} />
      </div>
      <HoldingActions holding={h} authoredByYou={data.authoredByYou} notice={notice} loadFailure={loaded.failure} onDialog={setDialog} />
      {data.verificationRequest && <VerificationRequestLine request={data.verificationRequest} />}
      {changedSinceVerified && (
        <div className="alert alert-warning" role="status" data-testid="holding-changed-notice">
          {t('holdingDetail.changedSinceVerified')}
        </div>
      )}
      <HoldingFacts holding={h} />
      <HoldingMedia holdingId={h.id} />
      <HoldingTimeline history={data.history} highlightAfter={changedSinceVerified ? h.verifiedVersion : null} departmentNames={departmentNames} />
      <UsageLog holdingId={h.id} firstRows={data.usage} firstTotal={data.usageTotal} firstNextCursor={data.usageNextCursor} canRecord={can('holdings.write') && h.status !== 'disposed'} onAdded={() => done(t('usage.added'))} />
      {dialog === 'edit' && <HoldingFormDialog holding={h} onDone={(updated) => (updated ? done(t('holdings.updated', { ledgerNo: updated.ledgerNo })) : setDialog(null))} />}
      {dialog === 'request' && (
        <RequestVerificationDialog holding={h} current={data.verificationRequest?.requestedOfUserId ?? null} onClose={() => setDialog(null)} onDone={(name) => done(t('holdingDetail.requested', { name }))} />
      )}
      {dialog === 'verify' && <VerifyDialog holding={h} onClose={() => setDialog(null)} onDone={() => done(t('holdingDetail.verified'))} />}
      {dialog === 'categorize' && <CategorizeDialog holding={h} onClose={() => setDialog(null)} onDone={(c) => done(t('holdingDetail.categorized', { category: c }))} />}
      {dialog === 'review' && <ReviewDialog holding={h} onClose={() => setDialog(null)} onDone={() => done(t('holdingDetail.reviewed'))} />}
      {dialog === 'retire' && <RetireDialog holding={h} onClose={() => setDialog(null)} onDone={() => done(t('holdingDetail.retired'))} />}
    </section>
  );
}

/** 照合依頼: 山田 花子（11/30）— whom the author asked, and since when. */
function VerificationRequestLine({ request }: { request: { requestedOf: string; requestedAt: string } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <p className="notice" data-testid="holding-verification-request">
      {t('holdingDetail.verificationRequested', { name: request.requestedOf, date: fmt.day(request.requestedAt) })}
    </p>
  );
}

function BackButton({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-link back-link" onClick={onBack} data-testid="holding-back">
      {t('holdings.backToList')}
    </button>
  );
}

interface HoldingActionsProps {
  holding: Holding;
  /** The user wrote what awaits 照合: 照合する is shown disabled, with the reason. */
  authoredByYou: boolean;
  notice: string | null;
  loadFailure: Failure | null;
  onDialog(dialog: Dialog): void;
}

/** What the role may do with the entry now (main checks again), the sheet's print and PDF, and their outcome. */
function HoldingActions({ holding: h, authoredByYou, notice, loadFailure, onDialog }: HoldingActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const output = useOutput();
  const action = useSubmit();
  const open = !isClosedStatus(h.status);
  const openDialog = (dialog: Dialog) => {
    action.fail(null);
    onDialog(dialog);
  };
  const button = (label: string, onClick: () => void, testId: string, className?: string) => (
    <button type="button" className={className} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );
  const printSheet = (target: 'printer' | 'pdf') => void output.run(async () => printOutcome(await api('holdings.printSheet', { holdingId: h.id, target }), target));
  return (
    <>
      <div className="toolbar toolbar-wrap">
        <div className="toolbar-group">
          {can('holdings.write') && open && button(t('common.edit'), () => openDialog('edit'), 'holding-edit')}
          {can('holdings.verify') && h.status === 'draft' && (
            <button type="button" className="button-primary" onClick={() => openDialog('verify')} disabled={authoredByYou} aria-describedby={authoredByYou ? 'holding-verify-why' : undefined} data-testid="holding-verify">
              {t('holdingDetail.verify')}
            </button>
          )}
          {/* 照合依頼 (MIC §28): instead of telling the author to find a verifier, name one. */}
          {can('holdings.write') && h.status === 'draft' && button(t('holdingDetail.requestVerification'), () => openDialog('request'), 'holding-request-verification')}
          {can('holdings.categorize') && open && button(t('holdingDetail.categorize'), () => openDialog('categorize'), 'holding-categorize')}
          {/* Only verified content can be confirmed as unchanged; a draft is verified first. */}
          {can('holdings.write') && h.status === 'verified' && button(t('holdingDetail.markReviewed'), () => openDialog('review'), 'holding-mark-reviewed')}
          {/* Ending a holding cannot be undone: 保護管理者 or above; others see why they may not. */}
          {can('holdings.retire') && open && button(t('holdingDetail.retire'), () => openDialog('retire'), 'holding-retire', 'button-danger')}
          {!can('holdings.retire') && can('holdings.write') && open && (
            <button type="button" className="button-danger" disabled aria-describedby="holding-retire-why" data-testid="holding-retire">
              {t('holdingDetail.retire')}
            </button>
          )}
        </div>
        <div className="toolbar-group">
          <button type="button" onClick={() => printSheet('printer')} disabled={output.busy} data-testid="holding-print-sheet">
            {t('holdingDetail.printSheet')}
          </button>
          <button type="button" onClick={() => printSheet('pdf')} disabled={output.busy} data-testid="holding-pdf-sheet">
            {t('holdingDetail.pdfSheet')}
          </button>
        </div>
      </div>
      {!can('holdings.retire') && can('holdings.write') && open && (
        <p className="field-hint" id="holding-retire-why" data-testid="holding-retire-why">
          {t('holdingDetail.retireNeedsManager')}
        </p>
      )}
      {can('holdings.verify') && h.status === 'draft' && authoredByYou && (
        <p className="field-hint" id="holding-verify-why" data-testid="holding-verify-why">
          {t('holdingDetail.verifyNotByAuthor')}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="holding-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={action.failure ?? loadFailure} />
      <OutputNotice result={output.result} testId="holding-output" />
    </>
  );
}
