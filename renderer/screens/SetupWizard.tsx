import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, Failure, SessionInfo } from '../../db/contract';
import { useApi } from '../api';
import { FormButtons, FormFailure, TextField, localIssues, pathKey } from '../components/forms';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import { RecoveryKeyPanel } from '../components/RecoveryKeyPanel';
import { Steps } from '../components/Steps';
import { useSubmit, type Submit } from '../components/useSubmit';
import { RestoreFlow } from './settings/backup/RestoreFlow';

/*
 * First run: organisation and first department, password policy, the chief (総括保護管理者)
 * account, then the recovery key, shown once and printed before anything else happens.
 */

type Step = 1 | 2 | 3 | 4;
/** What main found in the data folder (app.status.setupNotice; SECURITY.md, Setup). */
export type SetupNotice = NonNullable<ChannelOutput<'app.status'>['setupNotice']>;

const stepOfField: [RegExp, Step][] = [
  [/^(organizationName|departmentName)$/, 1],
  [/^passwordPolicy\./, 2],
];

interface SetupValues {
  organizationName: string;
  departmentName: string;
  minLength: string;
  minClasses: string;
  loginId: string;
  displayName: string;
}

/** Steps 1 and 2 are checked here before moving on; main checks everything again at the end. */
function checkStep(step: Step, v: SetupValues): Failure | null {
  const problems: Parameters<typeof localIssues>[0] = [];
  if (step === 1) {
    if (!v.organizationName.trim()) problems.push({ path: 'organizationName', messageKey: 'validation.required' });
    if (!v.departmentName.trim()) problems.push({ path: 'departmentName', messageKey: 'validation.required' });
  } else if (step === 2) {
    const len = Number(v.minLength);
    const classes = Number(v.minClasses);
    if (!Number.isInteger(len) || len < 8 || len > 64) problems.push({ path: 'passwordPolicy.minLength', messageKey: 'validation.outOfRange', params: { minimum: 8, maximum: 64 } });
    if (!Number.isInteger(classes) || classes < 1 || classes > 4) problems.push({ path: 'passwordPolicy.minClasses', messageKey: 'validation.outOfRange', params: { minimum: 1, maximum: 4 } });
  }
  return localIssues(problems);
}

/**
 * The first screen offers 「バックアップから復元」 (a new PC) beside the normal setup: the
 * restore opens a file, asks its passphrase, shows what it holds, restores, then the login.
 */
export function SetupWizard({ onDone, onRestored, notice }: { onDone(session: SessionInfo): void; onRestored(): void; notice?: SetupNotice }) {
  const { t } = useTranslation();
  const [restoring, setRestoring] = useState(false);
  if (!restoring) return <NewSetup onDone={onDone} onRestore={() => setRestoring(true)} notice={notice} />;
  return (
    <div className="page-center">
      <div className="card card-wide" data-testid="setup-restore">
        <div className="card-topline">
          <h1>{t('backup.setupFromBackup')}</h1>
          <LanguageSwitch />
        </div>
        <RestoreFlow mode="setup" onRestored={onRestored} onCancel={() => setRestoring(false)} />
      </div>
    </div>
  );
}

function NewSetup({ onDone, onRestore, notice }: { onDone(session: SessionInfo): void; onRestore(): void; notice?: SetupNotice }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const pw = useNewPassword();
  const [step, setStep] = useState<Step>(1);
  const [values, setValues] = useState<SetupValues>({ organizationName: '', departmentName: '', minLength: '10', minClasses: '2', loginId: '', displayName: '' });
  const [created, setCreated] = useState<{ recoveryKey: string; session: SessionInfo } | null>(null);
  const set = (k: keyof SetupValues) => (v: string) => setValues((s) => ({ ...s, [k]: v }));
  const policy = { minLength: Number(values.minLength), minClasses: Number(values.minClasses) };

  function next() {
    const problem = checkStep(step, values);
    submit.fail(problem);
    if (!problem) setStep((s) => (s + 1) as Step);
  }
  // A policy failure without its own issue belongs to the password field; a refused field sends the wizard back to its step.
  function shown(r: Failure): Failure {
    const f: Failure = r.code === 'PASSWORD_POLICY' && !r.issues?.length ? { ...r, issues: [{ path: ['chief', 'password'], messageKey: 'validation.passwordPolicy', params: { ...policy, ...r.params } }] } : r;
    const firstPath = f.issues?.[0] ? pathKey(f.issues[0].path) : '';
    const back = stepOfField.find(([re]) => re.test(firstPath));
    if (back) setStep(back[1]);
    return f;
  }
  const initialize = () =>
    submit.run(
      () => api('setup.initialize', { organizationName: values.organizationName, departmentName: values.departmentName, chief: { loginId: values.loginId, displayName: values.displayName, password: pw.password }, passwordPolicy: policy }),
      (data) => {
        pw.clear();
        setCreated(data);
        setStep(4);
      },
      { check: pw.mismatch(), shown },
    );

  return (
    <div className="page-center">
      <div className="card card-wide" data-testid="setup-wizard">
        <div className="card-topline">
          <h1>{t('setup.title')}</h1>
          {step < 4 && <LanguageSwitch />}
        </div>
        <Steps labels={[t('setup.step1'), t('setup.step2'), t('setup.step3'), t('setup.step4')]} current={step} label={t('setup.progress')} />
        {step === 1 && notice && (
          <p className={notice === 'halfMadeCleared' ? 'alert alert-warning' : 'alert alert-error'} role="alert" data-testid="setup-notice">
            {t(`setup.${notice}`)}
          </p>
        )}
        {step === 1 && <OrganizationStep values={values} set={set} submit={submit} onNext={next} />}
        {step === 1 && (
          <div className="subpanel" data-testid="setup-choice">
            <p>{t('backup.setupChoice')}</p>
            <div className="actions">
              <button type="button" onClick={onRestore} data-testid="setup-choice-restore">
                {t('backup.setupFromBackup')}
              </button>
            </div>
          </div>
        )}
        {step === 2 && <PolicyStep values={values} set={set} submit={submit} onNext={next} onBack={() => setStep(1)} />}
        {step === 3 && <ChiefStep values={values} set={set} submit={submit} pw={pw} onCreate={initialize} onBack={() => setStep(2)} />}
        {step === 4 && created && (
          <div>
            <p className="lead">{t('setup.recoveryIntro')}</p>
            <RecoveryKeyPanel recoveryKey={created.recoveryKey} onAcknowledged={() => onDone(created.session)} />
          </div>
        )}
      </div>
    </div>
  );
}

interface StepProps {
  values: SetupValues;
  set(k: keyof SetupValues): (v: string) => void;
  submit: Submit;
}

function OrganizationStep({ values, set, submit, onNext }: StepProps & { onNext(): void }) {
  const { t } = useTranslation();
  return (
    <form onSubmit={submit.onSubmit(onNext)} noValidate>
      <p className="lead">{t('setup.intro')}</p>
      <FormFailure failure={submit.failure} fields={['organizationName', 'departmentName']} />
      <TextField label={t('fields.organizationName')} value={values.organizationName} onChange={set('organizationName')} error={submit.issue('organizationName')} hint={t('setup.organizationHint')} required autoFocus maxLength={100} testId="setup-org-name" />
      <TextField label={t('fields.firstDepartment')} value={values.departmentName} onChange={set('departmentName')} error={submit.issue('departmentName')} hint={t('setup.departmentHint')} required maxLength={100} testId="setup-dept-name" />
      <FormButtons busy={false} submitLabel={t('common.next')} testId="setup-next" />
    </form>
  );
}

function PolicyStep({ values, set, submit, onNext, onBack }: StepProps & { onNext(): void; onBack(): void }) {
  const { t } = useTranslation();
  return (
    <form onSubmit={submit.onSubmit(onNext)} noValidate>
      <p className="lead">{t('setup.policyIntro')}</p>
      <FormFailure failure={submit.failure} fields={['passwordPolicy.minLength', 'passwordPolicy.minClasses']} />
      <TextField label={t('fields.minLength')} type="number" min={8} max={64} value={values.minLength} onChange={set('minLength')} error={submit.issue('passwordPolicy.minLength')} hint={t('setup.minLengthHint')} required autoFocus testId="setup-min-length" />
      <TextField label={t('fields.minClasses')} type="number" min={1} max={4} value={values.minClasses} onChange={set('minClasses')} error={submit.issue('passwordPolicy.minClasses')} hint={t('setup.minClassesHint')} required testId="setup-min-classes" />
      <FormButtons busy={false} submitLabel={t('common.next')} onCancel={onBack} cancelLabel={t('common.back')} testId="setup-next" />
    </form>
  );
}

function ChiefStep({ values, set, submit, pw, onCreate, onBack }: StepProps & { pw: ReturnType<typeof useNewPassword>; onCreate(): void; onBack(): void }) {
  const { t } = useTranslation();
  return (
    <form onSubmit={submit.onSubmit(onCreate)} noValidate>
      <p className="lead">{t('setup.chiefIntro')}</p>
      <FormFailure failure={submit.failure} fields={['chief.loginId', 'chief.displayName', 'chief.password', 'confirm']} />
      <TextField label={t('fields.loginId')} value={values.loginId} onChange={set('loginId')} error={submit.issue('chief.loginId')} hint={t('users.loginIdHint')} required autoFocus autoComplete="off" maxLength={64} testId="setup-login-id" />
      <TextField label={t('fields.displayName')} value={values.displayName} onChange={set('displayName')} error={submit.issue('chief.displayName')} required maxLength={100} testId="setup-display-name" />
      <NewPasswordFields
        fields={pw}
        issue={submit.issue}
        label={t('fields.password')}
        path="chief.password"
        hint={t('setup.passwordHint', { minLength: values.minLength, minClasses: values.minClasses })}
        testId="setup-password"
        confirmTestId="setup-password-confirm"
      />
      <FormButtons busy={submit.busy} submitLabel={t('setup.create')} onCancel={onBack} cancelLabel={t('common.back')} testId="setup-submit" />
    </form>
  );
}
