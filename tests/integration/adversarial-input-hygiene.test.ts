import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelInput, type ChannelName, type Failure } from '../../db/contract';
import { AppCore } from '../../db/core/appCore';
import { login, logout } from '../../db/core/sessions';
import type { HostPorts } from '../../db/ports';
import { chief, createUser, makeTestApp, reauth, testKdfCost, type TestApp } from './support/backend';
import { holdingInput, ledgerAppPerTest, loginAs, openCsv, people } from './support/holdings';

/**
 * Issue #9 item 13, over the real router and SQLCipher: dates outside 1900–2200, payloads that
 * are not plain data, wrong-typed login fields, bidi controls, and a clerk probing another
 * 課等's ids and numbers — each refused, writing nothing, and telling nothing a nonexistent
 * id would not.
 */
let app: TestApp;
let d: { citizens: number; tax: number };
ledgerAppPerTest((a, departments) => {
  app = a;
  d = departments;
});

const rlo = '\u202e';

async function holdingCount(): Promise<number> {
  return (await app.ok('holdings.list', {})).total;
}

describe('dates from 1900 to 2200 only', () => {
  it('refuses year 0000, 1899 and 2201 in every date a clerk or the chief sends, writing nothing', async () => {
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0100' }));
    const refused: [ChannelName, unknown, string][] = [
      ['holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0101', useUntil: '0000-01-01' }), 'useUntil'],
      ['holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0102', retention: '9999-12-31' }), 'retention'],
      ['holdings.usage.add', { holdingId: h.id, kind: 'use', usedOn: '1899-12-31', personName: '田中', purpose: '閲覧' }, 'usedOn'],
    ];
    for (const [channel, input, field] of refused) {
      expect(await app.send(channel, input), field).toEqual({ ok: false, code: 'INVALID_INPUT', messageKey: 'errors.INVALID_INPUT', issues: [{ path: [field], messageKey: 'validation.dateOutOfRange' }] });
    }
    expect(await holdingCount()).toBe(1);
    expect((await app.ok('holdings.get', { holdingId: h.id })).usageTotal).toBe(0);

    await loginAs(app, chief);
    const userFields = { loginId: 'tooLate', displayName: '期限 誤り', role: 'clerk', departmentId: d.citizens, isMyNumberHandler: false, initialPassword: 'Initial-2026-z' };
    await reauth(app, chief.password);
    expect((await app.send('users.create', { ...userFields, validUntil: '2201-01-01' })) as Failure).toMatchObject({ issues: [{ path: ['validUntil'], messageKey: 'validation.dateOutOfRange' }] });
    expect((await app.ok('users.list', { includeInactive: true })).map((u) => u.loginId)).not.toContain('tooLate');
    expect((await app.send('audit.query', { from: '0000-01-01' })) as Failure).toMatchObject({ issues: [{ path: ['from'], messageKey: 'validation.dateOutOfRange' }] });
    expect((await app.send('audit.reviews.create', { periodFrom: '1899-12-31', periodTo: '2026-11-01', findings: '' })) as Failure).toMatchObject({
      issues: [{ path: ['periodFrom'], messageKey: 'validation.dateOutOfRange' }],
    });
    expect(await app.ok('audit.reviews.list')).toEqual([]);
  });

  it('gives a CSV row with such a date a row error with its Excel row number; 和暦 like R10.3.31 still reads', async () => {
    await loginAs(app, people.clerk);
    const file = path.join(app.outDir, '旧台帳.csv');
    const lines = [
      '名称,部署名,利用目的,媒体,利用期限,保存期限',
      '台帳A,市民課,公証,紙,0000/1/1,R10.3.31',
      '台帳B,市民課,公証,紙,,R10.3.31',
      '台帳C,市民課,公証,紙,,9999年12月31日',
      `台帳${rlo}D,市民課,公証,紙,,永年`,
    ];
    const opened = await openCsv(app, file, `\ufeff${lines.join('\r\n')}\r\n`);
    const input = { importId: opened.importId, mapping: opened.suggestedMapping } as ChannelInput<'holdings.import.check'>;
    const checked = await app.ok('holdings.import.check', input);
    expect(checked.errors.map((e) => [e.row, e.column, e.messageKey])).toEqual([
      [2, '利用期限', 'validation.dateOutOfRange'],
      [4, '保存期限', 'validation.dateOutOfRange'],
      [5, '名称', 'validation.bidiControl'],
    ]);
    expect(checked.preview.rows.find((r) => r.row === 3)!.cells.map((c) => c.text)).toContain('2028-03-31');
    expect((await app.fail('holdings.import.commit', input)).code).toBe('INVALID_INPUT');
    expect(await holdingCount()).toBe(0);
  });

  it('shows and prints a row stored before the check: 西暦, never 「大化-644年」, and never INTERNAL', async () => {
    await loginAs(app, people.clerk);
    const h = await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'R8-0200' }));
    await app.ok('auth.logout');
    app.close();
    // An older version stored what the contract now refuses: year 0000 and a pasted mark.
    const unused = () => Promise.reject(new Error('not used here'));
    const ports: HostPorts = { clock: { now: () => app.clock.now() }, printer: { toPdf: unused, print: unused }, dialogs: { chooseSavePath: unused, chooseOpenPath: unused } };
    const core = new AppCore(app.dir, ports, '0.0.0-test', testKdfCost);
    await login(core, { loginId: chief.loginId, password: chief.password });
    core.vault!.db.prepare("UPDATE holdings SET use_until = '0000-01-01', owner = ? WHERE id = ?").run('市民課長\u200e', h.id);
    logout(core);
    core.closeVault();

    const reopened = makeTestApp({ dir: app.dir, startAt: app.clock.now() });
    try {
      await loginAs(reopened, people.clerk);
      const detail = await reopened.ok('holdings.get', { holdingId: h.id });
      expect(detail.holding).toMatchObject({ useUntil: '0000-01-01', owner: '市民課長\u200e' });
      await reopened.ok('holdings.printSheet', { holdingId: h.id, target: 'printer' });
      const sheet = reopened.printed.at(-1)!.html;
      expect(sheet).toContain('0000-01-01');
      expect(sheet).not.toMatch(/大化|-\d+年/);
      // Saving it again asks for the stored values to be put right, field by field.
      const stored = { ledgerNo: detail.holding.ledgerNo, owner: detail.holding.owner, useUntil: detail.holding.useUntil };
      const saved = await reopened.fail('holdings.update', { holdingId: h.id, version: detail.holding.version, fields: holdingInput(d.citizens, stored) });
      expect(saved.issues).toEqual([
        { path: ['fields', 'owner'], messageKey: 'validation.bidiControl' },
        { path: ['fields', 'useUntil'], messageKey: 'validation.dateOutOfRange' },
      ]);
    } finally {
      reopened.close();
    }
  });
});

describe('payloads that are not plain data', () => {
  class Holder {
    loginId = chief.loginId;
  }
  const nullPrototype = Object.assign(Object.create(null) as object, {});
  const hostile = (): [string, unknown][] => [
    ['Date', new Date()],
    ['Map', new Map()],
    ['Set', new Set()],
    ['array', []],
    ['{a:1}', { a: 1 }],
    ['class instance', new Holder()],
    ['null prototype', nullPrototype],
    ['Uint8Array', new Uint8Array(0)],
    ['BigInt', 1n],
  ];
  const emptyChannels = channelNames.filter((name) => {
    const input = channels[name].input as { shape?: Record<string, unknown> };
    return input.shape !== undefined && Object.keys(input.shape).length === 0;
  });

  it('are refused by every channel whose input is empty, which still takes {}, undefined and null', async () => {
    expect(emptyChannels).toEqual(expect.arrayContaining(['app.status', 'session.lock', 'auth.logout', 'audit.verify', 'holdings.import.open', 'home.cards']));
    await loginAs(app, chief);
    const seq = (await app.ok('audit.query', { pageSize: 1 })).rows[0]!.seq;
    for (const name of emptyChannels) {
      for (const [label, payload] of hostile()) {
        const r = await app.send(name, payload);
        expect(r, `${name} ${label}`).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      }
    }
    // Nothing ran: still logged in and unlocked, and the log holds only the reads of this test.
    expect(await app.ok('session.current')).toMatchObject({ loginId: chief.loginId, locked: false });
    const since = (await app.ok('audit.query', { pageSize: 50 })).rows.filter((r) => r.seq > seq);
    expect(since.map((r) => r.action)).toEqual(['audit.view']);
    for (const payload of [{}, undefined, null]) expect((await app.send('session.current', payload)).ok).toBe(true);
  });

  it('are refused where an object with fields is expected: a Date or Map carrying the fields does not log in', async () => {
    const date = Object.assign(new Date(), { loginId: chief.loginId, password: chief.password });
    const map = Object.assign(new Map(), { loginId: chief.loginId, password: chief.password });
    for (const payload of [date, map, Object.assign(Object.create(null) as object, { loginId: chief.loginId, password: chief.password })]) {
      expect(await app.send('auth.login', payload)).toEqual({ ok: false, code: 'INVALID_INPUT', messageKey: 'errors.INVALID_INPUT', issues: [{ path: [], messageKey: 'validation.invalidType' }] });
    }
    expect(await app.ok('session.current')).toBeNull();
    await loginAs(app, people.clerk);
    const nested = { ...holdingInput(d.citizens), useUntil: new Date('2030-01-01') };
    expect(await app.send('holdings.create', nested)).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['useUntil'], messageKey: 'validation.invalidType' }] });
    expect(await holdingCount()).toBe(0);
  });
});

describe('a login ID or password of the wrong type', () => {
  it('says the input is not text, not 「入力してください」, and counts no attempt', async () => {
    for (const wrong of [12345, { text: 'sato' }, ['sato'], true]) {
      expect(await app.send('auth.login', { loginId: wrong, password: chief.password }), JSON.stringify(wrong)).toMatchObject({ issues: [{ path: ['loginId'], messageKey: 'validation.invalidType' }] });
      expect(await app.send('auth.login', { loginId: chief.loginId, password: wrong }), JSON.stringify(wrong)).toMatchObject({ issues: [{ path: ['password'], messageKey: 'validation.invalidType' }] });
    }
    expect(await app.send('auth.login', { loginId: chief.loginId })).toMatchObject({ issues: [{ path: ['password'], messageKey: 'validation.required' }] });
    expect(await app.send('auth.login', { loginId: chief.loginId, password: '' })).toMatchObject({ issues: [{ path: ['password'], messageKey: 'validation.required' }] });
    // One real wrong password, to show what a counted attempt leaves: only it is in the log.
    expect(await app.send('auth.login', { loginId: chief.loginId, password: 'wrong-password-1' })).toMatchObject({ code: 'WRONG_PASSWORD' });
    await loginAs(app, chief);
    expect((await app.ok('audit.query', { pageSize: 50 })).rows.filter((r) => r.action.startsWith('auth.login.')).map((r) => r.action)).toEqual(['auth.login.failed']);
    expect((await app.send('auth.reauthenticate', { password: 42 })) as Failure).toMatchObject({ issues: [{ path: ['password'], messageKey: 'validation.invalidType' }] });
  });
});

describe('bidi controls', () => {
  it('are refused in stored text, search, login IDs and file names, and nothing is written', async () => {
    await loginAs(app, people.clerk);
    const issue = (r: unknown) => (r as Failure).issues;
    expect(issue(await app.send('holdings.create', holdingInput(d.citizens, { name: `請求書${rlo}fdp.exe` })))).toEqual([{ path: ['name'], messageKey: 'validation.bidiControl' }]);
    expect(issue(await app.send('holdings.create', holdingInput(d.citizens, { handlers: ['田中\u2067花子'] })))).toEqual([{ path: ['handlers', 0], messageKey: 'validation.bidiControl' }]);
    expect(issue(await app.send('holdings.list', { text: `住民${rlo}` }))).toEqual([{ path: ['text'], messageKey: 'validation.bidiControl' }]);
    expect(await holdingCount()).toBe(0);

    // The file a user picks: its name reaches the access log and the saved-to notice.
    await app.ok('holdings.create', holdingInput(d.citizens));
    await reauth(app, people.clerk.password);
    app.saveAnswer.path = path.join(app.outDir, `台帳${rlo}vsc.exe.csv`);
    expect(issue(await app.send('holdings.exportCsv', { filters: {} }))).toEqual([{ path: ['file'], messageKey: 'validation.bidiControl' }]);
    expect(existsSync(app.saveAnswer.path)).toBe(false);
    const picked = path.join(app.outDir, `取込${rlo}vsc.csv`);
    writeFileSync(picked, '名称,部署名\r\n台帳,市民課\r\n');
    app.openAnswer.path = picked;
    expect(issue(await app.fail('holdings.import.open'))).toEqual([{ path: ['file'], messageKey: 'validation.bidiControl' }]);

    await app.ok('auth.logout');
    expect(issue(await app.send('auth.login', { loginId: `sato${rlo}`, password: chief.password }))).toEqual([{ path: ['loginId'], messageKey: 'validation.bidiControl' }]);
    await loginAs(app, chief);
    expect(issue(await app.send('departments.create', { name: `総務${rlo}課` }))).toEqual([{ path: ['name'], messageKey: 'validation.bidiControl' }]);
    const events = (await app.ok('audit.query', { pageSize: 50 })).rows;
    expect(events.filter((r) => r.action === 'holdings.export' || r.action === 'holdings.import')).toEqual([]);
    expect(JSON.stringify(events)).not.toContain(rlo);
  });
});

/** What a call answers, as the renderer receives it. */
type Probe = (id: number) => Promise<unknown>;

describe('another 課等’s ids and 管理番号 answer as nonexistent ones', () => {
  it('gives a 市民課 clerk and manager, walking ids 1..N, the very failure of an id that does not exist', async () => {
    await loginAs(app, people.otherClerk);
    const taxIds: number[] = [];
    for (let i = 1; i <= 3; i++) taxIds.push((await app.ok('holdings.create', holdingInput(d.tax, { ledgerNo: `T-000${i}`, name: `税務課の台帳${i}` }))).id);
    await app.ok('holdings.usage.add', { holdingId: taxIds[0]!, kind: 'use', usedOn: '2026-11-20', personName: '加藤', purpose: '照会' });
    await loginAs(app, people.clerk);
    const ownId = (await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'C-0001' }))).id;
    const missing = Math.max(ownId, ...taxIds) + 1;

    const clerkProbes: Record<string, Probe> = {
      get: (id) => app.send('holdings.get', { holdingId: id }),
      update: (id) => app.send('holdings.update', { holdingId: id, version: 1, fields: holdingInput(d.citizens, { ledgerNo: 'C-0009' }) }),
      requestVerification: (id) => app.send('holdings.requestVerification', { holdingId: id, verifierUserId: 1 }),
      verifierCandidates: (id) => app.send('holdings.verifierCandidates', { holdingId: id }),
      markReviewed: (id) => app.send('holdings.markReviewed', { holdingId: id }),
      usageAdd: (id) => app.send('holdings.usage.add', { holdingId: id, kind: 'use', usedOn: '2026-11-20', personName: '田中', purpose: '閲覧' }),
      usageList: (id) => app.send('holdings.usage.list', { holdingId: id }),
      printSheet: (id) => app.send('holdings.printSheet', { holdingId: id, target: 'printer' }),
      draft: (id) => app.send('drafts.keep', { formId: 'holdings.edit', recordId: id, recordVersion: 1, values: { name: '書き換え' } }),
    };
    const managerProbes: Record<string, Probe> = {
      verify: (id) => app.send('holdings.verify', { holdingId: id, version: 1 }),
      decideCategory: (id) => app.send('holdings.decideCategory', { holdingId: id, category: 'B', reason: '確認' }),
      retire: (id) => app.send('holdings.retire', { holdingId: id, reason: '終了' }),
    };
    const walk = async (probes: Record<string, Probe>) => {
      for (const [name, probe] of Object.entries(probes)) {
        const nonexistent = await probe(missing);
        expect(nonexistent, name).toEqual({ ok: false, code: 'NOT_FOUND', messageKey: 'errors.NOT_FOUND' });
        for (const id of taxIds) expect(await probe(id), `${name} ${id}`).toEqual(nonexistent);
      }
    };
    await walk(clerkProbes);
    await loginAs(app, people.manager);
    await walk(managerProbes);

    // Nothing of 税務課 changed, and its usage entry is still one.
    await loginAs(app, people.otherClerk);
    for (const id of taxIds) expect((await app.ok('holdings.get', { holdingId: id })).holding).toMatchObject({ status: 'draft', version: 1 });
    expect((await app.ok('holdings.get', { holdingId: taxIds[0]! })).usageTotal).toBe(1);
  });

  it('refuses a 管理番号 held by another 課等 exactly as one held by the clerk’s own, naming neither', async () => {
    await loginAs(app, people.otherClerk);
    await app.ok('holdings.create', holdingInput(d.tax, { ledgerNo: 'T-0001', name: '固定資産課税台帳' }));
    await loginAs(app, people.clerk);
    const own = await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'C-0001' }));
    const second = await app.ok('holdings.create', holdingInput(d.citizens, { ledgerNo: 'C-0002' }));
    const create = (ledgerNo: string) => app.send('holdings.create', holdingInput(d.citizens, { ledgerNo }));
    const renumber = (ledgerNo: string) => app.send('holdings.update', { holdingId: second.id, version: 1, fields: holdingInput(d.citizens, { ledgerNo }) });
    const taken = { ok: false, code: 'INVALID_INPUT', messageKey: 'errors.INVALID_INPUT', issues: [{ path: ['ledgerNo'], messageKey: 'validation.ledgerNoTaken' }] };
    expect(await create('T-0001')).toEqual(taken);
    expect(await create(own.ledgerNo)).toEqual(taken);
    expect(await renumber('T-0001')).toEqual(await renumber(own.ledgerNo));
    expect(JSON.stringify(await create('T-0001'))).not.toMatch(/税務|固定資産|T-0001/);
    expect((await app.ok('holdings.list', {})).total).toBe(2);
  });

  it('describes an account of another 課等 to a clerk as an id that does not exist', async () => {
    await loginAs(app, chief);
    await createUser(app, { loginId: 'taxofficer', displayName: '税務 担当', role: 'officer', password: 'Initial-2026-t', departmentId: d.tax });
    await createUser(app, { loginId: 'taxgone', displayName: '税務 退職', role: 'officer', password: 'Initial-2026-g', departmentId: d.tax });
    const users = await app.ok('users.list', { includeInactive: true });
    const taxUserIds = users.filter((u) => u.departmentId === d.tax).map((u) => u.id);
    await reauth(app, chief.password);
    await app.ok('users.deactivate', { userId: users.find((u) => u.loginId === 'taxgone')!.id, reason: '退職' });
    await loginAs(app, people.clerk);
    const draft = await app.ok('holdings.create', holdingInput(d.citizens));
    const ask = (verifierUserId: number) => app.send('holdings.requestVerification', { holdingId: draft.id, verifierUserId });
    const nonexistent = await ask(Math.max(...users.map((u) => u.id)) + 1);
    expect(nonexistent).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['verifierUserId'], messageKey: 'validation.verifierUnknown' }] });
    expect(taxUserIds.length).toBe(3);
    for (const id of taxUserIds) expect(await ask(id), String(id)).toEqual(nonexistent);
    expect((await app.ok('holdings.get', { holdingId: draft.id })).verificationRequest).toBeNull();
    // A manager filtering the access log by an account of another 課等 finds what a gap finds.
    await loginAs(app, people.manager);
    const byActor = (actorUserId: number) => app.send('audit.query', { actorUserId, pageSize: 20 });
    const gap = await byActor(Math.max(...users.map((u) => u.id)) + 1);
    for (const id of taxUserIds) expect(await byActor(id), String(id)).toEqual(gap);
  });
});
