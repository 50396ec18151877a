/** Events the main process pushes to the renderer (never the other way round). */
export type AppEvent =
  | { type: 'session.locked'; reason: 'idle' | 'manual' | 'os' }
  // The idle lock comes in `secondsLeft` unless the user does something (issue #7: a countdown).
  | { type: 'session.idleWarning'; secondsLeft: number }
  | { type: 'session.ended'; reason: 'logout' | 'expired' | 'switch-user' };
