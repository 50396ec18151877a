/**
 * One step at the door in its own process, so adversarial-areas-seams-crash can SIGKILL it while
 * the step runs (issue #12: 入室, 退室, 一括退室). argv: dataDir loginId password channel inputJson.
 * Prints `ready` once logged in, then `ack` once the call returned ok. Anything unexpected goes to
 * stderr and exits 1.
 */
import { childBackend } from './childBackend';

const [dataDir, loginId, password, channel, input] = process.argv.slice(2) as [string, string, string, string, string];
const { call } = childBackend(dataDir);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function run(): Promise<void> {
  await call('auth.login', { loginId, password });
  say('ready');
  await call(channel, JSON.parse(input));
  say('ack');
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
