import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findUserSlot, openUserSlot, readKeyring } from '../../db/keyring/keyring';
import { parseRecoveryKey } from '../../db/keyring/recoveryKey';
import { removeTestDir } from './support/backend';
import { bundleForNode, childEnv, projectNode } from './support/backup';
import { countInMemory, memoryReadable } from './support/processMemory';

/**
 * Issue #9, 6: after lock and logout a memory dump held the database key as hex (the PRAGMA
 * text), the recovery key and the chief's password. A child process sets up an office, works
 * (accounts, a new recovery key, a backup exported, verified and opened for restore), locks,
 * unlocks, logs out, recovers with the recovery key and logs out again; then this test reads
 * its whole writable memory. docs/SECURITY.md ("What stays in memory") says what may remain:
 * this test asserts exactly that, and no less.
 */
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach(removeTestDir));

/**
 * Passwords with kanji: V8 keeps such a string as UTF-16, so their UTF-8 bytes exist only as
 * the copy made for scrypt, which must be wiped; the UTF-16 string from IPC may remain.
 */
const secrets = {
  chief: `管理者-${randomBytes(6).toString('hex')}-一郎`,
  recovered: `回復後-${randomBytes(6).toString('hex')}-一郎`,
  clerk: `職員用-${randomBytes(6).toString('hex')}-花子`,
  passphrase: `バックアップ-${randomBytes(8).toString('hex')}-金庫`,
};

interface Dump {
  pid: number;
  dataDir: string;
  recoveryKeys: string[];
  stop(): void;
}

/** Runs the child to its end (it then blocks) and returns what the test needs to find its secrets. */
async function runChild(): Promise<Dump | null> {
  const script = await bundleForNode('tests/integration/support/memoryChild.ts');
  dirs.push(path.dirname(script));
  const dataDir = tempDir('daicho-memory-data-');
  const outDir = tempDir('daicho-memory-out-');
  const secretsFile = path.join(tempDir('daicho-memory-secrets-'), 'secrets.json');
  writeFileSync(secretsFile, JSON.stringify(secrets));
  const marker = path.join(outDir, 'marker');
  const child = spawn(projectNode, ['--expose-gc', script, dataDir, outDir, secretsFile, marker], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = () => child.kill('SIGKILL');
  // The child writes the marker and then blocks in Atomics.wait; its exit means it failed.
  const state = await new Promise<'ready' | 'exited'>((resolve) => {
    const poll = setInterval(() => {
      if (readFileSafe(marker) === 'ready') finish('ready');
    }, 50);
    const finish = (s: 'ready' | 'exited') => {
      clearInterval(poll);
      resolve(s);
    };
    child.once('exit', () => finish('exited'));
  });
  if (state !== 'ready') throw new Error(`the child failed: ${readFileSafe(marker)} ${stderr}`);
  if (!memoryReadable(child.pid!)) {
    stop();
    return null;
  }
  const recoveryKeys = readFileSync(path.join(outDir, 'recovery-keys.txt'), 'utf8').trim().split('\n');
  return { pid: child.pid!, dataDir, recoveryKeys, stop };
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

describe('memory after lock and logout (issue #9, 6)', () => {
  it('holds no database key (bytes or hex), no recovery key bytes and no password bytes made for the KDF', async (ctx) => {
    const dump = await runChild();
    if (!dump) {
      ctx.skip(true, '/proc/<pid>/mem is not readable here (not Linux, or no ptrace rights)');
      return;
    }
    try {
      const keyring = readKeyring(path.join(dump.dataDir, 'keyring.json'));
      const masterKey = await openUserSlot(keyring, findUserSlot(keyring, 'sato')!, secrets.recovered);
      expect(masterKey).not.toBeNull();
      const hex = masterKey!.toString('hex');
      const needles: Record<string, Buffer> = {
        'database key': masterKey!,
        'database key, hex': Buffer.from(hex, 'latin1'),
        'database key, HEX': Buffer.from(hex.toUpperCase(), 'latin1'),
        'database key, hex UTF-16': Buffer.from(hex, 'utf16le'),
        'database key, HEX UTF-16': Buffer.from(hex.toUpperCase(), 'utf16le'),
        'database key, first half': masterKey!.subarray(0, 16),
        'database key, second half': masterKey!.subarray(16),
      };
      dump.recoveryKeys.forEach((text, i) => {
        needles[`recovery key ${i + 1}`] = parseRecoveryKey(text)!;
        needles[`recovery key ${i + 1}, text`] = Buffer.from(text, 'latin1');
      });
      for (const [name, secret] of Object.entries(secrets)) {
        needles[`${name} password, UTF-8`] = Buffer.from(secret.normalize('NFC'), 'utf8');
        needles[`${name} password, UTF-16`] = Buffer.from(secret, 'utf16le');
      }
      const found = countInMemory(dump.pid, needles);
      // What SECURITY.md allows to remain: the texts a person typed or was shown (JS strings).
      const mayRemain = (name: string) => !name.startsWith('database key') && (name.endsWith('UTF-16') || name.endsWith(', text'));
      const mustBeGone = Object.keys(needles).filter((name) => !mayRemain(name));
      expect(Object.fromEntries(mustBeGone.map((name) => [name, found[name]]))).toEqual(Object.fromEntries(mustBeGone.map((name) => [name, 0])));
    } finally {
      dump.stop();
    }
  }, 60_000);
});
