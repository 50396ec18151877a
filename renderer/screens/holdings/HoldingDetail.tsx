import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Holding } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan, useFormat } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { CategorizeDialog, RetireDialog, VerifyDialog } from './HoldingDialogs';
import { HoldingFormDialog } from './HoldingForm';
import { OutputNotice, printOutcome, useOutput } from './output';
import { CategoryCell, StatusBadge, dayOf } from './parts';
import { Timeline } from './Timeline';
import { UsageLog } from './UsageLog';

type Dialog = 'edit' | 'verify' | 'categorize' | 'retire' | null;

interface HoldingDetailProps {
  holdingId: number;
  initialNotice: string | null;
  onBack(): void;
}

/** One entry of the ledger: its fields, what may be done with it, its history and its usage log. */
export function HoldingDetail({ holdingId, initialNotice, onBack }: HoldingDetailProps) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const loaded = useLoad('holdings.get', { holdingId });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const output = useOutput();
  const [actionFailure, setActionFailure] = useState<Parameters<typeof FormFailure>[0]['failure']>(null);
  const departments = useLoad('departments.list', { includeInactive: true });

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
  const closed = h.status === 'retired' || h.status === 'disposed';
  const changedSinceVerified = h.status === 'draft' && h.verifiedVersion !== null;

  function done(message: string) {
    setDialog(null);
    setNotice(message);
    setActionFailure(null);
    loaded.reload();
  }
  async function markReviewed() {
    setNotice(null);
    const r = await api('holdings.markReviewed', { holdingId });
    if (r.ok) done(t('holdingDetail.reviewed'));
    else setActionFailure(r);
  }
  const printSheet = (target: 'printer' | 'pdf') => output.run(async () => printOutcome(await api('holdings.printSheet', { holdingId, target }), target));
  const departmentNames = new Map((departments.data ?? []).map((d) => [d.id, d.name]));

  return (
    <section className="panel holding-detail" data-testid="holding-detail">
      <BackButton onBack={onBack} />
      <div className="detail-heading">
        <h1 data-testid="holding-detail-title">
          <span className="monospace ledger-no">{h.ledgerNo}</span> {h.name}
        </h1>
        <StatusBadge status={h.status} />
      </div>

      <div className="toolbar toolbar-wrap">
        <div className="toolbar-group">
          {can('holdings.write') && !closed && (
            <button type="button" onClick={() => setDialog('edit')} data-testid="holding-edit">
              {t('common.edit')}
            </button>
          )}
          {can('holdings.verify') && h.status === 'draft' && (
            <button type="button" className="button-primary" onClick={() => setDialog('verify')} data-testid="holding-verify">
              {t('holdingDetail.verify')}
            </button>
          )}
          {can('holdings.categorize') && !closed && (
            <button type="button" onClick={() => setDialog('categorize')} data-testid="holding-categorize">
              {t('holdingDetail.categorize')}
            </button>
          )}
          {can('holdings.write') && !closed && (
            <button type="button" onClick={() => void markReviewed()} data-testid="holding-mark-reviewed">
              {t('holdingDetail.markReviewed')}
            </button>
          )}
          {can('holdings.write') && !closed && (
            <button type="button" className="button-danger" onClick={() => setDialog('retire')} data-testid="holding-retire">
              {t('holdingDetail.retire')}
            </button>
          )}
        </div>
        <div className="toolbar-group">
          <button type="button" onClick={() => void printSheet('printer')} disabled={output.busy} data-testid="holding-print-sheet">
            {t('holdingDetail.printSheet')}
          </button>
          <button type="button" onClick={() => void printSheet('pdf')} disabled={output.busy} data-testid="holding-pdf-sheet">
            {t('holdingDetail.pdfSheet')}
          </button>
        </div>
      </div>

      {notice && (
        <p className="notice" role="status" data-testid="holding-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={actionFailure ?? loaded.failure} />
      <OutputNotice result={output.result} testId="holding-output" />
      {changedSinceVerified && (
        <div className="alert alert-warning" role="status" data-testid="holding-changed-notice">
          {t('holdingDetail.changedSinceVerified')}
        </div>
      )}

      <HoldingFacts holding={h} />

      <Timeline history={data.history} highlightAfter={changedSinceVerified ? h.verifiedVersion : null} departmentNames={departmentNames} />
      <UsageLog holdingId={h.id} firstPage={data.usage} total={data.usageTotal} canRecord={can('holdings.write') && h.status !== 'disposed'} onAdded={() => done(t('usage.added'))} />

      {dialog === 'edit' && (
        <HoldingFormDialog
          holding={h}
          onDone={(updated) => {
            if (updated) done(t('holdings.updated', { ledgerNo: updated.ledgerNo }));
            else setDialog(null);
          }}
        />
      )}
      {dialog === 'verify' && <VerifyDialog holding={h} onClose={() => setDialog(null)} onDone={() => done(t('holdingDetail.verified'))} />}
      {dialog === 'categorize' && <CategorizeDialog holding={h} onClose={() => setDialog(null)} onDone={(c) => done(t('holdingDetail.categorized', { category: c }))} />}
      {dialog === 'retire' && <RetireDialog holding={h} onClose={() => setDialog(null)} onDone={() => done(t('holdingDetail.retired'))} />}
    </section>
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

/** All fields as a definition list (紙の台帳と同じ順). */
function HoldingFacts({ holding: h }: { holding: Holding }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sep = t('timeline.listSeparator');
  const none = <span className="muted">{t('timeline.empty')}</span>;
  const textOr = (v: string) => (v.trim() === '' ? none : <span className="prewrap">{v}</span>);
  const listOr = (v: string[]) => (v.length === 0 ? none : v.join(sep));
  const yesNo = (v: boolean) => (v ? <strong>{t('timeline.yes')}</strong> : t('timeline.no'));
  const row = (label: string, value: ReactNode, wide = false) => (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const f = (k: keyof Holding) => t(`holdingFields.${k}`);
  const count =
    h.subjectCount === null ? none : t(h.subjectCountApproximate ? 'holdingDetail.approximate' : 'holdingDetail.exact', { count: h.subjectCount.toLocaleString('ja-JP') });
  return (
    <dl className="holding-facts" data-testid="holding-facts">
      {row(f('ledgerNo'), <span className="monospace">{h.ledgerNo}</span>)}
      {row(f('departmentId'), h.departmentName)}
      {row(f('name'), h.name, true)}
      {row(f('owner'), textOr(h.owner))}
      {row(f('handlers'), listOr(h.handlers))}
      {row(f('purpose'), textOr(h.purpose), true)}
      {row(f('recordItems'), listOr(h.recordItems), true)}
      {row(f('recordScope'), textOr(h.recordScope))}
      {row(f('collectionMethod'), textOr(h.collectionMethod))}
      {row(f('subjectCount'), count)}
      {row(f('medium'), t(`holdingMedia.${h.medium}`))}
      {row(f('containsSensitive'), yesNo(h.containsSensitive))}
      {row(f('containsMyNumber'), yesNo(h.containsMyNumber))}
      {row(f('storageLocation'), textOr(h.storageLocation))}
      {row(f('storageMethod'), textOr(h.storageMethod))}
      {row(f('authorizedPersons'), listOr(h.authorizedPersons))}
      {row(f('recipients'), listOr(h.recipients))}
      {row(f('contractors'), listOr(h.contractors))}
      {row(f('foreignHandling'), textOr(h.foreignHandling))}
      {row(f('useUntil'), h.useUntil ? fmt.date(h.useUntil) : none)}
      {row(f('retentionUntil'), h.retentionUntil ? fmt.date(h.retentionUntil) : none)}
      {row(f('disposalMethod'), textOr(h.disposalMethod), true)}
      {row(
        f('category'),
        <>
          <CategoryCell category={h.category} suggested={h.suggestedCategory} />
          {h.category && h.category !== h.suggestedCategory && <span className="muted"> {t('holdingDetail.suggested', { category: h.suggestedCategory })}</span>}
          {h.categoryDecidedBy && <span className="cell-note">{t('holdingDetail.decidedBy', { name: h.categoryDecidedBy, date: dayOf(fmt, h.categoryDecidedAt) })}</span>}
        </>,
      )}
      {row(t('holdingDetail.categoryReason'), textOr(h.categoryReason))}
      {row(f('status'), <StatusBadge status={h.status} />)}
      {row(t('holdingDetail.verifiedBy'), h.verifiedBy ?? <span className="muted">{t('holdingDetail.notVerified')}</span>)}
      {row(t('holdingDetail.verifiedAt'), h.verifiedAt ? dayOf(fmt, h.verifiedAt) : none)}
      {row(f('lastReviewedAt'), h.lastReviewedAt ? dayOf(fmt, h.lastReviewedAt) : none)}
      {row(t('holdingDetail.updatedAt'), t('holdingDetail.decidedBy', { name: h.lastEditedBy, date: fmt.instant(h.updatedAt) }))}
    </dl>
  );
}
