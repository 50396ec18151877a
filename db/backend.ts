import type { AppEvent, Result } from './contract';
import type { HostPorts, SenderInfo } from './ports';

export interface BackendOptions {
  /** Folder holding daicho.db and keyring.json (Electron userData, or DAICHO_DATA_DIR). */
  dataDir: string;
  ports: HostPorts;
  /** Origins whose frames may call the router, e.g. ["app://daicho"]. Anything else is refused. */
  trustedOrigins: string[];
  appVersion: string;
  /** How often the idle-lock check runs; null turns the timer off (tests call checkIdle). */
  idleCheckIntervalMs?: number | null;
}

/** The whole app behind the IPC boundary. Electron and the browser host only forward to it. */
export interface Backend {
  dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** OS lock screen / suspend (Electron powerMonitor), MIC §33. */
  lockForOs(): void;
  /** Locks the session if it has been idle longer than the setting allows. */
  checkIdle(): void;
  close(): void;
}

export { createBackend } from './app';
