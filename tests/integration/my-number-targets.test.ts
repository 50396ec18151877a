import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName, type Result } from '../../db/contract';
import { spellings, validNumbers } from '../fixtures/myNumberCorpus';
import { chief, makeTestApp, reauth, removeTestDir, type TestApp } from './support/backend';
import { ledgerOrganization, loginAs } from './support/holdings';
import { inputWith, pathKey, inputTargets, type InputTarget } from './support/schemaTargets';

/**
 * The 個人番号 spelling corpus sent to every text of every channel, and valid numbers to every
 * number (issue #9 item 2): the
 * targets come from walking the contract's zod schemas, so a channel or field added later is
 * covered without being listed here. Each call is otherwise valid, so the refusal is the
 * guard's; the data folder is byte for byte the same afterwards. File names the user picks
 * (import, export, PDF, backup) are refused in main the same way.
 */
let app: TestApp;

// Never stored or logged (only a scrypt or key derivation of them is): a password or key may be any text.
const secrets = new Set(['password', 'currentPassword', 'newPassword', 'initialPassword', 'passphrase', 'passphraseConfirm', 'recoveryKey']);
const myNumberKeys = ['validation.myNumber', 'validation.myNumberSearch'];

// One valid number in every way, and the spellings that are not of one number.
const sent = spellings.filter((s) => s.how.startsWith(`${validNumbers[1]}:`) || !/^\d{12}:/.test(s.how));

/** Every file of the data folder but SQLite's shared-memory index (readers write it), hashed. */
function folderState(): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(app.dir).sort()) {
    if (name.endsWith('-shm')) continue;
    state[name] = createHash('sha256').update(readFileSync(path.join(app.dir, name))).digest('hex');
  }
  return state;
}

beforeAll(async () => {
  app = makeTestApp();
  await ledgerOrganization(app);
  await loginAs(app, { loginId: chief.loginId, password: chief.password });
});

afterAll(() => {
  app.close();
  removeTestDir(app.dir);
  removeTestDir(app.outDir);
});

const call = (channel: ChannelName, input: unknown) => app.call(channel, input as never) as Promise<Result<unknown>>;

/** An issue about the target: at its path, or at a union holding it (a union that fails says so at its own path). */
const about = (issuePath: readonly (string | number)[], target: readonly (string | number)[]) =>
  issuePath.length > 0 && issuePath.length <= target.length && issuePath.every((p, i) => p === target[i]);

function refusedAt(r: Result<unknown>, expectedPath: (string | number)[], freeText: boolean): string | null {
  if (r.ok) return 'accepted';
  if (r.code !== 'INVALID_INPUT') return `refused with ${r.code}`;
  const issues = r.issues ?? [];
  const others = issues.filter((i) => !about(i.path, expectedPath));
  if (others.length > 0) return `issues elsewhere: ${JSON.stringify(others)}`;
  if (freeText && !issues.some((i) => myNumberKeys.includes(i.messageKey))) return `refused with ${JSON.stringify(issues)}`;
  return issues.length > 0 ? null : 'no issue';
}

/** Sends every spelling (a number: every valid number) to one target; returns what went wrong, one line each. */
async function sweep(channel: ChannelName, target: InputTarget): Promise<string[]> {
  const schema = channels[channel].input;
  const freeText = target.kind === 'text' && target.leaf.safeParse('テスト入力').success;
  const values = target.kind === 'text' ? sent : validNumbers.map((n) => ({ how: `the number ${n}`, text: Number(n) }));
  const failures: string[] = [];
  for (const { how, text } of values) {
    const r = await call(channel, inputWith(schema, target.route, text));
    const expectedPath = target.isRecordKey ? [...target.path, String(text)] : target.path;
    // drafts.keep holds a field carrying a 個人番号 by leaving it out (db/core/drafts.ts), and says so.
    const dropped = channel === 'drafts.keep' && target.path[0] === 'values' && !target.isRecordKey;
    const problem = dropped ? (r.ok && JSON.stringify(r.data) === '{"droppedFields":["sampleField"]}' ? null : `not dropped: ${JSON.stringify(r)}`) : refusedAt(r, expectedPath, freeText);
    if (problem) failures.push(`${pathKey(target.path)} ← ${how}: ${problem}`);
  }
  return failures;
}

const targetsOf = (channel: ChannelName) => inputTargets(channels[channel].input).filter((t) => !secrets.has(String(t.path.at(-1))));

describe('every text of every channel refuses a 個人番号, however it is spelt', () => {
  it('finds the text targets in the contract (a new text field needs no entry here)', () => {
    const all = channelNames.flatMap((c) => inputTargets(channels[c].input).filter((t) => t.kind === 'text').map((t) => `${c} ${pathKey(t.path)}`));
    expect(all.length).toBeGreaterThan(60);
    for (const expected of ['holdings.create remarks', 'holdings.update fields.recordItems.0', 'holdings.usage.add note', 'users.create displayName', 'departments.create name', 'settings.update organizationName', 'audit.reviews.create findings', 'holdings.list text', 'audit.query action', 'holdings.decideCategory reason', 'backup.export mediumLabel', 'holdings.import.check mapping', 'drafts.keep values.sampleField', 'holdings.list cursor.key']) {
      expect(all).toContain(expected);
    }
    // The only texts not guarded: secrets, never stored or logged. A new one is a decision, made here.
    expect(all.filter((t) => secrets.has(t.split(/[ .]/).at(-1)!))).toEqual([
      'setup.initialize chief.password',
      'auth.login password',
      'auth.recover recoveryKey',
      'auth.recover newPassword',
      'auth.reauthenticate password',
      'auth.changePassword currentPassword',
      'auth.changePassword newPassword',
      'session.unlock password',
      'users.create initialPassword',
      'users.resetPassword newPassword',
      'areas.visits.checkIn exceptionApproval.password',
      'backup.export passphrase',
      'backup.export passphraseConfirm',
      'backup.verify passphrase',
      'backup.verify recoveryKey',
      'backup.restore.open passphrase',
      'backup.restore.open recoveryKey',
      'setup.restore.open passphrase',
      'setup.restore.open recoveryKey',
    ]);
  });

  for (const channel of channelNames) {
    if (targetsOf(channel).length === 0) continue;
    it(`${channel}: refused in every text and number field, nothing written`, async () => {
      const before = folderState();
      const failures: string[] = [];
      for (const target of targetsOf(channel)) failures.push(...(await sweep(channel, target)));
      expect(failures).toEqual([]);
      expect(folderState()).toEqual(before);
    });
  }
});

describe('file names the user picks', () => {
  // What a file system allows in a name (no slash), each a 個人番号 however spelt.
  const names = sent.map((s) => s.text).filter((t) => !/[/\\\r\n\t]/.test(t));

  const pickers: [string, () => Promise<Result<unknown>>, 'open' | 'save'][] = [
    ['holdings.import.open', () => call('holdings.import.open', {}), 'open'],
    ['holdings.exportCsv', () => call('holdings.exportCsv', { filters: {} }), 'save'],
    ['holdings.printList (PDF)', () => call('holdings.printList', { filters: {}, target: 'pdf' }), 'save'],
    ['holdings.printSheet (PDF)', () => call('holdings.printSheet', { holdingId: 1, target: 'pdf' }), 'save'],
    ['media.import.open', () => call('media.import.open', {}), 'open'],
    ['media.exportCsv', () => call('media.exportCsv', { filters: {} }), 'save'],
    ['media.printList (PDF)', () => call('media.printList', { filters: {}, target: 'pdf' }), 'save'],
    ['media.takeout.exportCsv', () => call('media.takeout.exportCsv', { filters: {} }), 'save'],
    ['media.takeout.printList (PDF)', () => call('media.takeout.printList', { filters: {}, target: 'pdf' }), 'save'],
    ['audit.exportCsv', () => call('audit.exportCsv', {}), 'save'],
    ['backup.export', () => call('backup.export', { passphrase: 'Kanri-Passphrase-2026-x', passphraseConfirm: 'Kanri-Passphrase-2026-x' }), 'save'],
    ['backup.verify', () => call('backup.verify', { passphrase: 'Kanri-Passphrase-2026-x' }), 'open'],
    ['backup.restore.open', () => call('backup.restore.open', { passphrase: 'Kanri-Passphrase-2026-x' }), 'open'],
  ];

  it('refuses each name before anything is read, written or logged, with a message that names the file name', async () => {
    await loginAs(app, { loginId: chief.loginId, password: chief.password });
    await app.ok('holdings.create', { ledgerNo: '', name: '台帳', departmentId: 1, purpose: '公証', medium: 'paper' });
    await reauth(app, chief.password);
    const before = folderState();
    const failures: string[] = [];
    for (const [what, pick, kind] of pickers) {
      for (const name of names) {
        const file = path.join(app.outDir, `${name}.csv`);
        if (kind === 'open') writeFileSync(file, '\uFEFF名称,担当課等\r\n台帳,市民課\r\n');
        (kind === 'open' ? app.openAnswer : app.saveAnswer).path = file;
        const r = await pick();
        const ok = !r.ok && r.code === 'INVALID_INPUT' && JSON.stringify(r.issues) === JSON.stringify([{ path: ['file'], messageKey: 'validation.myNumberInFileName' }]);
        if (!ok) failures.push(`${what} ${JSON.stringify(name)}: ${JSON.stringify(r).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(folderState()).toEqual(before);
    // Nothing saved: only the files this test wrote to be opened are in the output folder.
    expect(readdirSync(app.outDir).every((f) => f.endsWith('.csv'))).toBe(true);
    expect(app.printed).toEqual([]);
  });

  it('refuses one on a fresh install too (setup.restore.open), leaving the folder empty', async () => {
    const fresh = makeTestApp();
    try {
      fresh.openAnswer.path = path.join(fresh.outDir, '個人番号987654321093の控え.daicho-backup');
      writeFileSync(fresh.openAnswer.path, 'not read');
      const r = await fresh.call('setup.restore.open', { passphrase: 'Kanri-Passphrase-2026-x' });
      expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', issues: [{ path: ['file'], messageKey: 'validation.myNumberInFileName' }] });
      expect(readdirSync(fresh.dir)).toEqual([]);
    } finally {
      fresh.close();
      removeTestDir(fresh.dir);
      removeTestDir(fresh.outDir);
    }
  });
});
