/**
 * An app in its own process whose memory a test then reads (memory-after-lock.test.ts,
 * issue #9, 6). argv: dataDir outDir secretsFile markerFile — no secret on the command line
 * (argv stays in memory for good). The secrets file holds the passwords and the passphrase
 * as UTF-8 JSON; it is read into a buffer that is wiped, so each secret exists here only as
 * the JS string a real IPC message would deliver. Each recovery key the app shows is
 * appended to outDir/recovery-keys.txt (as the renderer shows it). At the end the child
 * locks, logs out, runs the GC, writes the marker and blocks, so nothing moves while the
 * test reads its memory.
 */
import { closeSync, fstatSync, openSync, readSync, appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setupInput } from './backend';
import { childBackend } from './childBackend';
import { holdingInput } from './holdingInput';

const [dataDir, outDir, secretsFile, marker] = process.argv.slice(2) as [string, string, string, string];

function readSecrets(): { chief: string; recovered: string; clerk: string; passphrase: string } {
  const fd = openSync(secretsFile, 'r');
  const bytes = Buffer.alloc(fstatSync(fd).size);
  readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  const secrets = JSON.parse(bytes.toString('utf8')) as { chief: string; recovered: string; clerk: string; passphrase: string };
  bytes.fill(0);
  return secrets;
}

let nextSave = '';
const { backend, call } = childBackend(dataDir, { save: () => nextSave, open: () => path.join(outDir, 'memory.daicho-backup') });

/** The sheet printed as a PDF and acknowledged, as the setup wizard and 設定 do. */
async function printAndAcknowledge(recoveryKey: unknown): Promise<void> {
  appendFileSync(path.join(outDir, 'recovery-keys.txt'), `${String(recoveryKey)}\n`);
  nextSave = path.join(outDir, `sheet-${Date.now()}.pdf`);
  await call('print.recoverySheet', { target: 'pdf' });
  await call('setup.acknowledgeRecoveryKey');
}

async function work(): Promise<void> {
  const secrets = readSecrets();
  const chief = { ...setupInput.chief, password: secrets.chief };
  const setup = await call('setup.initialize', { ...setupInput, chief });
  await printAndAcknowledge(setup.recoveryKey);
  const departmentId = (await call<{ id: number }[]>('departments.list', { includeInactive: false }))[0]!.id;
  await call('holdings.create', holdingInput(departmentId));
  await call('auth.reauthenticate', { password: secrets.chief });
  const base = { displayName: '田中 花子', role: 'clerk', departmentId, validUntil: null, isMyNumberHandler: false };
  await call('users.create', { ...base, loginId: 'tanaka', initialPassword: secrets.clerk });
  const regenerated = await call('keys.regenerateRecoveryKey');
  await printAndAcknowledge(regenerated.recoveryKey);
  nextSave = path.join(outDir, 'memory.daicho-backup');
  await call('backup.export', { passphrase: secrets.passphrase, passphraseConfirm: secrets.passphrase, mediumLabel: 'USB-1', mediumLocation: '本庁舎 耐火金庫' });
  await call('backup.verify', { passphrase: secrets.passphrase });
  await call('auth.reauthenticate', { password: secrets.chief });
  await call('backup.restore.open', { passphrase: secrets.passphrase });

  await call('session.lock');
  await call('session.unlock', { password: secrets.chief });
  await call('session.lock');
  await call('auth.logout');
  // The way back in when the chief's password is lost: the recovery key, then a new password.
  await call('auth.recover', { recoveryKey: String(regenerated.recoveryKey), loginId: chief.loginId, newPassword: secrets.recovered });
  await call('auth.logout');
  await backend.dispatch('auth.login', { loginId: 'tanaka', password: `${secrets.clerk}x` }, { frameUrl: 'app://daicho/index.html' });
  await call('auth.login', { loginId: chief.loginId, password: secrets.recovered });
  await call('session.lock');
  await call('auth.logout');
}

/**
 * Full collections with a turn of the event loop between them: native objects (a finished
 * scrypt job and the copy of its input) are freed from weak callbacks that run after a GC.
 */
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

void work().then(collectGarbage).then(
  () => {
    writeFileSync(marker, 'ready');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
  (error: unknown) => {
    writeFileSync(marker, `failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
