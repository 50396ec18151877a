import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposal } from '../../../db/contract/disposal';
import { useReopenDraft } from '../../components/drafts';
import { FormFailure } from '../../components/forms';
import { useLoad } from '../../useLoad';
import { CertificateButtons } from './CertificateButtons';
import { DisposalActions } from './DisposalActions';
import { DisposalAttachments } from './DisposalAttachments';
import { DisposalFacts, DisposalTargetsTable } from './DisposalFacts';
import { DisposalFormDialog } from './DisposalForm';
import { DisposalTimeline } from './DisposalTimeline';
import { BackButton, DisposalStatusBadge } from './parts';
import { useDisposalWords } from './words';

interface DisposalDetailProps {
  disposalId: number;
  initialNotice: string | null;
  onBack(): void;
  /** Opens another record (訂正元, 訂正後, a new correction). */
  onOpen(id: number, notice?: string | null): void;
}

/** One record of the 廃棄記録簿: its fields and targets, photos and scans, certificate, the steps it may take, and its history. */
export function DisposalDetail({ disposalId, initialNotice, onBack, onOpen }: DisposalDetailProps) {
  const { t } = useTranslation();
  const loaded = useLoad('disposal.get', { disposalId });
  const departments = useLoad('departments.list', { includeInactive: true });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  // 復元する after a lock: this record's edit opens again with what was typed (issue #7).
  useReopenDraft(['disposal.edit'], () => setEditing(true), (d) => d.recordId === disposalId);

  const data = loaded.data;
  if (!data) {
    return (
      <section className="panel" data-testid="disposal-detail-loading" aria-busy={loaded.loading}>
        <BackButton onBack={onBack} />
        <FormFailure failure={loaded.failure} />
        {!loaded.failure && <p>{t('disposalScreens.loading')}</p>}
      </section>
    );
  }
  const d = data.disposal;
  const done = (message: string, openId?: number) => {
    if (openId !== undefined && openId !== d.id) {
      onOpen(openId, message);
      return;
    }
    setEditing(false);
    setNotice(message);
    loaded.reload();
  };
  const departmentNames = new Map((departments.data ?? []).map((x) => [x.id, x.name]));

  return (
    <section className="panel holding-detail" data-testid="disposal-detail">
      <BackButton onBack={onBack} />
      <div className="detail-heading">
        <h1 data-testid="disposal-detail-title">
          <span className="monospace ledger-no">{d.certificateNo ?? t('disposalScreens.unnumberedShort')}</span> {t('disposalScreens.detailTitle')}
        </h1>
        <DisposalStatusBadge status={d.status} />
      </div>
      <DisposalActions disposal={d} onEdit={() => setEditing(true)} onDone={done} />
      {notice && (
        <p className="notice" role="status" data-testid="disposal-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={loaded.failure} />
      <AmendmentLinks disposal={d} amendments={data.amendments} onOpen={onOpen} />
      <CertificateButtons disposal={d} />
      <DisposalFacts disposal={d} />
      <DisposalTargetsTable disposal={d} />
      <DisposalAttachments disposal={d} attachments={data.attachments} onChanged={() => loaded.reload()} />
      <DisposalTimeline disposal={d} history={data.history} departmentNames={departmentNames} />
      {editing && <DisposalFormDialog disposal={d} onDone={(updated) => (updated ? done(t('disposalScreens.updated')) : setEditing(false))} />}
    </section>
  );
}

interface AmendmentLinksProps {
  disposal: Disposal;
  amendments: { id: number; certificateNo: string | null; status: Disposal['status'] }[];
  onOpen(id: number): void;
}

/** MIC §13: a correction is a new record linked to the original — 訂正元 and 訂正後 open each other. */
function AmendmentLinks({ disposal: d, amendments, onOpen }: AmendmentLinksProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  if (d.amendsId === null && amendments.length === 0) return null;
  const link = (id: number, number: string | null, testId: string) => (
    <button type="button" className="button-link" onClick={() => onOpen(id)} data-testid={testId}>
      {number ?? t('disposalScreens.unnumberedShort')}
    </button>
  );
  return (
    <div className={d.status === 'amended' ? 'alert alert-warning' : 'alert'} data-testid="disposal-amendments">
      {d.amendsId !== null && (
        <p>
          {t('disposalScreens.linkLabel', { label: w.field('amends') })}
          {link(d.amendsId, d.amendsCertificateNo, 'disposal-amends-link')}
        </p>
      )}
      {d.status === 'amended' && d.amendedById !== null && (
        <p>
          {t('disposalScreens.linkLabel', { label: w.field('amendedBy') })}
          {link(d.amendedById, d.amendedByCertificateNo, 'disposal-amended-by-link')}
        </p>
      )}
      {amendments.length > 0 && (
        <ul className="disposal-amendment-list">
          {amendments.map((a) => (
            <li key={a.id}>
              {t('disposalScreens.amendment')}
              {link(a.id, a.certificateNo, `disposal-amendment-${a.id}`)} <DisposalStatusBadge status={a.status} testId={`disposal-amendment-status-${a.id}`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
