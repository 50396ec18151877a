/** Events the main process pushes to the renderer (never the other way round). */
export type AppEvent =
  | { type: 'session.locked'; reason: 'idle' | 'manual' | 'os' }
  | { type: 'session.ended'; reason: 'logout' | 'expired' | 'switch-user' };
