/**
 * A restore run in its own process, so a test can kill it mid-way (backup-restore.test.ts).
 * argv: dataDir backupFile passphrase hook ('beforeSwap' | 'betweenRenames') markerFile
 * At the hook it writes the marker and waits forever; the test then sends SIGKILL.
 */
import { writeFileSync } from 'node:fs';
import { restoreHooks } from '../../../db/core/backup/restore';
import { childBackend } from './childBackend';

const [dataDir, backupFile, passphrase, hook, marker, loginId, password] = process.argv.slice(2) as string[];
const stop = () => {
  writeFileSync(marker!, 'at hook');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
restoreHooks[hook as 'beforeSwap' | 'betweenRenames'] = stop;

const { call } = childBackend(dataDir!, { open: () => backupFile! });
void (async () => {
  await call('auth.login', { loginId, password });
  await call('auth.reauthenticate', { password });
  const preview = await call('backup.restore.open', { passphrase });
  await call('backup.restore.commit', { restoreId: preview.restoreId });
  writeFileSync(marker!, 'finished');
})();
