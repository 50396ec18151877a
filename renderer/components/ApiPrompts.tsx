import { useCallback, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiContext, call, type ApiContextValue, type Prompts } from '../api';
import { FormButtons, FormFailure, TextField, useIssue } from './forms';
import { Modal } from './Modal';
import { useSubmit } from './useSubmit';

type ReasonRequest = Parameters<Prompts['askReason']>[0];

type Pending =
  | { kind: 'reauth'; resolve(ok: boolean): void }
  | { kind: 'reason'; request: ReasonRequest; resolve(reason: string | null): void };

/**
 * Provides useApi() with its prompts: the password modal for REAUTH_REQUIRED and the
 * reason modal for BULK_EXPORT_REASON_REQUIRED (MIC §22).
 */
export function ApiPromptsProvider({ children, onSessionProblem }: { children: ReactNode; onSessionProblem(): void }) {
  const [pending, setPending] = useState<Pending | null>(null);

  const reauthenticate = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        setPending({ kind: 'reauth', resolve });
      }),
    [],
  );
  const askReason = useCallback(
    (request: ReasonRequest) =>
      new Promise<string | null>((resolve) => {
        setPending({ kind: 'reason', request, resolve });
      }),
    [],
  );
  const value = useMemo<ApiContextValue>(() => ({ reauthenticate, askReason, sessionProblem: onSessionProblem }), [reauthenticate, askReason, onSessionProblem]);

  return (
    <ApiContext.Provider value={value}>
      {children}
      {pending?.kind === 'reauth' && (
        <ReauthModal
          onDone={(ok) => {
            setPending(null);
            pending.resolve(ok);
          }}
        />
      )}
      {pending?.kind === 'reason' && (
        <ReasonModal
          request={pending.request}
          onDone={(reason) => {
            setPending(null);
            pending.resolve(reason);
          }}
        />
      )}
    </ApiContext.Provider>
  );
}

function ReauthModal({ onDone }: { onDone(ok: boolean): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const submit = useSubmit();
  const confirm = async () => {
    if (!(await submit.run(() => call('auth.reauthenticate', { password }), () => onDone(true)))) setPassword('');
  };

  return (
    <Modal title={t('reauth.title')} onClose={() => onDone(false)} testId="reauth-dialog">
      <form onSubmit={submit.onSubmit(confirm)}>
        <p>{t('reauth.explanation')}</p>
        <FormFailure failure={submit.failure} fields={['password']} />
        <TextField label={t('fields.password')} type="password" value={password} onChange={setPassword} error={submit.issue('password')} autoFocus required testId="reauth-password" />
        <FormButtons busy={submit.busy} submitLabel={t('reauth.submit')} onCancel={() => onDone(false)} testId="reauth-submit" />
      </form>
    </Modal>
  );
}

function ReasonModal({ request, onDone }: { request: ReasonRequest; onDone(reason: string | null): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [empty, setEmpty] = useState(false);
  const issue = useIssue(request.problem);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim() === '') setEmpty(true);
    else onDone(reason.trim());
  }

  return (
    <Modal title={t('bulkReason.title')} onClose={() => onDone(null)} testId="reason-dialog">
      <form onSubmit={submit}>
        <div className="alert alert-warning" role="alert">
          {request.rowCount !== undefined && request.threshold !== undefined
            ? t('bulkReason.warning', { rowCount: request.rowCount, threshold: request.threshold })
            : t('bulkReason.warningGeneric')}
        </div>
        <p>{t('bulkReason.explanation')}</p>
        <TextField
          label={t('fields.reason')}
          value={reason}
          onChange={(v) => {
            setReason(v);
            setEmpty(false);
          }}
          error={empty ? t('validation.required') : issue('reason')}
          required
          autoFocus
          maxLength={500}
          testId="reason-input"
        />
        <FormButtons busy={false} submitLabel={t('bulkReason.submit')} onCancel={() => onDone(null)} testId="reason-submit" />
      </form>
    </Modal>
  );
}
