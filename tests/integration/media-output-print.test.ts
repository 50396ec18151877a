import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chief, reauth, type TestApp } from './support/backend';
import { chromiumPerFile } from './support/chromium';
import { ledgerAppPerTest, loginAs, people } from './support/holdings';
import { registerMedia } from './support/mediaOutput';
import { expectPrintedPage } from './support/pageLook';
import { pdfPageInfo, pdfToText } from './support/pdfText';

/**
 * The media register and the 持出管理簿 on paper and in CSV (issue #10 item 7): what the printer
 * was given is printed by Chromium (Electron's engine) and read back with pdftotext, so the
 * assertions are on the paper. An overdue take-out is marked by the organisation's calendar.
 */
let app: TestApp;
let departments: { citizens: number; tax: number };
ledgerAppPerTest((a, ids) => {
  app = a;
  departments = ids;
});

const { skip, toPdf } = chromiumPerFile();

const day = 24 * 3_600_000;

/** USB-001 out and due back 2026-11-24; HDD-001 out and returned (checked by the clerk); 簿冊-001 requested only. */
async function takeOuts(): Promise<void> {
  await registerMedia(app, departments);
  const ids = new Map((await app.ok('media.list', {})).rows.map((r) => [r.mediaNo, r.id]));
  const request = (mediaNo: string, destination: string) => ({
    mediumId: ids.get(mediaNo)!,
    purpose: '出張先での説明資料',
    destination,
    contentsSummary: '説明会資料',
    safeguards: { encryption: true, password: true, lockedCase: false, sealed: true },
    dueBack: '2026-11-24',
  });
  await loginAs(app, people.clerk);
  const usb = await app.ok('media.takeout.request', request('USB-001', '県庁 会議室'));
  const hdd = await app.ok('media.takeout.request', request('HDD-001', '本庁舎 別館'));
  await app.ok('media.takeout.request', { ...request('簿冊-001', '法務局'), safeguards: { encryption: false, password: false, lockedCase: true, sealed: false } });
  await loginAs(app, people.manager);
  await app.ok('media.takeout.approve', { takeoutId: usb.id });
  await app.ok('media.takeout.approve', { takeoutId: hdd.id });
  await loginAs(app, people.clerk);
  await app.ok('media.takeout.checkOut', { takeoutId: usb.id });
  await app.ok('media.takeout.checkOut', { takeoutId: hdd.id });
  await app.ok('media.takeout.return', { takeoutId: hdd.id, contentsIntact: true, tempCopiesErased: true });
  // 2026-11-25 in Japan: USB-001 is a day past its due day.
  app.clock.advance(3 * day);
}

async function printed(channel: 'media.printList' | 'media.takeout.printList', input: Record<string, unknown>): Promise<string> {
  app.saveAnswer.path = path.join(app.outDir, 'list.pdf');
  await app.ok(channel, { filters: {}, target: 'pdf', ...input } as never);
  return app.printed.at(-1)!.html;
}

describe.skipIf(skip)('media register and 持出管理簿 on paper', () => {
  it('prints the register with its filters on A4 landscape, the rows read back from the PDF', async () => {
    await registerMedia(app, departments);
    await reauth(app, chief.password);
    const html = await printed('media.printList', { sort: 'mediaNo', direction: 'desc' });
    const pdf = await toPdf(html, { landscape: true });
    expect(pdfPageInfo(pdf)).toMatchObject({ pages: 1, widthPt: 842, heightPt: 595 });
    const text = pdfToText(pdf);
    for (const expected of ['媒体管理台帳（一覧）', 'USB-001', 'HDD-001', '簿冊-001', 'TAX-001', '耐火金庫', '施錠キャビネットA', '外付けHDD', '全 4 件', '条件なし（全件）']) expect(text).toContain(expected);
    // In the list's order: 管理番号 descending.
    expect(text.indexOf('簿冊-001')).toBeLessThan(text.indexOf('USB-001'));
    expect(text.indexOf('USB-001')).toBeLessThan(text.indexOf('HDD-001'));
    expectPrintedPage(pdf, {
      marginsMm: { top: 15, right: 15, bottom: 5, left: 15 },
      texts: [{ text: '媒体管理台帳（一覧）', within: { bottom: 0.25 } }, { text: 'TAX-001' }],
      screenshot: 'media-register-list.png',
    });
    const filtered = pdfToText(await toPdf(await printed('media.printList', { filters: { departmentId: departments.tax, type: 'usb' } }), { landscape: true }));
    expect(filtered).toContain('担当課等: 税務課 / 種別: USBメモリ');
    expect(filtered).toContain('TAX-001');
    expect(filtered).not.toContain('USB-001');
    const log = await app.ok('audit.query', { action: 'media.printList' });
    expect(log.rows[0]!.detail).toMatchObject({ rowCount: 1, target: 'pdf', filters: { departmentId: departments.tax, type: 'usb' } });
    // 和暦 when 設定 says so, in the organisation's calendar.
    await app.ok('settings.update', { dateDisplay: 'wareki' });
    expect(pdfToText(await toPdf(await printed('media.printList', { filters: { text: 'HDD' } }), { landscape: true }))).toContain('令和7年10月1日');
    // 抽出条件's days too, as the rows' (one way of writing a day on one sheet).
    const conditions = await printed('media.printList', { filters: { unseenSince: '2025-12-01' } });
    expect(conditions).toContain('がこの日より前: 令和7年12月1日');
    expect(conditions).not.toContain('2025-12-01');
  });

  it('prints the 持出管理簿 with every step of each take-out, marking the overdue one', async () => {
    await takeOuts();
    await loginAs(app, people.manager);
    await reauth(app, people.manager.password);
    const pdf = await toPdf(await printed('media.takeout.printList', {}), { landscape: true });
    const text = pdfToText(pdf);
    for (const expected of ['持出管理簿', 'USB-001', 'HDD-001', '簿冊-001', '県庁 会議室', '法務局', '田中 花子', '山田 課長', '封緘', '施錠できる容器', '返却済', '承認待ち', '全 3 件']) {
      expect(text).toContain(expected);
    }
    const lines = text.split('\n');
    // The legend quotes the mark 「※返却予定日超過」; a row carries it bare.
    const isMark = (l: string) => l.includes('※返却予定日超過') && !l.includes('「※返却予定日超過」');
    expect(lines.filter(isMark)).toHaveLength(1);
    // The mark sits in USB-001's row (its first line names the medium), and only there.
    const usbLine = lines.findIndex((l) => l.includes('USB-001'));
    const markLine = lines.findIndex(isMark);
    expect(markLine - usbLine).toBeGreaterThanOrEqual(0);
    expect(markLine - usbLine).toBeLessThan(4);
    expectPrintedPage(pdf, { marginsMm: { top: 15, right: 15, bottom: 5, left: 15 }, texts: [{ text: '持出管理簿', within: { bottom: 0.25 } }], screenshot: 'media-takeout-register.png' });
    const onlyOverdue = pdfToText(await toPdf(await printed('media.takeout.printList', { filters: { overdue: true } }), { landscape: true }));
    expect(onlyOverdue).toContain('返却予定日を過ぎたもののみ');
    expect(onlyOverdue).toContain('全 1 件');
  });

  it("gives a clerk of another 課等 none of 市民課's take-outs", async () => {
    await takeOuts();
    await loginAs(app, people.otherClerk);
    await reauth(app, people.otherClerk.password);
    const text = pdfToText(await toPdf(await printed('media.takeout.printList', {}), { landscape: true }));
    expect(text).toContain('該当する持出しの記録はありません。');
    expect(text).not.toContain('USB-001');
  });
});

describe('持出管理簿 as CSV', () => {
  it('writes one row per take-out in the screen words, the overdue one marked, return checks as 〇 / ×', async () => {
    await takeOuts();
    await loginAs(app, people.clerk);
    await reauth(app, people.clerk.password);
    app.saveAnswer.path = path.join(app.outDir, '持出.csv');
    expect((await app.ok('media.takeout.exportCsv', { filters: {} })).rowCount).toBe(3);
    const lines = readFileSync(app.saveAnswer.path, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      '\uFEFF管理番号,種別,担当課等,申請者,申請日時,持出しの目的,持出し先,持ち出す内容の概要,安全管理措置,返却予定日,状態,返却予定日超過,承認・却下者,承認・却下日時,承認・却下の備考,持出し日時,返却日時,返却確認者,内容の確認,複製の消去,返却時の備考',
    );
    // Newest request first, as the tab lists them.
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['簿冊-001', 'HDD-001', 'USB-001']);
    const usb = lines[3]!.split(',');
    expect(usb.slice(9, 13)).toEqual(['2026-11-24', '持出中', '〇', '山田 課長']);
    // Instants are the organisation's, with their offset (10:00 in Japan on 22 November).
    expect(usb[4]).toBe('2026-11-22T10:00:00.000+09:00');
    const hdd = lines[2]!.split(',');
    expect(hdd.slice(10, 12)).toEqual(['返却済', '']);
    expect(hdd.slice(17, 20)).toEqual(['田中 花子', '〇', '〇']);
    await loginAs(app, chief);
    const log = await app.ok('audit.query', { action: 'media.takeout.export' });
    expect(log.rows[0]!.detail).toMatchObject({ rowCount: 3, file: '持出.csv', filters: {} });
  });
});
