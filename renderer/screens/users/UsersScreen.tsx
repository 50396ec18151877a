import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../db/contract';
import { useCan, useFormat } from '../../appContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormFailure } from '../../components/forms';
import { Tabs } from '../../components/Tabs';
import { useLoad } from '../../useLoad';
import { AccountReview } from './AccountReview';
import { Departments } from './Departments';
import { CreateUserDialog, DeactivateUserDialog, EditUserDialog, ResetPasswordDialog } from './UserDialogs';

type Tab = 'users' | 'review' | 'departments';
type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'deactivate'; user: UserSummary } | null;

const tabs: readonly Tab[] = ['users', 'review', 'departments'];

/** `initialTab`: where a home card sends the chief (期限切れ → 定期確認). */
export function UsersScreen({ initialTab }: { initialTab?: string | undefined } = {}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(tabs.find((k) => k === initialTab) ?? 'users');
  return (
    <section className="panel">
      <h1>{t('nav.users')}</h1>
      <Tabs
        label={t('nav.users')}
        current={tab}
        onChange={setTab}
        tabs={[
          { key: 'users', label: t('users.tabList') },
          { key: 'review', label: t('users.tabReview') },
          { key: 'departments', label: t('users.tabDepartments') },
        ]}
      />
      {tab === 'users' && <UserList />}
      {tab === 'review' && <AccountReview />}
      {tab === 'departments' && <Departments />}
    </section>
  );
}

function UserList() {
  const { t } = useTranslation();
  const can = useCan();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const users = useLoad('users.list', { includeInactive });
  const manage = can('users.manage');

  function done(message: string | null) {
    setDialog(null);
    if (message) {
      setNotice(message);
      users.reload();
    }
  }

  return (
    <div>
      <div className="toolbar">
        <label className="inline-check">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} data-testid="users-include-inactive" />
          {t('users.includeInactive')}
        </label>
        {manage && (
          <button type="button" className="button-primary" onClick={() => setDialog({ kind: 'create' })} data-testid="users-create">
            {t('users.create')}
          </button>
        )}
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <FormFailure failure={users.failure} />
      <UserTable rows={users.data} busy={users.loading} onDialog={manage ? setDialog : null} />
      {dialog?.kind === 'create' && <CreateUserDialog users={users.data ?? []} onDone={(u) => done(u ? t('users.created', { name: u.displayName }) : null)} />}
      {dialog?.kind === 'edit' && <EditUserDialog user={dialog.user} users={users.data ?? []} onDone={(u) => done(u ? t('users.updated', { name: u.displayName }) : null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onDone={(ok) => done(ok ? t('users.passwordReset', { name: dialog.user.displayName }) : null)} />}
      {dialog?.kind === 'deactivate' && <DeactivateUserDialog user={dialog.user} onDone={(u) => done(u ? t('users.deactivated', { name: u.displayName }) : null)} />}
    </div>
  );
}

/** The accounts; for those who manage them (null: no actions column), 編集・無効化・パスワード再設定. */
function UserTable({ rows, busy, onDialog }: { rows: UserSummary[] | undefined; busy: boolean; onDialog: ((dialog: Dialog) => void) | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<UserSummary>[] = [
    { id: 'loginId', header: t('fields.loginId'), className: 'monospace', headerClassName: '', cell: (u) => u.loginId },
    { id: 'displayName', header: t('fields.displayName'), cell: (u) => u.displayName },
    {
      id: 'role',
      header: t('fields.role'),
      className: 'cell-text',
      headerClassName: '',
      cell: (u) => (
        <>
          {t(`roles.${u.role}`)}
          {/* A mark under the role rather than a column of its own: the table fits a small window. */}
          {u.isMyNumberHandler && <span className="tag tag-block">{t('fields.isMyNumberHandler')}</span>}
        </>
      ),
    },
    { id: 'department', header: t('fields.department'), className: 'cell-text', headerClassName: '', cell: (u) => u.departmentName },
    { id: 'lastLoginAt', header: t('fields.lastLoginAt'), className: 'cell-datetime', headerClassName: '', cell: (u) => (u.lastLoginAt ? fmt.instant(u.lastLoginAt) : t('users.neverLoggedIn')) },
    {
      id: 'status',
      header: t('fields.status'),
      className: 'cell-text',
      headerClassName: '',
      cell: (u) => (
        <>
          {u.active ? t('users.active') : t('users.inactive')}
          {/* 有効期限 belongs with the status (and the table fits a small window without a column for it). */}
          {u.active && u.validUntil && <span className="cell-note">{t('users.validUntilDate', { date: fmt.date(u.validUntil) })}</span>}
          {u.mustChangePassword && u.active && <span className="tag tag-block">{t('users.mustChange')}</span>}
        </>
      ),
    },
  ];
  if (onDialog) columns.push({ id: 'actions', header: t('common.actions'), cell: (u) => u.active && <UserActions user={u} onDialog={onDialog} /> });
  return <DataTable columns={columns} rows={rows ?? []} rowKey={(u) => u.id} rowProps={(u) => ({ className: u.active ? undefined : 'row-inactive' })} busy={busy || !rows} testId="users-table" />;
}

function UserActions({ user, onDialog }: { user: UserSummary; onDialog(dialog: Dialog): void }) {
  const { t } = useTranslation();
  // One line when there is room; in a narrow window the long button wraps under the two
  // short ones, so the table never scrolls sideways.
  return (
    <div className="row-actions">
      <button type="button" className="button-small" onClick={() => onDialog({ kind: 'edit', user })}>
        {t('common.edit')}
      </button>
      <button type="button" className="button-small button-danger" onClick={() => onDialog({ kind: 'deactivate', user })}>
        {t('users.deactivate')}
      </button>
      <button type="button" className="button-small" onClick={() => onDialog({ kind: 'reset', user })}>
        {t('users.resetPassword')}
      </button>
    </div>
  );
}
