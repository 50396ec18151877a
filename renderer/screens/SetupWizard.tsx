import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, SessionInfo } from '../../db/contract';
import { useApi } from '../api';
import { FormFailure, TextField, localIssues, pathKey, useIssue } from '../components/forms';
import { RecoveryKeyPanel } from '../components/RecoveryKeyPanel';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';

/*
 * First run: organisation and first department, password policy, the chief (総括保護管理者)
 * account, then the recovery key, shown once and printed before anything else happens.
 */

type Step = 1 | 2 | 3 | 4;

const stepOfField: [RegExp, Step][] = [
  [/^(organizationName|departmentName)$/, 1],
  [/^passwordPolicy\./, 2],
];

export function SetupWizard({ onDone }: { onDone(session: SessionInfo): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [step, setStep] = useState<Step>(1);
  const [organizationName, setOrganizationName] = useState('');
  const [departmentName, setDepartmentName] = useState('');
  const [minLength, setMinLength] = useState('10');
  const [minClasses, setMinClasses] = useState('2');
  const [loginId, setLoginId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const pw = useNewPassword();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ recoveryKey: string; session: SessionInfo } | null>(null);
  const issue = useIssue(failure);

  function next(e: FormEvent) {
    e.preventDefault();
    const problems: Parameters<typeof localIssues>[0] = [];
    if (step === 1) {
      if (!organizationName.trim()) problems.push({ path: 'organizationName', messageKey: 'validation.required' });
      if (!departmentName.trim()) problems.push({ path: 'departmentName', messageKey: 'validation.required' });
    } else if (step === 2) {
      const len = Number(minLength);
      const classes = Number(minClasses);
      if (!Number.isInteger(len) || len < 8 || len > 64) problems.push({ path: 'passwordPolicy.minLength', messageKey: 'validation.outOfRange', params: { minimum: 8, maximum: 64 } });
      if (!Number.isInteger(classes) || classes < 1 || classes > 4) problems.push({ path: 'passwordPolicy.minClasses', messageKey: 'validation.outOfRange', params: { minimum: 1, maximum: 4 } });
    }
    const local = localIssues(problems);
    setFailure(local);
    if (!local) setStep((s) => (s + 1) as Step);
  }

  async function initialize(e: FormEvent) {
    e.preventDefault();
    const mismatch = pw.mismatch();
    if (mismatch) {
      setFailure(mismatch);
      return;
    }
    setBusy(true);
    const r = await api('setup.initialize', {
      organizationName,
      departmentName,
      chief: { loginId, displayName, password: pw.password },
      passwordPolicy: { minLength: Number(minLength), minClasses: Number(minClasses) },
    });
    setBusy(false);
    if (r.ok) {
      setFailure(null);
      pw.clear();
      setCreated(r.data);
      setStep(4);
      return;
    }
    // A policy failure without its own issue belongs to the password field.
    const shown: Failure =
      r.code === 'PASSWORD_POLICY' && !r.issues?.length
        ? { ...r, issues: [{ path: ['chief', 'password'], messageKey: 'validation.passwordPolicy', params: { minLength: Number(minLength), minClasses: Number(minClasses), ...r.params } }] }
        : r;
    setFailure(shown);
    const firstPath = shown.issues?.[0] ? pathKey(shown.issues[0].path) : '';
    const back = stepOfField.find(([re]) => re.test(firstPath));
    if (back) setStep(back[1]);
  }

  const steps = [t('setup.step1'), t('setup.step2'), t('setup.step3'), t('setup.step4')];

  return (
    <div className="page-center">
      <div className="card card-wide" data-testid="setup-wizard">
        <div className="card-topline">
          <h1>{t('setup.title')}</h1>
          {step < 4 && <LanguageSwitch />}
        </div>
        <ol className="steps" aria-label={t('setup.progress')}>
          {steps.map((label, i) => (
            <li key={label} className={i + 1 === step ? 'step-current' : i + 1 < step ? 'step-done' : ''} aria-current={i + 1 === step ? 'step' : undefined}>
              <span className="step-number">{i + 1}</span>
              <span>{label}</span>
            </li>
          ))}
        </ol>

        {step === 1 && (
          <form onSubmit={next} noValidate>
            <p className="lead">{t('setup.intro')}</p>
            <FormFailure failure={failure} fields={['organizationName', 'departmentName']} />
            <TextField label={t('fields.organizationName')} value={organizationName} onChange={setOrganizationName} error={issue('organizationName')} hint={t('setup.organizationHint')} required autoFocus maxLength={100} testId="setup-org-name" />
            <TextField label={t('fields.firstDepartment')} value={departmentName} onChange={setDepartmentName} error={issue('departmentName')} hint={t('setup.departmentHint')} required maxLength={100} testId="setup-dept-name" />
            <div className="actions">
              <button type="submit" className="button-primary" data-testid="setup-next">
                {t('common.next')}
              </button>
            </div>
          </form>
        )}

        {step === 2 && (
          <form onSubmit={next} noValidate>
            <p className="lead">{t('setup.policyIntro')}</p>
            <FormFailure failure={failure} fields={['passwordPolicy.minLength', 'passwordPolicy.minClasses']} />
            <TextField label={t('fields.minLength')} type="number" min={8} max={64} value={minLength} onChange={setMinLength} error={issue('passwordPolicy.minLength')} hint={t('setup.minLengthHint')} required autoFocus testId="setup-min-length" />
            <TextField label={t('fields.minClasses')} type="number" min={1} max={4} value={minClasses} onChange={setMinClasses} error={issue('passwordPolicy.minClasses')} hint={t('setup.minClassesHint')} required testId="setup-min-classes" />
            <div className="actions">
              <button type="submit" className="button-primary" data-testid="setup-next">
                {t('common.next')}
              </button>
              <button type="button" onClick={() => setStep(1)}>
                {t('common.back')}
              </button>
            </div>
          </form>
        )}

        {step === 3 && (
          <form onSubmit={initialize} noValidate>
            <p className="lead">{t('setup.chiefIntro')}</p>
            <FormFailure failure={failure} fields={['chief.loginId', 'chief.displayName', 'chief.password', 'confirm']} />
            <TextField label={t('fields.loginId')} value={loginId} onChange={setLoginId} error={issue('chief.loginId')} hint={t('users.loginIdHint')} required autoFocus autoComplete="off" maxLength={64} testId="setup-login-id" />
            <TextField label={t('fields.displayName')} value={displayName} onChange={setDisplayName} error={issue('chief.displayName')} required maxLength={100} testId="setup-display-name" />
            <NewPasswordFields
              fields={pw}
              issue={issue}
              label={t('fields.password')}
              path="chief.password"
              hint={t('setup.passwordHint', { minLength, minClasses })}
              testId="setup-password"
              confirmTestId="setup-password-confirm"
            />
            <div className="actions">
              <button type="submit" className="button-primary" disabled={busy} data-testid="setup-submit">
                {t('setup.create')}
              </button>
              <button type="button" onClick={() => setStep(2)} disabled={busy}>
                {t('common.back')}
              </button>
            </div>
          </form>
        )}

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
