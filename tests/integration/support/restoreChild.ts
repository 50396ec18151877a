/**
 * A restore run in its own process, so a test can kill it mid-way (backup-restore.test.ts).
 * argv: dataDir backupFile passphrase hook ('beforeSwap' | 'betweenRenames') markerFile
 * At the hook it writes the marker and waits forever; the test then sends SIGKILL.
 */
import { writeFileSync } from 'node:fs';
import { createBackend } from '../../../db/backend';
import { restoreHooks } from '../../../db/core/backup/restore';

const [dataDir, backupFile, passphrase, hook, marker, loginId, password] = process.argv.slice(2) as string[];
const stop = () => {
  writeFileSync(marker!, 'at hook');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
restoreHooks[hook as 'beforeSwap' | 'betweenRenames'] = stop;

const backend = createBackend({
  dataDir: dataDir!,
  ports: {
    clock: { now: () => Date.now() },
    printer: { toPdf: async () => Buffer.alloc(0), print: async () => true },
    dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => backupFile! },
  },
  trustedOrigins: ['app://daicho'],
  appVersion: '0.0.0-test',
  idleCheckIntervalMs: null,
  kdfCost: { N: 2 ** 14, r: 8, p: 1 },
});
const call = async (channel: string, input: unknown) => {
  const r = await backend.dispatch(channel, input, { frameUrl: 'app://daicho/index.html' });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r)}`);
  return r.data as Record<string, unknown>;
};
void (async () => {
  await call('auth.login', { loginId, password });
  await call('auth.reauthenticate', { password });
  const preview = await call('backup.restore.open', { passphrase });
  await call('backup.restore.commit', { restoreId: preview.restoreId });
  writeFileSync(marker!, 'finished');
})();
