import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, UserSummary } from '../../../db/contract';
// Straight from permissions.ts, so zod (the schemas) stays out of the renderer bundle.
import { sameNameKey } from '../../../db/contract/textLists';
import { roles, type Role } from '../../../db/contract/permissions';
import { useApi } from '../../api';
import { CheckboxField, FormButtons, FormFailure, SelectField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { NewPasswordFields, useNewPassword } from '../../components/NewPasswordFields';
import { useSubmit } from '../../components/useSubmit';
import { useLoad } from '../../useLoad';

function useRoleOptions() {
  const { t } = useTranslation();
  return roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

function useDepartmentOptions() {
  const departments = useLoad('departments.list', { includeInactive: false });
  return (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }));
}

export function CreateUserDialog({ users = [], onDone }: { users?: readonly UserSummary[]; onDone(user: UserSummary | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const roleOptions = useRoleOptions();
  const departmentOptions = useDepartmentOptions();
  const [loginId, setLoginId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [departmentId, setDepartmentId] = useState('');
  const [isMyNumberHandler, setHandler] = useState(false);
  const [validUntil, setValidUntil] = useState('');
  const pw = useNewPassword();
  const submit = useSubmit();
  const issue = submit.issue;
  const department = departmentId || departmentOptions[0]?.value || '';

  const namesakes = activeNamesakes(users, displayName);

  function create() {
    const input: ChannelInput<'users.create'> = {
      loginId,
      displayName,
      role,
      departmentId: Number(department),
      isMyNumberHandler,
      validUntil: validUntil || null,
      initialPassword: pw.password,
    };
    return submit.run(() => api('users.create', input), onDone, { check: pw.mismatch() });
  }

  return (
    <Modal title={t('users.create')} onClose={() => onDone(null)} testId="user-create-dialog" wide>
      <form onSubmit={submit.onSubmit(create)} noValidate className="form-grid">
        <FormFailure failure={submit.failure} fields={['loginId', 'displayName', 'role', 'departmentId', 'isMyNumberHandler', 'validUntil', 'initialPassword', 'confirm']} />
        <TextField label={t('fields.loginId')} value={loginId} onChange={setLoginId} error={issue('loginId')} hint={t('users.loginIdHint')} required autoFocus autoComplete="off" maxLength={64} testId="user-create-login-id" />
        <TextField label={t('fields.displayName')} value={displayName} onChange={setDisplayName} error={issue('displayName')} required maxLength={100} testId="user-create-display-name" />
        <SameNameWarning namesakes={namesakes} testId="user-create-same-name" />
        <SelectField label={t('fields.role')} value={role} onChange={setRole} options={roleOptions} error={issue('role')} hint={t(`roleDescriptions.${role}`)} required testId="user-create-role" />
        <SelectField label={t('fields.department')} value={department} onChange={setDepartmentId} options={departmentOptions} error={issue('departmentId')} required testId="user-create-department" />
        <CheckboxField label={t('fields.isMyNumberHandler')} checked={isMyNumberHandler} onChange={setHandler} error={issue('isMyNumberHandler')} />
        <TextField label={t('fields.validUntil')} type="date" value={validUntil} onChange={setValidUntil} error={issue('validUntil')} hint={t('users.validUntilHint')} />
        <NewPasswordFields
          fields={pw}
          issue={issue}
          label={t('fields.initialPassword')}
          path="initialPassword"
          hint={t('users.initialPasswordHint')}
          testId="user-create-initial-password"
          confirmTestId="user-create-password-confirm"
        />
        <FormButtons busy={submit.busy} submitLabel={t('users.createSubmit')} onCancel={() => onDone(null)} testId="user-create-submit" />
      </form>
    </Modal>
  );
}

/**
 * One person with two accounts could verify his own entries (MIC §28): other active accounts
 * of the same name are warned of, never refused (namesakes exist); main logs the warning.
 */
function activeNamesakes(users: readonly UserSummary[], displayName: string, exceptId = 0): UserSummary[] {
  const key = sameNameKey(displayName);
  return key ? users.filter((u) => u.active && u.id !== exceptId && sameNameKey(u.displayName) === key) : [];
}

function SameNameWarning({ namesakes, testId }: { namesakes: readonly UserSummary[]; testId: string }) {
  const { t } = useTranslation();
  if (namesakes.length === 0) return null;
  return (
    <div className="alert alert-warning" role="status" data-testid={testId}>
      {t('users.sameNameWarning', { names: namesakes.map((u) => t('users.namesake', { name: u.displayName, loginId: u.loginId })).join(t('common.listSeparator')) })}
    </div>
  );
}

export function EditUserDialog({ user, users = [], onDone }: { user: UserSummary; users?: readonly UserSummary[]; onDone(user: UserSummary | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const roleOptions = useRoleOptions();
  const departmentOptions = useDepartmentOptions();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [departmentId, setDepartmentId] = useState(String(user.departmentId));
  const [isMyNumberHandler, setHandler] = useState(user.isMyNumberHandler);
  const [validUntil, setValidUntil] = useState(user.validUntil ?? '');
  const submit = useSubmit();
  const issue = submit.issue;
  // The user's department may be inactive now; keep it selectable so the form shows the truth.
  const options = departmentOptions.some((o) => o.value === String(user.departmentId))
    ? departmentOptions
    : [{ value: String(user.departmentId), label: user.departmentName }, ...departmentOptions];

  function save() {
    // Only what changed, so the access log says exactly what was altered.
    const input: ChannelInput<'users.update'> = { userId: user.id };
    if (displayName !== user.displayName) input.displayName = displayName;
    if (role !== user.role) input.role = role;
    if (Number(departmentId) !== user.departmentId) input.departmentId = Number(departmentId);
    if (isMyNumberHandler !== user.isMyNumberHandler) input.isMyNumberHandler = isMyNumberHandler;
    if ((validUntil || null) !== user.validUntil) input.validUntil = validUntil || null;
    if (Object.keys(input).length === 1) onDone(null);
    else void submit.run(() => api('users.update', input), onDone);
  }

  return (
    <Modal title={t('users.editTitle', { loginId: user.loginId })} onClose={() => onDone(null)} testId="user-edit-dialog" wide>
      <form onSubmit={submit.onSubmit(save)} noValidate className="form-grid">
        <FormFailure failure={submit.failure} fields={['displayName', 'role', 'departmentId', 'isMyNumberHandler', 'validUntil']} />
        <TextField label={t('fields.displayName')} value={displayName} onChange={setDisplayName} error={issue('displayName')} required autoFocus maxLength={100} />
        {displayName !== user.displayName && <SameNameWarning namesakes={activeNamesakes(users, displayName, user.id)} testId="user-edit-same-name" />}
        <SelectField label={t('fields.role')} value={role} onChange={setRole} options={roleOptions} error={issue('role')} hint={t(`roleDescriptions.${role}`)} required />
        <SelectField label={t('fields.department')} value={departmentId} onChange={setDepartmentId} options={options} error={issue('departmentId')} required />
        <CheckboxField label={t('fields.isMyNumberHandler')} checked={isMyNumberHandler} onChange={setHandler} error={issue('isMyNumberHandler')} />
        <TextField label={t('fields.validUntil')} type="date" value={validUntil} onChange={setValidUntil} error={issue('validUntil')} hint={t('users.validUntilHint')} />
        <FormButtons busy={submit.busy} submitLabel={t('common.save')} onCancel={() => onDone(null)} />
      </form>
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onDone }: { user: UserSummary; onDone(ok: boolean): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const pw = useNewPassword();
  const submit = useSubmit();
  const issue = submit.issue;

  const reset = () => submit.run(() => api('users.resetPassword', { userId: user.id, newPassword: pw.password }), () => onDone(true), { check: pw.mismatch() });

  return (
    <Modal title={t('users.resetTitle', { name: user.displayName })} onClose={() => onDone(false)} testId="user-reset-dialog">
      <form onSubmit={submit.onSubmit(reset)} noValidate>
        <p>{t('users.resetExplanation')}</p>
        <FormFailure failure={submit.failure} fields={['newPassword', 'confirm']} />
        <NewPasswordFields fields={pw} issue={issue} label={t('fields.newPassword')} path="newPassword" autoFocus />
        <FormButtons busy={submit.busy} submitLabel={t('users.resetSubmit')} onCancel={() => onDone(false)} />
      </form>
    </Modal>
  );
}

export function DeactivateUserDialog({ user, onDone }: { user: UserSummary; onDone(user: UserSummary | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const issue = submit.issue;

  const deactivate = () => submit.run(() => api('users.deactivate', { userId: user.id, reason }), onDone);

  return (
    <Modal title={t('users.deactivateTitle', { name: user.displayName })} onClose={() => onDone(null)} testId="user-deactivate-dialog">
      <form onSubmit={submit.onSubmit(deactivate)} noValidate>
        <p>{t('users.deactivateExplanation')}</p>
        <FormFailure failure={submit.failure} fields={['reason']} />
        <TextField label={t('fields.reason')} value={reason} onChange={setReason} error={issue('reason')} hint={t('users.deactivateReasonHint')} required autoFocus maxLength={500} />
        <FormButtons busy={submit.busy} submitLabel={t('users.deactivate')} onCancel={() => onDone(null)} danger />
      </form>
    </Modal>
  );
}
