/** Events the main process pushes to the renderer (never the other way round). */
export type AppEvent =
  | { type: 'session.locked'; reason: 'idle' | 'manual' | 'os' }
  // The idle lock comes in `secondsLeft` unless the user does something (issue #7: a countdown).
  | { type: 'session.idleWarning'; secondsLeft: number }
  // 'restored': a backup replaced the data; users log in with their passwords as at backup time.
  | { type: 'session.ended'; reason: 'logout' | 'expired' | 'switch-user' | 'restored' }
  // A backup export, verification or restore running in a worker (issue #8: a progress bar).
  | { type: 'backup.progress'; operation: 'export' | 'verify' | 'restore'; phase: string; done: number; total: number };
