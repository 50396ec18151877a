import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../db/contract';
import type { Disposal } from '../../../db/contract/disposal';
import { disposalFieldOrder } from '../../../db/contract/disposalValues';
import { useApi } from '../../api';
import { useFormat, useSession } from '../../appContext';
import { DraftNotice } from '../../components/DraftOffer';
import { mergeDraft, useDraft } from '../../components/drafts';
import { FormButtons, FormFailure, issuesUnder } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { DisposalFormFields } from './DisposalFormFields';
import { emptyDisposalForm, fromDisposal, fromDraftState, toDisposalFields, toDraftState, type DisposalFormState } from './formState';
import { useDisposalWords } from './words';

interface DisposalFormDialogProps {
  /** Absent: a new record. */
  disposal?: Disposal;
  onDone(disposal: Disposal | null): void;
}

/** Issues the form shows beside a field: every field, each target row (targets.<n>[.<part>]) and each witness (witnessIds.<n>). */
function shownBesideFields(failure: Failure | null): string[] {
  const paths = (failure?.issues ?? []).map((i) => i.path.join('.')).filter((p) => p.startsWith('targets.') || p.startsWith('witnessIds.'));
  return [...disposalFieldOrder, ...paths];
}

/** 廃棄・消去記録の作成・編集 (作成中 only): every field of disposalFieldsSchema; main's issues beside each field. */
export function DisposalFormDialog({ disposal, onDone }: DisposalFormDialogProps) {
  const { t } = useTranslation();
  const w = useDisposalWords();
  const api = useApi();
  const fmt = useFormat();
  const { session } = useSession();
  const submit = useSubmit();
  const [form, setForm] = useState<DisposalFormState>(() => (disposal ? fromDisposal(disposal) : emptyDisposalForm(session.departmentId, session.userId, fmt.today())));
  const [version, setVersion] = useState(disposal?.version ?? 0);
  const [reloaded, setReloaded] = useState(false);
  // Unsaved input survives the idle lock (issue #7); a restored edit keeps the version it started from.
  const draft = useDraft({
    formId: disposal ? 'disposal.edit' : 'disposal.create',
    recordId: disposal?.id ?? null,
    recordVersion: disposal ? version : null,
    state: toDraftState(form),
    onRestore: (d) => {
      setForm((f) => fromDraftState(mergeDraft(toDraftState(f), d.values)));
      if (d.recordVersion !== null) setVersion(d.recordVersion);
    },
  });
  const stale = submit.failure?.messageKey === 'errors.staleVersion';

  const save = () => {
    setReloaded(false);
    const fields = toDisposalFields(form);
    // An edit's issues name `fields.<field>` (the update's input nests them): shown beside the same fields.
    return submit.run(() => (disposal ? api('disposal.update', { disposalId: disposal.id, version, fields }) : api('disposal.create', fields)), onDone, { shown: (f) => issuesUnder(f, 'fields') });
  };
  // Someone else saved first (errors.staleVersion): start again from their version.
  const reload = (id: number) =>
    submit.run(
      () => api('disposal.get', { disposalId: id }),
      ({ disposal: latest }) => {
        setForm(fromDisposal(latest));
        setVersion(latest.version);
        setReloaded(true);
      },
    );
  const title = disposal ? t('disposalScreens.editTitle', { number: disposal.certificateNo ?? t('disposalScreens.unnumberedShort') }) : t('disposalScreens.createTitle');

  return (
    <Modal title={title} onClose={() => onDone(null)} testId="disposal-form" wide>
      <form onSubmit={submit.onSubmit(save)} noValidate className="disposal-form">
        <DraftNotice draft={draft} fieldLabel={(field) => w.field(field)} />
        <FormFailure failure={submit.failure} fields={shownBesideFields(submit.failure)} />
        {stale && disposal && (
          <div className="actions">
            <button type="button" onClick={() => void reload(disposal.id)} disabled={submit.busy} data-testid="disposal-form-reload">
              {t('disposalScreens.reload')}
            </button>
          </div>
        )}
        {reloaded && (
          <p className="notice" role="status">
            {t('disposalScreens.reloaded')}
          </p>
        )}
        <DisposalFormFields form={form} onChange={setForm} issue={submit.issue} disposal={disposal} />
        <FormButtons busy={submit.busy} submitLabel={disposal ? t('disposalScreens.submitEdit') : t('disposalScreens.submitCreate')} onCancel={() => onDone(null)} testId="disposal-form-submit" />
      </form>
    </Modal>
  );
}
