import { createBackend } from '../db/app';
import type { ChannelName } from '../db/contract';
import type { HostPorts } from '../db/ports';

/** How a bench section prints one figure: its label, the value, and the target beside it. */
export type Line = (label: string, value: string, target?: string) => void;
export type Format = (n: number, d?: number) => string;

export const benchPassword = 'Bench-2026-password';

/**
 * A backend on `dataDir` whose dialogs answer with fixed paths, a call through its router
 * that throws on failure, and the organisation set up with its chief (`chief`,
 * `benchPassword`): each section measures through the same router the app uses. A section that
 * measures printing passes a real printer (Chromium's page.pdf, as the browser host does).
 */
export async function benchOrganization(dataDir: string, answers: { save?: string; open?: string }, printer?: HostPorts['printer']) {
  const backend = createBackend({
    dataDir,
    ports: {
      clock: { now: () => Date.now() },
      printer: printer ?? { toPdf: async () => Buffer.alloc(0), print: async () => true },
      dialogs: { chooseSavePath: async () => answers.save ?? null, chooseOpenPath: async () => answers.open ?? null },
    },
    trustedOrigins: ['app://daicho'],
    appVersion: 'bench',
    idleCheckIntervalMs: null,
  });
  const call = async (channel: ChannelName, input: unknown) => {
    const r = await backend.dispatch(channel, input, { frameUrl: 'app://daicho/' });
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r)}`);
    return r.data as never;
  };
  const chief = { loginId: 'chief', displayName: '総括', password: benchPassword };
  await call('setup.initialize', { organizationName: 'ベンチ市', departmentName: '総務課', chief, passwordPolicy: { minLength: 10, minClasses: 2 } });
  return { backend, call, password: benchPassword };
}
