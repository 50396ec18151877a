import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { chief, createUser, firstLogin, type TestApp } from './support/backend';
import { editBehindTheApp } from './support/behindTheApp';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';
import { openMediaCsv } from './support/mediaOutput';

/**
 * 管理番号 numbering and label sheets (issue #10 item 2) attacked: creates racing for the next
 * number, numbers that differ only by case or width, a rule's prefix typed in lower case, a rule
 * changed behind the app, labels of retired media, too many ids, start positions off the sheet,
 * and markup in a number, a 課等's name or a model. Real SQLCipher through the router.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const medium = (overrides: Partial<ChannelInput<'media.create'>> = {}) => mediumInput(departments.citizens, { mediaNo: '', makeModel: 'USB', registeredAt: null, ...overrides });

async function mediaNos(): Promise<string[]> {
  await loginAs(app, chief);
  return (await app.ok('media.list', { pageSize: 200 })).rows.map((m) => m.mediaNo).sort();
}

describe('管理番号 under attack', () => {
  it('gives creates sent together without awaiting each its own number, a hand-typed one among them', async () => {
    await loginAs(app, people.manager);
    await app.ok('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: 'SOM-USB-', digits: 3 });
    await loginAs(app, people.officer);
    const created = await Promise.all([
      app.ok('media.create', medium()),
      app.ok('media.create', medium({ mediaNo: 'SOM-USB-002' })),
      app.ok('media.create', medium()),
      app.ok('media.create', medium()),
    ]);
    expect(created.map((m) => m.mediaNo).sort()).toEqual(['SOM-USB-001', 'SOM-USB-002', 'SOM-USB-003', 'SOM-USB-004']);
  });

  it('refuses a 管理番号 that differs from a registered one only by case or width (a reader’s Caps Lock scans one label as the other); nothing changes', async () => {
    await loginAs(app, people.officer);
    await app.ok('media.create', medium({ mediaNo: 'SOM-USB-001' }));
    const other = await app.ok('media.create', medium({ mediaNo: 'SOM-USB-009' }));
    for (const typed of ['som-usb-001', 'Som-Usb-001', 'ｓｏｍ－ｕｓｂ－００１']) {
      const refused = await app.fail('media.create', medium({ mediaNo: typed }));
      expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['mediaNo'], messageKey: 'validation.mediaNoTaken' }] });
    }
    const renamed = await app.fail('media.update', { mediumId: other.id, version: 1, fields: { ...medium(), mediaNo: 'sOM-usb-001' } });
    expect(renamed).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['mediaNo'], messageKey: 'validation.mediaNoTaken' }] });
    // Its own number in another case is its own: a correction of the case is allowed.
    await loginAs(app, people.officer);
    expect((await app.ok('media.update', { mediumId: other.id, version: 1, fields: { ...medium(), mediaNo: 'som-usb-009' } })).mediaNo).toBe('som-usb-009');
    expect(await mediaNos()).toEqual(['SOM-USB-001', 'som-usb-009']);
  });

  it('names, at the import’s check, a number registered in another case; nothing is imported', async () => {
    await loginAs(app, people.officer);
    await app.ok('media.create', medium({ mediaNo: 'USB-9' }));
    const opened = await openMediaCsv(app, 'cases.csv', ['媒体番号,種類,暗号化,課名', 'USB-1,USBメモリ,有,市民課', 'usb-9,USBメモリ,有,市民課']);
    const check = await app.ok('media.import.check', { importId: opened.importId, mapping: opened.suggestedMapping });
    expect(check.errors).toEqual([{ row: 3, column: '媒体番号', field: 'mediaNo', messageKey: 'validation.alreadyRegistered', params: { ledgerNo: 'usb-9' } }]);
    expect((await app.fail('media.import.commit', { importId: opened.importId, mapping: opened.suggestedMapping })).messageKey).toBe('errors.importHasErrors');
    expect(await mediaNos()).toEqual(['USB-9']);
  });

  it('refuses a tab or line break inside a 管理番号 (two spreadsheet cells pasted as one); nothing changes', async () => {
    await loginAs(app, people.officer);
    for (const typed of ['SOM-USB\t001', 'SOM-USB\n001', 'SOM-USB\u2028001']) {
      const refused = await app.fail('media.create', medium({ mediaNo: typed }));
      expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['mediaNo'], messageKey: 'validation.controlChars' }] });
    }
    expect(await mediaNos()).toEqual([]);
  });

  it('numbers past a hand-typed number in another case, and keeps a rule’s prefix in capitals so its numbers read back unchanged', async () => {
    await loginAs(app, people.officer);
    await app.ok('media.create', medium({ mediaNo: 'r8-0001' }));
    await loginAs(app, people.manager);
    // 「r8-」 would number r8-0002, which the 管理番号 field (and a scan) reads as the 年度-連番 R8-0002:
    // saving the medium unchanged would rename it, and a scan would not find it.
    const rule = await app.ok('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: 'r8-', digits: 4 });
    expect(rule).toMatchObject({ prefix: 'R8-', upcoming: 'R8-0002' });
    await loginAs(app, people.officer);
    const numbered = await app.ok('media.create', medium());
    expect(numbered.mediaNo).toBe('R8-0002');
    const saved = await app.ok('media.update', { mediumId: numbered.id, version: 1, fields: { ...medium(), mediaNo: numbered.mediaNo } });
    expect(saved).toMatchObject({ mediaNo: 'R8-0002', version: 1 });

    await loginAs(app, people.manager);
    await app.ok('media.numbering.set', { departmentId: departments.citizens, type: 'sd', prefix: 'som-sd-', digits: 2 });
    await loginAs(app, people.officer);
    await app.ok('media.create', medium({ type: 'sd', mediaNo: 'SOM-SD-01' }));
    expect((await app.ok('media.create', medium({ type: 'sd' }))).mediaNo).toBe('SOM-SD-02');
  });

  it('passes over a serial that reads as a 個人番号, which the 管理番号 field would refuse on every later edit', async () => {
    await loginAs(app, people.manager);
    await app.ok('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: '2026', digits: 8 });
    await loginAs(app, people.officer);
    const created = [];
    for (let i = 0; i < 6; i++) created.push(await app.ok('media.create', medium()));
    // 202600000006 passes the 個人番号 check digit: never issued, the counter moves past it.
    expect(created.map((m) => m.mediaNo).at(-1)).toBe('202600000007');
    for (const m of created) await app.ok('media.update', { mediumId: m.id, version: 1, fields: { ...medium(), mediaNo: m.mediaNo } });
    expect(await app.ok('media.numbering.next', { departmentId: departments.citizens, type: 'usb' })).toEqual({ mediaNo: '202600000008' });

    // A prefix that is itself a 個人番号 is refused, and the rule stays as it was.
    await loginAs(app, people.manager);
    const refused = await app.fail('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: '123456789018-', digits: 3 });
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['prefix'], messageKey: 'validation.myNumber' }] });
    expect((await app.ok('media.numbering.list', {})).map((r) => r.prefix)).toEqual(['2026']);
  });

  it('runs a serial past its digits without repeating, and never repeats a number after a prefix is changed behind the app', async () => {
    await loginAs(app, people.manager);
    await app.ok('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: 'A-', digits: 1 });
    await loginAs(app, people.officer);
    for (let i = 0; i < 10; i++) await app.ok('media.create', medium());
    // An insider with the key points the rule at numbers already in use: they are passed over.
    await editBehindTheApp(app, (db) => db.prepare("UPDATE media_numbering_rules SET prefix = 'A-1', digits = 1").run());
    await loginAs(app, people.officer);
    expect((await app.ok('media.create', medium())).mediaNo).toBe('A-11');
    const numbers = await mediaNos();
    expect(numbers).toHaveLength(11);
    expect(new Set(numbers).size).toBe(11);
    expect(numbers).toContain('A-10');
  });
});

describe('label sheets under attack', () => {
  it('refuses labels of a retired medium (a new sticker would put its number on a live one); nothing is printed or logged', async () => {
    await loginAs(app, people.officer);
    const live = await app.ok('media.create', medium({ mediaNo: 'SOM-1' }));
    const old = await app.ok('media.create', medium({ mediaNo: 'SOM-2' }));
    await loginAs(app, people.manager);
    await app.ok('media.retire', { mediumId: old.id, version: 1, reason: '故障のため' });
    await loginAs(app, people.officer);
    for (const [channel, extra] of [['media.printLabels', { layout: '12' }], ['media.printSpineLabels', {}]] as const) {
      const refused = await app.fail(channel, { mediumIds: [live.id, old.id], startPosition: 1, target: 'pdf', ...extra } as ChannelInput<'media.printLabels'>);
      expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['mediumIds'], messageKey: 'validation.labelOfClosedMedium', params: { mediaNo: 'SOM-2' } }] });
    }
    expect(app.printed).toHaveLength(0);
    await loginAs(app, chief);
    expect((await app.ok('audit.query', { pageSize: 100 })).rows.filter((e) => e.action.startsWith('media.print'))).toHaveLength(0);
  });

  it('keeps another 課等’s numbers out of the access log of the printer’s own 課等: one 課等 per print, the event of the media’s 課等', async () => {
    await loginAs(app, chief);
    const chiefs = (await app.ok('session.current'))!.departmentId!;
    await createUser(app, { loginId: 'kitamura', displayName: '北村 課長', role: 'manager', password: 'Initial-2026-z', departmentId: chiefs });
    const own = await app.ok('media.create', medium({ mediaNo: 'SOM-1' }));
    const tax = await app.ok('media.create', medium({ mediaNo: 'ZEI-HIMITSU-1', departmentId: departments.tax }));
    const tax2 = await app.ok('media.create', medium({ mediaNo: 'ZEI-HIMITSU-2', departmentId: departments.tax }));
    const mixed = await app.fail('media.printLabels', { mediumIds: [own.id, tax.id], layout: '12', startPosition: 1, target: 'pdf' });
    expect(mixed).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['mediumIds'], messageKey: 'validation.labelsOneDepartment' }] });
    expect(app.printed).toHaveLength(0);
    await app.ok('media.printLabels', { mediumIds: [tax.id, tax2.id], layout: '12', startPosition: 1, target: 'pdf' });
    // The manager of the chief's own 課等 reads the chief's events, but not the 税務課 numbers printed.
    await app.ok('auth.logout');
    await firstLogin(app, 'kitamura', 'Initial-2026-z', 'Kita-2026-pw-qz');
    const seen = JSON.stringify((await app.ok('audit.query', { pageSize: 100 })).rows);
    expect(seen).not.toContain('ZEI-HIMITSU');
    // 市民課's manager reads the print of 市民課's media, named by number.
    await loginAs(app, chief);
    await app.ok('media.printLabels', { mediumIds: [own.id], layout: '24', startPosition: 3, target: 'pdf' });
    await loginAs(app, people.manager);
    const events = (await app.ok('audit.query', { pageSize: 100 })).rows.filter((e) => e.action === 'media.printLabels');
    expect(events.map((e) => e.detail)).toEqual([expect.objectContaining({ mediaNos: ['SOM-1'], layout: '24', startPosition: 3 })]);
  });

  it('refuses more ids than ten sheets, start positions off the sheet or not whole, before anything is printed', async () => {
    await loginAs(app, people.officer);
    const { id } = await app.ok('media.create', medium({ mediaNo: 'SOM-1' }));
    const tooMany = await app.fail('media.printLabels', { mediumIds: Array.from({ length: 241 }, () => id), layout: '24', startPosition: 1, target: 'pdf' });
    expect(tooMany.issues?.[0]).toMatchObject({ path: ['mediumIds'], messageKey: 'validation.tooLarge' });
    for (const startPosition of [0, -1, 25, 1.5]) {
      const refused = await app.fail('media.printLabels', { mediumIds: [id], layout: '24', startPosition, target: 'pdf' });
      expect(refused.issues?.[0]?.path).toEqual(['startPosition']);
    }
    expect((await app.fail('media.printSpineLabels', { mediumIds: [id], startPosition: 7, target: 'pdf' })).issues?.[0]?.path).toEqual(['startPosition']);
    expect(app.printed).toHaveLength(0);
    // 240 labels (ten 24面 sheets, the same medium repeated) are one print.
    await app.ok('media.printLabels', { mediumIds: Array.from({ length: 240 }, () => id), layout: '24', startPosition: 1, target: 'pdf' });
    expect(app.printed.at(-1)!.html.match(/class="cell label"/g)).toHaveLength(240);
  });

  it('prints markup in a number, a 課等 name or a model as text, never as markup', async () => {
    await loginAs(app, chief);
    const dept = (await app.ok('departments.create', { name: '<script>alert(1)</script>課' })).id;
    const paper = await app.ok('media.create', medium({ departmentId: dept, type: 'paper', mediaNo: '<img src=x onerror=alert(1)>', makeModel: '</div><svg onload=alert(2)>' }));
    await app.ok('media.printLabels', { mediumIds: [paper.id], layout: '12', startPosition: 1, target: 'pdf' });
    await app.ok('media.printSpineLabels', { mediumIds: [paper.id], startPosition: 1, target: 'pdf' });
    for (const { html } of app.printed) {
      expect(html).not.toMatch(/<script|<img|<svg onload|<\/div><svg/);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;課');
    }
  });
});
