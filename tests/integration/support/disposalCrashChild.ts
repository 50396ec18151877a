/**
 * One disposal step in its own process, so adversarial-disposal-crash.test.ts can SIGKILL it
 * while the step runs. argv: mode dataDir loginId password disposalId [version | file]
 *   approve — approves record `disposalId` at `version`
 *   attach  — attaches `file` (a photo) to the draft `disposalId`
 *   print   — prints the certificate of `disposalId` to a PDF in the data folder's parent
 * Prints `ready` once logged in and re-authenticated, then `ack` once the call returned ok.
 * Anything unexpected goes to stderr and exits 1.
 */
import path from 'node:path';
import { childBackend } from './childBackend';

const [mode, dataDir, loginId, password, disposalId, extra] = process.argv.slice(2) as [string, string, string, string, string, string];
const { call } = childBackend(dataDir, { open: () => extra, save: () => path.join(path.dirname(dataDir), `${path.basename(dataDir)}-certificate.pdf`) });
const say = (line: string) => process.stdout.write(`${line}\n`);

async function run(): Promise<void> {
  await call('auth.login', { loginId, password });
  await call('auth.reauthenticate', { password });
  say('ready');
  const id = Number(disposalId);
  if (mode === 'approve') await call('disposal.approve', { disposalId: id, version: Number(extra) });
  else if (mode === 'attach') await call('disposal.attachments.add', { disposalId: id, kind: 'photo', caption: '破砕後' });
  else await call('disposal.printCertificate', { disposalId: id, target: 'pdf' });
  say('ack');
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
