import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../db/contract';
import type { ExceptionApproval, Visit } from '../../../db/contract/areaVisits';
import { FormButtons, FormFailure, TextAreaField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';

interface ExceptionApprovalDialogProps {
  /** Main's refusal that made the approval necessary, as the clerk read it. */
  reason: string;
  /** The check-in again, with the approval (main checks the approver: MIC §12-2). */
  send(approval: ExceptionApproval): Promise<Result<Visit>>;
  onClose(): void;
  onDone(visit: Visit): void;
}

/**
 * 保護管理者の承認 at the door (issue #12 item 4): a manager of the area's 課等 types their own login ID
 * and password and a reason, and the visit is recorded as an exception. The password lives only in
 * this dialog while it is open: cleared after every attempt and gone when the dialog closes.
 */
export function ExceptionApprovalDialog({ reason, send, onClose, onDone }: ExceptionApprovalDialogProps) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [note, setNote] = useState('');
  const approve = async () => {
    const typed = password;
    setPassword('');
    await submit.run(() => send({ loginId, password: typed, note }), onDone);
  };
  return (
    <Modal title={t('areaDoor.approvalTitle')} onClose={onClose} testId="door-approval-dialog">
      <form onSubmit={submit.onSubmit(approve)} noValidate>
        <div className="alert alert-warning">{reason}</div>
        <p>{t('areaDoor.approvalIntro')}</p>
        <FormFailure failure={submit.failure} fields={['exceptionApproval.loginId', 'exceptionApproval.password', 'exceptionApproval.note']} />
        <TextField label={t('areaDoor.approverLoginId')} value={loginId} onChange={setLoginId} error={submit.issue('exceptionApproval.loginId')} required autoComplete="off" testId="door-approval-loginId" />
        <TextField label={t('areaDoor.approverPassword')} type="password" value={password} onChange={setPassword} error={submit.issue('exceptionApproval.password')} required testId="door-approval-password" />
        <TextAreaField label={t('areaDoor.approvalNote')} value={note} onChange={setNote} error={submit.issue('exceptionApproval.note')} required rows={2} maxLength={500} testId="door-approval-note" />
        <FormButtons busy={submit.busy} submitLabel={t('areaDoor.approve')} onCancel={onClose} testId="door-approval-submit" />
      </form>
    </Modal>
  );
}
