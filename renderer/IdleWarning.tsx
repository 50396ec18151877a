import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvent } from '../db/contract';
import { call } from './api';
import { keepOpenDrafts } from './components/drafts';
import { Modal } from './components/Modal';

interface Warning {
  /** When main will lock, on this page's clock (main said how many seconds were left). */
  lockAt: number;
}

/**
 * The countdown before the idle lock (issue #7, MIC §33). Main decides: it says how many
 * seconds are left (session.idleWarning) and locks when they are up. The countdown only
 * shows it; it calls nothing by itself, so it cannot keep the session open. A key, a click or
 * the wheel is the user: reported at once (not throttled as useActivity is), which moves the
 * lock. When the countdown starts the open form's input goes to main, to be kept at the lock.
 */
export function IdleWarning({ onSessionProblem }: { onSessionProblem(): void }) {
  const { t } = useTranslation();
  const [warning, setWarning] = useState<Warning | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [draftKept, setDraftKept] = useState(false);
  const shownAt = useRef(0);

  useEffect(() => {
    if (typeof window.api?.onEvent !== 'function') return;
    return window.api.onEvent((event: AppEvent) => {
      if (event.type !== 'session.idleWarning') return;
      const at = Date.now();
      shownAt.current = at;
      setNow(at);
      setDraftKept(false);
      // A modal <dialog> of its own: it stands above an open form (also a modal), and closing
      // it gives the focus back to where the user was.
      setWarning({ lockAt: at + event.secondsLeft * 1000 });
      void keepOpenDrafts().then((kept) => {
        if (shownAt.current === at) setDraftKept(kept);
      });
    });
  }, []);

  useEffect(() => {
    if (!warning) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    // The countdown goes once main has the input: until then the lock still stands.
    const carryOn = () => {
      void call('session.activity', {}).then((r) => {
        if (r.ok) {
          shownAt.current = 0;
          setWarning((w) => (w === warning ? null : w));
        } else if (r.code === 'SESSION_LOCKED' || r.code === 'NOT_AUTHENTICATED') onSessionProblem();
      });
    };
    const events = ['keydown', 'mousedown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, carryOn, { capture: true, passive: true });
    return () => {
      clearInterval(tick);
      for (const e of events) window.removeEventListener(e, carryOn, { capture: true });
    };
  }, [warning, onSessionProblem]);

  if (!warning) return null;
  const seconds = Math.max(0, Math.ceil((warning.lockAt - now) / 1000));
  return (
    <Modal title={t('idleWarning.title')} testId="idle-warning">
      <p className="idle-countdown" role="timer" data-testid="idle-warning-countdown">
        {t('idleWarning.countdown', { seconds })}
      </p>
      <p>{t('idleWarning.hint')}</p>
      {draftKept && (
        <p className="muted" data-testid="idle-warning-draft-kept">
          {t('idleWarning.draftKept')}
        </p>
      )}
      <div className="actions">
        {/* The click itself is the input that carries on (the listeners above). */}
        <button type="button" className="button-primary" data-testid="idle-warning-continue">
          {t('idleWarning.continue')}
        </button>
      </div>
    </Modal>
  );
}
