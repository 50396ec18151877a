import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium, Takeout, TakeoutSafeguards } from '../../../db/contract';
import { takeoutSafeguards } from '../../../db/contract/mediaValues';
import { useApi } from '../../api';
import { useSession } from '../../appContext';
import { CheckboxField, FormButtons, FormFailure, TextAreaField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';

interface DialogProps {
  medium: Medium;
  onClose(): void;
  onDone(message: string): void;
}

/** A medium without encryption or password, promised none for the trip either: the approval needs a reason (issue #10 item 3). */
export function isUnprotected(medium: Medium, takeout: Takeout): boolean {
  return medium.encrypted === 'none' && !takeout.safeguards.encryption && !takeout.safeguards.password;
}

/** 持出し申請: purpose, destination, what goes, the safeguards promised and when it comes back (MIC §12, §34). */
export function TakeoutRequestDialog({ medium, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [purpose, setPurpose] = useState('');
  const [destination, setDestination] = useState('');
  const [contentsSummary, setContentsSummary] = useState('');
  const [dueBack, setDueBack] = useState('');
  // What the medium itself has is promised by default (a hardware-encrypted stick travels encrypted).
  const [safeguards, setSafeguards] = useState<TakeoutSafeguards>({ encryption: medium.encrypted === 'hardware', password: medium.encrypted === 'password', lockedCase: false, sealed: false });
  const send = () => submit.run(() => api('media.takeout.request', { mediumId: medium.id, purpose, destination, contentsSummary, safeguards, dueBack }), () => onDone(t('mediaTakeout.requested')));
  return (
    <Modal title={t('mediaTakeout.requestTitle', { mediaNo: medium.mediaNo })} onClose={onClose} testId="takeout-request-dialog">
      <form onSubmit={submit.onSubmit(send)} noValidate>
        <FormFailure failure={submit.failure} fields={['purpose', 'destination', 'contentsSummary', 'dueBack']} />
        <TextField label={t('mediaTakeout.purpose')} value={purpose} onChange={setPurpose} error={submit.issue('purpose')} required maxLength={500} autoFocus testId="takeout-purpose" />
        <TextField label={t('mediaTakeout.destination')} value={destination} onChange={setDestination} error={submit.issue('destination')} required maxLength={200} testId="takeout-destination" />
        <TextAreaField
          label={t('mediaTakeout.contentsSummary')}
          value={contentsSummary}
          onChange={setContentsSummary}
          error={submit.issue('contentsSummary')}
          hint={t('mediaTakeout.contentsSummaryHint')}
          required
          rows={3}
          maxLength={1000}
          testId="takeout-contents"
        />
        <fieldset className="field-group">
          <legend>{t('mediaTakeout.safeguards')}</legend>
          {takeoutSafeguards.map((s) => (
            <CheckboxField key={s} label={t(`mediaSafeguards.${s}`)} checked={safeguards[s]} onChange={(v) => setSafeguards({ ...safeguards, [s]: v })} testId={`takeout-safeguard-${s}`} />
          ))}
        </fieldset>
        <TextField label={t('mediaTakeout.dueBack')} type="date" value={dueBack} onChange={setDueBack} error={submit.issue('dueBack')} required testId="takeout-dueBack" />
        <FormButtons busy={submit.busy} submitLabel={t('mediaTakeout.submitRequest')} onCancel={onClose} testId="takeout-request-submit" />
      </form>
    </Modal>
  );
}

/** 承認: a note, required (and said so) when the medium goes without encryption or password. */
export function TakeoutApproveDialog({ medium, takeout, onClose, onDone }: DialogProps & { takeout: Takeout }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [note, setNote] = useState('');
  const unprotected = isUnprotected(medium, takeout);
  const approve = () => submit.run(() => api('media.takeout.approve', { takeoutId: takeout.id, note }), () => onDone(t('mediaTakeout.approved')));
  return (
    <Modal title={t('mediaTakeout.approveTitle', { mediaNo: medium.mediaNo })} onClose={onClose} testId="takeout-approve-dialog">
      <form onSubmit={submit.onSubmit(approve)} noValidate>
        <FormFailure failure={submit.failure} fields={['note']} />
        {unprotected && <div className="alert alert-warning">{t('mediaTakeout.approveUnprotected')}</div>}
        <TextAreaField
          label={t(unprotected ? 'mediaTakeout.approveReason' : 'mediaTakeout.approveNote')}
          value={note}
          onChange={setNote}
          error={submit.issue('note')}
          required={unprotected}
          autoFocus
          rows={3}
          maxLength={500}
          testId="takeout-approve-note"
        />
        <FormButtons busy={submit.busy} submitLabel={t('mediaTakeout.approve')} onCancel={onClose} testId="takeout-approve-submit" />
      </form>
    </Modal>
  );
}

/** 却下: always with its reason, which the requester reads on the medium. */
export function TakeoutRefuseDialog({ medium, takeout, onClose, onDone }: DialogProps & { takeout: Takeout }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [reason, setReason] = useState('');
  const refuse = () => submit.run(() => api('media.takeout.refuse', { takeoutId: takeout.id, reason }), () => onDone(t('mediaTakeout.refused')));
  return (
    <Modal title={t('mediaTakeout.refuseTitle', { mediaNo: medium.mediaNo })} onClose={onClose} testId="takeout-refuse-dialog">
      <form onSubmit={submit.onSubmit(refuse)} noValidate>
        <FormFailure failure={submit.failure} fields={['reason']} />
        <TextField label={t('mediaTakeout.refuseReason')} value={reason} onChange={setReason} error={submit.issue('reason')} required autoFocus maxLength={500} testId="takeout-refuse-reason" />
        <FormButtons busy={submit.busy} submitLabel={t('mediaTakeout.refuse')} onCancel={onClose} danger testId="takeout-refuse-submit" />
      </form>
    </Modal>
  );
}

/** 返却: who checks (the signed-in user, recorded by main), contents intact, temporary copies erased (MIC §26). */
export function TakeoutReturnDialog({ medium, takeout, onClose, onDone }: DialogProps & { takeout: Takeout }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const { session } = useSession();
  const [contentsIntact, setContentsIntact] = useState(false);
  const [tempCopiesErased, setTempCopiesErased] = useState(false);
  const [note, setNote] = useState('');
  const send = () => submit.run(() => api('media.takeout.return', { takeoutId: takeout.id, contentsIntact, tempCopiesErased, note }), () => onDone(t('mediaTakeout.returned')));
  return (
    <Modal title={t('mediaTakeout.returnTitle', { mediaNo: medium.mediaNo })} onClose={onClose} testId="takeout-return-dialog">
      <form onSubmit={submit.onSubmit(send)} noValidate>
        <FormFailure failure={submit.failure} fields={['note']} />
        <p data-testid="takeout-return-checker">
          {t('mediaTakeout.checkedByName', { name: session.displayName })}
        </p>
        <CheckboxField label={t('mediaTakeout.contentsIntact')} checked={contentsIntact} onChange={setContentsIntact} error={submit.issue('contentsIntact')} testId="takeout-return-intact" />
        <CheckboxField label={t('mediaTakeout.tempCopiesErased')} checked={tempCopiesErased} onChange={setTempCopiesErased} error={submit.issue('tempCopiesErased')} testId="takeout-return-erased" />
        <TextAreaField
          label={t('mediaTakeout.returnNote')}
          value={note}
          onChange={setNote}
          error={submit.issue('note')}
          hint={t('mediaTakeout.returnNoteHint')}
          required={!contentsIntact || !tempCopiesErased}
          rows={3}
          maxLength={1000}
          testId="takeout-return-note"
        />
        <FormButtons busy={submit.busy} submitLabel={t('mediaTakeout.returnAction')} onCancel={onClose} testId="takeout-return-submit" />
      </form>
    </Modal>
  );
}
