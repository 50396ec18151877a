import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../db/contract';
import { useCan, useFormat } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { Tabs } from '../../components/Tabs';
import { useLoad } from '../../useLoad';
import { AccountReview } from './AccountReview';
import { Departments } from './Departments';
import { CreateUserDialog, DeactivateUserDialog, EditUserDialog, ResetPasswordDialog } from './UserDialogs';

type Tab = 'users' | 'review' | 'departments';
type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'deactivate'; user: UserSummary } | null;

export function UsersScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('users');
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
  const fmt = useFormat();
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
      <div className="table-wrap">
        <table className="data-table" data-testid="users-table" aria-busy={users.loading}>
          <thead>
            <tr>
              <th>{t('fields.loginId')}</th>
              <th>{t('fields.displayName')}</th>
              <th>{t('fields.role')}</th>
              <th>{t('fields.department')}</th>
              <th>{t('fields.lastLoginAt')}</th>
              <th>{t('fields.status')}</th>
              {manage && <th>{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {users.data?.length === 0 && (
              <tr>
                <td colSpan={manage ? 7 : 6} className="empty">
                  {t('common.noRows')}
                </td>
              </tr>
            )}
            {users.data?.map((u) => (
              <tr key={u.id} className={u.active ? undefined : 'row-inactive'}>
                <td className="monospace">{u.loginId}</td>
                <td>{u.displayName}</td>
                <td className="cell-text">
                  {t(`roles.${u.role}`)}
                  {/* A mark under the role rather than a column of its own: the table fits a small window. */}
                  {u.isMyNumberHandler && <span className="tag tag-block">{t('fields.isMyNumberHandler')}</span>}
                </td>
                <td className="cell-text">{u.departmentName}</td>
                <td className="cell-datetime">{u.lastLoginAt ? fmt.instant(u.lastLoginAt) : t('users.neverLoggedIn')}</td>
                <td className="cell-text">
                  {u.active ? t('users.active') : t('users.inactive')}
                  {/* 有効期限 belongs with the status (and the table fits a small window without a column for it). */}
                  {u.active && u.validUntil && <span className="cell-note">{t('users.validUntilDate', { date: fmt.date(u.validUntil) })}</span>}
                  {u.mustChangePassword && u.active && <span className="tag tag-block">{t('users.mustChange')}</span>}
                </td>
                {manage && (
                  <td>
                    {u.active && (
                      // One line when there is room; in a narrow window the long button wraps
                      // under the two short ones, so the table never scrolls sideways.
                      <div className="row-actions">
                        <button type="button" className="button-small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                          {t('common.edit')}
                        </button>
                        <button type="button" className="button-small button-danger" onClick={() => setDialog({ kind: 'deactivate', user: u })}>
                          {t('users.deactivate')}
                        </button>
                        <button type="button" className="button-small" onClick={() => setDialog({ kind: 'reset', user: u })}>
                          {t('users.resetPassword')}
                        </button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dialog?.kind === 'create' && <CreateUserDialog onDone={(u) => done(u ? t('users.created', { name: u.displayName }) : null)} />}
      {dialog?.kind === 'edit' && <EditUserDialog user={dialog.user} onDone={(u) => done(u ? t('users.updated', { name: u.displayName }) : null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onDone={(ok) => done(ok ? t('users.passwordReset', { name: dialog.user.displayName }) : null)} />}
      {dialog?.kind === 'deactivate' && <DeactivateUserDialog user={dialog.user} onDone={(u) => done(u ? t('users.deactivated', { name: u.displayName }) : null)} />}
    </div>
  );
}
