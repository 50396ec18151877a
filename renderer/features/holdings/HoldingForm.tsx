import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, Holding } from '../../../db/contract';
import { useApi } from '../../api';
import { useSession } from '../../appContext';
import { DraftNotice } from '../../components/DraftOffer';
import { mergeDraft, useDraft } from '../../components/drafts';
import { FormButtons, FormFailure, issuesUnder } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';
import { emptyForm, fromHolding, shownPaths, toFields, type FormState } from './formState';
import { HoldingFormSections } from './HoldingFormSections';

interface HoldingFormDialogProps {
  /** Absent: a new entry. */
  holding?: Holding;
  onDone(holding: Holding | null): void;
}

/** After a refused save, the first field in error comes into view with the focus (the banner says why). */
function useFocusFirstError(failure: Failure | null) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!failure) return;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus({ preventScroll: true });
      field.scrollIntoView({ block: 'center' });
    } else formRef.current?.closest('.modal')?.scrollTo({ top: 0 });
  }, [failure]);
  return formRef;
}

/**
 * 管理番号 on a new entry may be left blank: main assigns the next 年度-連番 when saving. The
 * hint names the number it would get now (asked again after a refused save, since another
 * clerk may have saved meanwhile); the saved entry shows the number actually assigned.
 */
function useLedgerNoHint(creating: boolean, failure: Failure | null): { required: boolean; hint: string } {
  const { t } = useTranslation();
  const upcoming = useLoad('holdings.nextLedgerNo', creating ? {} : null);
  const { reload } = upcoming;
  useEffect(() => {
    if (failure && creating) reload();
  }, [failure, creating, reload]);
  if (!creating) return { required: true, hint: t('holdingForm.ledgerNoHint') };
  const next = upcoming.data?.ledgerNo;
  return { required: false, hint: next ? t('holdingForm.ledgerNoAssigned', { ledgerNo: next }) : t('holdingForm.ledgerNoBlank') };
}

/** 台帳の新規登録・編集: every field of holdingFieldsSchema; main's issues beside each field. */
export function HoldingFormDialog({ holding, onDone }: HoldingFormDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const submit = useSubmit();
  const [form, setForm] = useState<FormState>(() => (holding ? fromHolding(holding) : emptyForm(session.departmentId)));
  const [version, setVersion] = useState(holding?.version ?? 0);
  const [wasVerified, setWasVerified] = useState(holding?.status === 'verified');
  const [reloaded, setReloaded] = useState(false);
  const formRef = useFocusFirstError(submit.failure);
  // Unsaved input survives the lock (issue #7); a restored edit keeps the version it started from.
  const draft = useDraft({ formId: holding ? 'holdings.edit' : 'holdings.create', recordId: holding?.id ?? null, recordVersion: holding ? version : null, state: form, onRestore: (d) => {
    setForm((f) => mergeDraft(f, d.values));
    if (d.recordVersion !== null) setVersion(d.recordVersion);
  } });
  const ledgerNo = useLedgerNoHint(!holding, submit.failure);
  const stale = submit.failure?.messageKey === 'errors.staleVersion';

  const save = () => {
    setReloaded(false);
    const fields = toFields(form);
    return submit.run(() => (holding ? api('holdings.update', { holdingId: holding.id, version, fields }) : api('holdings.create', fields)), onDone, { shown: (f) => issuesUnder(f, 'fields') });
  };
  // Someone else saved first (errors.staleVersion): start again from their version.
  const reload = (id: number) =>
    submit.run(
      () => api('holdings.get', { holdingId: id }),
      ({ holding: latest }) => {
        setForm(fromHolding(latest));
        setVersion(latest.version);
        setWasVerified(latest.status === 'verified');
        setReloaded(true);
      },
    );

  return (
    <Modal title={holding ? t('holdingForm.editTitle', { ledgerNo: holding.ledgerNo }) : t('holdingForm.createTitle')} onClose={() => onDone(null)} testId="holding-form" wide>
      <form ref={formRef} onSubmit={submit.onSubmit(save)} noValidate className="holding-form">
        <FormFailure failure={submit.failure} fields={shownPaths(form)} />
        {stale && holding && (
          <div className="actions">
            <button type="button" onClick={() => void reload(holding.id)} disabled={submit.busy} data-testid="holding-form-reload">
              {t('holdingForm.reload')}
            </button>
          </div>
        )}
        {reloaded && (
          <p className="notice" role="status">
            {t('holdingForm.reloaded')}
          </p>
        )}
        <DraftNotice draft={draft} fieldLabel={(field) => t(`holdingFields.${field}`)} />
        {wasVerified && <div className="alert alert-warning">{t('holdingForm.editAfterVerify')}</div>}
        <HoldingFormSections form={form} onChange={setForm} issue={submit.issue} currentDepartmentName={holding?.departmentName ?? session.departmentName} ledgerNo={ledgerNo} />
        <FormButtons busy={submit.busy} submitLabel={holding ? t('holdingForm.submitEdit') : t('holdingForm.submitCreate')} onCancel={() => onDone(null)} testId="holding-form-submit" />
      </form>
    </Modal>
  );
}
