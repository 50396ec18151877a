import type { ChannelInput, ChannelName, ChannelOutput } from './channels';
import type { Result } from './errors';
import type { AppEvent } from './events';

export * from './backup';
export * from './channels';
export * from './errors';
export * from './drafts';
export type { PageCursor } from './fields';
export * from './events';
export * from './holdings';
export * from './home';
export * from './media';
export * from './mediaTakeouts';
export * from './mediaLabels';
export * from './mediaOutput';
export * from './mediaInventory';
export * from './myNumber';
export * from './permissions';
export * from './settingsPolicy';
export * from './timeZone';

/**
 * What the preload exposes as `window.api` (and what the browser host provides in
 * preview and end-to-end tests). Subscriptions return their own unsubscribe function.
 */
export interface DaichoApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** The single IPC channel names used by Electron's ipcMain/ipcRenderer. */
export const ipcInvokeChannel = 'daicho:invoke';
export const ipcEventChannel = 'daicho:event';
