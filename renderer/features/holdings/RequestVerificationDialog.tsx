import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Holding } from '../../../db/contract';
import { useApi } from '../../api';
import { FormButtons, FormFailure, SelectField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

interface RequestVerificationDialogProps {
  holding: Holding;
  /** Whom the request already names, preselected (a new request replaces it). */
  current: number | null;
  onClose(): void;
  onDone(name: string): void;
}

/**
 * 照合依頼 (MIC §28): the author names who should verify. The choices are those main would
 * accept (same 課等, may verify, in force, not an author); main checks the choice again.
 */
export function RequestVerificationDialog({ holding, current, onClose, onDone }: RequestVerificationDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const candidates = useLoad('holdings.verifierCandidates', { holdingId: holding.id });
  const [verifier, setVerifier] = useState(current === null ? '' : String(current));
  const people = candidates.data ?? [];
  const chosen = people.find((p) => String(p.userId) === verifier);
  const request = () =>
    submit.run(
      () => api('holdings.requestVerification', { holdingId: holding.id, verifierUserId: Number(verifier) }),
      () => onDone(chosen?.displayName ?? ''),
    );

  return (
    <Modal title={t('holdingDetail.requestTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-request-dialog">
      <form onSubmit={submit.onSubmit(request)} noValidate>
        <FormFailure failure={submit.failure ?? candidates.failure} fields={['verifierUserId']} />
        <p>{t('holdingDetail.requestExplanation')}</p>
        {candidates.data && people.length === 0 ? (
          <p className="alert alert-warning" role="status" data-testid="holding-request-none">
            {t('holdingDetail.requestNoCandidates')}
          </p>
        ) : (
          <SelectField
            label={t('holdingDetail.requestVerifier')}
            value={verifier}
            onChange={setVerifier}
            options={[{ value: '', label: t('holdingDetail.requestChoose') }, ...people.map((p) => ({ value: String(p.userId), label: p.displayName }))]}
            error={submit.issue('verifierUserId')}
            required
            testId="holding-request-verifier"
          />
        )}
        <FormButtons busy={submit.busy || !chosen} submitLabel={t('holdingDetail.requestSubmit')} onCancel={onClose} testId="holding-request-submit" />
      </form>
    </Modal>
  );
}
