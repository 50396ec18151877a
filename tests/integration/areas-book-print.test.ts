import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { reauth } from './support/backend';
import { chromiumPerFile } from './support/chromium';
import { areasAppPerTest, type AreasTest } from './support/areas';
import { bookScene } from './support/areaBook';
import { loginAs, people } from './support/holdings';
import { pdfPageInfo, withPdfFile } from './support/pdfText';

/**
 * The 入退室管理簿 on paper (issue #12 item 6; MIC §35): a day's and a month's book of one area,
 * printed through real Chromium to A4 landscape and read back with pdftotext — the area's head
 * (区域名, 種別, 所在, 課等, 期間), each visit of that area and period as recorded at the door (name,
 * 所属, 用件, the device and its inspection, the exception marked ※), a 確認欄 for the 保護管理者,
 * and nothing of another day or area. Days as the organisation prints them (西暦, or 和暦 by 設定).
 */
let t: AreasTest;
areasAppPerTest((test) => (t = test));

const { skip, toPdf } = chromiumPerFile();

/** pdftotext breaks lines inside narrow cells: compare texts without their white space. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The text in the order Chromium drew it (`-raw`): a cell's wrapped lines stay together, not interleaved with its row's other cells. */
const pdfRawText = (pdf: Buffer) => withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));

async function printed(input: { areaId: number; period: 'day' | 'month'; day?: string; month?: string; exceptionsOnly?: boolean }): Promise<string> {
  await t.app.ok('areas.visits.printBook', { ...input, target: 'pdf' });
  const pdf = await toPdf(t.app.printed.at(-1)!.html, { landscape: true });
  expect(pdfPageInfo(pdf)).toMatchObject({ widthPt: 842, heightPt: 595 });
  return squeeze(pdfRawText(pdf));
}

describe.skipIf(skip)('入退室管理簿 on paper', () => {
  it('prints a day of the server room: its visits as recorded, the exception marked, nothing of another day or area', async () => {
    const s = await bookScene(t.app, t.cast);
    await reauth(t.app, people.manager.password);
    const text = await printed({ areaId: s.serverRoom, period: 'day', day: '2026-11-21' });
    for (const words of ['入退室管理簿（日報）', 'サーバ室', '情報システム室', '本庁舎3階', '市民課', '2026年11月21日', '全3件']) expect(text).toContain(squeeze(words));
    // v1: name, 所属, 用件, the device with its inspection, the exception in bold with ※, the badge.
    for (const words of ['山田 太郎', '株式会社テスト保守', 'サーバの定期保守', 'USB-001（異常なし）', '※', '入館証の未返却', 'B-12（未返却）', '09:00', '10:00', s.v1.permitNo!]) {
      expect(text).toContain(squeeze(words));
    }
    expect(text).toContain(squeeze(`確認: ${people.manager.displayName}`));
    // v2 (staff) and v4 (still inside, escorted).
    expect(text).toContain('バックアップ媒体の交換');
    expect(text).toContain('ラック増設の下見');
    expect(text).toContain('在室中');
    // Not the archive's visits (another area), not 11-22's.
    expect(text).not.toContain('文書箱の搬出立会い');
    expect(text).not.toContain('保存文書の確認');
    // The 確認欄 for the 保護管理者 (MIC §35: the records are checked), the legend saying what ※ means.
    expect(text).toContain('確認欄');
    expect(text).toContain('保護管理者');
    expect(text).toContain(squeeze('※ は例外のある入退室です'));
    const html = t.app.printed.at(-1)!.html;
    expect(html).toMatch(/<b>※ 入館証の未返却<\/b>/);
  });

  it('prints a month of the archive in order of entry, in 和暦 when 設定 says so, with the 抽出条件', async () => {
    const s = await bookScene(t.app, t.cast);
    await loginAs(t.app, { loginId: 'sato', password: 'Kanri-2026-ichiro' });
    await reauth(t.app, 'Kanri-2026-ichiro');
    await t.app.ok('settings.update', { dateDisplay: 'wareki' });
    await loginAs(t.app, people.manager);
    await reauth(t.app, people.manager.password);
    const text = await printed({ areaId: s.archive, period: 'month', month: '2026-11' });
    for (const words of ['入退室管理簿（月報）', '書庫', '書庫・保管庫', '本庁舎地下1階', '令和8年11月', '令和8年11月22日', '条件なし（全件）', '全2件']) expect(text).toContain(squeeze(words));
    // In order of entry: 鈴木 08:30 before 山田 09:00.
    expect(text.indexOf('保存文書の確認')).toBeGreaterThan(-1);
    expect(text.indexOf('保存文書の確認')).toBeLessThan(text.indexOf('文書箱の搬出立会い'));
    expect(text).toContain(squeeze('B-3（未返却）'));
    expect(text).toContain('未確認');
    expect(text).not.toContain('サーバの定期保守');
  });

  it('prints only the exceptions when asked, saying so under 抽出条件; an empty book says none', async () => {
    const s = await bookScene(t.app, t.cast);
    await reauth(t.app, people.manager.password);
    const text = await printed({ areaId: s.serverRoom, period: 'month', month: '2026-11', exceptionsOnly: true });
    expect(text).toContain('例外のみ');
    expect(text).toContain('サーバの定期保守');
    expect(text).not.toContain('バックアップ媒体の交換');
    const empty = await printed({ areaId: s.serverRoom, period: 'day', day: '2026-11-20' });
    expect(empty).toContain('該当する入退室の記録はありません。');
    expect(empty).toContain('全0件');
  });

  it('prints a visit closed at the day\'s end with its exit day and 一括退室, and the exception it became', async () => {
    const s = await bookScene(t.app, t.cast);
    await loginAs(t.app, people.clerk);
    await t.app.ok('areas.visits.closeDay', { areaId: s.serverRoom, visitIds: [s.v4.id], reason: '退室の記録漏れ（警備員に確認）' });
    await loginAs(t.app, people.manager);
    await reauth(t.app, people.manager.password);
    const text = await printed({ areaId: s.serverRoom, period: 'day', day: '2026-11-21' });
    // Entered on the 21st, closed on the 22nd at 10:00 (the test clock): the day is printed with the time.
    expect(text).toContain(squeeze('2026年11月22日 10:00（一括退室）'));
    expect(text).toContain(squeeze('※ 一括退室'));
    expect(text).not.toContain('在室中');
  });
});
