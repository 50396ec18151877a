import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { myNumberCheckDigit } from '../../db/contract/myNumber';
import { AppCore } from '../../db/core/appCore';
import { keepDraft } from '../../db/core/drafts';
import { lock, login, logout, unlock } from '../../db/core/sessions';
import type { HostPorts } from '../../db/ports';
import { chief, makeTestApp, reauth, testKdfCost, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

/**
 * Adversarial pass on drafts kept across the idle lock (issue #7): an insider with the
 * renderer's devtools, another user of the same terminal, a clerk moved to another 課等.
 */
let app: TestApp;
let citizens = 0;
let tax = 0;
ledgerAppPerTest((a, departments) => {
  app = a;
  citizens = departments.citizens;
  tax = departments.tax;
});

const first11 = '12345678901';
const myNumber = `${first11}${myNumberCheckDigit(first11)}`;

async function draftEvents(): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  await loginAs(app, chief);
  return (await app.ok('audit.query', { pageSize: 200 })).rows.filter((r) => r.action.startsWith('draft.'));
}

async function lockAndUnlock(person: { password: string }): Promise<void> {
  await app.ok('session.lock');
  await app.ok('session.unlock', { password: person.password });
}

async function userId(loginId: string): Promise<number> {
  return (await app.ok('users.list', {})).find((u) => u.loginId === loginId)!.id;
}

describe('drafts: a 個人番号 in any spelling, anywhere in the draft', () => {
  it('refuses a field name carrying a 個人番号 (top level or a part), so it reaches neither the draft nor the access log', async () => {
    await loginAs(app, people.clerk);
    const refused = [
      { [`x${myNumber}`]: '普通の値' },
      { [`x${myNumber}`]: `番号 ${myNumber}` }, // its value would drop it, naming the field in droppedFields
      { retention: { [`p${myNumber}`]: '' } },
    ];
    for (const values of refused) {
      const failure = await app.fail('drafts.keep', { formId: 'holdings.create', values } as never);
      expect(failure.code, JSON.stringify(values)).toBe('INVALID_INPUT');
    }
    await lockAndUnlock(people.clerk);
    expect(await app.ok('drafts.pending')).toBeNull();
    const events = await draftEvents();
    expect(events).toEqual([]);
    expect(JSON.stringify(events)).not.toContain(myNumber);
  });

  it('does not keep a field whose 個人番号 is split by zero-width or combining characters', async () => {
    await loginAs(app, people.clerk);
    const [a, b, c] = [myNumber.slice(0, 4), myNumber.slice(4, 8), myNumber.slice(8)];
    const values = {
      name: '住民票交付簿',
      purpose: `${a}\u200B${b}\u200B${c}`,
      remarks: `${a}\u2060${b}\uFEFF${c}`,
      recordItems: ['氏名', [...myNumber].join('\u200C')],
      retention: { note: `${a}\u0301${b}\u0301${c}` },
    };
    expect(await app.ok('drafts.keep', { formId: 'holdings.create', values })).toEqual({ droppedFields: ['purpose', 'remarks', 'recordItems', 'retention'] });
    await lockAndUnlock(people.clerk);
    expect((await app.ok('drafts.take', { formId: 'holdings.create' }))?.values).toEqual({ name: '住民票交付簿' });
    // The same guard stands before the ledger itself: such a 備考 is not saved either.
    const saved = await app.fail('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0501', remarks: `${a}\u200B${b}\u200B${c}` }));
    expect(saved.issues).toContainEqual(expect.objectContaining({ path: ['remarks'], messageKey: 'validation.myNumber' }));
  });

  it('still catches a 個人番号 after a zero-width break (taken out, it would be a 13-digit run) and keeps an ordinary number', async () => {
    await loginAs(app, people.clerk);
    // Removing the invisible character would make a 13-digit run (not a 個人番号): it must still count.
    const values = { purpose: `1\u200B${myNumber}`, name: '受付番号 1234 5678 9012' };
    expect(await app.ok('drafts.keep', { formId: 'holdings.create', values })).toEqual({ droppedFields: ['purpose'] });
  });
});

describe('drafts of an edit: the record must be within the user’s 課等', () => {
  it('refuses to keep an edit draft for a record of another 課等, holding and logging nothing', async () => {
    await loginAs(app, people.clerk);
    const holding = await app.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0401' }));
    await loginAs(app, people.otherClerk); // 税務課
    const failure = await app.fail('drafts.keep', { formId: 'holdings.edit', recordId: holding.id, recordVersion: holding.version, values: { name: '書き換え' } });
    expect(failure.code).toBe('NOT_FOUND');
    // The same answer as reading it: keeping a draft tells nothing holdings.get does not.
    expect((await app.fail('holdings.get', { holdingId: holding.id })).messageKey).toBe(failure.messageKey);
    // A record that does not exist is refused too.
    expect((await app.fail('drafts.keep', { formId: 'holdings.edit', recordId: 999_999, values: { name: 'x' } })).code).toBe('NOT_FOUND');
    // A new-entry form has no record to name.
    expect((await app.fail('drafts.keep', { formId: 'holdings.create', recordId: holding.id, values: { name: 'x' } })).code).toBe('INVALID_INPUT');
    await lockAndUnlock(people.otherClerk);
    expect(await app.ok('drafts.pending')).toBeNull();
    expect(await draftEvents()).toEqual([]);
  });

  it('neither offers nor restores an edit draft once its user moved to another 課等, and writes nothing on refusal', async () => {
    await loginAs(app, people.clerk);
    const holding = await app.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0402', purpose: '市民課だけが知る利用目的' }));
    // The edit form opens with the record's own values: the draft holds them.
    await app.ok('drafts.keep', { formId: 'holdings.edit', recordId: holding.id, recordVersion: holding.version, values: { name: holding.name, purpose: holding.purpose } });
    await app.ok('session.lock');
    await app.ok('auth.logout');

    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('users.update', { userId: await userId(people.clerk.loginId), departmentId: tax });

    await loginAs(app, people.clerk);
    expect((await app.fail('holdings.get', { holdingId: holding.id })).code).toBe('NOT_FOUND');
    expect(await app.ok('drafts.pending')).toBeNull();
    const refused = await app.fail('drafts.take', { formId: 'holdings.edit' });
    expect(refused.code).toBe('NOT_FOUND');
    expect(JSON.stringify(refused)).not.toContain('市民課だけが知る');
    // Discarding it reveals nothing and is allowed: it is their own.
    expect(await app.ok('drafts.discard', { formId: 'holdings.edit' })).toEqual({ discarded: true });
    expect((await draftEvents()).map((e) => e.action)).toEqual(['draft.discard', 'draft.keep']);
  });

  it('still restores an edit draft of a record in the user’s own 課等 (regression)', async () => {
    await loginAs(app, people.clerk);
    const holding = await app.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0403' }));
    await app.ok('drafts.keep', { formId: 'holdings.edit', recordId: holding.id, recordVersion: holding.version, values: { name: '改名' } });
    await lockAndUnlock(people.clerk);
    expect(await app.ok('drafts.pending')).toMatchObject({ formId: 'holdings.edit', recordId: holding.id });
    expect(await app.ok('drafts.take', { formId: 'holdings.edit' })).toMatchObject({ recordId: holding.id, values: { name: '改名' } });
  });
});

describe('drafts on a shared terminal (regression)', () => {
  it('refuses keep, take, discard and pending while locked and after logout, and a keep after the lock is not written at the next lock', async () => {
    await loginAs(app, people.clerk);
    await app.ok('session.lock');
    for (const [channel, input] of [
      ['drafts.keep', { formId: 'holdings.create', values: { name: 'ロック中' } }],
      ['drafts.take', { formId: 'holdings.create' }],
      ['drafts.discard', { formId: 'holdings.create' }],
      ['drafts.pending', {}],
    ] as const) {
      expect((await app.fail(channel, input as never)).code, channel).toBe('SESSION_LOCKED');
    }
    await app.ok('auth.logout');
    expect((await app.fail('drafts.keep', { formId: 'holdings.create', values: { name: 'ログアウト後' } })).code).toBe('NOT_AUTHENTICATED');

    // A keep racing the lock: whichever comes first, what is written belongs to the clerk alone.
    await loginAs(app, people.clerk);
    await Promise.all([app.call('drafts.keep', { formId: 'holdings.create', values: { name: '競合' } }), app.call('session.lock')]);
    await app.ok('session.unlock', { password: people.clerk.password });
    await app.ok('drafts.discard', { formId: 'holdings.create' });
    await app.ok('session.lock'); // nothing held any more: nothing written
    await app.ok('auth.logout');
    await loginAs(app, people.otherClerk);
    expect(await app.ok('drafts.pending')).toBeNull();
    await loginAs(app, people.clerk);
    expect(await app.ok('drafts.pending')).toBeNull();
  });

  it('does not let another clerk learn of a draft from the access log, and the log names the form, never its contents', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: { name: '秘密の下書き' } });
    await app.ok('session.lock');
    await app.ok('auth.logout');
    await loginAs(app, people.otherClerk);
    expect((await app.fail('audit.query', { pageSize: 50 })).code).toBe('PERMISSION_DENIED');
    const events = await draftEvents();
    expect(events.map((e) => e.action)).toEqual(['draft.keep']);
    expect(JSON.stringify(events)).not.toContain('秘密の下書き');
  });
});

describe('drafts: odd shapes and where a kept draft lies (regression)', () => {
  it('drops a __proto__ key (nothing polluted) and keeps look-alike names as plain fields', async () => {
    await loginAs(app, people.clerk);
    const values = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "x", "hasOwnProperty": "y", "toString": ["z"], "valueOf": {"part": 1}}') as Record<string, never>;
    await app.ok('drafts.keep', { formId: 'holdings.create', values });
    await lockAndUnlock(people.clerk);
    const restored = (await app.ok('drafts.take', { formId: 'holdings.create' }))!.values;
    expect(Object.keys(restored)).toEqual(['constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(restored).toMatchObject({ constructor: 'x', hasOwnProperty: 'y', toString: ['z'], valueOf: { part: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype);
  });

  it('leaves no plaintext of a draft in any file of the data folder (keyring, lockout, WAL …)', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: { name: '下書きマーカーＺＺ', purpose: 'DRAFT-PLAINTEXT-MARKER' } });
    await app.ok('session.lock');
    const scan = () => {
      for (const file of readdirSync(app.dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())) {
        const bytes = readFileSync(path.join(file.parentPath, file.name));
        for (const text of ['下書きマーカーＺＺ', 'DRAFT-PLAINTEXT-MARKER']) {
          expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${file.name}`).toBe(false);
          expect(bytes.includes(Buffer.from(text, 'utf16le')), `${text} (UTF-16) in ${file.name}`).toBe(false);
        }
      }
    };
    scan();
    await app.ok('auth.logout');
    scan();
  });
});

describe('the countdown cannot keep the session open', () => {
  it('locks on time although the renderer sends drafts (keep, clear) every few seconds through the countdown', async () => {
    await loginAs(app, people.clerk);
    const minutes = (await app.ok('session.current'))!.idleLockMinutes;
    app.clock.advance(minutes * 60_000 - 30_000);
    app.backend.checkIdle();
    for (let i = 0; i < 6; i++) {
      await app.ok('drafts.keep', { formId: 'holdings.create', values: { name: `入力${i}` } });
      await app.ok('drafts.clear', { formId: 'holdings.edit' });
      await app.ok('session.current');
      app.clock.advance(5_000);
      app.backend.checkIdle();
    }
    expect((await app.ok('session.current'))?.locked).toBe(true);
    expect(app.events.filter((e) => e.type === 'session.idleWarning')).toHaveLength(1);
  });

  it('still locks after the clock is set back (the idle time never goes negative for long)', async () => {
    await loginAs(app, people.clerk);
    const minutes = (await app.ok('session.current'))!.idleLockMinutes;
    app.clock.advance(-24 * 3600_000); // someone sets the terminal's clock back a day
    app.backend.checkIdle();
    app.clock.advance(minutes * 60_000 - 30_000);
    app.backend.checkIdle();
    expect(app.events.filter((e) => e.type === 'session.idleWarning')).toEqual([{ type: 'session.idleWarning', secondsLeft: 30 }]);
    app.clock.advance(30_000);
    app.backend.checkIdle();
    expect((await app.ok('session.current'))?.locked).toBe(true);
  });
});

describe('the lock never fails open', () => {
  it('locks (key wiped, store closed) even when nothing can be written, and records the lock at the next opening', async () => {
    app.close();
    const unused = () => Promise.reject(new Error('not used here'));
    const ports: HostPorts = { clock: { now: () => app.clock.now() }, printer: { toPdf: unused, print: unused }, dialogs: { chooseSavePath: unused, chooseOpenPath: unused } };
    const core = new AppCore(app.dir, ports, '0.0.0-test', testKdfCost);
    await login(core, { loginId: people.clerk.loginId, password: people.clerk.password });
    keepDraft(core, { formId: 'holdings.create', recordId: null, recordVersion: null, values: { name: '満杯のディスク' } }, {});
    // A full disk: every write fails, the draft's and the lock event's alike.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const write = vi.spyOn(core, 'write').mockImplementation(() => {
      throw new Error('SQLITE_FULL: database or disk is full');
    });
    expect(() => lock(core, 'idle')).not.toThrow();
    write.mockRestore();
    quiet.mockRestore();
    expect(core.vault).toBeNull();
    expect(core.session?.locked).toBe(true);

    await unlock(core, people.clerk.password);
    expect(core.session?.locked).toBe(false);
    logout(core);
    core.closeVault();

    const reopened = makeTestApp({ dir: app.dir, startAt: app.clock.now() });
    try {
      await loginAs(reopened, chief);
      const rows = (await reopened.ok('audit.query', { pageSize: 50 })).rows;
      const locks = rows.filter((r) => r.action === 'session.lock');
      expect(locks).toHaveLength(1);
      expect(locks[0]!.detail).toMatchObject({ reason: 'idle', happenedAt: expect.any(String) });
      expect(rows.filter((r) => r.action.startsWith('draft.'))).toEqual([]);
      expect((await reopened.ok('audit.verify')).ok).toBe(true);
    } finally {
      reopened.close();
    }
  });
});

describe('drafts changed in the database by someone holding its key', () => {
  /** The insider: the app's own core on the data folder, logged in, with the database open. */
  async function insider(): Promise<AppCore> {
    app.close();
    const unused = () => Promise.reject(new Error('not used here'));
    const ports: HostPorts = { clock: { now: () => app.clock.now() }, printer: { toPdf: unused, print: unused }, dialogs: { chooseSavePath: unused, chooseOpenPath: unused } };
    const core = new AppCore(app.dir, ports, '0.0.0-test', testKdfCost);
    await login(core, { loginId: chief.loginId, password: chief.password });
    return core;
  }

  it('neither offers nor restores a draft changed, planted or put back after it was taken, and writes nothing on refusal', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: { name: '本人の入力' } });
    await app.ok('session.lock');
    await app.ok('auth.logout');
    const clerkId = await (async () => {
      await loginAs(app, chief);
      return userId(people.clerk.loginId);
    })();
    const otherId = await userId(people.otherClerk.loginId);
    await app.ok('auth.logout');

    const core = await insider();
    const db = core.vault!.db;
    const kept = db.prepare('SELECT * FROM drafts WHERE user_id = ?').get(clerkId) as Record<string, unknown>;
    // Changed: the clerk's own draft now says something else.
    db.prepare('UPDATE drafts SET contents = ? WHERE user_id = ?').run(JSON.stringify({ name: '差し替えた内容' }), clerkId);
    // Planted: a colleague gets a draft no lock of theirs kept, with a real event's time.
    db.prepare('INSERT INTO drafts (user_id, form_id, record_id, record_version, contents, dropped_fields, kept_at) VALUES (?, ?, NULL, NULL, ?, ?, ?)').run(
      otherId,
      'holdings.create',
      JSON.stringify({ name: '仕込んだ内容' }),
      '[]',
      kept.kept_at,
    );
    logout(core);
    core.closeVault();

    const reopened = makeTestApp({ dir: app.dir, startAt: app.clock.now() });
    try {
      const draftActions = async () => {
        await loginAs(reopened, chief);
        return (await reopened.ok('audit.query', { pageSize: 100 })).rows.filter((r) => r.action.startsWith('draft.')).map((r) => r.action);
      };
      for (const person of [people.clerk, people.otherClerk]) {
        await loginAs(reopened, person);
        expect(await reopened.ok('drafts.pending'), person.loginId).toBeNull();
        const refused = await reopened.fail('drafts.take', { formId: 'holdings.create' });
        expect(refused).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.draftAltered' });
        expect(JSON.stringify(refused)).not.toMatch(/差し替えた|仕込んだ/);
      }
      expect(await draftActions()).toEqual(['draft.keep']);

      // The clerk discards the changed one (logged); put back as it was, it is still not offered twice.
      await loginAs(reopened, people.clerk);
      expect(await reopened.ok('drafts.discard', { formId: 'holdings.create' })).toEqual({ discarded: true });
      await reopened.ok('auth.logout');
      reopened.close();
      const core2 = await insider();
      core2.vault!.db.prepare('INSERT INTO drafts (user_id, form_id, record_id, record_version, contents, dropped_fields, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        kept.user_id,
        kept.form_id,
        kept.record_id,
        kept.record_version,
        kept.contents,
        kept.dropped_fields,
        kept.kept_at,
      );
      logout(core2);
      core2.closeVault();
    } finally {
      reopened.close();
    }
    const again = makeTestApp({ dir: app.dir, startAt: app.clock.now() });
    try {
      await loginAs(again, people.clerk);
      expect(await again.ok('drafts.pending')).toBeNull();
      expect((await again.fail('drafts.take', { formId: 'holdings.create' })).messageKey).toBe('errors.draftAltered');
    } finally {
      again.close();
    }
  });

  it('still restores a draft the lock kept, unchanged, among other users’ events (regression)', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: { name: 'そのまま' } });
    await app.ok('session.lock');
    await app.ok('auth.logout');
    await loginAs(app, people.otherClerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: { name: '別の人' } });
    await lockAndUnlock(people.otherClerk);
    await app.ok('drafts.discard', { formId: 'holdings.create' });
    await loginAs(app, people.clerk);
    expect((await app.ok('drafts.take', { formId: 'holdings.create' }))?.values).toEqual({ name: 'そのまま' });
  });
});
