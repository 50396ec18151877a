import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, Failure, UserSummary } from '../../../db/contract';
// Straight from permissions.ts, so zod (the schemas) stays out of the renderer bundle.
import { roles, type Role } from '../../../db/contract/permissions';
import { useApi } from '../../api';
import { CheckboxField, FormButtons, FormFailure, SelectField, TextField, useIssue } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { NewPasswordFields, useNewPassword } from '../../components/NewPasswordFields';
import { useLoad } from '../../useLoad';

function useRoleOptions() {
  const { t } = useTranslation();
  return roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

function useDepartmentOptions() {
  const departments = useLoad('departments.list', { includeInactive: false });
  return (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }));
}

export function CreateUserDialog({ onDone }: { onDone(user: UserSummary | null): void }) {
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
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);
  const department = departmentId || departmentOptions[0]?.value || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mismatch = pw.mismatch();
    if (mismatch) {
      setFailure(mismatch);
      return;
    }
    setBusy(true);
    const input: ChannelInput<'users.create'> = {
      loginId,
      displayName,
      role,
      departmentId: Number(department),
      isMyNumberHandler,
      validUntil: validUntil || null,
      initialPassword: pw.password,
    };
    const r = await api('users.create', input);
    setBusy(false);
    if (r.ok) onDone(r.data);
    else setFailure(r);
  }

  return (
    <Modal title={t('users.create')} onClose={() => onDone(null)} testId="user-create-dialog" wide>
      <form onSubmit={submit} noValidate className="form-grid">
        <FormFailure failure={failure} fields={['loginId', 'displayName', 'role', 'departmentId', 'isMyNumberHandler', 'validUntil', 'initialPassword', 'confirm']} />
        <TextField label={t('fields.loginId')} value={loginId} onChange={setLoginId} error={issue('loginId')} hint={t('users.loginIdHint')} required autoFocus autoComplete="off" maxLength={64} testId="user-create-login-id" />
        <TextField label={t('fields.displayName')} value={displayName} onChange={setDisplayName} error={issue('displayName')} required maxLength={100} testId="user-create-display-name" />
        <SelectField label={t('fields.role')} value={role} onChange={setRole} options={roleOptions} error={issue('role')} required testId="user-create-role" />
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
        <FormButtons busy={busy} submitLabel={t('users.createSubmit')} onCancel={() => onDone(null)} testId="user-create-submit" />
      </form>
    </Modal>
  );
}

export function EditUserDialog({ user, onDone }: { user: UserSummary; onDone(user: UserSummary | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const roleOptions = useRoleOptions();
  const departmentOptions = useDepartmentOptions();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [departmentId, setDepartmentId] = useState(String(user.departmentId));
  const [isMyNumberHandler, setHandler] = useState(user.isMyNumberHandler);
  const [validUntil, setValidUntil] = useState(user.validUntil ?? '');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);
  // The user's department may be inactive now; keep it selectable so the form shows the truth.
  const options = departmentOptions.some((o) => o.value === String(user.departmentId))
    ? departmentOptions
    : [{ value: String(user.departmentId), label: user.departmentName }, ...departmentOptions];

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Only what changed, so the access log says exactly what was altered.
    const input: ChannelInput<'users.update'> = { userId: user.id };
    if (displayName !== user.displayName) input.displayName = displayName;
    if (role !== user.role) input.role = role;
    if (Number(departmentId) !== user.departmentId) input.departmentId = Number(departmentId);
    if (isMyNumberHandler !== user.isMyNumberHandler) input.isMyNumberHandler = isMyNumberHandler;
    if ((validUntil || null) !== user.validUntil) input.validUntil = validUntil || null;
    if (Object.keys(input).length === 1) {
      onDone(null);
      return;
    }
    setBusy(true);
    const r = await api('users.update', input);
    setBusy(false);
    if (r.ok) onDone(r.data);
    else setFailure(r);
  }

  return (
    <Modal title={t('users.editTitle', { loginId: user.loginId })} onClose={() => onDone(null)} testId="user-edit-dialog" wide>
      <form onSubmit={submit} noValidate className="form-grid">
        <FormFailure failure={failure} fields={['displayName', 'role', 'departmentId', 'isMyNumberHandler', 'validUntil']} />
        <TextField label={t('fields.displayName')} value={displayName} onChange={setDisplayName} error={issue('displayName')} required autoFocus maxLength={100} />
        <SelectField label={t('fields.role')} value={role} onChange={setRole} options={roleOptions} error={issue('role')} required />
        <SelectField label={t('fields.department')} value={departmentId} onChange={setDepartmentId} options={options} error={issue('departmentId')} required />
        <CheckboxField label={t('fields.isMyNumberHandler')} checked={isMyNumberHandler} onChange={setHandler} error={issue('isMyNumberHandler')} />
        <TextField label={t('fields.validUntil')} type="date" value={validUntil} onChange={setValidUntil} error={issue('validUntil')} hint={t('users.validUntilHint')} />
        <FormButtons busy={busy} submitLabel={t('common.save')} onCancel={() => onDone(null)} />
      </form>
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onDone }: { user: UserSummary; onDone(ok: boolean): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const pw = useNewPassword();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mismatch = pw.mismatch();
    if (mismatch) {
      setFailure(mismatch);
      return;
    }
    setBusy(true);
    const r = await api('users.resetPassword', { userId: user.id, newPassword: pw.password });
    setBusy(false);
    if (r.ok) onDone(true);
    else setFailure(r);
  }

  return (
    <Modal title={t('users.resetTitle', { name: user.displayName })} onClose={() => onDone(false)} testId="user-reset-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('users.resetExplanation')}</p>
        <FormFailure failure={failure} fields={['newPassword', 'confirm']} />
        <NewPasswordFields fields={pw} issue={issue} label={t('fields.newPassword')} path="newPassword" autoFocus />
        <FormButtons busy={busy} submitLabel={t('users.resetSubmit')} onCancel={() => onDone(false)} />
      </form>
    </Modal>
  );
}

export function DeactivateUserDialog({ user, onDone }: { user: UserSummary; onDone(user: UserSummary | null): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api('users.deactivate', { userId: user.id, reason });
    setBusy(false);
    if (r.ok) onDone(r.data);
    else setFailure(r);
  }

  return (
    <Modal title={t('users.deactivateTitle', { name: user.displayName })} onClose={() => onDone(null)} testId="user-deactivate-dialog">
      <form onSubmit={submit} noValidate>
        <p>{t('users.deactivateExplanation')}</p>
        <FormFailure failure={failure} fields={['reason']} />
        <TextField label={t('fields.reason')} value={reason} onChange={setReason} error={issue('reason')} hint={t('users.deactivateReasonHint')} required autoFocus maxLength={500} />
        <FormButtons busy={busy} submitLabel={t('users.deactivate')} onCancel={() => onDone(null)} danger />
      </form>
    </Modal>
  );
}
