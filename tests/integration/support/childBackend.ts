/**
 * The real backend as a test's child process runs it (crashChild.ts, restoreChild.ts,
 * memoryChild.ts), bundled by bundleForNode for a plain `node`: so nothing here or in what it
 * imports may need vitest. The system clock (the parent kills the child, no clock to move), a
 * printer that answers a stub PDF, and dialogs that answer what the script says.
 */
import { createBackend } from '../../../db/app';
import type { Backend } from '../../../db/backend';
import { testKdfCost, trustedOrigin } from './backend';

export interface ChildBackend {
  backend: Backend;
  /** Calls a channel as the renderer would; any refusal throws, naming the channel and the code. */
  call<T = Record<string, unknown> & { id?: number }>(channel: string, input?: unknown): Promise<T>;
}

export function childBackend(dataDir: string, dialogs: { save?: () => string | null; open?: () => string | null } = {}): ChildBackend {
  const backend = createBackend({
    dataDir,
    ports: {
      clock: { now: () => Date.now() },
      printer: { toPdf: async () => Buffer.from('%PDF-1.4 test\n'), print: async () => true },
      dialogs: { chooseSavePath: async () => dialogs.save?.() ?? null, chooseOpenPath: async () => dialogs.open?.() ?? null },
    },
    trustedOrigins: [trustedOrigin],
    appVersion: '0.0.0-test',
    idleCheckIntervalMs: null,
    kdfCost: testKdfCost,
  });
  return {
    backend,
    async call<T>(channel: string, input: unknown = {}): Promise<T> {
      const r = await backend.dispatch(channel, input, { frameUrl: `${trustedOrigin}/index.html` });
      // Code, message key and the fields' paths only: a child's message must not carry what it was sent (memoryChild's secrets).
      if (!r.ok) throw new Error(`${channel}: ${r.code} ${r.messageKey}${r.issues ? ` ${JSON.stringify(r.issues.map((i) => i.path))}` : ''}`);
      return r.data as T;
    },
  };
}
