import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Holding, HoldingCategory } from '../../../db/contract';
import { holdingCategories } from '../../../db/contract/holdingValues';
import { useApi } from '../../api';
import { FormButtons, FormFailure, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { SuggestionText } from './parts';

interface ActionDialogProps {
  holding: Holding;
  onClose(): void;
}

/** 照合 (MIC §28). Main refuses the author (errors.separationOfDuties.author-verifier): the message shows here. */
export function VerifyDialog({ holding, onClose, onDone }: ActionDialogProps & { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const verify = () => submit.run(() => api('holdings.verify', { holdingId: holding.id, version: holding.version }), onDone);

  return (
    <Modal title={t('holdingDetail.verifyTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-verify-dialog">
      <form onSubmit={submit.onSubmit(verify)}>
        <FormFailure failure={submit.failure} />
        <p>{t('holdingDetail.verifyExplanation')}</p>
        {/* After a refusal (the author may not verify) only 閉じる is left. */}
        <FormButtons busy={submit.busy || submit.failure !== null} submitLabel={t('holdingDetail.verifySubmit')} onCancel={onClose} cancelLabel={submit.failure ? t('common.close') : undefined} testId="holding-verify-submit" />
      </form>
    </Modal>
  );
}

/** 管理区分 (METI §16): the manager's decision, with its reason. */
export function CategorizeDialog({ holding, onClose, onDone }: ActionDialogProps & { onDone(category: HoldingCategory): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [category, setCategory] = useState<HoldingCategory>(holding.category ?? holding.suggestedCategory);
  const [reason, setReason] = useState(holding.categoryReason);
  const decide = () => submit.run(() => api('holdings.decideCategory', { holdingId: holding.id, category, reason }), () => onDone(category));
  const categoryIssue = submit.issue('category');

  return (
    <Modal title={t('holdingDetail.categorizeTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-categorize-dialog" wide>
      <form onSubmit={submit.onSubmit(decide)} noValidate>
        <FormFailure failure={submit.failure} fields={['category', 'reason']} />
        <fieldset className={categoryIssue ? 'field-invalid' : undefined}>
          <legend>{t('holdingFields.category')}</legend>
          <p className="muted">
            <SuggestionText category={holding.suggestedCategory} reasons={holding.suggestionReasons} />
          </p>
          {holdingCategories.map((c) => (
            <label key={c} className="radio-line">
              <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} data-testid={`holding-category-${c}`} />
              {t(`holdingDetail.category${c}`)}
            </label>
          ))}
          {categoryIssue && <p className="field-error">{categoryIssue}</p>}
        </fieldset>
        <TextField label={t('fields.reason')} value={reason} onChange={setReason} error={submit.issue('reason')} hint={t('holdingDetail.categorizeReasonHint')} required maxLength={500} testId="holding-categorize-reason" />
        <FormButtons busy={submit.busy} submitLabel={t('holdingDetail.categorizeSubmit')} onCancel={onClose} testId="holding-categorize-submit" />
      </form>
    </Modal>
  );
}

/** 見直し済（変更なし）: confirmed in a dialog, since it records that the entry was checked against reality (JIS Q 15001). */
export function ReviewDialog({ holding, onClose, onDone }: ActionDialogProps & { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const review = () => submit.run(() => api('holdings.markReviewed', { holdingId: holding.id }), onDone);
  return (
    <Modal title={t('holdingDetail.reviewTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-review-dialog">
      <form onSubmit={submit.onSubmit(review)} noValidate>
        <FormFailure failure={submit.failure} />
        <p>{t('holdingDetail.reviewExplanation')}</p>
        <FormButtons busy={submit.busy} submitLabel={t('holdingDetail.reviewSubmit')} onCancel={onClose} testId="holding-review-submit" />
      </form>
    </Modal>
  );
}

/** 保有終了: the office no longer holds the file; a reason is required and kept in the history. */
export function RetireDialog({ holding, onClose, onDone }: ActionDialogProps & { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const [reason, setReason] = useState('');
  const retire = () => submit.run(() => api('holdings.retire', { holdingId: holding.id, reason }), onDone);

  return (
    <Modal title={t('holdingDetail.retireTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-retire-dialog">
      <form onSubmit={submit.onSubmit(retire)} noValidate>
        <FormFailure failure={submit.failure} fields={['reason']} />
        <div className="alert alert-warning">{t('holdingDetail.retireExplanation')}</div>
        <TextField label={t('fields.reason')} value={reason} onChange={setReason} error={submit.issue('reason')} hint={t('holdingDetail.retireReasonHint')} required maxLength={500} testId="holding-retire-reason" />
        <FormButtons busy={submit.busy} submitLabel={t('holdingDetail.retireSubmit')} onCancel={onClose} danger testId="holding-retire-submit" />
      </form>
    </Modal>
  );
}
