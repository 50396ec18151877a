import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftFormId, PendingDraft, RestoredDraft } from '../../db/contract';
import { call } from '../api';
import { useFormat } from '../appContext';
import { DraftRestoreContext, type DraftRestoreValue, type DraftStatus } from './drafts';
import { FormFailure } from './forms';
import { Modal } from './Modal';
import { useSubmit } from './useSubmit';

/** Words for a form of the fixed list (drafts.forms.*), as the offer and the notices name it. */
function useFormName(): (formId: DraftFormId) => string {
  const { t } = useTranslation();
  return useCallback((formId: DraftFormId) => t(`drafts.forms.${formId.replace(/\./g, '_')}`), [t]);
}

interface DraftRestoreProviderProps {
  /** 復元する: bring up the screen that holds the form (the screen then opens it, useReopenDraft). */
  onReopen(formId: DraftFormId): void;
  children: ReactNode;
}

/**
 * After each unlock or login (the main frame mounts again) main is asked whether this user
 * kept a draft; if so: 「ロック前の入力が残っています。復元しますか？」. main answers only for
 * the session's user, so another person at the terminal never learns one exists.
 */
export function DraftRestoreProvider({ onReopen, children }: DraftRestoreProviderProps) {
  const [pending, setPending] = useState<PendingDraft | null>(null);
  const [waiting, setWaiting] = useState<RestoredDraft | null>(null);

  const lookForDraft = useCallback(() => {
    void call('drafts.pending', {}).then((r) => setPending(r.ok ? r.data : null));
  }, []);
  useEffect(lookForDraft, [lookForDraft]);

  const release = useCallback((draft: RestoredDraft) => setWaiting((w) => (w === draft ? null : w)), []);
  const restore = useCallback(
    (draft: RestoredDraft) => {
      setPending(null);
      setWaiting(draft);
      onReopen(draft.formId);
    },
    [onReopen],
  );
  const value = useMemo<DraftRestoreValue>(() => ({ waiting, release }), [waiting, release]);

  return (
    <DraftRestoreContext.Provider value={value}>
      {children}
      {pending && <DraftOfferDialog pending={pending} onRestore={restore} onDiscarded={lookForDraft} onGone={() => setPending(null)} />}
    </DraftRestoreContext.Provider>
  );
}

interface DraftOfferDialogProps {
  pending: PendingDraft;
  onRestore(draft: RestoredDraft): void;
  onDiscarded(): void;
  onGone(): void;
}

/** 復元する / 破棄する: each takes the draft once in main (a second window or click finds it gone). */
function DraftOfferDialog({ pending, onRestore, onDiscarded, onGone }: DraftOfferDialogProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const formName = useFormName();
  const submit = useSubmit();
  const [gone, setGone] = useState(false);
  const take = () =>
    submit.run(
      () => call('drafts.take', { formId: pending.formId }),
      (draft) => (draft ? onRestore(draft) : setGone(true)),
    );
  const discard = () => submit.run(() => call('drafts.discard', { formId: pending.formId }), onDiscarded);

  return (
    <Modal title={t('drafts.offerTitle')} testId="draft-offer">
      <FormFailure failure={submit.failure} />
      {gone ? (
        <>
          <p role="status">{t('drafts.gone')}</p>
          <div className="actions">
            <button type="button" onClick={onGone} data-testid="draft-offer-close">
              {t('common.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('drafts.offer')}</p>
          <p className="muted" data-testid="draft-offer-form">
            {t('drafts.offerForm', { form: formName(pending.formId), at: fmt.instant(pending.keptAt) })}
          </p>
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => void take()} disabled={submit.busy} data-testid="draft-restore">
              {t('drafts.restore')}
            </button>
            <button type="button" onClick={() => void discard()} disabled={submit.busy} data-testid="draft-discard">
              {t('drafts.discard')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

interface DraftNoticeProps {
  draft: DraftStatus;
  /** The form's word for a field (its label), to name what was left out. */
  fieldLabel(field: string): string;
}

/** Beside the form: restored from before the lock, and what main did not or cannot keep. */
export function DraftNotice({ draft, fieldLabel }: DraftNoticeProps) {
  const { t } = useTranslation();
  const names = (fields: string[]) => fields.map(fieldLabel).join(t('drafts.fieldSeparator'));
  const droppedBefore = draft.restored?.droppedFields ?? [];
  return (
    <>
      {draft.restored && (
        <p className="notice" role="status" data-testid="draft-restored">
          {t('drafts.restored')}
        </p>
      )}
      {droppedBefore.length > 0 && (
        <div className="alert alert-warning" data-testid="draft-dropped-on-restore">
          {t('drafts.droppedOnRestore', { fields: names(droppedBefore) })}
        </div>
      )}
      {draft.droppedNow.length > 0 && (
        <div className="alert alert-warning" data-testid="draft-dropped-now">
          {t('drafts.droppedNow', { fields: names(draft.droppedNow) })}
        </div>
      )}
      {draft.failure?.code === 'INVALID_INPUT' && (
        <div className="alert alert-warning" data-testid="draft-not-kept">
          {t('drafts.notKept')}
        </div>
      )}
    </>
  );
}
