import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { disposalFieldsSchema } from '../../db/contract/disposal';
import { toFieldIssues } from '../../db/core/fieldIssues';
import { hasJapaneseLabel } from '../../db/print/labels';
import { en, ja } from '../../renderer/i18n';
import { chief, makeTestApp, reauth, removeTestDir, type TestApp } from './support/backend';
import { lines, makeTaxManager, taxManager } from './support/auditWords';
import { exportTo, mediumDir, passphrase } from './support/backup';
import { approvedDisposal, disposalCast, disposalInput, type DisposalCast } from './support/disposal';
import { holdingInput, ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';

/**
 * Adversarial (X4): where an approved 廃棄・消去記録 meets the rest of the app (issue #11;
 * MIC §13): the media register and the holdings ledger after disposal, the backup that carries
 * the certificate key, the access log's words and scope (MIC §9), and the form's own refusal key.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const leaf = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], tree);

/** 市民課's USB in キャビネットA (a backup medium), a holding linked to it, both disposed by R8-0001. */
async function disposedMediumAndHolding(): Promise<{ c: DisposalCast; usb: number; place: number; holding: number; approved: Awaited<ReturnType<typeof approvedDisposal>> }> {
  const c = await disposalCast(app, departments);
  await loginAs(app, people.officer);
  // Beside this terminal: a backup medium kept there is what 分散保管 warns of (MIC §29).
  const place = (await app.ok('media.storageLocations.create', { name: 'キャビネットA', departmentId: departments.citizens, besideTerminal: true })).id;
  const usb = (await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-001', storageLocationId: place, isBackupMedium: true }))).id;
  await loginAs(app, people.clerk);
  const holding = (await app.ok('holdings.create', holdingInput(departments.citizens))).id;
  const targets = [{ kind: 'medium' as const, id: usb }, { kind: 'holding' as const, id: holding }];
  const approved = await approvedDisposal(app, c, disposalInput(departments.citizens, { targets }));
  return { c, usb, place, holding, approved };
}

describe("the form's own refusal key reaches the screen", () => {
  it('passes disposal.errors.noTargets through, and never a made-up area key', () => {
    const parsed = disposalFieldsSchema.safeParse({ ...disposalInput(1, { operatorId: 2 }), targets: [] });
    expect(parsed.success).toBe(false);
    const issues = toFieldIssues(parsed.error!.issues);
    expect(issues.find((i) => i.path[0] === 'targets')?.messageKey).toBe('disposal.errors.noTargets');
    expect(hasJapaneseLabel('disposal.errors.noTargets')).toBe(true);
    // A key the locale lacks (a typo, an insider's schema text) is not passed on raw.
    const typo = toFieldIssues([{ code: 'too_small', origin: 'array', minimum: 1, inclusive: true, path: ['targets'], message: 'disposal.errors.noTargetz', input: [] }]);
    expect(typo[0]!.messageKey).toBe('validation.tooSmall');
    const stray = toFieldIssues([{ code: 'custom', path: ['x'], message: 'constructor.errors.x', input: 1 }]);
    expect(stray[0]!.messageKey).toBe('validation.invalidType');
  });
});

describe("the form's target pickers", () => {
  it('find a medium and a holding by a 管理番号 typed in full width, with an IME dash or in lower case', async () => {
    await disposalCast(app, departments);
    await loginAs(app, people.officer);
    const usb = (await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-001' }))).id;
    await loginAs(app, people.clerk);
    const holding = (await app.ok('holdings.create', holdingInput(departments.citizens, { ledgerNo: 'R8-0301', name: 'データ連携台帳' }))).id;
    const find = async (kind: 'medium' | 'holding', text: string) => (await app.ok('disposal.targetCandidates', { departmentId: departments.citizens, kind, text })).map((c) => c.id);
    for (const typed of ['USB-001', 'ＵＳＢ－００１', 'usb-001', 'USBー001', 'ｕｓｂ‐００１']) expect(await find('medium', typed), typed).toEqual([usb]);
    for (const typed of ['R8-0301', 'Ｒ８－０３０１', 'r8ー0301', 'データ', 'ﾃﾞｰﾀ']) expect(await find('holding', typed), typed).toEqual([holding]);
  });
});

describe('the media register after disposal', () => {
  it('shows 廃棄済 with its dispose step, and refuses take-out, edit, link, label and inventory as seen', async () => {
    const { usb, place, holding } = await disposedMediumAndHolding();
    await loginAs(app, people.officer);
    const got = await app.ok('media.get', { mediumId: usb });
    expect(got.medium.status).toBe('disposed');
    expect(got.history[0]).toMatchObject({ action: 'dispose', note: 'R8-0001' });
    expect(leaf(ja, 'mediaStatus.disposed')).toBe('廃棄済');
    const listed = await app.ok('media.list', { status: 'disposed' } as never);
    expect(listed.rows.map((r: { id: number }) => r.id)).toEqual([usb]);

    const version = got.medium.version;
    const update = await app.fail('media.update', { mediumId: usb, version, fields: mediumInput(departments.citizens, { mediaNo: 'USB-001', remarks: '再利用' }) } as never);
    expect(update.messageKey).toBe('errors.mediumClosed');
    const link = await app.fail('media.linkHolding', { mediumId: usb, holdingId: holding, version });
    expect(link.issues?.[0]?.messageKey ?? link.messageKey).toBe('errors.mediumClosed');
    await loginAs(app, people.clerk);
    const take = await app.fail('media.takeout.request', { mediumId: usb, purpose: '説明会', destination: '県庁', contentsSummary: '資料', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack: '2026-11-30' });
    expect(take.issues?.[0]?.messageKey ?? take.messageKey).toBe('errors.takeoutMediumNotInStorage');

    await loginAs(app, people.officer);
    const session = await app.ok('media.inventory.start', { locationId: place });
    const scan = await app.ok('media.inventory.scan', { inventoryId: session.id, code: 'ＵＳＢ－００１' });
    expect(scan.scan).toMatchObject({ mediumId: usb, mediumStatus: 'disposed' });
    expect(scan.scan.result).not.toBe('seen');
    expect(scan.counts).toMatchObject({ seen: 0 });
    expect((await app.ok('media.get', { mediumId: usb })).medium.version).toBe(version);
  });

  it('exports 廃棄済 in the register CSV, and the home cards no longer count it', async () => {
    const { usb } = await disposedMediumAndHolding();
    await loginAs(app, chief);
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(app.outDir, 'register.csv');
    await app.ok('media.exportCsv', { filters: {} });
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    expect(csv.split(/\r?\n/).find((l) => l.startsWith('USB-001,'))).toContain('廃棄済');
    await loginAs(app, people.officer);
    const count = async (id: string) => (await app.ok('home.cards', {})).cards.find((x) => x.id === id)?.count ?? 0;
    for (const id of ['media.unseen', 'media.missing', 'media.backupBesideTerminal']) expect(await count(id), id).toBe(0);
    // The card still counts a live backup medium in the same place: only the disposed one left it.
    const place = (await app.ok('media.get', { mediumId: usb })).medium.storageLocationId;
    await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-002', storageLocationId: place, isBackupMedium: true }));
    expect(await count('media.backupBesideTerminal')).toBe(1);
  });
});

describe('a race through the router', () => {
  it('an approval and a take-out request of the same medium sent together: one wins, the other is refused in words', async () => {
    const c = await disposalCast(app, departments);
    await loginAs(app, people.officer);
    const usb = (await app.ok('media.create', mediumInput(departments.citizens, { mediaNo: 'USB-009' }))).id;
    await loginAs(app, people.clerk);
    const draft = await app.ok('disposal.create', disposalInput(departments.citizens, { operatorId: c.officer, witnessIds: [c.otherClerk], targets: [{ kind: 'medium', id: usb }] }));
    const asked = await app.ok('disposal.request', { disposalId: draft.id, version: draft.version });
    await loginAs(app, people.manager);
    await app.ok('auth.reauthenticate', { password: people.manager.password });
    const takeout = { mediumId: usb, purpose: '説明会', destination: '県庁', contentsSummary: '資料', safeguards: { encryption: true, password: true, lockedCase: false, sealed: false }, dueBack: '2026-11-30' };
    const [approved, taken] = await Promise.all([app.call('disposal.approve', { disposalId: asked.id, version: asked.version }), app.call('media.takeout.request', takeout)]);
    expect([approved.ok, taken.ok].filter(Boolean)).toHaveLength(1);
    const refused = approved.ok ? taken : approved;
    if (refused.ok) throw new Error('both went through');
    const key = refused.issues?.[0]?.messageKey ?? refused.messageKey;
    expect(hasJapaneseLabel(key), key).toBe(true);
    const m = (await app.ok('media.get', { mediumId: usb })).medium;
    const open = (await app.ok('media.takeout.list', { mediumId: usb } as never)).rows.filter((t: { status: string }) => ['requested', 'approved', 'out'].includes(t.status));
    // Never a disposed medium with a take-out under way.
    expect(m.status === 'disposed' && open.length > 0).toBe(false);
  });
});

describe('the holdings ledger after disposal', () => {
  it('is disposed; its usage log, edit and 照合 refuse in Japanese; nothing is due of it', async () => {
    const { holding } = await disposedMediumAndHolding();
    await loginAs(app, people.clerk);
    const got = await app.ok('holdings.get', { holdingId: holding });
    expect(got.holding.status).toBe('disposed');
    expect(got.history[0]).toMatchObject({ action: 'dispose' });
    const usage = await app.fail('holdings.usage.add', { holdingId: holding, kind: 'use', usedOn: '2026-11-25', personName: '田中', purpose: '照会', count: 1, note: '' } as never);
    const key = usage.issues?.[0]?.messageKey ?? usage.messageKey;
    expect(hasJapaneseLabel(key), key).toBe(true);
    expect(key).not.toBe('errors.INVALID_INPUT');
    const cards = (await app.ok('home.cards', {})).cards;
    expect(cards.find((x) => x.id === 'holdings.authoredByMe')?.count ?? 0).toBe(0);
  });

  it('a 照合 asked of the officer is no longer due once the holding is disposed', async () => {
    const c = await disposalCast(app, departments);
    await loginAs(app, people.clerk);
    const holding = (await app.ok('holdings.create', holdingInput(departments.citizens))).id;
    await app.ok('holdings.requestVerification', { holdingId: holding, verifierUserId: c.officer });
    await loginAs(app, people.officer);
    const due = async () => (await app.ok('home.cards', {})).cards.find((x) => x.id === 'holdings.requestedOfMe')?.count ?? 0;
    expect(await due()).toBe(1);
    await approvedDisposal(app, c, disposalInput(departments.citizens, { targets: [{ kind: 'holding', id: holding }] }));
    await loginAs(app, people.officer);
    expect(await due()).toBe(0);
    const refused = await app.fail('holdings.verify', { holdingId: holding, version: (await app.ok('holdings.get', { holdingId: holding })).holding.version } as never);
    expect(hasJapaneseLabel(refused.issues?.[0]?.messageKey ?? refused.messageKey)).toBe(true);
  });
});

describe('a backup restored into a new data folder', () => {
  it('still checks the certificate code as valid (the key travels in the backup)', async () => {
    const { approved } = await disposedMediumAndHolding();
    const medium = mediumDir();
    const other = makeTestApp();
    try {
      await loginAs(app, chief);
      const { file } = await exportTo(app, medium);
      other.openAnswer.path = file;
      const preview = await other.ok('setup.restore.open', { passphrase });
      await other.ok('setup.restore.commit', { restoreId: preview.restoreId });
      await other.ok('auth.login', { loginId: chief.loginId, password: chief.password });
      const check = await other.ok('disposal.verifyCode', { code: approved.verificationCode! });
      expect(check).toMatchObject({ outcome: 'valid', certificateNo: 'R8-0001', hidden: false });
      expect((await other.ok('audit.verify')).ok).toBe(true);
    } finally {
      other.close();
      removeTestDir(other.dir);
      removeTestDir(medium);
    }
  });
});

describe('the access log', () => {
  it('says every disposal action in ja and en words, in the CSV too, and tells 税務課 none of it', async () => {
    const { approved } = await disposedMediumAndHolding();
    await loginAs(app, people.clerk);
    await app.ok('disposal.verifyCode', { code: approved.verificationCode! });
    await loginAs(app, chief);
    const { rows } = await app.ok('audit.query', { pageSize: 200 });
    const ours = rows.filter((e) => /^(disposal\.|media\.dispose|holdings\.dispose)/.test(e.action));
    expect(new Set(ours.map((e) => e.action))).toEqual(new Set(['disposal.create', 'disposal.request', 'disposal.approve', 'media.dispose', 'holdings.dispose', 'disposal.verifyCode', 'disposal.view', 'disposal.list'].filter((a) => ours.some((e) => e.action === a))));
    for (const e of ours) {
      const said = lines(e).join('\n');
      expect(said, e.action).not.toMatch(/auditDetail\.other|[a-z]+\.[a-z]+\.[a-z]+/);
      const key = `auditActions.${e.action.replaceAll('.', '_')}`;
      expect([leaf(ja, key), leaf(en, key)], key).toEqual([expect.any(String), expect.any(String)]);
      // Every word the screen looks up has its English too.
      const keys = JSON.stringify(e.words).match(/"key":"[^"]+"/g) ?? [];
      for (const k of keys.map((x) => x.slice(7, -1))) expect(typeof leaf(en, k), `${e.action} ${k}`).toBe('string');
    }
    // The targets by their numbers, never the stored kinds and ids (「対象: 1、medium、1、holding」).
    expect(lines(ours.find((e) => e.action === 'disposal.create')!)).toContain('対象: USB-001、R8-0001');
    for (const e of ours) expect(lines(e).join('\n'), e.action).not.toMatch(/\b(medium|holding|paper)\b/);
    await reauth(app, chief.password);
    app.saveAnswer.path = path.join(app.outDir, 'audit.csv');
    await app.ok('audit.exportCsv', {} as never);
    const csv = readFileSync(app.saveAnswer.path, 'utf8');
    expect(csv).toContain('R8-0001');
    expect(csv).not.toMatch(/disposal\.[a-zA-Z]+\.[a-zA-Z]+|auditDetail\./);

    await makeTaxManager(app, departments.tax);
    await loginAs(app, taxManager);
    const theirs = JSON.stringify((await app.ok('audit.query', { pageSize: 200 })).rows);
    for (const secret of ['R8-0001', 'USB-001', '住民票', approved.verificationCode!]) expect(theirs, secret).not.toContain(secret);
  });
});
