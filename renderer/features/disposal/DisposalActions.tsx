import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../db/contract';
import type { Disposal } from '../../../db/contract/disposal';
import { useApi } from '../../api';
import { useCan, useSession } from '../../appContext';
import { FormButtons, FormFailure, TextAreaField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useDisposalWords } from './words';

type Dialog = 'return' | 'approve' | 'cancel' | 'amend';

interface ActionsProps {
  disposal: Disposal;
  onEdit(): void;
  /** A step was taken: the message to show, and the record to open when it is another (訂正 opens the new draft). */
  onDone(message: string, openId?: number): void;
}

/**
 * What may be done with the record now, by status and permission (the buttons a user may not
 * use are hidden; main decides): 編集 and 承認依頼 of a draft, 差戻し and 承認 of a request,
 * 取消し of either, 訂正 of an approved record (MIC §13: a correction is a new record).
 */
export function DisposalActions({ disposal: d, onEdit, onDone: stepTaken }: ActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const { session } = useSession();
  const request = useSubmit();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const onDone = (message: string, openId?: number) => {
    setDialog(null);
    stepTaken(message, openId);
  };
  const write = can('disposal.write');
  // MIC §12-2: the operator and the witnesses never approve their own work (main refuses it too).
  const involved = d.operatorId === session.userId || d.witnesses.some((w) => w.userId === session.userId);
  const approver = can('disposal.approve') && d.status === 'requested';
  const sendRequest = () => void request.run(() => api('disposal.request', { disposalId: d.id, version: d.version }), () => onDone(t('disposalScreens.requested')));
  const button = (key: Dialog, label: string, className?: string) => (
    <button type="button" className={className} onClick={() => setDialog(key)} data-testid={`disposal-${key}`}>
      {label}
    </button>
  );
  return (
    <>
      <div className="toolbar toolbar-wrap">
        <div className="toolbar-group">
          {write && d.status === 'draft' && (
            <button type="button" onClick={onEdit} data-testid="disposal-edit">
              {t('common.edit')}
            </button>
          )}
          {write && d.status === 'draft' && (
            <button type="button" className="button-primary" onClick={sendRequest} disabled={request.busy} data-testid="disposal-request">
              {t('disposalScreens.request')}
            </button>
          )}
          {approver && !involved && button('approve', t('disposalScreens.approve'), 'button-primary')}
          {approver && button('return', t('disposalScreens.return'))}
          {write && (d.status === 'draft' || d.status === 'requested') && button('cancel', t('disposalScreens.cancel'), 'button-danger')}
          {write && d.status === 'approved' && button('amend', t('disposalScreens.amend'))}
        </div>
      </div>
      {approver && involved && (
        <p className="field-hint" data-testid="disposal-approve-why-not">
          {t('disposalScreens.approveNotInvolved')}
        </p>
      )}
      <FormFailure failure={request.failure} />
      {dialog === 'approve' && <ApproveDialog disposal={d} onClose={() => setDialog(null)} onDone={() => onDone(t('disposalScreens.approved'))} />}
      {dialog === 'return' && (
        <ReasonDialog dialog="return" disposal={d} onClose={() => setDialog(null)} send={(reason) => api('disposal.return', { disposalId: d.id, version: d.version, reason })} onDone={() => onDone(t('disposalScreens.returned'))} />
      )}
      {dialog === 'cancel' && (
        <ReasonDialog dialog="cancel" disposal={d} onClose={() => setDialog(null)} send={(reason) => api('disposal.cancel', { disposalId: d.id, version: d.version, reason })} onDone={() => onDone(t('disposalScreens.cancelled'))} />
      )}
      {dialog === 'amend' && (
        <ReasonDialog dialog="amend" disposal={d} onClose={() => setDialog(null)} send={(reason) => api('disposal.amend', { disposalId: d.id, version: d.version, reason })} onDone={(created) => onDone(t('disposalScreens.amendCreated'), created.id)} />
      )}
    </>
  );
}

// Each reason dialog's words, named in full (so every message is seen to be used).
const reasonWords = {
  return: { title: 'disposalScreens.returnTitle', explanation: 'disposalScreens.returnExplanation', submit: 'disposalScreens.returnSubmit' },
  cancel: { title: 'disposalScreens.cancelTitle', explanation: 'disposalScreens.cancelExplanation', submit: 'disposalScreens.cancelSubmit' },
  amend: { title: 'disposalScreens.amendTitle', explanation: 'disposalScreens.amendExplanation', submit: 'disposalScreens.amendSubmit' },
} as const;

interface ReasonDialogProps {
  dialog: 'return' | 'cancel' | 'amend';
  disposal: Disposal;
  onClose(): void;
  send(reason: string): Promise<Result<Disposal>>;
  onDone(d: Disposal): void;
}

/** 差戻し, 取消し and 訂正: each with its reason, kept in the history (and for 訂正, on the new record). */
function ReasonDialog({ dialog, disposal, onClose, send, onDone }: ReasonDialogProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const submit = useSubmit();
  const [reason, setReason] = useState('');
  const number = disposal.certificateNo ?? t('disposalScreens.unnumberedShort');
  return (
    <Modal title={t(reasonWords[dialog].title, { number })} onClose={onClose} testId={`disposal-${dialog}-dialog`}>
      <form onSubmit={submit.onSubmit(() => submit.run(() => send(reason), onDone))} noValidate>
        <FormFailure failure={submit.failure} fields={['reason']} />
        <p>{t(reasonWords[dialog].explanation)}</p>
        <TextAreaField label={w.field('reason')} value={reason} onChange={setReason} error={submit.issue('reason')} required autoFocus rows={3} maxLength={1000} testId={`disposal-${dialog}-reason`} />
        <FormButtons busy={submit.busy} submitLabel={t(reasonWords[dialog].submit)} onCancel={onClose} danger={dialog === 'cancel'} testId={`disposal-${dialog}-submit`} />
      </form>
    </Modal>
  );
}

/** 承認: freezes the record, numbers it and marks its media and holdings disposed; main asks for the password first. */
function ApproveDialog({ disposal, onClose, onDone }: { disposal: Disposal; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const approve = () => submit.run(() => api('disposal.approve', { disposalId: disposal.id, version: disposal.version }), onDone);
  return (
    <Modal title={t('disposalScreens.approveTitle')} onClose={onClose} testId="disposal-approve-dialog">
      <form onSubmit={submit.onSubmit(approve)} noValidate>
        <FormFailure failure={submit.failure} />
        <div className="alert alert-warning">{t('disposalScreens.approveExplanation')}</div>
        {disposal.placeKind === 'contractor' && <p className="field-hint">{t('disposalScreens.approveContractorHint')}</p>}
        <FormButtons busy={submit.busy} submitLabel={t('disposalScreens.approveSubmit')} onCancel={onClose} testId="disposal-approve-submit" />
      </form>
    </Modal>
  );
}
