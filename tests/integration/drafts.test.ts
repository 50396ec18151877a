import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { myNumberCheckDigit } from '../../db/contract/myNumber';
import { chief, reauth, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';

let app: TestApp;
let citizens = 0;
ledgerAppPerTest((a, departments) => {
  app = a;
  citizens = departments.citizens;
});

/** What a clerk has typed into 新規登録 so far (the form's own state, as the renderer sends it). */
const typed = {
  ledgerNo: '',
  name: '転入届受付簿（作成途中）',
  purpose: '転入手続の受付管理',
  subjectCount: '約1,200',
  recordItems: ['氏名', '住所'],
  containsSensitive: true,
  retention: { kind: 'years', date: '', years: '5' },
};

/** A valid 個人番号, and the same written full-width with a long-vowel mark for the hyphen. */
const first11 = '12345678901';
const myNumber = `${first11}${myNumberCheckDigit(first11)}`;
const myNumberOddlyWritten = `${myNumber.slice(0, 4)}ー${myNumber.slice(4, 8)}ー${myNumber.slice(8)}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

async function idleMinutes(): Promise<number> {
  return (await app.ok('session.current'))!.idleLockMinutes;
}

/** Lets the session sit idle until main locks it, through the countdown, as the app's timer would. */
async function idleUntilLocked(): Promise<void> {
  app.clock.advance((await idleMinutes()) * 60_000 - 30_000);
  app.backend.checkIdle();
  app.clock.advance(30_000);
  app.backend.checkIdle();
  expect((await app.ok('session.current'))?.locked).toBe(true);
}

async function auditActions(): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  await loginAs(app, chief);
  return (await app.ok('audit.query', { pageSize: 200 })).rows.filter((r) => r.action.startsWith('draft.'));
}

describe('drafts: unsaved input survives the lock', () => {
  it('keeps the open form across an idle lock and offers it back once to the same user after unlock', async () => {
    await loginAs(app, people.clerk);
    expect(await app.ok('drafts.keep', { formId: 'holdings.create', values: typed })).toEqual({ droppedFields: [] });
    await idleUntilLocked();
    expect(app.events).toContainEqual({ type: 'session.locked', reason: 'idle' });
    // Locked: nothing of it is reachable until the password is given again.
    expect((await app.fail('drafts.pending')).code).toBe('SESSION_LOCKED');
    expect((await app.fail('drafts.take', { formId: 'holdings.create' })).code).toBe('SESSION_LOCKED');

    await app.ok('session.unlock', { password: people.clerk.password });
    expect(await app.ok('drafts.pending')).toMatchObject({ formId: 'holdings.create', recordId: null, droppedFields: [] });
    const restored = await app.ok('drafts.take', { formId: 'holdings.create' });
    expect(restored).toMatchObject({ formId: 'holdings.create', recordId: null, recordVersion: null, values: typed });
    // Single-use: taken, it is gone.
    expect(await app.ok('drafts.take', { formId: 'holdings.create' })).toBeNull();
    expect(await app.ok('drafts.pending')).toBeNull();

    // The access log says what happened to which form, never what was typed.
    const events = await auditActions();
    expect(events.map((e) => e.action)).toEqual(['draft.restore', 'draft.keep']);
    // The form, and a keyed digest that proves the kept row unchanged (adversarial-drafts.test.ts).
    expect(events[1]!.detail).toEqual({ formId: 'holdings.create', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(events)).not.toContain('転入');
  });

  it('writes nothing when no form is open, and forgets a form that was saved or closed', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('drafts.clear', { formId: 'holdings.create' });
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.clerk.password });
    expect(await app.ok('drafts.pending')).toBeNull();
    expect(await auditActions()).toEqual([]);
  });

  it('keeps it at the OS lock screen too, and forgets it at a logout (leaving on purpose)', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    app.backend.lockForOs();
    await app.ok('session.unlock', { password: people.clerk.password });
    expect((await app.ok('drafts.take', { formId: 'holdings.create' }))?.values).toEqual(typed);

    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('auth.logout');
    await loginAs(app, people.clerk);
    expect(await app.ok('drafts.pending')).toBeNull();
  });

  it('never offers a draft to another user on the same terminal, and keeps it for its owner', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('session.lock');
    await app.ok('auth.logout'); // 別の利用者でログイン from the lock screen

    await loginAs(app, people.otherClerk);
    expect(await app.ok('drafts.pending')).toBeNull();
    expect(await app.ok('drafts.take', { formId: 'holdings.create' })).toBeNull();
    expect(await app.ok('drafts.discard', { formId: 'holdings.create' })).toEqual({ discarded: false });
    // Their own lock and unlock do not bring it either.
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.otherClerk.password });
    expect(await app.ok('drafts.pending')).toBeNull();

    await loginAs(app, people.clerk);
    expect(await app.ok('drafts.pending')).toMatchObject({ formId: 'holdings.create' });
    expect((await app.ok('drafts.take', { formId: 'holdings.create' }))?.values).toEqual(typed);
    expect((await auditActions()).map((e) => e.action)).toEqual(['draft.restore', 'draft.keep']);
  });

  it('gives a draft once to racing calls: two takes, or a take and a discard', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.clerk.password });
    const [a, b] = await Promise.all([app.ok('drafts.take', { formId: 'holdings.create' }), app.ok('drafts.take', { formId: 'holdings.create' })]);
    expect([a, b].filter((d) => d !== null)).toHaveLength(1);

    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.clerk.password });
    const [taken, discarded] = await Promise.all([app.ok('drafts.take', { formId: 'holdings.create' }), app.ok('drafts.discard', { formId: 'holdings.create' })]);
    expect([taken !== null, discarded.discarded].filter(Boolean)).toHaveLength(1);
    expect(await app.ok('drafts.pending')).toBeNull();
  });

  it('does not keep a field holding a 個人番号, however it is written, and says which', async () => {
    await loginAs(app, people.clerk);
    const values = { ...typed, purpose: `番号 ${myNumber} の照会`, recordItems: ['氏名', myNumberOddlyWritten], remarks: { note: myNumber.slice(0, 4) + ' ' + myNumber.slice(4, 8) + ' ' + myNumber.slice(8) } };
    expect(await app.ok('drafts.keep', { formId: 'holdings.create', values })).toEqual({ droppedFields: ['purpose', 'recordItems', 'remarks'] });
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.clerk.password });
    expect(await app.ok('drafts.pending')).toMatchObject({ droppedFields: ['purpose', 'recordItems', 'remarks'] });
    const restored = await app.ok('drafts.take', { formId: 'holdings.create' });
    expect(restored?.values).toEqual({ ledgerNo: '', name: typed.name, subjectCount: typed.subjectCount, containsSensitive: true, retention: typed.retention });
    expect(JSON.stringify(restored)).not.toMatch(/\d{12}|[０-９]{4}ー/);
  });

  it('refuses a form id outside the list, an oversized or malformed draft, and a role that cannot save the form, holding nothing', async () => {
    await loginAs(app, people.clerk);
    const refused = [
      { formId: 'users.create', values: typed },
      { formId: 'holdings.create', values: { name: 'x'.repeat(4001) } },
      { formId: 'holdings.create', values: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, 'あ'.repeat(3999)])) },
      { formId: 'holdings.create', values: Object.fromEntries(Array.from({ length: 61 }, (_, i) => [`field${i}`, ''])) },
      { formId: 'holdings.create', values: { retention: { kind: { deeper: 'object' } } } },
      { formId: 'holdings.create', values: { retention: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`part${i}`, ''])) } },
      { formId: 'holdings.create', values: { recordItems: Array.from({ length: 201 }, () => '氏名') } },
      { formId: 'holdings.create', values: { 'bad key': 'x' } },
      { formId: 'holdings.create', values: { name: 'ベル\u0007' } },
    ];
    for (const input of refused) {
      const failure = await app.fail('drafts.keep', input as never);
      expect(failure.code, JSON.stringify(input).slice(0, 80)).toBe('INVALID_INPUT');
    }
    expect((await app.fail('drafts.keep', { formId: 'users.create', values: typed } as never)).issues).toContainEqual(expect.objectContaining({ path: ['formId'], messageKey: 'validation.invalidOption' }));
    await app.ok('session.lock');
    await app.ok('session.unlock', { password: people.clerk.password });
    expect(await app.ok('drafts.pending')).toBeNull();

    // The chief holds every permission; an auditor's role has no form to keep.
    await loginAs(app, chief);
    await reauth(app, chief.password);
    await app.ok('users.create', { loginId: 'kansa', displayName: '監査 太郎', role: 'auditor', departmentId: citizens, initialPassword: 'Audit-2026-pw-z' });
    await loginAs(app, { loginId: 'kansa', password: 'Audit-2026-pw-z' });
    await app.ok('auth.changePassword', { currentPassword: 'Audit-2026-pw-z', newPassword: 'Audit-2026-pw-new' });
    expect((await app.fail('drafts.keep', { formId: 'holdings.create', values: typed })).code).toBe('PERMISSION_DENIED');
  });

  it("keeps an edit's starting version: saving over a newer version is refused as stale", async () => {
    await loginAs(app, people.clerk);
    const holding = await app.ok('holdings.create', holdingInput(citizens, { ledgerNo: 'R8-0301' }));
    const edited = { ...typed, name: '住民基本台帳ファイル（改）' };
    await app.ok('drafts.keep', { formId: 'holdings.edit', recordId: holding.id, recordVersion: holding.version, values: edited });
    await app.ok('session.lock');
    await app.ok('auth.logout');
    // Meanwhile a colleague changes the entry.
    await loginAs(app, people.officer);
    await app.ok('holdings.update', { holdingId: holding.id, version: holding.version, fields: holdingInput(citizens, { ledgerNo: 'R8-0301', storageLocation: '耐火金庫' }) });

    await loginAs(app, people.clerk);
    expect(await app.ok('drafts.pending')).toMatchObject({ formId: 'holdings.edit', recordId: holding.id });
    const restored = (await app.ok('drafts.take', { formId: 'holdings.edit' }))!;
    expect(restored).toMatchObject({ recordId: holding.id, recordVersion: holding.version, values: edited });
    const stale = await app.fail('holdings.update', { holdingId: holding.id, version: restored.recordVersion!, fields: holdingInput(citizens, { ledgerNo: 'R8-0301', name: edited.name }) });
    expect(stale.messageKey).toBe('errors.staleVersion');
  });

  it('deletes drafts after 7 days unseen, and those of a deactivated user', async () => {
    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('session.lock');
    await app.ok('auth.logout');
    app.clock.advance(8 * 24 * 3600_000);
    await loginAs(app, people.clerk);
    expect(await app.ok('drafts.pending')).toBeNull();
    expect((await auditActions()).map((e) => [e.action, e.detail])).toEqual([
      ['draft.delete', { formId: 'holdings.create', reason: 'expired' }],
      ['draft.keep', { formId: 'holdings.create', digest: expect.any(String) }],
    ]);

    await loginAs(app, people.clerk);
    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('session.lock');
    await app.ok('auth.logout');
    await loginAs(app, chief);
    const clerkId = (await app.ok('users.list', {})).find((u) => u.loginId === people.clerk.loginId)!.id;
    await reauth(app, chief.password);
    await app.ok('users.deactivate', { userId: clerkId, reason: '異動' });
    const events = await auditActions();
    expect(events[0]).toMatchObject({ action: 'draft.delete', detail: { formId: 'holdings.create', reason: 'deactivated' } });
  });

  it('leaves no plaintext of a kept draft in the database or WAL files', async () => {
    await loginAs(app, people.clerk);
    const secret = '転入届受付簿（秘密の下書き）';
    await app.ok('drafts.keep', { formId: 'holdings.create', values: { ...typed, name: secret, purpose: 'SECRET-DRAFT-MARKER' } });
    await app.ok('session.lock'); // written now, in the lock's transaction
    const scan = () => {
      const files = readdirSync(app.dir).filter((f) => /^daicho\.db(-wal)?$/.test(f));
      expect(files).toContain('daicho.db');
      for (const file of files) {
        const bytes = readFileSync(path.join(app.dir, file));
        for (const text of [secret, 'SECRET-DRAFT-MARKER']) {
          expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${file}`).toBe(false);
          expect(bytes.includes(Buffer.from(text, 'utf16le')), `${text} (UTF-16) in ${file}`).toBe(false);
        }
      }
    };
    scan();
    await app.ok('session.unlock', { password: people.clerk.password });
    expect((await app.ok('drafts.pending'))?.formId).toBe('holdings.create');
    app.close();
    scan();
  });
});

describe('the countdown before the idle lock', () => {
  it('warns once, 30 seconds ahead; a draft sent then does not postpone the lock', async () => {
    await loginAs(app, people.clerk);
    app.clock.advance((await idleMinutes()) * 60_000 - 31_000);
    app.backend.checkIdle();
    expect(app.events.filter((e) => e.type === 'session.idleWarning')).toEqual([]);
    app.clock.advance(1_000);
    app.backend.checkIdle();
    app.backend.checkIdle();
    expect(app.events.filter((e) => e.type === 'session.idleWarning')).toEqual([{ type: 'session.idleWarning', secondsLeft: 30 }]);
    // The renderer sends the open form at once when the countdown starts: that is not the user.
    await app.ok('drafts.keep', { formId: 'holdings.create', values: typed });
    await app.ok('drafts.clear', { formId: 'holdings.edit' });
    app.clock.advance(30_000);
    app.backend.checkIdle();
    expect((await app.ok('session.current'))?.locked).toBe(true);
  });

  it('is cancelled by real input: session.activity moves the lock, and a later quiet spell warns again', async () => {
    await loginAs(app, people.clerk);
    const minutes = await idleMinutes();
    app.clock.advance(minutes * 60_000 - 20_000);
    app.backend.checkIdle();
    expect(app.events.filter((e) => e.type === 'session.idleWarning')).toEqual([{ type: 'session.idleWarning', secondsLeft: 20 }]);
    await app.ok('session.activity'); // a key pressed while the countdown shows
    app.clock.advance(20_000);
    app.backend.checkIdle();
    expect((await app.ok('session.current'))?.locked).toBe(false);
    app.clock.advance(minutes * 60_000 - 30_000);
    app.backend.checkIdle();
    expect(app.events.filter((e) => e.type === 'session.idleWarning')).toHaveLength(2);
  });
});
