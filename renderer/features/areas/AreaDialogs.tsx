import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../db/contract';
import { FormButtons, FormFailure, TextAreaField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';

interface ReasonDialogProps<T> {
  title: string;
  explanation: string;
  reasonLabel: string;
  submitLabel: string;
  send(reason: string): Promise<Result<T>>;
  onClose(): void;
  onDone(data: T): void;
  testId: string;
}

/**
 * A step that needs a reason on the record (廃止 of an area, 取消し of an authorization): the
 * reason goes into the history, so the next reader knows why (MIC §35 records; main requires it).
 */
export function ReasonDialog<T>({ title, explanation, reasonLabel, submitLabel, send, onClose, onDone, testId }: ReasonDialogProps<T>) {
  const submit = useSubmit();
  const [reason, setReason] = useState('');
  return (
    <Modal title={title} onClose={onClose} testId={testId}>
      <form onSubmit={submit.onSubmit(() => submit.run(() => send(reason), onDone))} noValidate>
        <p>{explanation}</p>
        <FormFailure failure={submit.failure} fields={['reason']} />
        <TextAreaField label={reasonLabel} value={reason} onChange={setReason} error={submit.issue('reason')} required maxLength={500} rows={3} autoFocus testId={`${testId}-reason`} />
        <FormButtons busy={submit.busy} submitLabel={submitLabel} danger onCancel={onClose} testId={`${testId}-submit`} />
      </form>
    </Modal>
  );
}

/** The words of a reason dialog in the areas' screens (the label of the reason is the shared 理由). */
export function useReasonLabel(): string {
  const { t } = useTranslation();
  return t('areaFields.reason');
}
