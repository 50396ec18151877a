import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  channelNames,
  errorMessageKey,
  ipcEventChannel,
  ipcInvokeChannel,
  type AppEvent,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type DaichoApi,
  type Result,
} from '../db/contract';

/**
 * The whole surface the renderer gets: `window.api.invoke` and `window.api.onEvent`.
 * ipcRenderer itself is never exposed (Electron security checklist #3, #20): a page that
 * held it could send on any channel and listen to any reply.
 */

const knownChannels: ReadonlySet<string> = new Set(channelNames);

const api = {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    // Refused here, without IPC; the main process checks again (the renderer is untrusted).
    if (typeof channel !== 'string' || !knownChannels.has(channel)) {
      return Promise.resolve({ ok: false, code: 'UNKNOWN_CHANNEL', messageKey: errorMessageKey('UNKNOWN_CHANNEL') });
    }
    return ipcRenderer.invoke(ipcInvokeChannel, channel, input) as Promise<Result<ChannelOutput<C>>>;
  },

  onEvent(listener: (event: AppEvent) => void): () => void {
    // The wrapper hides the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer), and
    // the returned function removes exactly this wrapper, so unsubscribing really works.
    const wrapper = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(ipcEventChannel, wrapper);
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, wrapper);
    };
  },
} satisfies DaichoApi;

contextBridge.exposeInMainWorld('api', api);
