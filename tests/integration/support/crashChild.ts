/**
 * The real backend in its own process, so crash-kill.test.ts can SIGKILL it at any moment.
 * argv: mode dataDir tag
 *   setup  — prints `start`, runs first-run setup, prints `setup-ok` once it returned ok,
 *            and exits at once (no logout: a kill during the close is not setup's).
 *   writes — logs the chief in, prints `ready`, then writes until killed: holdings, accounts
 *            (each seals a key slot: keyring.json changes), password resets and now and
 *            then a lock and unlock (each moves the head anchor); after each
 *            call returns ok it prints `ack <kind> <name>`. A line is printed only after the
 *            commit, so every acknowledged write must be found after the kill.
 * Anything unexpected goes to stderr and exits 1 (the test shows it).
 */
import { chief, setupInput } from './backend';
import { childBackend } from './childBackend';
import { holdingInput } from './holdingInput';

const [mode, dataDir, tag] = process.argv.slice(2) as [string, string, string];
const { call } = childBackend(dataDir);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function setup(): Promise<void> {
  say('start');
  await call('setup.initialize', setupInput);
  say('setup-ok');
}

async function writes(): Promise<void> {
  await call('auth.login', { loginId: chief.loginId, password: chief.password });
  await call('auth.reauthenticate', { password: chief.password });
  const departmentId = (await call<{ id: number }[]>('departments.list'))[0]!.id;
  say('ready');
  let lastUser: number | null = null;
  for (let i = 0; ; i++) {
    const name = `${tag}-${i}`;
    if (i % 7 === 6) {
      // A lock writes the head anchor before its event (auditAnchor.ts): a kill around it must not read as tampering.
      await call('session.lock', {});
      await call('session.unlock', { password: chief.password });
      await call('auth.reauthenticate', { password: chief.password });
      say(`ack lock ${name}`);
      continue;
    }
    if (i % 3 === 1) {
      const loginId = `u${name.replace(/-/g, 'x')}`;
      const user = await call('users.create', {
        loginId,
        displayName: `試験 ${name}`,
        role: 'clerk',
        departmentId,
        validUntil: null,
        isMyNumberHandler: false,
        initialPassword: 'Shokuin-2026a',
      });
      lastUser = user.id!;
      say(`ack user ${loginId}`);
    } else if (i % 3 === 2 && lastUser !== null) {
      await call('users.resetPassword', { userId: lastUser, newPassword: 'Reset-2026-temp' });
      say(`ack reset ${lastUser}`);
    } else {
      await call('holdings.create', holdingInput(departmentId, { ledgerNo: name, name: `クラッシュ試験 ${name}` }));
      say(`ack holding ${name}`);
    }
  }
}

(mode === 'setup' ? setup() : writes()).then(
  // No clean close: what is tested is setup, and a process that ends is as good as killed.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
