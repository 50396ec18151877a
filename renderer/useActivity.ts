import { useEffect } from 'react';
import { call } from './api';

const throttleMs = 30_000;

/**
 * MIC §33: main locks an idle session. Tell it the user is here — on a key, a click or the
 * wheel, at most once every 30 s. Mouse movement alone does not count: a bumped mouse is
 * not a person at the desk.
 */
export function useActivity(enabled: boolean, onSessionProblem: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < throttleMs) return;
      last = now;
      void call('session.activity', {}).then((r) => {
        if (!r.ok && (r.code === 'SESSION_LOCKED' || r.code === 'NOT_AUTHENTICATED')) onSessionProblem();
      });
    };
    const events = ['keydown', 'mousedown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [enabled, onSessionProblem]);
}
