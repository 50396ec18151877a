import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, Holding } from '../../../db/contract';
import { useApi } from '../../api';
import { FormButtons, FormFailure, TextField, useIssue } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { categories, type Category } from './model';

interface ActionDialogProps {
  holding: Holding;
  onClose(): void;
}

/** 照合 (MIC §28). Main refuses the author (errors.separationOfDuties.author-verifier): the message shows here. */
export function VerifyDialog({ holding, onClose, onDone }: ActionDialogProps & { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api('holdings.verify', { holdingId: holding.id, version: holding.version });
    setBusy(false);
    if (r.ok) onDone();
    else setFailure(r);
  }

  return (
    <Modal title={t('holdingDetail.verifyTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-verify-dialog">
      <form onSubmit={submit}>
        <FormFailure failure={failure} />
        <p>{t('holdingDetail.verifyExplanation')}</p>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy || failure !== null} data-testid="holding-verify-submit">
            {t('holdingDetail.verifySubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {failure ? t('common.close') : t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** 管理区分 (METI §16): the manager's decision, with its reason. */
export function CategorizeDialog({ holding, onClose, onDone }: ActionDialogProps & { onDone(category: Category): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [category, setCategory] = useState<Category>(holding.category ?? holding.suggestedCategory);
  const [reason, setReason] = useState(holding.categoryReason);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api('holdings.decideCategory', { holdingId: holding.id, category, reason });
    setBusy(false);
    if (r.ok) onDone(category);
    else setFailure(r);
  }

  return (
    <Modal title={t('holdingDetail.categorizeTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-categorize-dialog" wide>
      <form onSubmit={submit} noValidate>
        <FormFailure failure={failure} fields={['category', 'reason']} />
        <fieldset className={issue('category') ? 'field-invalid' : undefined}>
          <legend>{t('holdingFields.category')}</legend>
          <p className="muted">
            {t('suggestion.title', { category: holding.suggestedCategory })}
            {' '}
            {t('suggestion.because', {
              reasons: holding.suggestionReasons.length ? holding.suggestionReasons.map((r) => t(`suggestion.${r}`)).join(t('timeline.listSeparator')) : t('suggestion.none'),
            })}
          </p>
          {categories.map((c) => (
            <label key={c} className="radio-line">
              <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} data-testid={`holding-category-${c}`} />
              {t(`holdingDetail.category${c}`)}
            </label>
          ))}
          {issue('category') && <p className="field-error">{issue('category')}</p>}
        </fieldset>
        <TextField label={t('fields.reason')} value={reason} onChange={setReason} error={issue('reason')} hint={t('holdingDetail.categorizeReasonHint')} required maxLength={500} testId="holding-categorize-reason" />
        <FormButtons busy={busy} submitLabel={t('holdingDetail.categorizeSubmit')} onCancel={onClose} testId="holding-categorize-submit" />
      </form>
    </Modal>
  );
}

/** 保有終了: the office no longer holds the file; a reason is required and kept in the history. */
export function RetireDialog({ holding, onClose, onDone }: ActionDialogProps & { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api('holdings.retire', { holdingId: holding.id, reason });
    setBusy(false);
    if (r.ok) onDone();
    else setFailure(r);
  }

  return (
    <Modal title={t('holdingDetail.retireTitle', { ledgerNo: holding.ledgerNo })} onClose={onClose} testId="holding-retire-dialog">
      <form onSubmit={submit} noValidate>
        <FormFailure failure={failure} fields={['reason']} />
        <div className="alert alert-warning">{t('holdingDetail.retireExplanation')}</div>
        <TextField label={t('fields.reason')} value={reason} onChange={setReason} error={issue('reason')} hint={t('holdingDetail.retireReasonHint')} required maxLength={500} testId="holding-retire-reason" />
        <FormButtons busy={busy} submitLabel={t('holdingDetail.retireSubmit')} onCancel={onClose} danger testId="holding-retire-submit" />
      </form>
    </Modal>
  );
}
