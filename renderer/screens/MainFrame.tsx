import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftFormId, HoldingFilters, HomeCardSummary, MediaFilters, Permission, SessionInfo } from '../../db/contract';
import type { DisposalFilters } from '../../db/contract/disposal';
import { call } from '../api';
import { SessionContext } from '../appContext';
import { DraftRestoreProvider } from '../components/DraftOffer';
import { keepOpenDrafts } from '../components/drafts';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { IdleWarning } from '../IdleWarning';
import { useActivity } from '../useActivity';
import { AuditScreen } from './audit/AuditScreen';
import { ChangePasswordDialog } from './ChangePassword';
import { Home } from './Home';
import { HoldingsScreen } from '../features/holdings/HoldingsScreen';
import { MediaScreen } from '../features/media/MediaScreen';
import { DisposalScreen } from '../features/disposal/DisposalScreen';
import { AreasScreen } from '../features/areas/AreasScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { UsersScreen } from './users/UsersScreen';

export type Route = 'home' | 'holdings' | 'media' | 'disposal' | 'areas' | 'users' | 'audit' | 'settings';

interface NavItem {
  route: Route;
  permission?: Permission;
  separatorBefore?: boolean;
}

const nav: NavItem[] = [
  { route: 'home' },
  { route: 'holdings' },
  { route: 'media' },
  { route: 'disposal' },
  { route: 'areas' },
  { route: 'users', permission: 'users.view', separatorBefore: true },
  { route: 'audit', permission: 'audit.view' },
  { route: 'settings' },
];

/** Where each form that keeps a draft lives: 復元する brings up that screen, which opens the form. */
const draftScreens: Record<DraftFormId, Route> = {
  'holdings.create': 'holdings',
  'holdings.edit': 'holdings',
  'media.create': 'media',
  'media.edit': 'media',
  'disposal.create': 'disposal',
  'disposal.edit': 'disposal',
};

interface MainFrameProps {
  session: SessionInfo;
  updateSession(patch: Partial<SessionInfo>): void;
  route: Route;
  onNavigate(route: Route): void;
  onLocked(): void;
  onLogout(): void;
  onSessionProblem(): void;
}

export function MainFrame({ session, updateSession, route, onNavigate, onLocked, onLogout, onSessionProblem }: MainFrameProps) {
  const { t } = useTranslation();
  const [changingPassword, setChangingPassword] = useState(false);
  const [passwordChanged, setPasswordChanged] = useState(false);
  useActivity(true, onSessionProblem);

  const ctx = useMemo(() => ({ session, updateSession }), [session, updateSession]);
  const items = nav.filter((i) => !i.permission || session.permissions.includes(i.permission));
  const current = items.some((i) => i.route === route) ? route : 'home';
  // A home card's link: the screen opens on its tab, the list with its filters (a new object each click remounts it).
  const [opened, setOpened] = useState<HomeCardSummary['link'] | null>(null);
  const openLink = (link: HomeCardSummary['link']) => {
    setOpened({ ...link });
    onNavigate(link.screen);
  };

  async function lock() {
    // The open form's input goes to main first, to be kept in the lock's transaction.
    await keepOpenDrafts();
    const r = await call('session.lock', {});
    if (r.ok) onLocked();
    else onSessionProblem();
  }

  return (
    <SessionContext.Provider value={ctx}>
      <DraftRestoreProvider onReopen={(formId) => onNavigate(draftScreens[formId])}>
        <div className="frame" data-testid="main-frame">
          <FrameHeader session={session} onChangePassword={() => setChangingPassword(true)} onLock={() => void lock()} onLogout={onLogout} />
          <div className="frame-body">
            <nav className="frame-nav" aria-label={t('nav.label')}>
              <ul>
                {items.map((item) => (
                  <li key={item.route} className={item.separatorBefore ? 'nav-separated' : undefined}>
                    <button
                      type="button"
                      className={item.route === current ? 'nav-item nav-current' : 'nav-item'}
                      aria-current={item.route === current ? 'page' : undefined}
                      onClick={() => {
                        setOpened(null);
                        onNavigate(item.route);
                      }}
                      data-testid={`nav-${item.route}`}
                    >
                      {t(`nav.${item.route}`)}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
            <main className="frame-main">
              {passwordChanged && (
                <p className="notice" role="status">
                  {t('changePassword.done')}
                </p>
              )}
              <Screen route={current} opened={opened?.screen === current ? opened : null} onOpen={openLink} />
            </main>
          </div>
        </div>
        {changingPassword && (
          <ChangePasswordDialog
            onClose={(changed) => {
              setChangingPassword(false);
              setPasswordChanged(changed);
            }}
          />
        )}
        <IdleWarning onSessionProblem={onSessionProblem} />
      </DraftRestoreProvider>
    </SessionContext.Provider>
  );
}

function FrameHeader({ session, onChangePassword, onLock, onLogout }: { session: SessionInfo; onChangePassword(): void; onLock(): void; onLogout(): void }) {
  const { t } = useTranslation();
  return (
    <header className="frame-header">
      <div className="frame-title">
        <span className="app-name">{t('app.title')}</span>
        <span className="org-name" data-testid="header-org">
          {session.organizationName}
        </span>
      </div>
      <div className="frame-user">
        <span className="user-label" data-testid="header-user">
          {session.displayName}
          <span className="role-badge">{t(`roles.${session.role}`)}</span>
        </span>
        <LanguageSwitch />
        <button type="button" onClick={onChangePassword} data-testid="header-change-password">
          {t('header.changePassword')}
        </button>
        <button type="button" onClick={onLock} data-testid="header-lock">
          {t('header.lock')}
        </button>
        <button type="button" onClick={onLogout} data-testid="header-logout">
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}

function Screen({ route, opened, onOpen }: { route: Route; opened: HomeCardSummary['link'] | null; onOpen(link: HomeCardSummary['link']): void }) {
  switch (route) {
    case 'home':
      return <Home onOpen={onOpen} />;
    case 'holdings':
      return <HoldingsScreen key={opened ? JSON.stringify(opened) : 'list'} initialFilters={opened?.filters as HoldingFilters | undefined} />;
    case 'media':
      return <MediaScreen key={opened ? JSON.stringify(opened) : 'list'} initialTab={opened?.tab} initialFilters={opened?.filters as MediaFilters | undefined} />;
    case 'disposal':
      return <DisposalScreen key={opened ? JSON.stringify(opened) : 'list'} initialFilters={opened?.filters as DisposalFilters | undefined} />;
    case 'areas':
      return <AreasScreen key={opened ? JSON.stringify(opened) : 'door'} initialTab={opened?.tab} initialFilters={opened?.filters} />;
    case 'users':
      return <UsersScreen key={opened?.tab ?? 'users'} initialTab={opened?.tab} />;
    case 'audit':
      return <AuditScreen key={opened?.tab ?? 'log'} initialTab={opened?.tab} />;
    case 'settings':
      return <SettingsScreen key={opened?.tab ?? 'general'} initialTab={opened?.tab} />;
  }
}
