import { mkdirSync } from 'node:fs';
import type { Backend, BackendOptions } from './backend';
import { handlers } from './ipc/handlers';
import { Router } from './ipc/router';
import { checkIdle, lock, logout } from './core/sessions';
import { AppCore } from './core/appCore';
import { prepareDataFolder } from './core/dataFolder';

/**
 * Builds the backend for a host. Nothing here knows about Electron: the product passes
 * Electron's printer and dialogs, the browser host passes Chromium's.
 */
export function createBackend(options: BackendOptions & { kdfCost?: { N: number; r: number; p: number } }): Backend {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const core = new AppCore(options.dataDir, options.ports, options.appVersion, options.kdfCost);
  // Before anything else: stray temps, a setup cut short (issue #9, 8).
  core.setupNotice = prepareDataFolder(core);
  const router = new Router(core, handlers, options.trustedOrigins);
  // Every 5 s: the countdown before the idle lock (30 s, sessions.ts) starts on time.
  const interval = options.idleCheckIntervalMs === undefined ? 5_000 : options.idleCheckIntervalMs;
  const timer = interval === null ? null : setInterval(() => checkIdle(core), interval);
  timer?.unref();
  return {
    dispatch: (channel, payload, sender) => router.dispatch(channel, payload, sender),
    onEvent: (listener) => core.onEvent(listener),
    lockForOs: () => lock(core, 'os'),
    checkIdle: () => checkIdle(core),
    close: () => {
      if (timer) clearInterval(timer);
      logout(core);
      core.closeVault();
    },
  };
}
