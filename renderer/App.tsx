/*
 * The app's screens as one state machine: setup → login → (locked | recovery key pending |
 * must change password | main frame). While locked, only the lock screen is rendered
 * (MIC §33): no record stays in the DOM. The route survives a lock, so unlocking returns to
 * the same screen. A recovery key issued and not yet acknowledged (session.recoveryKeyPending)
 * comes before everything else, after an unlock or a reload too.
 *
 * data-testid attributes for end-to-end tests (labels work too: getByLabel('ログインID');
 * a field's accessible name is exactly its label, the 必須 mark sits outside it):
 *   app-loading, app-fatal, form-error (any form's error banner), language-select
 *   setup-wizard, setup-org-name, setup-dept-name, setup-next, setup-min-length,
 *   setup-min-classes, setup-login-id, setup-display-name, setup-password,
 *   setup-password-confirm, setup-submit
 *   recovery-key, recovery-print, recovery-pdf, recovery-saved, recovery-ack, recovery-finish
 *   recovery-pending (the key issued but not acknowledged, shown again after a lock or reload)
 *   login-screen, login-id, login-password, login-submit, login-recover-link
 *   recover-screen, recover-key, recover-login-id, recover-password,
 *   recover-password-confirm, recover-submit
 *   lock-screen, lock-user, lock-password, lock-unlock, lock-switch-user
 *   must-change-password, change-password-dialog, change-password-current,
 *   change-password-new, change-password-confirm, change-password-submit
 *   main-frame, header-org, header-user, header-lock, header-logout, header-change-password,
 *   nav-home, nav-holdings, nav-media, nav-disposal, nav-areas, nav-users, nav-audit,
 *   nav-settings, home
 *   home-cards, home-card-<card id> (home-card-holdings.requestedOfMe …), home-card-count, home-card-people, home-nothing
 *   reauth-dialog, reauth-password, reauth-submit, reason-dialog, reason-input, reason-submit
 *   idle-warning, idle-warning-countdown, idle-warning-draft-kept, idle-warning-continue (the countdown before the idle lock)
 *   draft-offer, draft-offer-form, draft-restore, draft-discard, draft-offer-close, draft-restored,
 *   draft-dropped-on-restore, draft-dropped-now, draft-not-kept (unsaved input kept across the lock)
 *   tab-<key> (tab-users, tab-review, tab-departments, tab-log, tab-reviews)
 *   users-table, users-create, users-include-inactive, user-create-dialog, user-edit-dialog,
 *   user-create-login-id, user-create-display-name, user-create-role, user-create-department,
 *   user-create-initial-password, user-create-password-confirm, user-create-submit,
 *   user-reset-dialog, user-deactivate-dialog, account-review-table, account-review-summary,
 *   departments-table, department-name, department-create
 *   audit-from, audit-to, audit-actor, audit-action, audit-target-type, audit-search,
 *   audit-table, audit-{total,first,prev,next,last} (the pager), audit-verify, audit-verify-result,
 *   audit-export, audit-export-result, audit-reviews-table, audit-review-from,
 *   audit-review-to, audit-review-findings, audit-review-submit, audit-review-result
 *   settings-form, settings-organization, settings-idle-lock, settings-bulk-threshold,
 *   settings-date-display, settings-time-zone, settings-backup-warn-days, settings-save, settings-regenerate-key,
 *   settings-regenerate-confirm, recovery-key-dialog
 *   backup (設定 → バックアップ, tab-backup): backup-tab, backup-status, backup-export-form, backup-passphrase,
 *   backup-passphrase-confirm, backup-keep-generations, backup-medium-label, backup-medium-location,
 *   backup-export-submit, backup-export-progress (data-percent, data-phase), backup-export-result,
 *   backup-export-file, backup-export-sha256, backup-export-removed, backup-export-warning,
 *   backup-verify-form, backup-verify-passphrase, backup-verify-recovery-key, backup-verify-secret-switch,
 *   backup-verify-submit, backup-verify-progress, backup-verify-result (data-ok), backup-check-<id> (data-ok),
 *   backup-verify-manifest, backup-restore, backup-restore-passphrase, backup-restore-open,
 *   backup-restore-file, backup-restore-comparison, backup-compare-backup-date, backup-compare-table-<table>,
 *   backup-restore-loss, backup-restore-start, backup-restore-confirm-dialog, backup-restore-confirm,
 *   backup-restore-progress, backup-register-table, backup-register-<operation>
 *   setup-choice, setup-choice-restore (on the setup wizard's first screen), setup-restore
 *   holdings (保有個人情報等台帳): holdings-screen, holdings-create, holdings-import, holdings-export,
 *   holdings-print, holdings-pdf, holdings-output, holdings-notice, holdings-search,
 *   holdings-filter-{department,category,status,mynumber,sensitive,review-due}, holdings-review-due-link,
 *   holdings-clear, holdings-{total,first,prev,next,last} (the pager), holdings-table, holdings-sort-<key>,
 *   holding-row-<ledgerNo>, holding-form, holding-form-<field> (lists: -<field>-add, -<field>-items),
 *   holding-form-suggestion, holding-form-submit, holding-form-reload, holding-detail,
 *   holding-detail-title, holding-facts, holding-status, holding-back, holding-notice, holding-output,
 *   holding-changed-notice, holding-edit, holding-request-verification, holding-request-dialog,
 *   holding-request-verifier, holding-request-submit, holding-request-none, holding-verification-request,
 *   holdings-card-filters, holdings-filter-{requestedOfMe,verifiableByMe,authoredByMe,held}, holding-verify, holding-verify-dialog, holding-verify-submit,
 *   holding-categorize, holding-categorize-dialog, holding-category-{A,B,C}, holding-categorize-reason,
 *   holding-categorize-submit, holding-mark-reviewed, holding-retire, holding-retire-dialog,
 *   holding-retire-reason, holding-retire-submit, holding-print-sheet, holding-pdf-sheet,
 *   holding-timeline, timeline-entry (data-action), usage-table, usage-record, usage-form, usage-kind,
 *   usage-date, usage-person, usage-purpose, usage-count, usage-note, usage-submit,
 *   usage-{total,first,prev,next,last} (the pager, shown past one page),
 *   holding-import-dialog, import-choose, import-file, import-row-count, import-sample, import-mapping,
 *   import-map-<n>, import-mapping-remembered, import-row-counters, import-mapped-twice, import-check,
 *   import-check-ok, import-errors, import-preview, import-preview-row-<Excel row>, import-commit
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvent, ChannelOutput, Failure, Result, SessionInfo } from '../db/contract';
import { defaultTimeZone } from '../db/contract/timeZone';
import { call } from './api';
import { DateSettingsContext, type DateSettings } from './appContext';
import { ApiPromptsProvider } from './components/ApiPrompts';
import { FormFailure } from './components/forms';
import { MustChangePassword } from './screens/ChangePassword';
import { LockScreen } from './screens/LockScreen';
import { Login } from './screens/Login';
import { MainFrame, type Route } from './screens/MainFrame';
import { PendingRecoveryKey } from './screens/PendingRecoveryKey';
import { SetupWizard, type SetupNotice } from './screens/SetupWizard';

type AppState =
  | { kind: 'loading' }
  | { kind: 'fatal'; failure: Failure }
  | { kind: 'setup'; notice?: SetupNotice }
  | { kind: 'login'; notice: string | null }
  | { kind: 'session'; session: SessionInfo };

/** The state machine: app.status decides where we are; pushes from main move it on. */
function useAppState() {
  const { t } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'loading' });
  const [route, setRoute] = useState<Route>('home');
  const stateKind = useRef<AppState['kind']>('loading');
  useEffect(() => {
    stateKind.current = state.kind;
  }, [state.kind]);

  const applyStatus = useCallback((r: Result<ChannelOutput<'app.status'>>) => {
    if (!r.ok) setState({ kind: 'fatal', failure: r });
    else if (!r.data.setUp) setState({ kind: 'setup', notice: r.data.setupNotice });
    else if (!r.data.session) setState({ kind: 'login', notice: null });
    else setState({ kind: 'session', session: r.data.session });
  }, []);

  const sessionProblem = useCallback(() => {
    void call('app.status', {}).then(applyStatus);
  }, [applyStatus]);

  useEffect(() => {
    void call('app.status', {}).then(applyStatus);
  }, [applyStatus]);

  useEffect(() => {
    if (typeof window.api?.onEvent !== 'function') return;
    return window.api.onEvent((event: AppEvent) => {
      if (event.type === 'session.locked') {
        // The setup wizard holds a session while it shows the recovery key: a lock there must
        // take the key off the screen too, so re-read where we are (the lock screen, then).
        if (stateKind.current === 'session') setState((s) => (s.kind === 'session' ? { kind: 'session', session: { ...s.session, locked: true } } : s));
        else if (stateKind.current === 'setup') void call('app.status', {}).then(applyStatus);
      } else if (event.type === 'session.ended') {
        setRoute('home');
        setState({ kind: 'login', notice: event.reason === 'expired' ? 'login.sessionExpired' : event.reason === 'restored' ? 'backup.restored' : null });
      }
    });
  }, [applyStatus]);

  const session = state.kind === 'session' ? state.session : null;
  const organizationName = session?.organizationName;
  useEffect(() => {
    document.title = organizationName ? `${t('app.title')} — ${organizationName}` : t('app.title');
  }, [t, organizationName]);

  const enterSession = useCallback((s: SessionInfo) => setState({ kind: 'session', session: s }), []);
  const updateSession = useCallback((patch: Partial<SessionInfo>) => {
    setState((s) => (s.kind === 'session' ? { kind: 'session', session: { ...s.session, ...patch } } : s));
  }, []);
  const loggedOut = useCallback(() => {
    setRoute('home');
    setState({ kind: 'login', notice: null });
  }, []);
  // After a restore (setup wizard or 設定; in 設定 main also pushes session.ended 'restored').
  const restored = useCallback(() => {
    setRoute('home');
    setState({ kind: 'login', notice: 'backup.restored' });
  }, []);
  // Stable: PendingRecoveryKey reads the key again whenever it changes.
  const recoveryKeyStored = useCallback(() => updateSession({ recoveryKeyPending: false }), [updateSession]);
  return { state, route, setRoute, sessionProblem, enterSession, updateSession, loggedOut, restored, recoveryKeyStored };
}

export function App() {
  const app = useAppState();
  const session = app.state.kind === 'session' ? app.state.session : null;
  const dateDisplay = session?.dateDisplay ?? 'gregorian';
  const timeZone = session?.timeZone ?? defaultTimeZone;
  const dateSettings = useMemo<DateSettings>(() => ({ display: dateDisplay, timeZone }), [dateDisplay, timeZone]);
  return (
    <DateSettingsContext.Provider value={dateSettings}>
      <ApiPromptsProvider onSessionProblem={app.sessionProblem}>
        <AppScreen app={app} />
      </ApiPromptsProvider>
    </DateSettingsContext.Provider>
  );
}

function AppScreen({ app }: { app: ReturnType<typeof useAppState> }) {
  const { t } = useTranslation();
  const { state, route, setRoute, sessionProblem, enterSession, updateSession, loggedOut, restored, recoveryKeyStored } = app;
  const logout = async () => {
    await call('auth.logout', {});
    loggedOut();
  };
  const passwordChanged = async () => {
    const r = await call('session.current', {});
    if (r.ok && r.data) enterSession(r.data);
    else loggedOut();
  };

  switch (state.kind) {
    case 'loading':
      return (
        <div className="page-center" data-testid="app-loading" aria-busy="true">
          <p>{t('common.loading')}</p>
        </div>
      );
    case 'fatal':
      return (
        <div className="page-center" data-testid="app-fatal">
          <div className="card">
            <h1>{t('app.title')}</h1>
            <FormFailure failure={state.failure} />
            <p>{t('app.fatalHelp')}</p>
            <div className="actions">
              <button type="button" onClick={sessionProblem}>
                {t('common.retry')}
              </button>
            </div>
          </div>
        </div>
      );
    case 'setup':
      return <SetupWizard onDone={enterSession} onRestored={restored} notice={state.notice} />;
    case 'login':
      return <Login onLoggedIn={enterSession} onRestored={restored} notice={state.notice ? t(state.notice) : null} />;
    case 'session':
      if (state.session.locked) return <LockScreen session={state.session} onUnlocked={enterSession} onLoggedOut={loggedOut} />;
      // A recovery key shown but not yet acknowledged (locked or reloaded in between): back to it first.
      if (state.session.recoveryKeyPending && state.session.permissions.includes('keys.manage')) {
        return <PendingRecoveryKey onDone={recoveryKeyStored} onSessionProblem={sessionProblem} />;
      }
      if (state.session.mustChangePassword) {
        return <MustChangePassword displayName={state.session.displayName} policy={state.session.passwordPolicy} onChanged={() => void passwordChanged()} onLogout={() => void logout()} />;
      }
      return (
        <MainFrame
          session={state.session}
          updateSession={updateSession}
          route={route}
          onNavigate={setRoute}
          onLocked={() => updateSession({ locked: true })}
          onLogout={() => void logout()}
          onSessionProblem={sessionProblem}
        />
      );
  }
}
