import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium } from '../../../db/contract';
import { mediaFieldOrder } from '../../../db/contract/mediaValues';
import { useApi } from '../../api';
import { useSession } from '../../appContext';
import { DraftNotice } from '../../components/DraftOffer';
import { mergeDraft, useDraft } from '../../components/drafts';
import { FormButtons, FormFailure, issuesUnder } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { emptyMediumForm, fromMedium, toMediumFields, type MediumFormState } from './formState';
import { MediumFormFields } from './MediumFormFields';
import { BackupBesideTerminalFormWarning } from './BackupRule';

interface MediumFormDialogProps {
  /** Absent: a new medium. */
  medium?: Medium;
  onDone(medium: Medium | null): void;
}

/** 媒体の登録・編集: every field of mediumFieldsSchema; main's issues beside each field. */
export function MediumFormDialog({ medium, onDone }: MediumFormDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const submit = useSubmit();
  const [form, setForm] = useState<MediumFormState>(() => (medium ? fromMedium(medium) : emptyMediumForm(session.departmentId)));
  const [version, setVersion] = useState(medium?.version ?? 0);
  const [reloaded, setReloaded] = useState(false);
  // Unsaved input survives the idle lock (issue #7, as holdings); a restored edit keeps the version it started from.
  const draft = useDraft({ formId: medium ? 'media.edit' : 'media.create', recordId: medium?.id ?? null, recordVersion: medium ? version : null, state: form, onRestore: (d) => {
    setForm((f) => mergeDraft(f, d.values));
    if (d.recordVersion !== null) setVersion(d.recordVersion);
  } });
  const stale = submit.failure?.messageKey === 'errors.staleVersion';

  const save = () => {
    setReloaded(false);
    const fields = toMediumFields(form);
    return submit.run(() => (medium ? api('media.update', { mediumId: medium.id, version, fields }) : api('media.create', fields)), onDone, { shown: (f) => issuesUnder(f, 'fields') });
  };
  // Someone else saved first (errors.staleVersion): start again from their version.
  const reload = (id: number) =>
    submit.run(
      () => api('media.get', { mediumId: id }),
      ({ medium: latest }) => {
        setForm(fromMedium(latest));
        setVersion(latest.version);
        setReloaded(true);
      },
    );

  return (
    <Modal title={medium ? t('mediaForm.editTitle', { mediaNo: medium.mediaNo }) : t('mediaForm.createTitle')} onClose={() => onDone(null)} testId="medium-form" wide>
      <form onSubmit={submit.onSubmit(save)} noValidate className="medium-form">
        <DraftNotice draft={draft} fieldLabel={(field) => t(`mediaFields.${field}`)} />
        <FormFailure failure={submit.failure} fields={[...mediaFieldOrder]} />
        {stale && medium && (
          <div className="actions">
            <button type="button" onClick={() => void reload(medium.id)} disabled={submit.busy} data-testid="medium-form-reload">
              {t('mediaForm.reload')}
            </button>
          </div>
        )}
        {reloaded && (
          <p className="notice" role="status">
            {t('mediaForm.reloaded')}
          </p>
        )}
        <MediumFormFields form={form} onChange={setForm} issue={submit.issue} currentDepartmentName={medium?.departmentName ?? session.departmentName} creating={!medium} />
        <BackupBesideTerminalFormWarning isBackupMedium={form.isBackupMedium} storageLocationId={form.storageLocationId} />
        <FormButtons busy={submit.busy} submitLabel={medium ? t('mediaForm.submitEdit') : t('mediaForm.submitCreate')} onCancel={() => onDone(null)} testId="medium-form-submit" />
      </form>
    </Modal>
  );
}
