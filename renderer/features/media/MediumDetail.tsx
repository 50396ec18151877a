import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium } from '../../../db/contract';
import { isClosedMediumStatus } from '../../../db/contract/mediaValues';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { useReopenDraft } from '../../components/drafts';
import { FormButtons, FormFailure, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { BackupBesideTerminalWarning } from './BackupRule';
import { MediumContents } from './MediumContents';
import { MediumFacts } from './MediumFacts';
import { MediumFormDialog } from './MediumForm';
import { MediumTakeouts } from './MediumTakeouts';
import { MediumTimeline } from './MediumTimeline';
import { PrintLabelButton } from './LabelPrint';
import { BackButton, MediumStatusBadge } from './parts';

interface MediumDetailProps {
  mediumId: number;
  initialNotice: string | null;
  onBack(): void;
}

/** One medium of the register: its fields, what may be done with it, the holdings it carries and its history. */
export function MediumDetail({ mediumId, initialNotice, onBack }: MediumDetailProps) {
  const { t } = useTranslation();
  const can = useCan();
  const loaded = useLoad('media.get', { mediumId });
  const departments = useLoad('departments.list', { includeInactive: true });
  const locations = useLoad('media.storageLocations.list', { includeInactive: true });
  const [dialog, setDialog] = useState<'edit' | 'retire' | null>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  // 復元する after a lock: this medium's edit opens again with what was typed (issue #7).
  useReopenDraft(['media.edit'], () => setDialog('edit'), (d) => d.recordId === mediumId);

  const data = loaded.data;
  if (!data) {
    return (
      <section className="panel" data-testid="medium-detail-loading" aria-busy={loaded.loading}>
        <BackButton onBack={onBack} />
        <FormFailure failure={loaded.failure} />
        {!loaded.failure && <p>{t('mediaDetail.loading')}</p>}
      </section>
    );
  }
  const m = data.medium;
  // Only an open medium is edited, retired, relabelled or relinked, and only by the 保護担当者 (main checks again).
  const manage = can('media.master') && !isClosedMediumStatus(m.status);
  const done = (message: string | null) => {
    setDialog(null);
    setNotice(message);
    if (message) loaded.reload();
  };
  const departmentNames = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const locationNames = new Map((locations.data ?? []).map((l) => [l.id, l.name]));

  return (
    <section className="panel holding-detail" data-testid="medium-detail">
      <BackButton onBack={onBack} />
      <div className="detail-heading">
        <h1 data-testid="medium-detail-title">
          <span className="monospace ledger-no">{m.mediaNo}</span> {t(`mediaTypes.${m.type}`)}
        </h1>
        <MediumStatusBadge status={m.status} />
      </div>
      <div className="toolbar toolbar-wrap">
        <div className="toolbar-group">
          {manage && (
            <button type="button" onClick={() => setDialog('edit')} data-testid="medium-edit">
              {t('common.edit')}
            </button>
          )}
          {/* Retiring a medium is the manager's (media.approve, MIC §10); a 保護担当者 sees why not. */}
          {manage && (
            <button type="button" className="button-danger" onClick={() => setDialog('retire')} disabled={!can('media.approve')} aria-describedby={can('media.approve') ? undefined : 'medium-retire-why'} data-testid="medium-retire">
              {t('mediaDetail.retire')}
            </button>
          )}
          {/* A closed medium gets no new label (main refuses it: labels.ts). */}
          {manage && <PrintLabelButton medium={m} />}
        </div>
      </div>
      {manage && !can('media.approve') && (
        <p className="field-hint" id="medium-retire-why">
          {t('mediaDetail.retireNeedsManager')}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="medium-notice">
          {notice}
        </p>
      )}
      <FormFailure failure={loaded.failure} />
      <BackupBesideTerminalWarning medium={m} />
      <MediumFacts medium={m} />
      <MediumContents medium={m} contents={data.contents} hiddenContents={data.hiddenContents} editable={manage} onChanged={done} />
      <MediumTakeouts medium={m} takeouts={data.takeouts} onChanged={done} />
      {data.hiddenTakeouts > 0 && <p className="muted">{t('mediaDetail.hiddenTakeouts', { count: data.hiddenTakeouts })}</p>}
      <MediumTimeline history={data.history} departmentNames={departmentNames} locationNames={locationNames} />
      {dialog === 'edit' && <MediumFormDialog medium={m} onDone={(updated) => (updated ? done(t('media.updated', { mediaNo: updated.mediaNo })) : setDialog(null))} />}
      {dialog === 'retire' && <RetireMediumDialog medium={m} onClose={() => setDialog(null)} onDone={() => done(t('mediaDetail.retired'))} />}
    </section>
  );
}

/** 廃止: the medium leaves use; a reason is required and kept in the history. */
function RetireMediumDialog({ medium, onClose, onDone }: { medium: Medium; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [reason, setReason] = useState('');
  const retire = () => submit.run(() => api('media.retire', { mediumId: medium.id, version: medium.version, reason }), onDone);
  return (
    <Modal title={t('mediaDetail.retireTitle', { mediaNo: medium.mediaNo })} onClose={onClose} testId="medium-retire-dialog">
      <form onSubmit={submit.onSubmit(retire)} noValidate>
        <FormFailure failure={submit.failure} fields={['reason']} />
        <div className="alert alert-warning">{t('mediaDetail.retireExplanation')}</div>
        <TextField label={t('mediaDetail.retireReason')} value={reason} onChange={setReason} error={submit.issue('reason')} required maxLength={500} testId="medium-retire-reason" />
        <FormButtons busy={submit.busy} submitLabel={t('mediaDetail.retireSubmit')} onCancel={onClose} danger testId="medium-retire-submit" />
      </form>
    </Modal>
  );
}
