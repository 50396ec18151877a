import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../db/contract';
import { labelCell, renderLabelSheet } from '../../db/features/media/print/labelSheet';
import { chief, type TestApp } from './support/backend';
import { htmlToPdf, launchChromium, missingPrintTools } from './support/chromium';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { mediumInput } from './support/media';
import { pdfPageInfo, pdfToText } from './support/pdfText';
import { decodeQrInPdf, isBlankInPdf } from './support/qrDecode';

/**
 * 管理番号 numbering rules and label sheets (issue #10 item 2; domain.md §2; seed 004 case 6-2),
 * on real SQLCipher through the router; the sheets printed by Chromium and read back from the
 * PDF (pdftotext for the words, pdftoppm + jsQR for the QR codes).
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

// No 管理番号 and no date: the numbering rule gives the one, the day of saving the other.
const medium = (departmentId: number, overrides: Partial<ChannelInput<'media.create'>> = {}) =>
  mediumInput(departmentId, { mediaNo: '', makeModel: 'バッファロー RUF3-HSL', capacity: '32GB', registeredAt: null, ...overrides });

async function setRule(departmentId: number, type: 'usb' | 'paper' | 'hdd', prefix: string, digits = 3) {
  return app.ok('media.numbering.set', { departmentId, type, prefix, digits });
}

async function mediaCount(): Promise<number> {
  await loginAs(app, chief);
  return (await app.ok('media.list', { pageSize: 200 })).total;
}

describe('管理番号 numbering rules', () => {
  it('numbers an empty 管理番号 by the rule of its 課等 and 種別, never twice, passing over numbers typed by hand', async () => {
    await loginAs(app, people.manager);
    const rule = await setRule(departments.citizens, 'usb', 'SOM-USB-');
    expect(rule).toMatchObject({ prefix: 'SOM-USB-', digits: 3, upcoming: 'SOM-USB-001', departmentName: '市民課' });

    await loginAs(app, people.officer);
    expect(await app.ok('media.numbering.next', { departmentId: departments.citizens, type: 'usb' })).toEqual({ mediaNo: 'SOM-USB-001' });
    const first = await app.ok('media.create', medium(departments.citizens));
    const second = await app.ok('media.create', medium(departments.citizens));
    expect([first.mediaNo, second.mediaNo]).toEqual(['SOM-USB-001', 'SOM-USB-002']);
    // Someone labelled a stick by hand with the number the rule would give next: it is passed over.
    await app.ok('media.create', medium(departments.citizens, { mediaNo: 'SOM-USB-003' }));
    expect(await app.ok('media.numbering.next', { departmentId: departments.citizens, type: 'usb' })).toEqual({ mediaNo: 'SOM-USB-004' });
    expect((await app.ok('media.create', medium(departments.citizens))).mediaNo).toBe('SOM-USB-004');
    // A typed number is kept as typed, whatever the rule.
    expect((await app.ok('media.create', medium(departments.citizens, { mediaNo: '市民-手書き-1' }))).mediaNo).toBe('市民-手書き-1');

    // Each 課等 and 種別 counts apart; a new prefix starts again at 1 (the serial never restarts by itself).
    await loginAs(app, chief);
    await setRule(departments.tax, 'usb', 'ZEI-USB-', 4);
    await setRule(departments.citizens, 'paper', 'SOM-BK-');
    expect((await app.ok('media.create', medium(departments.tax))).mediaNo).toBe('ZEI-USB-0001');
    expect((await app.ok('media.create', medium(departments.citizens, { type: 'paper' }))).mediaNo).toBe('SOM-BK-001');
    const changed = await setRule(departments.citizens, 'usb', 'SOM-R8-USB-', 2);
    expect(changed.upcoming).toBe('SOM-R8-USB-01');
    expect((await app.ok('media.create', medium(departments.citizens))).mediaNo).toBe('SOM-R8-USB-01');

    // The change is in the access log, in the rules screen's words.
    const events = (await app.ok('audit.query', { targetType: 'media_numbering_rule', pageSize: 50 })).rows;
    expect(events.map((e) => e.action)).toEqual(['media.numberingRule.set', 'media.numberingRule.set', 'media.numberingRule.set', 'media.numberingRule.set']);
    expect(events[0]!.detail).toMatchObject({ changes: [{ field: 'prefix', before: 'SOM-USB-', after: 'SOM-R8-USB-' }, { field: 'digits', before: 3, after: 2 }] });
  });

  it('refuses an empty 管理番号 without a rule, and keeps 管理番号 required on edit; nothing changes', async () => {
    await loginAs(app, people.officer);
    const before = await mediaCount();
    await loginAs(app, people.officer);
    const refused = await app.fail('media.create', medium(departments.citizens, { type: 'hdd' }));
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['mediaNo'], messageKey: 'validation.noNumberingRule' }] });
    expect(await app.ok('media.numbering.next', { departmentId: departments.citizens, type: 'hdd' })).toEqual({ mediaNo: null });
    expect(await mediaCount()).toBe(before);

    await loginAs(app, people.officer);
    const typed = await app.ok('media.create', medium(departments.citizens, { mediaNo: 'HDD-9' }));
    const blank = await app.fail('media.update', { mediumId: typed.id, version: 1, fields: { ...medium(departments.citizens), mediaNo: '' } });
    expect(blank).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['fields', 'mediaNo'], messageKey: 'validation.required' }] });
  });

  it('lets a manager set only their own 課等\'s rules, the chief every 課等\'s; readers see their 課等\'s rules', async () => {
    await loginAs(app, people.officer);
    expect((await app.fail('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: 'X-', digits: 3 })).code).toBe('PERMISSION_DENIED');
    await loginAs(app, people.manager);
    const other = await app.fail('media.numbering.set', { departmentId: departments.tax, type: 'usb', prefix: 'X-', digits: 3 });
    expect(other).toMatchObject({ code: 'INVALID_INPUT', issues: [{ messageKey: 'validation.otherDepartment' }] });
    // A barcode reader types ASCII: a prefix in kana or full-width letters is refused.
    const kana = await app.fail('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: 'シミン-', digits: 3 });
    expect(kana).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['prefix'], messageKey: 'validation.numberingPrefixAscii' }] });
    const wide = await app.fail('media.numbering.set', { departmentId: departments.citizens, type: 'usb', prefix: 'SOM', digits: 9 });
    expect(wide.issues?.[0]).toMatchObject({ path: ['digits'], messageKey: 'validation.tooLarge' });
    await setRule(departments.citizens, 'usb', 'SOM-USB-');

    await loginAs(app, chief);
    await setRule(departments.tax, 'usb', 'ZEI-USB-');
    expect((await app.ok('media.numbering.list', {})).map((r) => r.prefix).sort()).toEqual(['SOM-USB-', 'ZEI-USB-']);
    await loginAs(app, people.clerk);
    expect((await app.ok('media.numbering.list', {})).map((r) => r.prefix)).toEqual(['SOM-USB-']);
    // Another 課等's next number is not told (MIC §9).
    await loginAs(app, people.officer);
    expect(await app.ok('media.numbering.next', { departmentId: departments.tax, type: 'usb' })).toEqual({ mediaNo: null });
    await loginAs(app, people.otherClerk);
    expect((await app.ok('media.numbering.list', {})).map((r) => r.prefix)).toEqual(['ZEI-USB-']);
  });
});

const skipPrint = missingPrintTools();

describe.skipIf(skipPrint !== null)('label sheets on paper', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function registered(mediaNos: string[], type: 'usb' | 'paper' = 'usb', departmentId = departments.citizens): Promise<number[]> {
    const ids: number[] = [];
    for (const mediaNo of mediaNos) ids.push((await app.ok('media.create', medium(departmentId, { mediaNo, type, makeModel: type === 'paper' ? '住民票写し交付申請書綴' : 'USB' }))).id);
    return ids;
  }

  it('prints a 12面 sheet from a chosen position: the first cells blank, each number in words and in a QR code that decodes to it', async () => {
    await loginAs(app, people.officer);
    const ids = await registered(['SOM-USB-001', 'SOM-USB-002', '市民-手書き-1']);
    const saved = await app.ok('media.printLabels', { mediumIds: ids, layout: '12', startPosition: 5, target: 'pdf' });
    expect(saved.savedTo).toBe(app.saveAnswer.path);
    const pdf = await htmlToPdf(browser, app.printed.at(-1)!.html);
    expect(pdfPageInfo(pdf)).toMatchObject({ pages: 1, widthPt: 595, heightPt: 842 });
    const text = pdfToText(pdf);
    for (const no of ['SOM-USB-001', 'SOM-USB-002', '市民-手書き-1', '市民課', 'USBメモリ']) expect(text).toContain(no);
    for (const n of [1, 2, 3, 4]) expect(isBlankInPdf(pdf, labelCell('12', n))).toBe(true);
    expect(isBlankInPdf(pdf, labelCell('12', 8))).toBe(true);
    expect(decodeQrInPdf(pdf, labelCell('12', 5))).toBe('SOM-USB-001');
    expect(decodeQrInPdf(pdf, labelCell('12', 6))).toBe('SOM-USB-002');
    // A hand-typed Japanese number gets a QR code (UTF-8) but no Code128 bar.
    expect(decodeQrInPdf(pdf, labelCell('12', 7))).toBe('市民-手書き-1');
    expect(app.printed.at(-1)!.html.match(/class="bar"/g)).toHaveLength(2);

    // The manager of the 課等 reads it: the print of the 課等's media by one of its people.
    await loginAs(app, people.manager);
    const events = (await app.ok('audit.query', { targetType: 'medium', pageSize: 50 })).rows.filter((e) => e.action === 'media.printLabels');
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toMatchObject({ mediaNos: ['SOM-USB-001', 'SOM-USB-002', '市民-手書き-1'], layout: '12', startPosition: 5 });
  });

  it('runs a 24面 sheet over onto a second page and draws spine labels of 簿冊 in vertical text', async () => {
    await loginAs(app, people.officer);
    const ids = await registered(['A-1', 'A-2', 'A-3']);
    await app.ok('media.printLabels', { mediumIds: ids, layout: '24', startPosition: 23, target: 'printer' });
    expect(app.printed.at(-1)!.kind).toBe('print');
    const pdf = await htmlToPdf(browser, app.printed.at(-1)!.html);
    expect(pdfPageInfo(pdf).pages).toBe(2);
    expect(decodeQrInPdf(pdf, labelCell('24', 24))).toBe('A-2');
    expect(decodeQrInPdf(pdf, labelCell('24', 1), 2)).toBe('A-3');

    const files = await registered(['SOM-BK-001'], 'paper');
    await app.ok('media.printSpineLabels', { mediumIds: files, startPosition: 2, target: 'pdf' });
    const spine = await htmlToPdf(browser, app.printed.at(-1)!.html);
    const text = pdfToText(spine);
    expect(text).toContain('SOM-BK-001');
    expect(app.printed.at(-1)!.html).toContain('writing-mode: vertical-rl');
    expect(isBlankInPdf(spine, labelCell('spine', 1))).toBe(true);
    expect(decodeQrInPdf(spine, labelCell('spine', 2))).toBe('SOM-BK-001');
  });

  it('prints only media the reader may see, refuses spine labels of non-paper media and positions off the sheet; nothing is logged', async () => {
    await loginAs(app, chief);
    const [taxMedium] = await registered(['ZEI-1'], 'usb', departments.tax);
    await loginAs(app, people.officer);
    const [own] = await registered(['SOM-1']);
    const printedBefore = app.printed.length;
    expect((await app.fail('media.printLabels', { mediumIds: [own!, taxMedium!], layout: '12', startPosition: 1, target: 'pdf' })).code).toBe('NOT_FOUND');
    expect((await app.fail('media.printLabels', { mediumIds: [999_999], layout: '12', startPosition: 1, target: 'pdf' })).code).toBe('NOT_FOUND');
    const offSheet = await app.fail('media.printLabels', { mediumIds: [own!], layout: '12', startPosition: 13, target: 'pdf' });
    expect(offSheet.issues?.[0]).toMatchObject({ path: ['startPosition'], messageKey: 'validation.tooLarge' });
    expect((await app.fail('media.printLabels', { mediumIds: [], layout: '24', startPosition: 1, target: 'pdf' })).issues?.[0]).toMatchObject({ path: ['mediumIds'] });
    const spine = await app.fail('media.printSpineLabels', { mediumIds: [own!], startPosition: 1, target: 'pdf' });
    expect(spine.issues?.[0]).toMatchObject({ path: ['mediumIds'], messageKey: 'validation.spineLabelPaperOnly' });
    // A clerk reads the register but does not label media.
    await loginAs(app, people.clerk);
    expect((await app.fail('media.printLabels', { mediumIds: [own!], layout: '12', startPosition: 1, target: 'pdf' })).code).toBe('PERMISSION_DENIED');
    expect(app.printed.length).toBe(printedBefore);
    await loginAs(app, chief);
    const logged = (await app.ok('audit.query', { targetType: 'medium', pageSize: 100 })).rows.filter((e) => e.action.startsWith('media.print'));
    expect(logged).toHaveLength(0);
  });

  it('fits a full 24面 sheet (the bench\'s) on one page, every QR readable', async () => {
    const items = Array.from({ length: 24 }, (_, i) => ({ mediaNo: `SOM-USB-${String(i + 1).padStart(3, '0')}`, departmentName: '総務課', typeLabel: 'USBメモリ', name: '' }));
    const pdf = await htmlToPdf(browser, renderLabelSheet({ layout: '24', startPosition: 1, items }));
    expect(pdfPageInfo(pdf).pages).toBe(1);
    expect(decodeQrInPdf(pdf, labelCell('24', 24))).toBe('SOM-USB-024');
  });
});
